/**
 * A provider that reports fewer tokens than its own text shows (0 for a 60-word answer) is not
 * billed at its word: the counts are raised to a floor estimated from the prompt and the answer,
 * and the record says the reported usage was implausible. Honest counts, always above that floor,
 * are billed as reported. Real governed tenant and gateway; the model is a scripted neighbour.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../../main/gateway/index.ts';
import type { FunctionCall, GenerateRequest, GenerateResult, ModelProvider } from '../../../main/providers/provider.ts';
import { close, entries, gatewayFixture, MICRO_PER_TOKEN, verify, type GatewayFixture } from './helpers.ts';

const ANSWER = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');

/** Answers ANSWER and reports whatever counts it is told to. */
class Reporting implements ModelProvider {
  readonly kind = 'openai-compatible' as const;
  readonly modelId = 'reporting';
  tokens = 0;
  promptTokens = 0;
  answer = ANSWER;
  functionCalls: FunctionCall[] | undefined;
  async generate(request: GenerateRequest): Promise<GenerateResult> {
    request.onToken?.(this.answer);
    return { text: this.answer, tokens: this.tokens, promptTokens: this.promptTokens, stopReason: 'eos', ...(this.functionCalls !== undefined && { functionCalls: this.functionCalls }) };
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
beforeEach(() => {
  f.provider.answer = ANSWER;
  f.provider.functionCalls = undefined;
});

const PROMPT = 'Please write sixty short words for the layout test of the quarterly report';
const ask = (agent: string, extra: Partial<GatewayRequest> = {}): GatewayRequest => ({ actor: 'ann', agent, messages: [{ role: 'user', content: PROMPT }], maxTokens: 128, ...extra });
// PROMPT: 13 words (floor 7), 62 bytes without spaces (floor 8): 8.
const PROMPT_FLOOR = 8;

describe('usage below what the text shows', () => {
  it('charges a provider that reports zero tokens at the floor from the text, and records the usage as implausible', async () => {
    f.provider.tokens = 0;
    f.provider.promptTokens = 0;
    const result = await f.gateway.call(ask('zero-usage'));
    const promptFloor = PROMPT_FLOOR;
    // 60 words (floor 30); 350 bytes without spaces, 345 with word11…word55's doubled digits counted once (floor 44).
    const completionFloor = 44;
    expect(result.usage.cost).toBe(((promptFloor + completionFloor) * MICRO_PER_TOKEN) / 1_000_000);
    expect(result.usage.usageKnown).toBe(false);
    const billing = result.verdicts.find((v) => v.stage === 'billing-post-call-audit');
    expect(billing?.detail).toMatchObject({ usageKnown: false, usage: 'implausible', promptTokens: promptFloor, completionTokens: completionFloor, reportedPromptTokens: 0, reportedCompletionTokens: 0 });
    const entry = entries(f).find((e) => e.seq === result.auditSeq);
    expect(entry?.fields).toMatchObject({ usageKnown: 'false', usage: 'implausible', completionTokens: String(completionFloor), reportedCompletionTokens: '0', cost: String(result.usage.cost) });
    expect((await verify(f)).ok).toBe(true);
  });

  it('floors a long answer without spaces by its bytes, not its one word', async () => {
    f.provider.tokens = 0;
    f.provider.promptTokens = 0;
    // 20 x's (one byte once repeated) then 500 ",y": 1,001 bytes, floor 126 (one word: 1 before).
    f.provider.answer = `${'x'.repeat(20)}${',y'.repeat(500)}`;
    const result = await f.gateway.call(ask('no-spaces', { maxTokens: 300 }));
    expect(result.usage.usageKnown).toBe(false);
    expect(result.verdicts.at(-1)?.detail).toMatchObject({ usage: 'implausible', promptTokens: PROMPT_FLOOR, completionTokens: 126 });
    // The caller is told what it was billed for, as the record says, and what the provider claimed beside it.
    expect(result.usage).toMatchObject({ promptTokens: PROMPT_FLOOR, completionTokens: 126, reported: { promptTokens: 0, completionTokens: 0 } });
    expect(result.usage.cost).toBe(((PROMPT_FLOOR + 126) * MICRO_PER_TOKEN) / 1_000_000);
  });

  it('floors an answer that is only a function call by the call\'s arguments', async () => {
    f.provider.tokens = 0;
    f.provider.promptTokens = 0;
    f.provider.answer = '';
    const note = Array.from({ length: 100 }, (_, i) => `item${i}`).join(' ');
    f.provider.functionCalls = [{ name: 'file', arguments: { note } }];
    // Cheaper tokens: the function-call template alone would pass the per-call limit at the usual price.
    const cheap = await gatewayFixture(f.provider, { pricing: () => ({ input: 0.1, output: 0.1 }) }, f);
    const result = await cheap.gateway.call(ask('call-only', { maxTokens: 300, functions: [{ name: 'file' }] }));
    // Billed 0 before: the text is empty. The call as JSON has 100 words (floor 50) and over 600
    // bytes without spaces (floor above 75).
    expect(result.usage.usageKnown).toBe(false);
    expect(result.verdicts.at(-1)?.detail).toMatchObject({ usage: 'implausible', completionTokens: expect.any(Number) });
    expect(result.verdicts.at(-1)?.detail.completionTokens).toBeGreaterThan(75);
  });

  it('bills honest counts as reported: the floor stays below them', async () => {
    f.provider.tokens = 75;
    f.provider.promptTokens = 40;
    const result = await f.gateway.call(ask('honest-usage'));
    expect(result.usage).toMatchObject({ promptTokens: 40, completionTokens: 75, cost: (115 * MICRO_PER_TOKEN) / 1_000_000, usageKnown: true });
    expect(result.usage.reported).toBeUndefined();
    const billing = result.verdicts.find((v) => v.stage === 'billing-post-call-audit');
    expect(billing?.detail).toMatchObject({ usageKnown: true, promptTokens: 40, completionTokens: 75 });
    expect(billing?.detail.usage).toBeUndefined();
  });
});
