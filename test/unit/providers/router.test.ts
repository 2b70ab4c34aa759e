import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../main/providers/errors.ts';
import type { GenerateRequest, GenerateResult, ModelProvider } from '../../../main/providers/provider.ts';
import { ModelRouter, RouterConfigError, parseRouterConfig } from '../../../main/providers/router.ts';
import type { RouteOutcome, RouterConfigInput } from '../../../main/providers/router.ts';

/** A provider whose next outcomes the test scripts; it records every call. */
class ScriptedProvider implements ModelProvider {
  readonly kind = 'openai-compatible';
  readonly calls: GenerateRequest[] = [];
  failWith: ProviderError | undefined;
  streamBeforeFailing = false;
  constructor(readonly modelId: string) {}
  async generate(request: GenerateRequest): Promise<GenerateResult> {
    this.calls.push(request);
    if (this.streamBeforeFailing) request.onToken?.('partial');
    if (this.failWith !== undefined) throw this.failWith;
    request.onToken?.(`from ${this.modelId}`);
    return { text: `from ${this.modelId}`, tokens: 2, promptTokens: 3, stopReason: 'eos' };
  }
  async dispose(): Promise<void> {}
}

/** Holds each call open until the test settles it. */
class HeldProvider implements ModelProvider {
  readonly kind = 'openai-compatible';
  readonly modelId = 'held';
  readonly pending: { settle: (r: GenerateResult | Error) => void }[] = [];
  generate(): Promise<GenerateResult> {
    return new Promise((resolve, reject) => this.pending.push({ settle: (r) => (r instanceof Error ? reject(r) : resolve(r)) }));
  }
  async dispose(): Promise<void> {}
}

const eos: GenerateResult = { text: '', tokens: 0, promptTokens: 0, stopReason: 'eos' };

const down = (): ProviderError => new ProviderError('connection-failed', 'Cannot reach the model server (connection refused).');

const config: RouterConfigInput = {
  models: {
    big: { provider: 'vllm', fallback: 'small' },
    small: { provider: 'local' },
    legacy: { provider: 'local', deprecated: { successor: 'older' } },
    older: { provider: 'local', deprecated: { successor: 'small' } },
    solo: { provider: 'vllm' },
  },
  aliases: { default: 'big', fast: 'small', old: 'legacy' },
  teams: { claims: { aliases: { default: 'small' } } },
  agents: { triage: { team: 'claims', aliases: { fast: 'big' } }, intake: {} },
  tasks: { summarise: { aliases: { default: 'solo' } } },
  breaker: { failureThreshold: 2, resetAfterMs: 1_000 },
};

function setup(): { router: ModelRouter; vllm: ScriptedProvider; local: ScriptedProvider; clock: { t: number } } {
  const vllm = new ScriptedProvider('vllm-model');
  const local = new ScriptedProvider('local-model');
  const clock = { t: 0 };
  const router = new ModelRouter(config, { providers: { vllm, local }, now: () => clock.t });
  return { router, vllm, local, clock };
}

const ask = { prompt: 'hello', maxTokens: 4 };

describe('alias resolution by scope', () => {
  it('lets the most specific scope win: task, then agent, then team, then site', () => {
    const { router } = setup();
    expect(router.resolve('default')).toMatchObject({ model: 'big', scope: 'site' });
    expect(router.resolve('default', { team: 'claims' })).toMatchObject({ model: 'small', scope: 'team' });
    expect(router.resolve('default', { agent: 'triage' })).toMatchObject({ model: 'small', scope: 'team' }); // via the agent's team
    expect(router.resolve('fast', { agent: 'triage' })).toMatchObject({ model: 'big', scope: 'agent' });
    expect(router.resolve('fast', { agent: 'triage', task: 'summarise' })).toMatchObject({ model: 'big', scope: 'agent' });
    expect(router.resolve('default', { agent: 'triage', task: 'summarise' })).toMatchObject({ model: 'solo', scope: 'task' });
    expect(router.resolve('fast', { agent: 'intake' })).toMatchObject({ model: 'small', scope: 'site' });
  });

  it('takes a name that is no alias as a model id, and refuses an unknown name with a typed error', () => {
    const { router } = setup();
    expect(router.resolve('solo')).toMatchObject({ model: 'solo', scope: 'model-id', provider: 'vllm' });
    expect(() => router.resolve('nope')).toThrow(ProviderError);
    expect(() => router.resolve('nope')).toThrow(/No model or alias "nope".*known: default, fast, old/);
  });
});

