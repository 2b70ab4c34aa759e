/**
 * A call aborted by its caller, or stopped by a kill switch, before the model runs: it is refused
 * at the next stage boundary with the gateway's usual typed error (GatewayCallAborted for the
 * caller's abort, KillSwitchEngaged for a switch). The model is never called and nothing is
 * charged. Refused before stage 5, it is one `gateway.call.blocked` record ending in a block at the
 * stage where the abort was noticed, with nothing reserved; refused at stage 6 (aborted while
 * stage 5 wrote the pre-call entry), it is that entry's `gateway.call` record, blocked, charging
 * nothing and releasing the reservation. The log verifies either way.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KillSwitchEngaged } from '../../../main/governance/errors.ts';
import { GatewayCallAborted, gatewayRecordOf, type CallContext, type GatewayRequest } from '../../../main/gateway/index.ts';
import type { Stage } from '../../../main/gateway/stage.ts';
import { GATEWAY_STAGE_MODULES } from '../../../main/gateway/stages/index.ts';
import { close, EchoProvider, entries, gatewayFixture, verify, type GatewayFixture } from './helpers.ts';

/** Run while the named stage runs (after its own work), then cleared. */
let during: { stage: string; act: () => unknown } | undefined;
const stages: Stage[] = GATEWAY_STAGE_MODULES.map((s) => ({
  ...s,
  run: async (ctx: CallContext) => {
    const v = await s.run(ctx);
    if (during?.stage === s.name) await during.act();
    return v;
  },
}));

let f: GatewayFixture;
beforeAll(async () => {
  f = await gatewayFixture(new EchoProvider({ answer: () => 'one two three four five six' }), { stages });
});
afterAll(async () => {
  await close(f);
});
beforeEach(() => {
  during = undefined;
});

const ask = (agent: string, signal?: AbortSignal): GatewayRequest => ({ actor: 'ann', agent, messages: [{ role: 'user', content: 'an ordinary question' }], maxTokens: 32, ...(signal && { signal }) });
const committed = (): number => f.gateway.ledger.committed('tenant', '');

/** Runs `call`, and what it left: the error, the gateway entries it wrote, whether the model ran, what it charged. */
async function attempt(call: () => Promise<unknown>) {
  const logBefore = entries(f).length;
  const modelCalls = f.provider.calls;
  const spentBefore = committed();
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  return {
    error,
    written: entries(f).slice(logBefore).filter((e) => e.action.startsWith('gateway.')),
    modelRan: f.provider.calls > modelCalls,
    charged: committed() - spentBefore,
  };
}

