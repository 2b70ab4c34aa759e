import { describe, expect, it } from 'vitest';
import { GovernanceDenied, KillSwitchEngaged } from '../../../main/governance/errors.ts';
import { governanceDb } from './fixtures.ts';

describe('the decision point and the enforcement mode', () => {
  it('in enforce mode a policy denial blocks, says which level decided, and is recorded', async () => {
    const g = governanceDb();
    g.store.write({ level: 'team', id: 'claims' }, 'toolDiscovery', false, 'fixture');
    const d = await g.decisions.can('agent:triage', 'tool.discover', { team: 'claims', agent: 'triage' });
    expect(d).toMatchObject({ allowed: false, mode: 'enforce', rule: 'policy', warnings: [] });
    expect(d.reason).toMatch(/toolDiscovery is off \(toolDiscovery = off, set by the appliance level\)/);
    expect(g.audit.events).toHaveLength(1);
    expect(g.audit.events[0]).toMatchObject({ action: 'governance.decision', outcome: 'denied', fields: { rule: 'policy', mode: 'enforce', team: 'claims', agent: 'triage' } });
    await expect(g.decisions.enforce('agent:triage', 'tool.discover', { team: 'claims' })).rejects.toBeInstanceOf(GovernanceDenied);
  });

  it('in warn mode the same denial passes with the warning surfaced, and is recorded as warned', async () => {
    const g = governanceDb();
    g.store.write({ level: 'appliance' }, 'enforcementMode', 'warn', 'fixture');
    const d = await g.decisions.enforce('agent:triage', 'artifact.modify', { team: 'claims' });
    expect(d.allowed).toBe(true);
    expect(d.mode).toBe('warn');
    expect(d.warnings).toEqual([expect.stringMatching(/artifact changes are proposed for a human to approve/)]);
    expect(g.audit.events.map((e) => e.outcome)).toEqual(['warned']);
  });

  it('in audit mode it passes silently but is still recorded', async () => {
    const g = governanceDb();
    g.store.write({ level: 'appliance' }, 'enforcementMode', 'audit', 'fixture');
    g.store.write({ level: 'tenant' }, 'autonomy', 'reactive', 'fixture');
    const d = await g.decisions.can('agent:triage', 'agent.initiate', {});
    expect(d).toMatchObject({ allowed: true, mode: 'audit', warnings: [] });
    expect(g.audit.events.map((e) => e.outcome)).toEqual(['audit-only']);
  });

  it('a team can tighten the mode: warn at the appliance, enforce for one team', async () => {
    const g = governanceDb();
    g.store.write({ level: 'appliance' }, 'enforcementMode', 'warn', 'fixture');
    g.store.write({ level: 'team', id: 'claims' }, 'enforcementMode', 'enforce', 'fixture');
    expect((await g.decisions.can('a', 'tool.autoSync', { team: 'claims' })).allowed).toBe(false);
    expect((await g.decisions.can('a', 'tool.autoSync', { team: 'intake' })).allowed).toBe(true);
  });

  it('identity denials bind in every mode (warn does not soften a missing role)', async () => {
    const g = governanceDb({ alice: ['analyst'] });
    g.store.write({ level: 'appliance' }, 'enforcementMode', 'audit', 'fixture');
    const d = await g.decisions.can('alice', 'policy.tighten', {});
    expect(d).toMatchObject({ allowed: false, rule: 'role', mode: 'audit' });
    expect(d.reason).toMatch(/needs the admin or approver role; alice holds analyst/);
  });

  it('refuses runtime calls under a kill switch with KillSwitchEngaged, recorded as a refusal', async () => {
    const g = governanceDb();
    g.kills.engage('team', 'claims', 'erin', 'test');
    await expect(g.decisions.enforce('agent:triage', 'gateway.call', { team: 'claims', agent: 'triage' })).rejects.toBeInstanceOf(KillSwitchEngaged);
    expect(g.audit.events[0]).toMatchObject({ action: 'governance.kill.refused', outcome: 'refused', subject: 'gateway.call' });
    expect((await g.decisions.can('agent:intake', 'gateway.call', { team: 'intake' })).allowed).toBe(true);
  });

  it('fails closed: when the denial cannot be recorded the call rejects rather than answering', async () => {
    const g = governanceDb();
    g.store.write({ level: 'appliance' }, 'enforcementMode', 'warn', 'fixture');
    g.audit.failing = true;
    await expect(g.decisions.can('agent:x', 'tool.discover', {})).rejects.toThrow(/audit log write failed/);
  });
});