describe('deprecated models', () => {
  it('re-routes a deprecated model through its successors and says so on the result', async () => {
    const { router, local } = setup();
    const result = await router.generate('old', ask);
    expect(result).toMatchObject({ requested: 'old', model: 'small', provider: 'local', routedFrom: 'legacy', reason: 'deprecated' });
    expect(result.hops).toEqual([
      { from: 'legacy', to: 'older', reason: 'deprecated' },
      { from: 'older', to: 'small', reason: 'deprecated' },
    ]);
    expect(local.calls).toHaveLength(1);
  });

  it('reports no re-route for a model that is current', async () => {
    const { router } = setup();
    const result = await router.generate('fast', ask);
    expect(result.routedFrom).toBeUndefined();
    expect(result.reason).toBeUndefined();
    expect(result.hops).toEqual([]);
  });
});

describe('fallback', () => {
  it('falls back to the configured alternate when the provider fails, and says so', async () => {
    const { router, vllm } = setup();
    vllm.failWith = down();
    const result = await router.generate('default', ask);
    expect(result).toMatchObject({ model: 'small', provider: 'local', routedFrom: 'big', reason: 'fallback', text: 'from local-model' });
  });

  it('does not fall back on a bad request: that is the caller\'s error, and it does not trip the breaker', async () => {
    const { router, vllm } = setup();
    vllm.failWith = new ProviderError('bad-request', 'maxTokens must be a positive integer');
    for (let i = 0; i < 3; i++) await expect(router.generate('default', ask)).rejects.toMatchObject({ code: 'bad-request' });
    expect(router.breakerState('vllm')).toBe('closed');
  });

  it('does not fall back once text has streamed to the caller', async () => {
    const { router, vllm, local } = setup();
    vllm.failWith = down();
    vllm.streamBeforeFailing = true;
    const seen: string[] = [];
    await expect(router.generate('default', { ...ask, onToken: (t) => seen.push(t) })).rejects.toMatchObject({ code: 'connection-failed' });
    expect(seen).toEqual(['partial']);
    expect(local.calls).toHaveLength(0);
  });

  it('re-routes a deprecated fallback to its successor, and the hops say so', async () => {
    const vllm = new ScriptedProvider('vllm-model');
    const local = new ScriptedProvider('local-model');
    const router = new ModelRouter(
      { models: { primary: { provider: 'vllm', fallback: 'retired' }, retired: { provider: 'vllm', deprecated: { successor: 'current' } }, current: { provider: 'local' } } },
      { providers: { vllm, local } },
    );
    vllm.failWith = down();
    const result = await router.generate('primary', ask);
    expect(result).toMatchObject({ model: 'current', provider: 'local', routedFrom: 'primary', reason: 'deprecated' });
    expect(result.hops).toEqual([
      { from: 'primary', to: 'retired', reason: 'fallback' },
      { from: 'retired', to: 'current', reason: 'deprecated' },
    ]);
    expect(vllm.calls).toHaveLength(1); // primary only: the retired model is never served
  });

  it('lists a deprecated fallback\'s successor among the models a call may end on, so it is priced and checked', () => {
    const vllm = new ScriptedProvider('vllm-model');
    const local = new ScriptedProvider('local-model');
    const router = new ModelRouter(
      { models: { a: { provider: 'vllm', fallback: 'b' }, b: { provider: 'vllm', deprecated: { successor: 'c' } }, c: { provider: 'local', fallback: 'd' }, d: { provider: 'local' } } },
      { providers: { vllm, local } },
    );
    expect(router.fallbackChain('a')).toEqual(['a', 'b', 'c', 'd']);
    expect(router.fallbackChain('d')).toEqual(['d']);
  });

  it('does not blame the provider for an error thrown by the caller\'s own onToken', async () => {
    const { router, vllm, local } = setup();
    const gone = new Error('client socket closed');
    for (let i = 0; i < 3; i++) {
      await expect(router.generate('default', { ...ask, onToken: () => { throw gone; } })).rejects.toBe(gone);
    }
    expect(router.breakerState('vllm')).toBe('closed');
    expect(vllm.calls).toHaveLength(3);
    expect(local.calls).toHaveLength(0); // no fallback either: the provider did nothing wrong
  });

  it.each(['unauthorized', 'model-not-found'] as const)('falls back when the provider refuses the model as set up (%s), without counting it towards the breaker', async (code) => {
    const { router, vllm, local } = setup();
    vllm.failWith = new ProviderError(code, `vllm refused (${code})`);
    for (let i = 0; i < 3; i++) {
      await expect(router.generate('default', ask)).resolves.toMatchObject({ model: 'small', routedFrom: 'big', reason: 'fallback' });
    }
    expect(vllm.calls).toHaveLength(3);
    expect(local.calls).toHaveLength(3);
    expect(router.breakerState('vllm')).toBe('closed');
  });

  it('neither counts a failure after the caller aborted towards the breaker nor falls back', async () => {
    const { router, vllm, local } = setup();
    vllm.failWith = down();
    const gone = new AbortController();
    gone.abort();
    for (let i = 0; i < 3; i++) await expect(router.generate('default', { ...ask, signal: gone.signal })).rejects.toMatchObject({ code: 'connection-failed' });
    expect(router.breakerState('vllm')).toBe('closed');
    expect(local.calls).toHaveLength(0);
  });

  it('reports the original failure, not the breaker, when the fallback is on the provider this same call just tripped', async () => {
    const p = new ScriptedProvider('p-model');
    p.failWith = down();
    const router = new ModelRouter({ models: { a: { provider: 'p', fallback: 'b' }, b: { provider: 'p' } }, breaker: { failureThreshold: 1, resetAfterMs: 1_000 } }, { providers: { p } });
    const routes: RouteOutcome[] = [];
    const error = await router.generate('a', ask, {}, { onFailure: (route) => routes.push(route) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'connection-failed' });
    expect((error as Error).message).not.toMatch(/circuit breaker|configure a fallback/);
    expect(p.calls).toHaveLength(1);
    expect(routes).toEqual([{ requested: 'a', model: 'a', provider: 'p', hops: [], attempts: ['connection-failed'] }]);
  });

  it('tells each failed call where it went, the last model tried and the hops to it, on the call and not on the error', async () => {
    const { router, vllm, local } = setup();
    const shared = down(); // one rejection handed to every waiting call, as a provider still opening does
    vllm.failWith = shared;
    local.failWith = shared;
    const routes: Record<string, RouteOutcome> = {};
    const [viaBig, direct] = await Promise.all([
      router.generate('default', ask, {}, { onFailure: (route) => (routes.viaBig = route) }).catch((e: unknown) => e),
      router.generate('fast', ask, {}, { onFailure: (route) => (routes.direct = route) }).catch((e: unknown) => e),
    ]);
    expect(viaBig).toBe(shared);
    expect(direct).toBe(shared);
    expect(routes.viaBig).toEqual({
      requested: 'default',
      model: 'small',
      provider: 'local',
      routedFrom: 'big',
      reason: 'fallback',
      hops: [{ from: 'big', to: 'small', reason: 'fallback' }],
      attempts: ['connection-failed', 'connection-failed'],
    });
    expect(routes.direct).toEqual({ requested: 'fast', model: 'small', provider: 'local', hops: [], attempts: ['connection-failed'] });
  });

  it('surfaces the provider error when there is no fallback', async () => {
    const { router, vllm } = setup();
    vllm.failWith = down();
    await expect(router.generate('solo', ask)).rejects.toMatchObject({ code: 'connection-failed' });
  });
});

