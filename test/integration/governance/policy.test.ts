import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditWriteError } from '../../../main/audit/log.ts';
import { GovernanceDenied, StepUpFailed } from '../../../main/governance/errors.ts';
import { close, entries, governedTenant, PASS, restart, verify, type GovernedTenant } from './helpers.ts';

let t: GovernedTenant;
beforeEach(async () => {
  t = await governedTenant();
});
afterEach(async () => {
  await close(t);
});

const claims = { level: 'team', id: 'claims' } as const;

describe('governed policy changes (real audit log, real key slots)', () => {
  it('an admin tightens a team; the effective policy changes at once and the change is on the audit log with before/after', async () => {
    const g = t.governance;
    expect(g.policyFor({ team: 'claims' }).autonomy).toEqual({ value: 'proactive', decidedBy: 'appliance' });
    const change = await g.policyChanges.set('alice', claims, 'autonomy', 'reactive');
    expect(change).toMatchObject({ loosening: false, before: undefined, after: 'reactive', tightened: ['autonomy'] });
    expect(g.policyFor({ team: 'claims' }).autonomy).toEqual({ value: 'reactive', decidedBy: 'team' });
    expect(g.policyFor({ team: 'intake' }).autonomy.value).toBe('proactive');
    const entry = entries(t).find((e) => e.action === 'governance.policy.change');
    expect(entry).toMatchObject({ actor: 'alice', seq: change.auditSeq, outcome: 'tightened', fields: { level: 'team', scope: 'claims', dimension: 'autonomy', before: '(unset)', after: 'reactive' } });
  });

  it('refuses a loosening to an admin (role) and to an approver without the right passphrase; the policy stays and each refusal is recorded', async () => {
    const g = t.governance;
    await g.policyChanges.set('alice', claims, 'budget.perCall', '0.25');
    await expect(g.policyChanges.set('alice', claims, 'budget.perCall', '0.4')).rejects.toThrow(GovernanceDenied);
    await expect(g.policyChanges.set('erin', claims, 'budget.perCall', '0.4')).rejects.toThrow(StepUpFailed);
    await expect(g.policyChanges.set('erin', claims, 'budget.perCall', '0.4', { passphrase: PASS.frank })).rejects.toThrow(StepUpFailed);
    expect(g.policyFor({ team: 'claims' })['budget.perCall'].value).toBe(0.25);
    const refusals = entries(t).filter((e) => e.action === 'governance.decision' && e.subject === 'policy.loosen');
    expect(refusals.map((e) => [e.actor, e.fields.rule])).toEqual([['alice', 'role'], ['erin', 'step-up'], ['erin', 'step-up']]);

    const change = await g.policyChanges.set('erin', claims, 'budget.perCall', '0.4', { passphrase: PASS.erin });
    expect(change).toMatchObject({ loosening: true, loosened: ['budget.perCall'], before: '0.25', after: '0.4' });
    expect(g.policyFor({ team: 'claims' })['budget.perCall']).toEqual({ value: 0.4, decidedBy: 'team' });
    expect(entries(t).at(-1)).toMatchObject({ actor: 'erin', outcome: 'loosened', fields: { before: '0.25', after: '0.4', loosened: 'budget.perCall' } });
  });

  it('treats removing a setting masked by a stricter level above as a (latent) loosening', async () => {
    const g = t.governance;
    await g.policyChanges.set('alice', { level: 'tenant' }, 'toolDiscovery', 'off');
    await g.policyChanges.set('alice', claims, 'toolDiscovery', 'off');
    expect(g.policyChanges.classify(claims, 'toolDiscovery', undefined)).toMatchObject({ loosening: true, latent: true, loosened: [] });
    await expect(g.policyChanges.set('alice', claims, 'toolDiscovery', undefined)).rejects.toThrow(/needs the approver role/);
    const change = await g.policyChanges.set('erin', claims, 'toolDiscovery', undefined, { passphrase: PASS.erin });
    expect(change).toMatchObject({ latent: true, before: 'off', after: undefined });
  });

  it('fails closed: when the audit log cannot record the change, the policy is not changed', async () => {
    await t.log.close();
    await expect(t.governance.policyChanges.set('alice', claims, 'autonomy', 'reactive')).rejects.toThrow(AuditWriteError);
    expect(t.governance.policyStore.level(claims)).toEqual({});
  });

  it('keeps policy across a restart and the audit log still verifies', async () => {
    await t.governance.policyChanges.set('alice', claims, 'enforcementMode', 'enforce');
    await t.governance.packs.enable('alice', 'hipaa', claims);
    t = await restart(t);
    const resolved = t.governance.policyFor({ team: 'claims', agent: 'triage' });
    expect(resolved.packs).toMatchObject({ value: ['hipaa'], decidedBy: 'team', sources: { hipaa: 'team' } });
    expect(await verify(t)).toMatchObject({ ok: true });
  });
});

