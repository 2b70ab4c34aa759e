import { describe, expect, it } from 'vitest';
import { KillSwitchEngaged } from '../../../main/governance/errors.ts';
import { covers, KillSwitchRegistry, type KillSwitchState } from '../../../main/governance/kill-switch.ts';

const state = (scope: KillSwitchState['scope'], target: string): KillSwitchState => ({
  scope, target, engagement: 'kill_x', engagedBy: 'erin', engagedAt: '2030-01-01T00:00:00Z', reason: 'test', releaseVotes: [],
});

describe('kill-switch registry', () => {
  it('cascades downward: tenant covers all, team covers its agents\' work, agent only its own', () => {
    expect(covers(state('tenant', ''), {})).toBe(true);
    expect(covers(state('team', 'claims'), { team: 'claims', agent: 'triage' })).toBe(true);
    expect(covers(state('team', 'claims'), { team: 'intake', agent: 'triage' })).toBe(false);
    expect(covers(state('agent', 'triage'), { team: 'intake', agent: 'triage' })).toBe(true);
    expect(covers(state('agent', 'triage'), { team: 'claims' })).toBe(false);
  });

  it('aborts covered work synchronously with a KillSwitchEngaged reason and forgets it', () => {
    const registry = new KillSwitchRegistry();
    const a = registry.register({ team: 'claims', agent: 'triage' });
    const b = registry.register({ team: 'intake', agent: 'triage' });
    const c = registry.register({ team: 'intake', agent: 'intake-bot' });
    expect(registry.abortCovered(state('team', 'claims'))).toBe(1);
    expect(a.signal.aborted).toBe(true);
    expect(a.signal.reason).toBeInstanceOf(KillSwitchEngaged);
    expect(b.signal.aborted || c.signal.aborted).toBe(false);
    expect(registry.abortCovered(state('agent', 'triage'))).toBe(1);
    expect(b.signal.aborted).toBe(true);
    c.release();
    expect(registry.abortCovered(state('tenant', ''))).toBe(0);
    expect(c.signal.aborted).toBe(false);
    expect(registry.size).toBe(0);
  });
});

describe('kill switches engaged by another process', () => {
  it('are picked up by watch() and abort covered work here', async () => {
    const { KillSwitches } = await import('../../../main/governance/kill-switch.ts');
    const { governanceDb } = await import('./fixtures.ts');
    const g = governanceDb();
    const registry = new KillSwitchRegistry();
    const kills = new KillSwitches(g.kills, registry, g.decisions, g.audit);
    const work = kills.register({ team: 'claims' });
    g.kills.engage('team', 'claims', 'erin', 'engaged by the CLI'); // a direct write, as another process would
    expect(work.signal.aborted).toBe(false);
    const stop = kills.watch(5);
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      stop();
    }
    expect(work.signal.aborted).toBe(true);
    expect((work.signal.reason as Error).message).toMatch(/engaged by erin/);
  });
});