describe('circuit breaker', () => {
  it('opens after N consecutive failures, skips the provider while open, half-opens after T with one trial', async () => {
    const { router, vllm, clock } = setup();
    vllm.failWith = down();
    await expect(router.generate('solo', ask)).rejects.toThrow();
    expect(router.breakerState('vllm')).toBe('closed');
    await expect(router.generate('solo', ask)).rejects.toThrow();
    expect(router.breakerState('vllm')).toBe('open');

    // Open: the provider is not called at all.
    const callsWhenOpened = vllm.calls.length;
    const refused = await router.generate('solo', ask).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'unavailable' });
    expect((refused as Error).message).toMatch(/circuit breaker is open; it will be retried in 1 s/);
    expect(vllm.calls).toHaveLength(callsWhenOpened);

    // A failing trial re-opens it for another T.
    clock.t = 1_000;
    expect(router.breakerState('vllm')).toBe('half-open');
    await expect(router.generate('solo', ask)).rejects.toMatchObject({ code: 'connection-failed' });
    expect(vllm.calls).toHaveLength(callsWhenOpened + 1);
    expect(router.breakerState('vllm')).toBe('open');

    // A successful trial closes it.
    clock.t = 2_000;
    vllm.failWith = undefined;
    expect((await router.generate('solo', ask)).model).toBe('solo');
    expect(router.breakerState('vllm')).toBe('closed');
  });

  it('stays open until exactly resetAfterMs has passed, and half-opens then', async () => {
    const { router, vllm, clock } = setup();
    vllm.failWith = down();
    await router.generate('solo', ask).catch(() => undefined);
    await router.generate('solo', ask).catch(() => undefined);
    const callsWhenOpened = vllm.calls.length;
    clock.t = 999;
    expect(router.breakerState('vllm')).toBe('open');
    await expect(router.generate('solo', ask)).rejects.toMatchObject({ code: 'unavailable' });
    expect(vllm.calls).toHaveLength(callsWhenOpened);
    clock.t = 1_000;
    expect(router.breakerState('vllm')).toBe('half-open');
  });

  it('lets exactly one trial through in half-open while it is in flight', async () => {
    const { router, vllm, clock } = setup();
    vllm.failWith = down();
    await router.generate('solo', ask).catch(() => undefined);
    await router.generate('solo', ask).catch(() => undefined);
    clock.t = 1_500;
    vllm.failWith = undefined;
    const trial = router.generate('solo', ask);
    const second = await router.generate('solo', ask).catch((e: unknown) => e);
    expect(second).toMatchObject({ code: 'unavailable' });
    await expect(trial).resolves.toMatchObject({ model: 'solo' });
  });

  it('keeps the one trial slot when a call from before the breaker opened ends during half-open', async () => {
    const held = new HeldProvider();
    const clock = { t: 0 };
    const router = new ModelRouter({ models: { m: { provider: 'held' } }, breaker: { failureThreshold: 2, resetAfterMs: 1_000 } }, { providers: { held }, now: () => clock.t });
    const aborted: GenerateResult = { ...eos, stopReason: 'aborted' };

    const longCall = router.generate('m', ask); // let through while closed
    const failures = [router.generate('m', ask), router.generate('m', ask)];
    held.pending[1]?.settle(down());
    held.pending[2]?.settle(down());
    await Promise.allSettled(failures);
    expect(router.breakerState('held')).toBe('open');

    clock.t = 1_500;
    const trial = router.generate('m', ask);
    await expect(router.generate('m', ask)).rejects.toMatchObject({ code: 'unavailable' });
    held.pending[0]?.settle(aborted); // the long call ends, neutral, while the trial is in flight
    await longCall;
    await expect(router.generate('m', ask)).rejects.toMatchObject({ code: 'unavailable' });
    expect(held.pending).toHaveLength(4); // long call, two failures, one trial: never a second trial
    held.pending[3]?.settle(eos);
    await expect(trial).resolves.toMatchObject({ model: 'm' });
    expect(router.breakerState('held')).toBe('closed');
  });

  it('does not let a success from a call admitted before the breaker opened close it while half-open', async () => {
    const held = new HeldProvider();
    const clock = { t: 0 };
    const router = new ModelRouter({ models: { m: { provider: 'held' } }, breaker: { failureThreshold: 1, resetAfterMs: 1_000 } }, { providers: { held }, now: () => clock.t });
    const longCall = router.generate('m', ask); // let through while closed
    const failure = router.generate('m', ask);
    held.pending[1]?.settle(down());
    await failure.catch(() => undefined);
    expect(router.breakerState('held')).toBe('open');

    clock.t = 1_500;
    const trial = router.generate('m', ask);
    held.pending[0]?.settle(eos); // the long call succeeds: it says how the provider was before it failed
    await longCall;
    expect(router.breakerState('held')).toBe('half-open');
    await expect(router.generate('m', ask)).rejects.toMatchObject({ code: 'unavailable' });
    held.pending[2]?.settle(down()); // the trial decides: it fails, and the breaker re-opens
    await trial.catch(() => undefined);
    expect(router.breakerState('held')).toBe('open');
  });

  it('does not keep the breaker open longer for a failure of a call admitted before it opened', async () => {
    const held = new HeldProvider();
    const clock = { t: 0 };
    const router = new ModelRouter({ models: { m: { provider: 'held' } }, breaker: { failureThreshold: 1, resetAfterMs: 1_000 } }, { providers: { held }, now: () => clock.t });
    const calls = [router.generate('m', ask), router.generate('m', ask)]; // both let through while closed
    held.pending[0]?.settle(down()); // opens at t=0
    await calls[0]?.catch(() => undefined);
    expect(router.breakerState('held')).toBe('open');
    clock.t = 900;
    held.pending[1]?.settle(down()); // stale: must not push the reset to t=1900
    await Promise.allSettled(calls);
    clock.t = 1_100;
    expect(router.breakerState('held')).toBe('half-open');
  });

  it('routes around an open breaker to the fallback, with reason breaker-open', async () => {
    const { router, vllm } = setup();
    vllm.failWith = down();
    await router.generate('default', ask); // fails over, counts 1
    await router.generate('default', ask); // fails over, counts 2: open
    const callsBefore = vllm.calls.length;
    const result = await router.generate('default', ask);
    expect(result).toMatchObject({ model: 'small', routedFrom: 'big', reason: 'breaker-open' });
    expect(vllm.calls).toHaveLength(callsBefore);
  });

  it('resets the failure count on success: only consecutive failures open it', async () => {
    const { router, vllm } = setup();
    vllm.failWith = down();
    await router.generate('solo', ask).catch(() => undefined);
    vllm.failWith = undefined;
    await router.generate('solo', ask);
    vllm.failWith = down();
    await router.generate('solo', ask).catch(() => undefined);
    expect(router.breakerState('vllm')).toBe('closed');
  });
});