describe('roles (real audit log)', () => {
  it('records every grant and revocation; only admins grant; the last admin cannot be revoked; bootstrap happens once', async () => {
    const g = t.governance;
    await expect(g.roles.grant('erin', 'ann', 'approver')).rejects.toThrow(/needs the admin role/);
    expect(await g.roles.grant('alice', 'ann', 'auditor')).toBe(true);
    expect(await g.roles.revoke('alice', 'ann', 'auditor')).toBe(true);
    await expect(g.roles.revoke('alice', 'alice', 'admin')).rejects.toThrow(/last admin/);
    await expect(g.roles.bootstrapAdmin('bob')).rejects.toThrow(/already has an admin/);
    await expect(g.roles.grant('alice', 'ann', 'superuser')).rejects.toThrow(/no such role/);
    const log = entries(t).filter((e) => e.action.startsWith('governance.role.'));
    expect(log.slice(-2).map((e) => [e.action, e.actor, e.subject, e.fields.role])).toEqual([
      ['governance.role.grant', 'alice', 'ann', 'auditor'],
      ['governance.role.revoke', 'alice', 'ann', 'auditor'],
    ]);
    expect(log[0]).toMatchObject({ subject: 'alice', fields: { role: 'admin', bootstrap: 'true' } });
  });

  it('runs the agent lifecycle with separation of duties by identity, step-up on real key slots', async () => {
    const g = t.governance;
    await g.roles.grant('alice', 'bob', 'approver'); // bob is builder AND approver
    await g.roles.grant('alice', 'bob', 'deployer');
    const v = await g.agents.authorVersion('bob', 'triage', 'claims');
    await expect(g.agents.approve('bob', { agent: 'triage', version: v, ref: 'halt-1' }, PASS.bob as string)).rejects.toThrow(/bob authored or edited version 1/);
    await expect(g.agents.deploy('bob', { agent: 'triage', version: v }, PASS.bob as string)).rejects.toThrow(/another deployer must promote it/);
    await expect(g.agents.approve('erin', { agent: 'triage', version: v, ref: 'halt-1' }, 'wrong passphrase 123')).rejects.toThrow(StepUpFailed);
    await g.agents.approve('erin', { agent: 'triage', version: v, ref: 'halt-1' }, PASS.erin as string);
    await g.agents.deploy('dave', { agent: 'triage', version: v }, PASS.dave as string);
    await g.roles.grant('alice', 'erin', 'builder');
    await expect(g.agents.edit('erin', 'triage', v)).rejects.toThrow(/may not edit an agent whose actions they approve/);
    expect(entries(t).filter((e) => e.outcome === 'ok' && e.action.startsWith('governance.agent') || e.action === 'governance.action.approve').map((e) => `${e.actor}:${e.action}`)).toEqual([
      'bob:governance.agent.author',
      'erin:governance.action.approve',
      'dave:governance.agent.deploy',
    ]);
  });
});
