import { describe, expect, it } from 'vitest';
import { Database } from '../../../main/data/sqlite.ts';
import { KillSwitchStore } from '../../../main/governance/kill-switch.ts';
import { migrateGovernance } from '../../../main/governance/schema.ts';

describe('KillSwitchStore.covering (one query for all three levels)', () => {
  it('names the highest engaged level covering the work, and nothing for other teams and agents', () => {
    const db = new Database(':memory:');
    migrateGovernance(db);
    const store = new KillSwitchStore(db);
    const work = { team: 'claims', agent: 'triage' };
    expect(store.covering(work)).toBeUndefined();
    expect(store.covering({})).toBeUndefined();

    store.engage('agent', 'triage', 'erin', 'drill');
    expect(store.covering(work)).toMatchObject({ scope: 'agent', target: 'triage' });
    expect(store.covering({ agent: 'triage' })).toMatchObject({ scope: 'agent' });
    expect(store.covering({ team: 'claims', agent: 'intake' })).toBeUndefined();
    expect(store.covering({ team: 'triage' })).toBeUndefined(); // a team named like the agent is another switch

    store.engage('team', 'claims', 'erin', 'drill');
    expect(store.covering(work)).toMatchObject({ scope: 'team', target: 'claims' });
    expect(store.covering({ team: 'claims', agent: 'intake' })).toMatchObject({ scope: 'team' });
    expect(store.covering({ agent: 'triage' })).toMatchObject({ scope: 'agent' });

    const tenant = store.engage('tenant', '', 'erin', 'drill').state;
    expect(store.covering(work)).toMatchObject({ scope: 'tenant', target: '' });
    expect(store.covering({})).toMatchObject({ scope: 'tenant' });
    expect(store.covering({ team: 'other', agent: 'other' })).toMatchObject({ scope: 'tenant', engagement: tenant.engagement });
    db.close();
  });
});