describe('router config validation', () => {
  it('accepts the documented shape with defaults', () => {
    const parsed = parseRouterConfig({ models: { m: { provider: 'p' } } });
    expect(parsed).toMatchObject({ aliases: {}, teams: {}, agents: {}, tasks: {}, breaker: { failureThreshold: 3, resetAfterMs: 30_000 } });
  });

  it.each([
    [{ models: { m: { provider: 'p' } }, aliases: { default: 'ghost' } }, /aliases.default: alias target "ghost"/],
    [{ models: { m: { provider: 'p', fallback: 'ghost' } } }, /models.m.fallback/],
    [{ models: { a: { provider: 'p', fallback: 'b' }, b: { provider: 'p', fallback: 'a' } } }, /fallback chain from "a" loops/],
    [{ models: { a: { provider: 'p', deprecated: { successor: 'a' } } } }, /successor chain from "a" loops/],
    [{ models: { a: { provider: 'p', fallback: 'b' }, b: { provider: 'p', deprecated: { successor: 'a' } } } }, /route from "a" .* comes back to "a"/],
    [{ models: { m: { provider: 'p' } }, agents: { x: { team: 'nobody' } } }, /team "nobody"/],
    [{ models: { m: { provider: 'p', extra: 1 } } }, /models.m/],
    [{ models: { m: { provider: 'p' } }, breaker: { failureThreshold: 0 } }, /breaker.failureThreshold/],
  ])('refuses an invalid config, saying where: %j', (input, message) => {
    expect(() => parseRouterConfig(input)).toThrow(RouterConfigError);
    expect(() => parseRouterConfig(input)).toThrow(message);
  });

  it('refuses a config naming a provider it was not given', () => {
    expect(() => new ModelRouter({ models: { m: { provider: 'gone' } } }, { providers: {} })).toThrow(/providers that were not given: gone/);
  });
});
