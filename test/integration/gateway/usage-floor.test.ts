/**
 * A provider that reports fewer tokens than its own text shows (0 for a 60-word answer) is not
 * billed at its word: the counts are raised to a floor estimated from the prompt and the answer,
 * and the record says the reported usage was implausible. Honest counts, always above that floor,
 * are billed as reported. Real governed tenant and gateway; the model is a scripted neighbour.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../../main/gateway/index.ts';
import type { GenerateRequest, GenerateResult, ModelProvider } from '../../../main/providers/provider.ts';
import { close, entries, gatewayFixture, MICRO_PER_TOKEN, verify, type GatewayFixture } from './helpers.ts';

const ANSWER = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');

/** Answers ANSWER and reports whatever counts it is told to. */
class Reporting implements ModelProvider {
  readonly kind = 'openai-compatible' as const;
  readonly modelId = 'reporting';
  tokens = 0;
  promptTokens = 0;
  async generate(request: GenerateRequest): Promise<GenerateResult> {
    request.onToken?.(ANSWER);
    return { text: ANSWER, tokens: this.tokens, promptTokens: this.promptTokens, stopReason: 'eos' };
  }
  async dispose(): Promise<void> {}
}

let f: GatewayFixture<Reporting>;
beforeAll(async () => {
  f = await gatewayFixture(new Reporting());
});
afterAll(async () => {
  await close(f);
});

const PROMPT = 'Please write sixty short words for the layout test of the quarterly report';
const ask = (agent: string): GatewayRequest => ({ actor: 'ann', agent, messages: [{ role: 'user', content: PROMPT }], maxTokens: 128 });

describe('usage below what the text shows', () => {
  it('charges a provider that reports zero tokens at the floor from the text, and records the usage as implausible', async () => {
    f.provider.tokens = 0;
    f.provider.promptTokens = 0;
    const result = await f.gateway.call(ask('zero-usage'));
    const promptFloor = Math.ceil(PROMPT.split(' ').length / 2);
    const completionFloor = 30; // 60 words
    expect(result.usage.cost).toBe(((promptFloor + completionFloor) * MICRO_PER_TOKEN) / 1_000_000);
    expect(result.usage.usageKnown).toBe(false);
    const billing = result.verdicts.find((v) => v.stage === 'billing-post-call-audit');
    expect(billing?.detail).toMatchObject({ usageKnown: false, usage: 'implausible', promptTokens: promptFloor, completionTokens: completionFloor, reportedPromptTokens: 0, reportedCompletionTokens: 0 });
    const entry = entries(f).find((e) => e.seq === result.auditSeq);
    expect(entry?.fields).toMatchObject({ usageKnown: 'false', usage: 'implausible', completionTokens: String(completionFloor), reportedCompletionTokens: '0', cost: String(result.usage.cost) });
    expect((await verify(f)).ok).toBe(true);
  });

  it('bills honest counts as reported: the floor stays below them', async () => {
    f.provider.tokens = 75;
    f.provider.promptTokens = 40;
    const result = await f.gateway.call(ask('honest-usage'));
    expect(result.usage).toMatchObject({ promptTokens: 40, completionTokens: 75, cost: (115 * MICRO_PER_TOKEN) / 1_000_000, usageKnown: true });
    const billing = result.verdicts.find((v) => v.stage === 'billing-post-call-audit');
    expect(billing?.detail).toMatchObject({ usageKnown: true, promptTokens: 40, completionTokens: 75 });
    expect(billing?.detail.usage).toBeUndefined();
  });
});