describe('a call aborted before its model runs', () => {
  it('already aborted when called: refused at stage 1, nothing reserved or charged, one blocked record', async () => {
    const controller = new AbortController();
    controller.abort();
    const { error, written, modelRan, charged } = await attempt(() => f.gateway.call(ask('early-1', controller.signal)));
    expect(error).toBeInstanceOf(GatewayCallAborted);
    expect((error as GatewayCallAborted).stage).toBe('budget');
    // The caller is told what happened to this call, not that tokens were billed.
    expect((error as GatewayCallAborted).message).toContain('before the model ran; nothing was charged');
    expect(modelRan).toBe(false);
    expect(charged).toBe(0);
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect(written.map((e) => e.action)).toEqual(['gateway.call.blocked']);
    expect(written[0]).toMatchObject({ outcome: 'blocked', fields: { code: 'GATEWAY_CALL_ABORTED', blockedAt: 'budget', stages: 'budget', verdicts: 'block' } });
    const record = gatewayRecordOf(error);
    expect(record?.auditSeq).toBe(written[0]?.seq);
    expect(record?.verdicts.map((v) => `${v.stage}:${v.outcome}`)).toEqual(['budget:block']);
    expect((await verify(f)).ok).toBe(true);
  });

  it('already aborted when streamed: no text reaches the caller', async () => {
    const controller = new AbortController();
    controller.abort();
    const got: string[] = [];
    const { error, written, modelRan } = await attempt(() => f.gateway.stream(ask('early-2', controller.signal), (t) => got.push(t), { holdUntilVerdict: false }));
    expect(error).toBeInstanceOf(GatewayCallAborted);
    expect(modelRan).toBe(false);
    expect(got).toEqual([]);
    expect(written.map((e) => e.action)).toEqual(['gateway.call.blocked']);
    expect((await verify(f)).ok).toBe(true);
  });

  it.each([
    ['prompt-injection', 'pii-redaction'],
    ['input-moderation', 'pre-call-audit'],
  ])('aborted during %s: refused at %s, which did not run', async (abortedIn, refusedAt) => {
    const controller = new AbortController();
    during = { stage: abortedIn, act: () => controller.abort() };
    const { error, written, modelRan, charged } = await attempt(() => f.gateway.call(ask(`early-${abortedIn}`, controller.signal)));
    expect(error).toBeInstanceOf(GatewayCallAborted);
    expect((error as GatewayCallAborted).stage).toBe(refusedAt);
    expect(modelRan).toBe(false);
    expect(charged).toBe(0);
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect(written.map((e) => e.action)).toEqual(['gateway.call.blocked']);
    expect(written[0]).toMatchObject({ fields: { code: 'GATEWAY_CALL_ABORTED', blockedAt: refusedAt } });
    const verdicts = gatewayRecordOf(error)?.verdicts ?? [];
    expect(verdicts.at(-1)).toMatchObject({ stage: refusedAt, outcome: 'block', detail: { error: 'GATEWAY_CALL_ABORTED', abortedBefore: refusedAt } });
    expect(verdicts.slice(0, -1).every((v) => v.outcome === 'pass')).toBe(true);
    expect((await verify(f)).ok).toBe(true);
  });

  it('aborted while stage 5 wrote the pre-call entry: the model is not called, the reservation is released, the entry gets its blocked record', async () => {
    const controller = new AbortController();
    during = { stage: 'pre-call-audit', act: () => controller.abort() };
    const { error, written, modelRan, charged } = await attempt(() => f.gateway.call(ask('early-5', controller.signal)));
    expect(error).toBeInstanceOf(GatewayCallAborted);
    expect((error as GatewayCallAborted).stage).toBe('llm-call');
    expect(modelRan).toBe(false);
    expect(charged).toBe(0);
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect(written.map((e) => e.action)).toEqual(['gateway.call.pre', 'gateway.call']);
    expect(written[1]).toMatchObject({ outcome: 'blocked', fields: { blockedBy: 'GATEWAY_CALL_ABORTED', cost: '0' } });
    const record = gatewayRecordOf(error);
    expect(record?.verdicts).toHaveLength(10);
    expect(record?.verdicts[5]).toMatchObject({ stage: 'llm-call', outcome: 'block', detail: { error: 'GATEWAY_CALL_ABORTED', abortedBefore: 'llm-call' } });
    expect((await verify(f)).ok).toBe(true);
  });

  it('a kill switch engaged during input moderation: refused with KillSwitchEngaged at stage 5, the model never called', async () => {
    during = { stage: 'input-moderation', act: () => f.governance.kills.engage('erin', 'agent', 'killed-early', 'drill') };
    const { error, written, modelRan, charged } = await attempt(() => f.gateway.call(ask('killed-early')));
    expect(error).toBeInstanceOf(KillSwitchEngaged);
    expect(modelRan).toBe(false);
    expect(charged).toBe(0);
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect(written.map((e) => e.action)).toEqual(['gateway.call.blocked']);
    expect(written[0]).toMatchObject({ outcome: 'blocked', fields: { code: 'KILL_SWITCH_ENGAGED', blockedAt: 'pre-call-audit', event: 'security' } });
    expect(gatewayRecordOf(error)?.verdicts.at(-1)).toMatchObject({ stage: 'pre-call-audit', outcome: 'block', detail: { error: 'KILL_SWITCH_ENGAGED' } });
    expect((await verify(f)).ok).toBe(true);
  });

  it('a kill switch engaged while stage 5 ran: the reservation is released, nothing charged, the model never called', async () => {
    during = { stage: 'pre-call-audit', act: () => f.governance.kills.engage('erin', 'agent', 'killed-at-5', 'drill') };
    const { error, written, modelRan, charged } = await attempt(() => f.gateway.call(ask('killed-at-5')));
    expect(error).toBeInstanceOf(KillSwitchEngaged);
    expect(modelRan).toBe(false);
    expect(charged).toBe(0);
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect(written.map((e) => e.action)).toEqual(['gateway.call.pre', 'gateway.call']);
    expect(written[1]).toMatchObject({ outcome: 'blocked', fields: { blockedBy: 'KILL_SWITCH_ENGAGED', cost: '0' } });
    expect((await verify(f)).ok).toBe(true);
  });

  it('an abort once the model has run changes nothing here: the call is the model call’s to stop', async () => {
    const controller = new AbortController();
    during = { stage: 'output-validation', act: () => controller.abort() };
    const { error, modelRan } = await attempt(() => f.gateway.call(ask('late-abort', controller.signal)));
    expect(modelRan).toBe(true);
    expect(error).toBeUndefined();
    expect((await verify(f)).ok).toBe(true);
  });
});
