import { describe, expect, it } from 'vitest';
import { Database } from '../../../main/data/sqlite.ts';
import type { Authorizer } from '../../../main/governance/actions.ts';
import { KillSwitchEngaged } from '../../../main/governance/errors.ts';
import { KillSwitches, KillSwitchRegistry, KillSwitchStore } from '../../../main/governance/kill-switch.ts';
import type { AuditSink } from '../../../main/governance/ports.ts';
import { migrateGovernance } from '../../../main/governance/schema.ts';

const allowAll = {} as Authorizer; // assertNotKilled authorises nothing

function switches(append: AuditSink['append']): { kills: KillSwitches; db: Database } {
  const db = new Database(':memory:');
  migrateGovernance(db);
  const store = new KillSwitchStore(db);
  store.engage('team', 'claims', 'erin', 'drill');
  return { kills: new KillSwitches(store, new KillSwitchRegistry(), allowAll, { append }), db };
}

describe('KillSwitches.assertNotKilled', () => {
  it('refuses work under an engaged switch with the seq of the governance.kill.refused entry that recorded it', async () => {
    const recorded: string[] = [];
    const { kills, db } = switches(async (event) => {
      recorded.push(`${event.action} ${event.outcome}`);
      return { seq: 42 };
    });
    const refusal = await kills.assertNotKilled({ team: 'claims' }, 'ann', 'gateway.call').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(KillSwitchEngaged);
    expect(refusal).toMatchObject({ code: 'KILL_SWITCH_ENGAGED', scope: 'team', target: 'claims', auditSeq: 42 });
    expect(recorded).toEqual(['governance.kill.refused refused']);
    db.close();
  });

  it('still refuses when the refusal cannot be recorded, with no seq and the audit failure as its cause', async () => {
    const failure = new Error('log unavailable');
    const { kills, db } = switches(() => Promise.reject(failure));
    const refusal = await kills.assertNotKilled({ team: 'claims' }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(KillSwitchEngaged);
    expect((refusal as KillSwitchEngaged).auditSeq).toBeUndefined();
    expect((refusal as Error).cause).toBe(failure);
    db.close();
  });
});
