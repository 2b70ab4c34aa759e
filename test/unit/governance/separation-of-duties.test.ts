import { describe, expect, it } from 'vitest';
import { ROLES, type Action, type Role } from '../../../main/governance/actions.ts';
import { GovernanceDenied, StepUpFailed } from '../../../main/governance/errors.ts';
import { governanceDb } from './fixtures.ts';

/*
 * The expected outcomes come from this table (the rules), not from the implementation.
 * Who may do what, by role:                      And who may not, by identity:
 */
const MAY: Record<string, readonly Role[]> = {
  'agent.run': ['analyst'],
  'agent.author': ['builder'],
  'agent.edit': ['builder'], //                    not someone who approved this agent's actions
  'action.approve': ['approver'], //               not the version's author, nor anyone who edited it
  'agent.deploy': ['deployer'], //                 not the version's author, nor anyone who edited it
  'audit.read': ['auditor'],
  'audit.export': ['auditor'],
  'user.manage': ['admin'],
  'role.grant': ['admin'],
  'policy.tighten': ['admin', 'approver'],
  'policy.loosen': ['approver'],
  'kill.engage': ['approver', 'admin'],
  'kill.release': ['approver', 'admin'],
};
type Relation = 'none' | 'authored this version' | 'edited this version' | 'approved this agent\'s actions';
const RELATIONS: readonly Relation[] = ['none', 'authored this version', 'edited this version', 'approved this agent\'s actions'];
const BARRED: Record<string, readonly Relation[]> = {
  'action.approve': ['authored this version', 'edited this version'],
  'agent.deploy': ['authored this version', 'edited this version'],
  'agent.edit': ['approved this agent\'s actions'],
};
const STEP_UP = new Set(['action.approve', 'agent.deploy', 'policy.loosen', 'kill.release']);

const cases = ROLES.flatMap((role) =>
  Object.keys(MAY).flatMap((action) =>
    RELATIONS.map((relation) => ({
      role,
      action,
      relation,
      allowed: (MAY[action] ?? []).includes(role) && !(BARRED[action] ?? []).includes(relation),
    })),
  ),
);

function setUp(role: Role, relation: Relation) {
  const g = governanceDb({ dana: [role] });
  g.ledger.recordVersion('triage', 1, relation === 'authored this version' ? 'dana' : 'bert');
  if (relation === 'edited this version') g.ledger.recordEdit('triage', 1, 'dana');
  if (relation === 'approved this agent\'s actions') g.ledger.recordApproval('triage', 1, 'dana', 'halt-7');
  return g;
}
const resource = { team: 'claims', agent: 'triage', version: 1 };

describe('separation of duties: roles × actions × relation to the agent version', () => {
  it('covers every combination', () => {
    expect(cases).toHaveLength(ROLES.length * Object.keys(MAY).length * RELATIONS.length);
  });

  it.each(cases)('$role doing $action having $relation → allowed: $allowed', async ({ role, action, relation, allowed }) => {
    const g = setUp(role, relation);
    const decision = await g.decisions.can('dana', action as Action, resource, { passphrase: 'pass:dana' });
    expect(decision.allowed).toBe(allowed);
    if (!allowed) {
      expect(decision.rule).toBe((MAY[action] ?? []).includes(role) ? 'separation-of-duties' : 'role');
      expect(g.audit.events.at(-1)).toMatchObject({ actor: 'dana', action: 'governance.decision', subject: action, outcome: 'denied' });
      await expect(g.decisions.enforce('dana', action as Action, resource, { passphrase: 'pass:dana' })).rejects.toBeInstanceOf(GovernanceDenied);
    } else {
      expect(g.audit.events).toEqual([]);
    }
  });

  it('holds by identity: someone holding every role still cannot approve or deploy a version they wrote', async () => {
    const g = governanceDb({ dana: ROLES });
    g.ledger.recordVersion('triage', 1, 'dana');
    for (const action of ['action.approve', 'agent.deploy'] as const) {
      const d = await g.decisions.can('dana', action, resource, { passphrase: 'pass:dana' });
      expect(d).toMatchObject({ allowed: false, rule: 'separation-of-duties' });
      expect(d.reason).toMatch(/dana authored or edited version 1 of agent "triage"/);
    }
    // …but may approve another agent's version.
    g.ledger.recordVersion('intake', 1, 'bert');
    expect((await g.decisions.can('dana', 'action.approve', { agent: 'intake', version: 1 }, { passphrase: 'pass:dana' })).allowed).toBe(true);
  });

  it('bars an approver who edited an EARLIER version of the agent from approving the current one', async () => {
    const g = governanceDb({ erin: ['approver', 'builder'] });
    g.ledger.recordVersion('triage', 1, 'bert');
    g.ledger.recordEdit('triage', 1, 'erin');
    g.ledger.recordVersion('triage', 2, 'bert');
    const d = await g.decisions.can('erin', 'action.approve', { agent: 'triage', version: 2 }, { passphrase: 'pass:erin' });
    expect(d).toMatchObject({ allowed: false, rule: 'separation-of-duties' });
    expect(d.reason).toMatch(/edited agent "triage"/);
  });

  it('refuses approve and deploy that do not name the agent version', async () => {
    const g = governanceDb({ dana: ['approver'] });
    const d = await g.decisions.can('dana', 'action.approve', { agent: 'triage' }, { passphrase: 'pass:dana' });
    expect(d).toMatchObject({ allowed: false, rule: 'separation-of-duties' });
  });

  it.each([...STEP_UP])('%s needs step-up: refused without the passphrase or with a wrong one, and recorded', async (action) => {
    const role = (MAY[action] ?? [])[0] as Role;
    const g = setUp(role, 'none');
    const without = await g.decisions.can('dana', action as Action, resource);
    expect(without).toMatchObject({ allowed: false, rule: 'step-up' });
    expect(without.reason).toMatch(/enter your passphrase again/);
    await expect(g.decisions.enforce('dana', action as Action, resource, { passphrase: 'pass:someone-else' })).rejects.toBeInstanceOf(StepUpFailed);
    expect(g.audit.events.map((e) => e.fields?.rule)).toEqual(['step-up', 'step-up']);
    expect((await g.decisions.can('dana', action as Action, resource, { passphrase: 'pass:dana' })).allowed).toBe(true);
  });

  it('does not ask for step-up before role and identity checks pass (no passphrase oracle for outsiders)', async () => {
    let asked = 0;
    const g = governanceDb({ dana: ['analyst'] });
    const { DecisionPoint } = await import('../../../main/governance/decision.ts');
    const decisions = new DecisionPoint({ roles: g.roles, ledger: g.ledger, kills: g.kills, policy: g.policy, audit: g.audit, stepUp: { verify: () => ((asked += 1), Promise.resolve(true)) } });
    expect((await decisions.can('dana', 'action.approve', resource, { passphrase: 'x' })).rule).toBe('role');
    expect(asked).toBe(0);
  });
});
