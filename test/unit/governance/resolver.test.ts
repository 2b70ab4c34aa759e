import { describe, expect, it } from 'vitest';
import { POLICY_CACHE_TTL_MS, PolicyResolver, PolicyStore } from '../../../main/governance/policy/resolver.ts';
import { governanceDb } from './fixtures.ts';

describe('policy resolution through the 60-second cache', () => {
  it('serves from cache inside the TTL and re-reads after it (a change by another process)', () => {
    const { db, tenant } = governanceDb();
    let now = 1_000_000;
    const resolver = new PolicyResolver(new PolicyStore(db, tenant), { clock: () => now });
    expect(resolver.resolve({ team: 'claims' }).autonomy.value).toBe('proactive');
    // Another process writes straight to the database: no in-process invalidation.
    db.prepare("INSERT INTO gov_policy VALUES ('team', 'claims', 'autonomy', 'reactive', 'cli', '2030-01-01')").run();
    now += POLICY_CACHE_TTL_MS - 1;
    expect(resolver.resolve({ team: 'claims' }).autonomy.value).toBe('proactive');
    now += 1;
    expect(resolver.resolve({ team: 'claims' }).autonomy).toEqual({ value: 'reactive', decidedBy: 'team' });
    expect(resolver.stats).toEqual({ hits: 1, misses: 2 });
  });

  it('is invalidated at once by any change made in this process, through any store of the tenant', () => {
    const { db, tenant } = governanceDb();
    const now = 5;
    const a = new PolicyResolver(new PolicyStore(db, tenant), { clock: () => now });
    const b = new PolicyResolver(new PolicyStore(db, tenant), { clock: () => now });
    expect(a.resolve({ agent: 'triage' }).enforcementMode.value).toBe('enforce');
    expect(b.resolve({ agent: 'triage' }).toolDiscovery.value).toBe(false);
    new PolicyStore(db, tenant).write({ level: 'agent', id: 'triage' }, 'budget.perCall', 0.1, 'alice');
    expect(a.resolve({ agent: 'triage' })['budget.perCall']).toEqual({ value: 0.1, decidedBy: 'agent' });
    expect(b.resolve({ agent: 'triage' })['budget.perCall'].value).toBe(0.1);
  });

  it('keeps separate entries per team and agent', () => {
    const { store, policy } = governanceDb();
    store.write({ level: 'team', id: 'claims' }, 'packs', ['hipaa'], 'alice');
    expect(policy.resolve({ team: 'claims' }).packs.value).toEqual(['hipaa']);
    expect(policy.resolve({ team: 'intake' }).packs.value).toEqual([]);
    expect(policy.resolve({}).packs.value).toEqual([]);
  });
});
