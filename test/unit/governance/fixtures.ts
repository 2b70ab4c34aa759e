/** Real in-memory SQLite with the governance schema, a recording audit sink and a step-up table. */
import { Database } from '../../../main/data/sqlite.ts';
import type { AuditEvent } from '../../../main/audit/log.ts';
import type { Role } from '../../../main/governance/actions.ts';
import { DecisionPoint } from '../../../main/governance/decision.ts';
import { KillSwitchStore } from '../../../main/governance/kill-switch.ts';
import { PolicyResolver, PolicyStore } from '../../../main/governance/policy/resolver.ts';
import type { AuditSink, StepUpVerifier } from '../../../main/governance/ports.ts';
import { RoleGrants } from '../../../main/governance/roles.ts';
import { migrateGovernance } from '../../../main/governance/schema.ts';
import { AgentLedger } from '../../../main/governance/separation-of-duties.ts';

/** Records every event; `failing` makes appends reject like a broken audit log. */
export class RecordingSink implements AuditSink {
  readonly events: AuditEvent[] = [];
  failing = false;
  append(event: AuditEvent): Promise<{ seq: number }> {
    if (this.failing) return Promise.reject(new Error('audit log write failed (test)'));
    this.events.push(event);
    return Promise.resolve({ seq: this.events.length });
  }
}

/** Pure-logic tests only: each user's passphrase is `pass:<user>`. Integration tests use real key slots. */
export const knownPassphrases: StepUpVerifier = { verify: (user, passphrase) => Promise.resolve(passphrase === `pass:${user}`) };

let tenants = 0;

export function governanceDb(grants: Record<string, readonly Role[]> = {}) {
  const db = new Database(':memory:');
  migrateGovernance(db);
  const tenant = `tn_unit_${++tenants}`;
  const roles = new RoleGrants(db);
  for (const [user, list] of Object.entries(grants)) for (const role of list) roles.insert(user, role, 'fixture');
  const store = new PolicyStore(db, tenant);
  const policy = new PolicyResolver(store);
  const ledger = new AgentLedger(db);
  const kills = new KillSwitchStore(db);
  const audit = new RecordingSink();
  const decisions = new DecisionPoint({ roles, ledger, kills, policy, stepUp: knownPassphrases, audit });
  return { db, tenant, roles, store, policy, ledger, kills, audit, decisions };
}
