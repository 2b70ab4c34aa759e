/**
 * A provider's prompt-token count is bounded by what the gateway estimated for the prompt: a count
 * an honest server with another tokenizer or a heavy chat template may report (well above the
 * estimate) is billed from; one past any such margin (9e12 tokens for a two-word prompt) is no
 * usage to bill from: the call is charged its reservation, recorded with its usage invalid and what
 * the server claimed, and refused with ModelUsageInvalid; the tenant is not locked out by it.
 * The real gateway, tenant database and audit log; the provider is a scripted neighbour.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { gatewayRecordOf, ModelUsageInvalid, type GatewayRequest } from '../../../main/gateway/index.ts';
import type { GenerateRequest, GenerateResult, ModelProvider } from '../../../main/providers/provider.ts';
import { close, entries, gatewayFixture, MICRO_PER_TOKEN, PASS, verify, type GatewayFixture } from './helpers.ts';

/** Answers "fine thanks" (2 tokens), reporting `promptTokens` for the prompt. */
class PromptCounting implements ModelProvider {
  readonly kind = 'openai-compatible' as const;
  readonly modelId = 'prompt-counting';
  promptTokens = 8;
  async generate(request: GenerateRequest): Promise<GenerateResult> {
    request.onToken?.('fine ');
    request.onToken?.('thanks');
    return { text: 'fine thanks', tokens: 2, promptTokens: this.promptTokens, stopReason: 'eos' };
  }
  async dispose(): Promise<void> {}
}

const ask = (agent: string, extra: Partial<GatewayRequest> = {}): GatewayRequest => ({ actor: 'ann', agent, messages: [{ role: 'user', content: 'hi there' }], maxTokens: 16, ...extra });
const TOOL = { name: 'lookup', description: 'Looks a record up', parameters: { type: 'object', properties: { id: { type: 'string' } } } };

let f: GatewayFixture<PromptCounting>;
afterEach(async () => {
  await close(f);
});

async function fixture(): Promise<GatewayFixture<PromptCounting>> {
  f = await gatewayFixture(new PromptCounting());
  // Room per call for a large honest count (the default per-call limit is 0.5 units).
  await f.governance.policyChanges.set('erin', { level: 'appliance' }, 'budget.perCall', '20', { passphrase: PASS.erin as string });
  await f.governance.policyChanges.set('alice', { level: 'tenant' }, 'budget.perTenant', '500');
  return f;
}

describe('a prompt-token count past what the prompt could be', () => {
  it('is billed from when an honest server reports far more than the estimate (a heavy template)', async () => {
    await fixture();
    // 'hi there' is bounded at 56 tokens; a template of 5,000 is generous, and still honest.
    f.provider.promptTokens = 5_000;
    const result = await f.gateway.call(ask('honest'));
    expect(result.text).toBe('fine thanks');
    expect(result.usage).toMatchObject({ promptTokens: 5_000, completionTokens: 2, usageKnown: true, cost: (5_002 * MICRO_PER_TOKEN) / 1e6 });
    expect(result.usage.reported).toBeUndefined();
    expect(f.gateway.ledger.committed('agent', 'agent:honest')).toBe(5_002 * MICRO_PER_TOKEN);
  });

  it('allows for function definitions and their template: a count past the plain prompt\'s limit is billed when tools were offered', async () => {
    await fixture();
    f.provider.promptTokens = 10_000;
    const result = await f.gateway.call(ask('tools', { functions: [TOOL] }));
    expect(result.usage).toMatchObject({ promptTokens: 10_000, usageKnown: true, cost: (10_002 * MICRO_PER_TOKEN) / 1e6 });
    // The same count for the same prompt without tools is past any template's margin.
    await expect(f.gateway.call(ask('no-tools'))).rejects.toBeInstanceOf(ModelUsageInvalid);
  });

  it.each([
    ['9e12 for a two-word prompt', 9_000_000_000_000],
    ['a million for a two-word prompt', 1_000_000],
  ])('%s: refused with ModelUsageInvalid, charged the reservation, recorded with what the server claimed', async (_what, claimed) => {
    await fixture();
    f.provider.promptTokens = claimed;
    const error = await f.gateway.call(ask('absurd')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUsageInvalid);
    expect((error as Error).message).not.toContain('fine thanks');
    const record = gatewayRecordOf(error);
    const reserved = record?.verdicts.find((v) => v.stage === 'pre-call-audit')?.detail.reserved as number;
    expect(reserved).toBeGreaterThan(0);
    expect(reserved).toBeLessThan(1);
    expect(record?.verdicts.find((v) => v.stage === 'llm-call')).toMatchObject({ outcome: 'block', detail: { error: 'MODEL_USAGE_INVALID', usage: 'invalid', reportedPromptTokens: claimed } });
    expect(entries(f).find((e) => e.seq === record?.auditSeq)).toMatchObject({
      action: 'gateway.call',
      outcome: 'blocked',
      fields: { blockedBy: 'MODEL_USAGE_INVALID', usage: 'invalid', usageKnown: 'false', cost: String(reserved), promptTokens: '0', completionTokens: '0' },
    });
    expect(f.gateway.ledger.committed('tenant', '')).toBe(Math.round(reserved * 1e6));
    expect(f.gateway.ledger.openReservations()).toBe(0);
    // The tenant is not locked out by one response: the next honest call passes.
    f.provider.promptTokens = 8;
    await expect(f.gateway.call(ask('next'))).resolves.toMatchObject({ text: 'fine thanks' });
    expect((await verify(f)).ok).toBe(true);
  });
});
