import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StepUpBackoff, StepUpFailed } from '../../../main/governance/errors.ts';
import { close, governedTenant, PASS, restart, type GovernedTenant } from './helpers.ts';

describe('step-up back-off across a restart (real appliance, real key slots)', () => {
  let t: GovernedTenant;
  beforeAll(async () => {
    t = await governedTenant();
  });
  afterAll(async () => {
    await close(t);
  });

  it('three wrong passphrases, then a restart: the right one is still refused until the wait is over', async () => {
    const claims = { level: 'team', id: 'claims' } as const;
    await t.governance.policyChanges.set('alice', claims, 'budget.perCall', '0.25');
    for (let i = 0; i < 3; i++) {
      await expect(t.governance.policyChanges.set('erin', claims, 'budget.perCall', '0.4', { passphrase: `not erins passphrase ${i}` })).rejects.toThrow(StepUpFailed);
    }
    t = await restart(t);
    const error = await t.governance.policyChanges.set('erin', claims, 'budget.perCall', '0.4', { passphrase: PASS.erin }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepUpBackoff);
    expect((error as StepUpBackoff).message).toMatch(/Wait \d+ s before trying again/);
    expect(t.governance.policyFor({ team: 'claims' })['budget.perCall'].value).toBe(0.25);
  });
});
