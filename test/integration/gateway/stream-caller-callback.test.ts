/**
 * gateway.stream() with a caller's onText that fails (throws, or returns a promise that rejects)
 * or a caller that aborts once the model has finished: the model and the stages did their work, so
 * the call finishes and is recorded as it would have been; the caller just receives no more text.
 * Its own callback's failure is never blamed on the model, and never escapes unhandled.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { gatewayRecordOf } from '../../../main/gateway/index.ts';
import type { Stage } from '../../../main/gateway/stage.ts';
import { GATEWAY_STAGE_MODULES } from '../../../main/gateway/stages/index.ts';
import { close, EchoProvider, entries, gatewayFixture, verify, type GatewayFixture } from './helpers.ts';

const ANSWER = 'one two three four five six';
const ask = (agent: string, signal?: AbortSignal) => ({ actor: 'ann', agent, messages: [{ role: 'user' as const, content: 'go' }], maxTokens: 32, ...(signal && { signal }) });

let f: GatewayFixture;
afterEach(async () => {
  await close(f);
});

function recordOf(callId: string) {
  return entries(f).find((e) => e.action === 'gateway.call' && e.subject === callId);
}

describe('a caller onText that fails', () => {
  it('that throws on the second word: the call completes and is recorded ok, not as a model failure; no more text reaches it', async () => {
    f = await gatewayFixture(new EchoProvider({ delayMs: 2, answer: () => ANSWER }));
    const got: string[] = [];
    const result = await f.gateway.stream(ask('t1'), (t) => {
      got.push(t);
      if (got.length === 2) throw new Error('caller bug secret=hunter2');
    });
    expect(result.text).toBe(ANSWER);
    expect(result.streamDiverged).toBe(true);
    expect(result.callbackFailed).toBe('Error');
    expect(got).toEqual(['one ', 'two ']);
    expect(recordOf(result.callId)).toMatchObject({ outcome: 'ok' });
    expect(JSON.stringify(entries(f))).not.toContain('hunter2');
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect((await verify(f)).ok).toBe(true);
  });

  it('that returns promises which reject: no unhandled rejection, the call completes, and the text stops at the first rejection', async () => {
    f = await gatewayFixture(new EchoProvider({ delayMs: 2, answer: () => ANSWER }));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const got: string[] = [];
      const result = await f.gateway.stream(ask('t2'), (async (t: string) => {
        got.push(t);
        await new Promise((r) => setTimeout(r, 1));
        throw new Error('async boom');
      }) as (text: string) => void);
      expect(result.text).toBe(ANSWER);
      expect(got.length).toBeLessThan(ANSWER.split(' ').length);
      await new Promise((r) => setTimeout(r, 50));
      const seen = got.length;
      await new Promise((r) => setTimeout(r, 50));
      expect(got.length).toBe(seen);
      expect(unhandled).toEqual([]);
      expect(recordOf(result.callId)).toMatchObject({ outcome: 'ok' });
      expect((await verify(f)).ok).toBe(true);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('a caller that aborts after the model finished, before the call is recorded', () => {
  it('receives no text after its signal aborted, the held tail included', async () => {
    const controller = new AbortController();
    // The caller aborts as output validation (stage 7) starts: the model is done, nothing is recorded yet.
    const stages: Stage[] = GATEWAY_STAGE_MODULES.map((s) => ({
      ...s,
      run: async (ctx) => {
        if (s.name === 'output-validation') controller.abort();
        return s.run(ctx);
      },
    }));
    f = await gatewayFixture(new EchoProvider({ delayMs: 2, answer: () => ANSWER }), { stages });
    const got: string[] = [];
    let afterAbort = 0;
    const outcome = await f.gateway
      .stream(ask('t3', controller.signal), (t) => {
        if (controller.signal.aborted) afterAbort++;
        got.push(t);
      })
      .catch((e: unknown) => e);
    expect(controller.signal.aborted).toBe(true);
    expect(afterAbort).toBe(0);
    // The last word ("six") has no word break after it: it was held until the verdict, and stays so.
    expect(got.join('')).toBe('one two three four five ');
    if (!(outcome instanceof Error)) {
      expect(outcome).toMatchObject({ text: ANSWER, streamDiverged: true });
    } else {
      expect(gatewayRecordOf(outcome)).toBeDefined();
    }
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect((await verify(f)).ok).toBe(true);
  });
});
