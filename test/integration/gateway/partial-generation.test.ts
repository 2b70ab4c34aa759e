/**
 * A model that fails after streaming part of its answer, through the real gateway on a real
 * tenant: the text streamed so far (some of it maybe already with the caller) is validated,
 * moderated and recorded as a partial generation; the call still fails with its typed error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayRecordOf, ModelCallFailed, type GatewayRequest } from '../../../main/gateway/index.ts';
import { ProviderError, type GenerateRequest, type GenerateResult, type ModelProvider, type ProviderErrorCode } from '../../../main/providers/provider.ts';
import { close, entries, gatewayFixture, verify, type GatewayFixture } from './helpers.ts';

const SECRET = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';

/** Streams `words`, then its connection drops. */
class DroppingProvider implements ModelProvider {
  readonly kind = 'openai-compatible' as const;
  readonly modelId = 'dropping';
  words: readonly string[] = [];
  /** Break off right after the last word, without a pause. */
  failAtOnce = false;
  /** How it fails: a broken stream by default, or a refusal before any work (a 401, a 429, …). */
  failure: ProviderErrorCode = 'server-error';
  async generate(request: GenerateRequest): Promise<GenerateResult> {
    for (const [i, word] of this.words.entries()) {
      if (!this.failAtOnce || i < this.words.length - 1) await new Promise((resolve) => setTimeout(resolve, 1));
      request.onToken?.(word);
    }
    throw new ProviderError(this.failure, 'the stream broke off (test double)');
  }
  async dispose(): Promise<void> {}
}

const ask = (agent: string): GatewayRequest => ({ actor: 'ann', agent, messages: [{ role: 'user', content: 'tell me' }], maxTokens: 64 });

