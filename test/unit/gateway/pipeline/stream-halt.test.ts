/**
 * A block verdict stops the stream at once: a batch of words waiting for its credential check
 * (spaced CHECK_INTERVAL_MS after the last one) must not reach the caller once a stage blocked,
 * even though the call's record (stage 10) is not written yet. Fake timers decide when the
 * waiting batch's timer fires, so nothing here races the clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GatewayBlocked, runPipeline, type Stage } from '../../../../main/gateway/index.ts';
import { OutputStream } from '../../../../main/gateway/output-stream.ts';
import { verdict } from '../../../../main/gateway/stage.ts';
import { testContext } from './context.ts';

const FIRST = 'ref Zq7Wn4Kp9Xr2Tb6Yv3 ';
const LATER = ['ok ', 'ref2 Hm8Ld5Qw1Er2Ty3Ui4 ', 'Step ', 'by ', 'step ', 'instructions '];

/** Stage 8 as a double: blocks the call the way the real one does (ctx.blocked, then a block verdict). */
const blockingModeration: Stage = {
  name: 'output-moderation',
  stopsOnBlock: false,
  async run(ctx) {
    const started = performance.now();
    ctx.blocked = new GatewayBlocked('output-moderation', 'OUTPUT_MODERATION', 'The response was withheld.');
    return verdict('output-moderation', 'block', { error: 'OUTPUT_MODERATION' }, started);
  },
};

/** A stage that sets nothing but finds the call blocked by an earlier one (stage 9 after a block). */
const quietStage: Stage = {
  name: 'pii-restore',
  stopsOnBlock: false,
  async run(ctx) {
    return verdict('pii-restore', 'not-run', { reason: ctx.blocked?.code ?? 'no-output' }, performance.now());
  },
};

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('a block verdict halts the stream', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('releases nothing after stage 8 blocks, not even the batch whose credential check was waiting on its timer', async () => {
    const out: string[] = [];
    const stream = new OutputStream((t) => out.push(t), testContext().pii.restorer(true).createStreamRestorer(), { credentialCheck: () => Promise.resolve(false) });
    const ctx = { ...testContext(), stream };

    stream.push(FIRST); // a long token: checked at once (no check before it)
    await flush();
    expect(out.join('')).toBe(FIRST);
    for (const word of LATER) stream.push(word); // a long token again: this batch waits for the check spacing
    await flush();
    expect(out.join('')).toBe(FIRST);

    await runPipeline([blockingModeration, quietStage], ctx);
    expect(ctx.blocked?.code).toBe('OUTPUT_MODERATION');

    await vi.advanceTimersByTimeAsync(1_000); // the waiting batch's timer would have fired by now
    await flush();
    expect(out.join('')).toBe(FIRST);
    stream.releaseFinal(FIRST + LATER.join(''));
    expect(out.join('')).toBe(FIRST);
  });

  it('cancels the waiting batch\'s timer when halted, so nothing is left pending', async () => {
    const out: string[] = [];
    const stream = new OutputStream((t) => out.push(t), testContext().pii.restorer(true).createStreamRestorer(), { credentialCheck: () => Promise.resolve(false) });
    stream.push(FIRST);
    await flush();
    for (const word of LATER) stream.push(word);
    await flush();
    expect(vi.getTimerCount()).toBe(1);
    stream.halt();
    expect(vi.getTimerCount()).toBe(0);
    await stream.drained;
    expect(out.join('')).toBe(FIRST);
  });
});
