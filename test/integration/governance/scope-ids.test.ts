/**
 * One spelling per team and agent id: a kill switch, a policy level or an agent named in any other
 * spelling (capitals, spaces, look-alike letters) would govern a name no call can carry, so it is
 * refused before anything is written, saying how to write it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GovernanceDenied, PolicyValueError } from '../../../main/governance/errors.ts';
import { close, entries, governedTenant, type GovernedTenant } from './helpers.ts';

let t: GovernedTenant;
beforeAll(async () => {
  t = await governedTenant();
}, 60_000);
afterAll(() => close(t));

const VARIANTS = ['Claims', ' claims', 'claims ', '\u0441laims' /* Cyrillic с */, '\uff43laims' /* fullwidth ｃ */, 'cl aims', ''] as const;

describe('team and agent ids', () => {
  it('refuses a kill switch on a team or agent written any way but as a lower-case id, and records nothing', async () => {
    const before = (await entries(t)).length;
    for (const scope of ['team', 'agent'] as const) {
      for (const target of VARIANTS) {
        const engaging = t.governance.kills.engage('erin', scope, target, 'runaway');
        await expect(engaging, `${scope} ${JSON.stringify(target)}`).rejects.toBeInstanceOf(GovernanceDenied);
      }
    }
    await expect(t.governance.kills.engage('erin', 'team', 'Claims', 'runaway')).rejects.toThrow(/lower-case id .*\(write "claims"\)/);
    expect(t.governance.kills.covering({ team: 'claims' })).toBeUndefined();
    expect((await entries(t)).length).toBe(before);
    // The id as written is accepted.
    const engaged = await t.governance.kills.engage('erin', 'team', 'claims-2', 'runaway');
    expect(engaged.state.target).toBe('claims-2');
  });

  it('refuses a policy level for a team or agent id in another spelling, naming the one to write', async () => {
    for (const level of ['team', 'agent'] as const) {
      for (const id of VARIANTS) {
        const setting = (): Promise<unknown> => t.governance.policyChanges.set('alice', { level, id }, 'budget.perCall', '0.1');
        await expect(Promise.resolve().then(setting), `${level} ${JSON.stringify(id)}`).rejects.toBeInstanceOf(PolicyValueError);
      }
    }
    await expect(Promise.resolve().then(() => t.governance.policyChanges.set('alice', { level: 'team', id: 'Claims' }, 'budget.perCall', '0.1'))).rejects.toThrow(
      /The team id must be a lower-case id .*\(write "claims"\)/,
    );
    await t.governance.policyChanges.set('alice', { level: 'team', id: 'claims' }, 'budget.perCall', '0.1');
    expect(t.governance.policy.resolve({ team: 'claims' })['budget.perCall']).toEqual({ value: 0.1, decidedBy: 'team' });
  });

  it("refuses an agent authored under a name no call can carry", async () => {
    await expect(t.governance.agents.authorVersion('bob', 'Triage')).rejects.toThrow(/the agent's name must be a lower-case id .*\(write "triage"\)/);
    expect(await t.governance.agents.authorVersion('bob', 'triage')).toBe(1);
  });
});
