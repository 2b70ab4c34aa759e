/**
 * A real governed tenant for integration tests: an appliance (test KDF), users with their own key
 * slots, the tenant's real AuditLog (opened by the data layer over the encrypted tenant database),
 * and governance on top.
 * Step-up re-authentication uses the real key slots (KeySlotStepUp, the default).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeEntry, type AuditEntry } from '../../../main/audit/canonical.ts';
import type { AuditLog } from '../../../main/audit/log.ts';
import { initAppliance, openAppliance, type Appliance, type UnlockedTenant } from '../../../main/appliance.ts';
import type { ScryptParams } from '../../../main/data/kdf.ts';
import type { Role } from '../../../main/governance/actions.ts';
import { openGovernance, type Governance } from '../../../main/governance/governance.ts';

/** Test-only low work factor, passed explicitly (production is N=2^17). */
export const TEST_KDF: ScryptParams = { alg: 'scrypt', N: 2 ** 10, r: 8, p: 1, dkLen: 32 };

export const PASS: Record<string, string> = {
  alice: 'alice correct horse staple 7', // admin
  erin: 'erin quiet harbour lantern 31', // approver
  frank: 'frank amber meadow violin 58', // approver
  bob: 'bob tangerine lighthouse 42', // builder
  dave: 'dave copper orchard kettle 77', // deployer
  ann: 'ann silver canyon pebble 19', // analyst
};
const ROLES_OF: Record<string, Role[]> = { erin: ['approver'], frank: ['approver'], bob: ['builder'], dave: ['deployer'], ann: ['analyst'] };

export interface GovernedTenant {
  dir: string;
  appliance: Appliance;
  tenant: UnlockedTenant;
  /** The tenant's own audit log (opened by the data layer at unlock). */
  log: AuditLog;
  governance: Governance;
}

async function open(appliance: Appliance, dir: string): Promise<GovernedTenant> {
  const tenant = await appliance.unlockTenant('acme', 'alice', PASS.alice as string);
  const governance = openGovernance({ tenant, audit: tenant.audit });
  return { dir, appliance, tenant, log: tenant.audit, governance };
}

/**
 * A fresh appliance with tenant "acme", six users with their own passphrases, and roles granted,
 * in a new directory under `parent` (default: the OS temporary directory).
 */
export async function governedTenant(parent: string = tmpdir()): Promise<GovernedTenant> {
  const dir = mkdtempSync(join(parent, 'airlock-governance-'));
  const { appliance } = await initAppliance({ dir, tenant: 'acme', user: 'alice', passphrase: PASS.alice as string, kdf: TEST_KDF });
  const t = await open(appliance, dir);
  for (const user of Object.keys(ROLES_OF)) await t.tenant.addUser(user, PASS[user] as string);
  await t.governance.roles.bootstrapAdmin('alice');
  for (const [user, roles] of Object.entries(ROLES_OF)) for (const role of roles) await t.governance.roles.grant('alice', user, role);
  return t;
}

/** Simulates a restart: closes everything and opens the appliance, tenant, log and governance anew. */
export async function restart(t: GovernedTenant): Promise<GovernedTenant> {
  await t.tenant.close();
  t.appliance.close();
  return open(openAppliance(t.dir, { kdf: TEST_KDF }), t.dir);
}

export async function close(t: GovernedTenant): Promise<void> {
  await t.tenant.close();
  t.appliance.close();
  rmSync(t.dir, { recursive: true, force: true });
}

export function entries(t: GovernedTenant): AuditEntry[] {
  const rows = t.tenant.db.prepare('SELECT leaf FROM audit_entries ORDER BY seq').all() as { leaf: Uint8Array }[];
  return rows.map((r) => decodeEntry(r.leaf));
}

/** Chain, tree, epoch MACs and checkpoint signatures of the tenant's log, recomputed. */
export function verify(t: GovernedTenant) {
  return t.tenant.verifyAudit();
}
