import { afterEach, describe, expect, it } from 'vitest';
import { initAppliance, openAppliance, type Appliance, type UnlockedTenant } from '../../../main/appliance.ts';
import { decodeEntry } from '../../../main/audit/canonical.ts';
import { WrongPassphraseError } from '../../../main/data/errors.ts';
import { PASS_ALICE, PASS_BOB, TEST_KDF, tempDir } from '../data/helpers.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function freshAppliance(): Promise<{ appliance: Appliance; dir: string }> {
  const { dir, cleanup } = tempDir('airlock-audit-wiring-');
  cleanups.push(cleanup);
  const { appliance } = await initAppliance({ dir, tenant: 'acme', user: 'alice', passphrase: PASS_ALICE, kdf: TEST_KDF });
  cleanups.unshift(() => appliance.close());
  return { appliance, dir };
}

function actions(tenant: UnlockedTenant): { action: string; actor: string; outcome: string }[] {
  const rows = tenant.db.prepare('SELECT leaf FROM audit_entries ORDER BY seq').all() as { leaf: Uint8Array }[];
  return rows.map(({ leaf }) => {
    const { action, actor, outcome } = decodeEntry(new Uint8Array(leaf));
    return { action, actor, outcome };
  });
}

describe('the composition root puts every security-relevant change on the audit log', () => {
  it('records tenant creation, the first user, and each unlock', async () => {
    const { appliance } = await freshAppliance();
    const tenant = await appliance.unlockTenant('acme', 'alice', PASS_ALICE);
    const log = actions(tenant);
    expect(log.map((entry) => entry.action)).toEqual(expect.arrayContaining(['tenant.create', 'user.add', 'auth.unlock']));
    const result = await tenant.verifyAudit();
    expect(result.ok).toBe(true);
    expect(result.fingerprint).toBe(tenant.signingKeyFingerprint());
    await tenant.close();
  });

  it('moves failed unlocks into the tenant log at the next successful unlock', async () => {
    const { appliance } = await freshAppliance();
    await expect(appliance.unlockTenant('acme', 'alice', 'wrong horse battery 99')).rejects.toBeInstanceOf(WrongPassphraseError);
    // Back-off is 1 s after one failure; a fresh appliance handle with a later clock skips the wait.
    const later = openAppliance(appliance.dir, { kdf: TEST_KDF, now: () => Date.now() + 60_000 });
    cleanups.unshift(() => later.close());
    const tenant = await later.unlockTenant('acme', 'alice', PASS_ALICE);
    const unlocks = actions(tenant).filter((entry) => entry.action === 'auth.unlock');
    expect(unlocks.map((entry) => entry.outcome)).toContain('wrong-passphrase');
    expect(unlocks.map((entry) => entry.outcome)).toContain('success');
    // Imported once: a second unlock does not duplicate the old failure.
    await tenant.close();
    const again = await later.unlockTenant('acme', 'alice', PASS_ALICE);
    const failures = actions(again).filter((entry) => entry.outcome === 'wrong-passphrase');
    expect(failures).toHaveLength(1);
    expect((await again.verifyAudit()).ok).toBe(true);
    await again.close();
  });

  it('records user add and remove and key rotation before and after the change', async () => {
    const { appliance } = await freshAppliance();
    const tenant = await appliance.unlockTenant('acme', 'alice', PASS_ALICE);
    await tenant.addUser('bob', PASS_BOB);
    await tenant.rotateKeys();
    await tenant.removeUser('bob');
    const log = actions(tenant).filter((entry) => ['user.add', 'user.remove', 'keys.rotate'].includes(entry.action));
    expect(log.map((entry) => `${entry.action}/${entry.outcome}`)).toEqual([
      'user.add/ok', // the first user, at tenant creation
      'user.add/attempt',
      'user.add/ok',
      'keys.rotate/attempt',
      'keys.rotate/ok',
      'user.remove/attempt',
      'user.remove/ok',
    ]);
    expect((await tenant.verifyAudit()).ok).toBe(true);
    await tenant.close();
  });

  it('refuses a change whose audit entry cannot be written (fail closed)', async () => {
    const { appliance } = await freshAppliance();
    const tenant = await appliance.unlockTenant('acme', 'alice', PASS_ALICE);
    // An attacker (or a full disk) makes the log refuse writes.
    tenant.db.exec("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    await expect(tenant.addUser('bob', PASS_BOB)).rejects.toThrow(/audit log write failed/);
    tenant.db.exec('DROP TRIGGER refuse_audit');
    await tenant.close();
    await expect(appliance.unlockTenant('acme', 'bob', PASS_BOB)).rejects.toThrow(/bob/);
  });

  it('two unlocked handles of one tenant append to one consistent log', async () => {
    const { appliance } = await freshAppliance();
    const first = await appliance.unlockTenant('acme', 'alice', PASS_ALICE);
    await first.addUser('bob', PASS_BOB);
    const second = await appliance.unlockTenant('acme', 'bob', PASS_BOB);
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => first.record({ action: 'test.first', subject: `n${i}` })),
      ...Array.from({ length: 20 }, (_, i) => second.record({ action: 'test.second', subject: `n${i}` })),
    ]);
    const result = await first.verifyAudit();
    expect(result.ok).toBe(true);
    expect(actions(first).filter((entry) => entry.action.startsWith('test.'))).toHaveLength(40);
    await second.close();
    await first.close();
  });
});
