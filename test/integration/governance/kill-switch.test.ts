import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlamaCppProvider, type GenerateResult } from '../../../main/providers/llama-cpp.ts';
import { GovernanceDenied, KillSwitchEngaged } from '../../../main/governance/errors.ts';
import { close, entries, governedTenant, PASS, restart, verify, type GovernedTenant } from './helpers.ts';

let provider: LlamaCppProvider;
let t: GovernedTenant;

beforeAll(async () => {
  provider = await LlamaCppProvider.open({ alias: 'tiny-test' });
  t = await governedTenant();
});
afterAll(async () => {
  await provider?.dispose();
  if (t) await close(t);
});

const work = { team: 'claims', agent: 'triage' };

/** Starts a long streaming generation whose signal comes from the kill-switch registry. */
function stream(signal: AbortSignal, startedAfter = 20) {
  const tokens: { at: number; afterAbort: boolean }[] = [];
  let streaming!: () => void;
  const started = new Promise<void>((resolve) => (streaming = resolve));
  const run: Promise<GenerateResult> = provider.generate({
    prompt: 'x',
    maxTokens: 100_000,
    signal,
    onToken: () => {
      tokens.push({ at: performance.now(), afterAbort: signal.aborted });
      if (tokens.length === startedAfter) streaming();
    },
  });
  return { tokens, started, run };
}

describe('kill switch on the real tiny model', () => {
  it('aborts a streaming generation mid-stream: stopReason aborted and no token after engagement', async () => {
    const registration = t.governance.kills.register(work);
    const { tokens, started, run } = stream(registration.signal);
    await started;
    let abortedAt = 0;
    registration.signal.addEventListener('abort', () => (abortedAt = performance.now()));
    const engagement = await t.governance.kills.engage('erin', 'team', 'claims', 'runaway agent');
    const result = await run;
    registration.release();

    expect(engagement).toMatchObject({ aborted: 1, fresh: true, state: { scope: 'team', target: 'claims', engagedBy: 'erin' } });
    expect(result.stopReason).toBe('aborted');
    expect(tokens.length).toBeGreaterThanOrEqual(20);
    expect(tokens.filter((tk) => tk.afterAbort)).toEqual([]);
    expect(Math.max(...tokens.map((tk) => tk.at))).toBeLessThanOrEqual(abortedAt);
    expect(registration.signal.reason).toBeInstanceOf(KillSwitchEngaged);
    expect(entries(t).at(-1)).toMatchObject({ actor: 'erin', action: 'governance.kill.engage', outcome: 'engaged', fields: { scope: 'team', target: 'claims', aborted: '1' } });
  });

  it('refuses to let someone without approver or admin engage a switch', async () => {
    await expect(t.governance.kills.engage('bob', 'agent', 'triage')).rejects.toBeInstanceOf(GovernanceDenied);
    expect(t.governance.kills.covering({ agent: 'triage' })).toBeUndefined(); // no agent switch was engaged
    expect(t.governance.kills.covering(work)?.scope).toBe('team');
  });

  it('does not release when the same person asks twice', async () => {
    const first = await t.governance.kills.release('erin', 'team', 'claims', PASS.erin as string);
    const second = await t.governance.kills.release('erin', 'team', 'claims', PASS.erin as string);
    expect(first).toMatchObject({ released: false, votes: ['erin'] });
    expect(second).toMatchObject({ released: false, votes: ['erin'] });
    expect(second.released === false && second.reason).toMatch(/second, different approver/);
    await expect(t.governance.kills.release('frank', 'team', 'claims', 'not franks passphrase 1')).rejects.toThrow(/re-authentication|not correct/);
    expect(t.governance.kills.status()).toMatchObject([{ scope: 'team', target: 'claims', releaseVotes: ['erin'] }]);
  });

  it('is still engaged after a restart; later checks are refused with KillSwitchEngaged and recorded', async () => {
    t = await restart(t);
    expect(t.governance.kills.status()).toMatchObject([{ scope: 'team', target: 'claims', engagedBy: 'erin', releaseVotes: ['erin'] }]);
    const before = entries(t).length;
    const refusal = await t.governance.kills.assertNotKilled(work, 'agent:triage', 'gateway.call').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(KillSwitchEngaged);
    expect((refusal as KillSwitchEngaged).message).toMatch(/team kill switch for team "claims" was engaged by erin/);
    const recorded = entries(t).slice(before);
    expect(recorded).toMatchObject([{ actor: 'agent:triage', action: 'governance.kill.refused', subject: 'gateway.call', outcome: 'refused', fields: { scope: 'team', target: 'claims', team: 'claims', agent: 'triage' } }]);
    // The decision point refuses runtime calls the same way.
    await expect(t.governance.enforce('ann', 'agent.run', work)).rejects.toBeInstanceOf(KillSwitchEngaged);
    // New work registered under the switch starts aborted: the model generates nothing.
    const late = t.governance.kills.register(work);
    expect(late.signal.aborted).toBe(true);
    expect(await provider.generate({ prompt: 'x', maxTokens: 50, signal: late.signal })).toMatchObject({ tokens: 0, stopReason: 'aborted' });
    // Other teams carry on.
    await expect(t.governance.kills.assertNotKilled({ team: 'intake', agent: 'intake-bot' })).resolves.toBeUndefined();
  });

  it('releases once a second, different approver confirms (the first vote survived the restart)', async () => {
    const outcome = await t.governance.kills.release('frank', 'team', 'claims', PASS.frank as string);
    expect(outcome).toEqual({ released: true, by: ['erin', 'frank'] });
    await expect(t.governance.kills.assertNotKilled(work)).resolves.toBeUndefined();
    expect(entries(t).at(-1)).toMatchObject({ actor: 'frank', action: 'governance.kill.release', outcome: 'released', fields: { by: 'erin,frank' } });
  });

  it('a tenant switch overrides every team and agent and aborts all their work', async () => {
    const a = t.governance.kills.register({ team: 'claims', agent: 'triage' });
    const b = t.governance.kills.register({ team: 'intake' });
    const { run, started } = stream(a.signal, 5);
    await started;
    const { aborted } = await t.governance.kills.engage('alice', 'tenant', '');
    expect(aborted).toBe(2);
    expect((await run).stopReason).toBe('aborted');
    expect(b.signal.aborted).toBe(true);
    await expect(t.governance.kills.assertNotKilled({ agent: 'anything' })).rejects.toMatchObject({ scope: 'tenant' });
    await t.governance.kills.release('alice', 'tenant', '', PASS.alice as string);
    await t.governance.kills.release('erin', 'tenant', '', PASS.erin as string);
    expect(t.governance.kills.status()).toEqual([]);
    expect(await verify(t)).toMatchObject({ ok: true });
  });
});