describe('a generation that fails mid-stream', () => {
  let f: GatewayFixture<DroppingProvider>;
  beforeAll(async () => {
    f = await gatewayFixture(new DroppingProvider());
  });
  afterAll(async () => {
    await close(f);
  });

  it('validates the text streamed so far and records the credential found in it; the call fails with ModelCallFailed', async () => {
    f.provider.words = ['Sure, ', 'the ', 'token ', 'is ', `${SECRET} `, 'and ', 'then'];
    const received: string[] = [];
    const error = await f.gateway.stream(ask('partial-secret'), (t) => received.push(t)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelCallFailed);
    expect(received.join('')).not.toContain(SECRET);

    const record = gatewayRecordOf(error);
    const [llm, validation] = [record?.verdicts[5], record?.verdicts[6]];
    expect(llm).toMatchObject({ stage: 'llm-call', outcome: 'block', detail: { error: 'MODEL_CALL_FAILED', partial: true, partialChars: f.provider.words.join('').length } });
    expect(validation).toMatchObject({ stage: 'output-validation', outcome: 'flag' });
    expect(validation?.detail['violations.credential-leak']).toBeGreaterThanOrEqual(1);
    expect(record?.verdicts[7]).toMatchObject({ stage: 'output-moderation', outcome: 'pass' });

    const entry = entries(f).find((e) => e.seq === record?.auditSeq);
    expect(entry).toMatchObject({
      action: 'gateway.call',
      outcome: 'blocked',
      fields: { blockedBy: 'MODEL_CALL_FAILED', usage: 'partial', usageKnown: 'false', findings: 'output-validation' },
    });
    // Charged its whole reservation (the counts are unknown), and no secret in the record.
    expect(entry?.fields.cost).toBe(String(llmReserved(record?.verdicts)));
    expect(JSON.stringify(entry)).not.toContain(SECRET);
    expect(JSON.stringify(record?.verdicts)).not.toContain(SECRET);
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect((await verify(f)).ok).toBe(true);
  });

  it('records how much of the partial text the caller already received', async () => {
    f.provider.words = ['one ', 'two ', 'three ', 'four ', 'five'];
    const received: string[] = [];
    const error = await f.gateway.stream(ask('partial-plain'), (t) => received.push(t)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelCallFailed);
    const released = received.join('');
    expect(released).toBe('one two three four ');
    const record = gatewayRecordOf(error);
    expect(record?.verdicts[5]?.detail).toMatchObject({ partial: true, partialChars: 'one two three four five'.length, releasedChars: released.length });
    expect(record?.verdicts[6]).toMatchObject({ stage: 'output-validation', outcome: 'pass' });
  });

  it('releases nothing more once the provider has failed, not even words that were waiting for their check', async () => {
    // The path's words wait for the on-the-fly credential check; the stream breaks off right after them.
    f.provider.words = ['one ', 'two ', '/var/log/airlock/ledger-export-2026.log '];
    f.provider.failAtOnce = true;
    const received: string[] = [];
    const error = await f.gateway.stream(ask('partial-queued'), (t) => received.push(t)).catch((e: unknown) => e);
    f.provider.failAtOnce = false;
    expect(error).toBeInstanceOf(ModelCallFailed);
    await new Promise((resolve) => setTimeout(resolve, 250)); // longer than a check and its spacing
    expect(received.join('')).toBe('one two ');
    expect(gatewayRecordOf(error)?.verdicts[5]?.detail).toMatchObject({ partial: true, releasedChars: 'one two '.length });
  });

  it('keeps the old record of a call that failed before streaming anything: no generation to check', async () => {
    f.provider.words = [];
    const error = await f.gateway.stream(ask('nothing-streamed'), () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelCallFailed);
    const record = gatewayRecordOf(error);
    expect(record?.verdicts[5]?.detail).not.toHaveProperty('partial');
    expect(record?.verdicts[6]).toMatchObject({ stage: 'output-validation', outcome: 'not-run' });
    // It may have evaluated the prompt before failing: charged its whole reservation, usage unknown.
    expect(entries(f).find((e) => e.seq === record?.auditSeq)?.fields).toMatchObject({ usageKnown: 'false', cost: String(llmReserved(record?.verdicts)) });
  });

  it.each(['bad-request', 'unauthorized', 'model-not-found', 'rate-limited', 'unavailable'] as const)(
    'charges nothing for a refusal before any work (%s), says what to do, and records why',
    async (code) => {
      f.provider.words = [];
      f.provider.failure = code;
      const error = await f.gateway.stream(ask(`refused-${code}`), () => undefined).catch((e: unknown) => e);
      f.provider.failure = 'server-error';
      expect(error).toBeInstanceOf(ModelCallFailed);
      expect((error as ModelCallFailed).providerCode).toBe(code);
      expect((error as Error).message).toContain(`(${code}): `);
      expect((error as Error).message).not.toContain('test double'); // the provider's own text stays out
      const record = gatewayRecordOf(error);
      expect(record?.verdicts[5]?.detail).toMatchObject({ error: 'MODEL_CALL_FAILED', providerError: code });
      expect(record?.verdicts[9]?.detail).toMatchObject({ cost: 0, usageKnown: true, usage: 'refused', promptTokens: 0, completionTokens: 0 });
      expect(entries(f).find((e) => e.seq === record?.auditSeq)?.fields).toMatchObject({ usageKnown: 'true', usage: 'refused', cost: '0' });
      expect(f.gateway.ledger.openReservations()).toBe(0);
      expect((await verify(f)).ok).toBe(true);
    },
  );

  it('charges the whole reservation when a refusal code comes after text was streamed', async () => {
    f.provider.words = ['one ', 'two'];
    f.provider.failure = 'bad-request';
    const error = await f.gateway.stream(ask('refused-late'), () => undefined).catch((e: unknown) => e);
    f.provider.failure = 'server-error';
    const record = gatewayRecordOf(error);
    expect(entries(f).find((e) => e.seq === record?.auditSeq)?.fields).toMatchObject({ usage: 'partial', usageKnown: 'false', cost: String(llmReserved(record?.verdicts)) });
  });
});

/** The reservation stage 5 made, in cost units (its verdict says it). */
function llmReserved(verdicts: readonly { stage: string; detail: Readonly<Record<string, unknown>> }[] | undefined): number {
  return verdicts?.find((v) => v.stage === 'pre-call-audit')?.detail.reserved as number;
}
