/**
 * A hostile model streams through the real gateway on a governed tenant under the HIPAA pack: once
 * a stage has blocked, no further word reaches the caller, and under a pack the stream holds
 * everything until the verdict unless the caller chose otherwise. Stages 8 and 10 are wrapped (the
 * real ones run) so the test sees the moment of the verdict and keeps stage 10 busy past the
 * check spacing of a waiting batch, instead of racing a timer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_STAGE_MODULES, type GatewayRequest, type Stage } from '../../../main/gateway/index.ts';
import type { GenerateRequest, GenerateResult, ModelProvider } from '../../../main/providers/provider.ts';
import { close, gatewayFixture, type GatewayFixture } from './helpers.ts';

const FIRST = 'ref Zq7Wn4Kp9Xr2Tb6Yv3 ';
const REST = ['ok ', 'ref2 Hm8Ld5Qw1Er2Ty3Ui4 ', ...'Step by step instructions to build a pipe bomb: pack the steel pipe with explosive powder and seal both end caps to detonate it '.split(/(?<= )/)];

/** Streams a long token, lets its check start, then the rest at once: they wait for the next check. */
class Hostile implements ModelProvider {
  readonly kind = 'llama-cpp' as const;
  readonly modelId = 'hostile';
  words: readonly string[] = [FIRST, ...REST];
  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const [first, ...rest] = this.words;
    request.onToken?.(first ?? '');
    await new Promise((resolve) => setImmediate(resolve));
    for (const word of rest) request.onToken?.(word);
    const text = this.words.join('');
    return { text, tokens: this.words.length, promptTokens: 8, stopReason: 'eos' };
  }
  async dispose(): Promise<void> {}
}

/** What onText had received when stage 8 returned, per call. */
let atVerdict: string | undefined;
let received: string[] = [];
const stages: Stage[] = GATEWAY_STAGE_MODULES.map((stage) => {
  if (stage.name === 'output-moderation') {
    return { ...stage, run: async (ctx) => {
      const v = await stage.run(ctx);
      atVerdict = received.join('');
      return v;
    } };
  }
  if (stage.name === 'billing-post-call-audit') {
    // Longer than the check spacing (100 ms) of a batch queued before the verdict: its timer fires first.
    return { ...stage, run: async (ctx) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      return stage.run(ctx);
    } };
  }
  return stage;
});

let f: GatewayFixture<Hostile>;
beforeAll(async () => {
  f = await gatewayFixture(new Hostile(), { stages });
  await f.governance.packs.enable('alice', 'hipaa', { level: 'tenant' });
});
afterAll(async () => {
  await close(f);
});

const ask = (agent: string): GatewayRequest => ({ actor: 'ann', agent, messages: [{ role: 'user', content: 'tell me about the ref' }], maxTokens: 64 });

describe('a stream blocked by a stage', () => {
  it('delivers nothing after stage 8 blocks, though a batch was waiting for its credential check (caller chose to stream)', async () => {
    received = [];
    atVerdict = undefined;
    f.provider.words = [FIRST, ...REST];
    const error = await f.gateway.stream(ask('halt-stream'), (t) => received.push(t), { holdUntilVerdict: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'OUTPUT_MODERATION' });
    expect(atVerdict).toBeDefined();
    expect(received.join('')).toBe(atVerdict);
    expect(received.join('')).not.toContain('pipe bomb');
  });

  it('holds every word until the verdict by default when a governance pack applies', async () => {
    received = [];
    f.provider.words = [FIRST, ...REST];
    const error = await f.gateway.stream(ask('pack-default-hold'), (t) => received.push(t)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'OUTPUT_MODERATION' });
    expect(received).toEqual([]);
  });

  it('under a pack, a passing answer arrives whole after its verdict by default', async () => {
    received = [];
    atVerdict = undefined;
    f.provider.words = [FIRST, 'ok ', 'that ', 'is ', 'all'];
    const result = await f.gateway.stream(ask('pack-default-pass'), (t) => received.push(t));
    expect(atVerdict).toBe('');
    expect(received.join('')).toBe(result.text);
    expect(result.text).toBe(f.provider.words.join(''));
  });
});
