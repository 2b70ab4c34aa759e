/**
 * The provider conformance suite: the behaviour the gateway relies on, asserted the same way
 * against every ModelProvider (node-llama-cpp in-process, a real llama-server over HTTP).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError, ProviderTimeoutError } from '../../../main/providers/provider.ts';
import type { GenerateRequest, ModelProvider } from '../../../main/providers/provider.ts';

export interface StalledProvider {
  readonly provider: ModelProvider;
  readonly idleTimeoutMs: number;
  close(): Promise<void>;
}

export interface ConformanceSubject {
  readonly name: string;
  /** A provider serving the tiny test model. */
  open(): Promise<ModelProvider>;
  /** Opening a model this provider does not have. */
  openUnknownModel(): Promise<ModelProvider>;
  /** A provider whose far end accepts the request and then says nothing (remote providers only). */
  openStalled?: () => Promise<StalledProvider>;
  /** Whether function calls are asserted end to end (the model must be able to produce one). */
  readonly functionCalling: boolean;
  /** Milliseconds for beforeAll (a first llama-server build takes minutes). */
  readonly setupTimeoutMs?: number;
}

const VERDICT_SCHEMA = {
  type: 'object',
  properties: {
    verdict: { enum: ['allow', 'deny', 'review'] },
    flagged: { type: 'boolean' },
  },
  required: ['verdict', 'flagged'],
} as const;

function expectVerdict(text: string): void {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  expect(Object.keys(parsed).sort()).toEqual(['flagged', 'verdict']);
  expect(['allow', 'deny', 'review']).toContain(parsed.verdict);
  expect(typeof parsed.flagged).toBe('boolean');
}

export function providerConformance(subject: ConformanceSubject): void {
  describe(`ModelProvider conformance: ${subject.name}`, () => {
    let provider: ModelProvider;

    beforeAll(async () => {
      provider = await subject.open();
    }, subject.setupTimeoutMs ?? 120_000);
    afterAll(async () => {
      await provider?.dispose();
    });

    describe('streaming', () => {
      it('streams text in several chunks whose concatenation is the final text', async () => {
        const chunks: string[] = [];
        const result = await provider.generate({ prompt: 'Once upon a time', maxTokens: 24, onToken: (t) => chunks.push(t) });
        expect(chunks.length).toBeGreaterThan(1);
        expect(chunks.join('')).toBe(result.text);
        expect(result.tokens).toBeGreaterThan(0);
        expect(result.tokens).toBeLessThanOrEqual(24);
        expect(result.promptTokens).toBeGreaterThan(0);
        expect(['maxTokens', 'eos']).toContain(result.stopReason);
      });

      it('streams a chat answer rendered through the model chat template', async () => {
        const chunks: string[] = [];
        const result = await provider.generate({
          messages: [
            { role: 'system', content: 'You are terse.' },
            { role: 'user', content: 'Status?' },
          ],
          maxTokens: 12,
          onToken: (t) => chunks.push(t),
        });
        expect(chunks.join('')).toBe(result.text);
        expect(result.text.length).toBeGreaterThan(0);
        expect(result.promptTokens).toBeGreaterThan(4);
      });

      it('stops at maxTokens and says so', async () => {
        const result = await provider.generate({ prompt: 'The audit log', maxTokens: 5 });
        expect(result.tokens).toBeLessThanOrEqual(5);
        if (result.tokens === 5) expect(result.stopReason).toBe('maxTokens');
      });
    });

    describe('determinism', () => {
      it('gives the same greedy text for the same prompt, every time', async () => {
        const request: GenerateRequest = { prompt: 'In the beginning', maxTokens: 32 };
        const first = await provider.generate(request);
        const second = await provider.generate(request);
        expect(second.text).toBe(first.text);
        expect(second.tokens).toBe(first.tokens);
      });

      it('gives the same greedy chat answer every time', async () => {
        const request: GenerateRequest = { messages: [{ role: 'user', content: 'Summarise the record.' }], maxTokens: 24 };
        expect((await provider.generate(request)).text).toBe((await provider.generate(request)).text);
      });
    });

    describe('abort', () => {
      it('stops a long generation within 100 ms of abort, reporting "aborted" and the text streamed so far', async () => {
        const controller = new AbortController();
        const chunks: string[] = [];
        let started!: () => void;
        const twenty = new Promise<void>((resolve) => (started = resolve));
        const run = provider.generate({
          prompt: 'x',
          maxTokens: 100_000,
          signal: controller.signal,
          onToken: (t) => {
            chunks.push(t);
            if (chunks.length === 20) started();
          },
        });
        await twenty;
        const abortedAt = performance.now();
        controller.abort();
        const result = await run;
        expect(performance.now() - abortedAt).toBeLessThan(100);
        expect(result.stopReason).toBe('aborted');
        expect(result.text.startsWith(chunks.slice(0, 20).join(''))).toBe(true);

        const after = await provider.generate({ prompt: 'Once upon a time', maxTokens: 4 });
        expect(after.stopReason).not.toBe('aborted');
      });

      it('returns at once, with nothing generated, when the signal is already aborted', async () => {
        const result = await provider.generate({
          prompt: 'x',
          maxTokens: 10,
          signal: AbortSignal.abort(),
          onToken: () => {
            throw new Error('no token expected');
          },
        });
        expect(result).toMatchObject({ text: '', tokens: 0, stopReason: 'aborted' });
      });
    });

    describe('JSON schema', () => {
      it('constrains a chat answer to JSON that parses and matches the schema', async () => {
        const result = await provider.generate({
          messages: [{ role: 'user', content: 'Classify this record.' }],
          maxTokens: 64,
          jsonSchema: VERDICT_SCHEMA,
        });
        expect(result.stopReason).toBe('eos');
        expectVerdict(result.text);
      });

      it('constrains a raw completion the same way', async () => {
        const result = await provider.generate({ prompt: 'Verdict:', maxTokens: 64, jsonSchema: VERDICT_SCHEMA });
        expectVerdict(result.text);
      });

      it('streams the constrained JSON like any other text', async () => {
        const chunks: string[] = [];
        const result = await provider.generate({ prompt: 'Verdict:', maxTokens: 64, jsonSchema: VERDICT_SCHEMA, onToken: (t) => chunks.push(t) });
        expect(chunks.join('')).toBe(result.text);
      });
    });

    if (subject.functionCalling) {
      describe('function calling', () => {
        const functions = [
          {
            name: 'hold_record',
            description: 'Hold a record for human review',
            parameters: { type: 'object', properties: { urgent: { type: 'boolean' }, queue: { enum: ['finance', 'legal'] } }, required: ['urgent', 'queue'] },
          },
        ];

        it('returns a well-formed call to an offered function when a call is required', async () => {
          const result = await provider.generate({
            messages: [{ role: 'user', content: 'Hold record 7 for legal.' }],
            maxTokens: 200, // the tiny model's vocabulary is mostly bytes: a call is ~90 tokens
            functions,
            functionCall: 'required',
          });
          expect(result.functionCalls).toHaveLength(1);
          const call = result.functionCalls?.[0];
          expect(call?.name).toBe('hold_record');
          expect(call?.arguments).toMatchObject({ urgent: expect.any(Boolean) });
          expect(['finance', 'legal']).toContain((call?.arguments as { queue: string }).queue);
        });
      });
    }

    describe('errors', () => {
      it('refuses a request with both or neither of prompt and messages as a bad request', async () => {
        await expect(provider.generate({ maxTokens: 4 })).rejects.toMatchObject({ name: 'ProviderError', code: 'bad-request' });
        await expect(provider.generate({ prompt: 'a', messages: [], maxTokens: 4 })).rejects.toThrow(/exactly one/);
      });

      it('refuses a non-positive maxTokens', async () => {
        const error = await provider.generate({ prompt: 'a', maxTokens: 0 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ProviderError);
        expect(error).toMatchObject({ code: 'bad-request' });
      });

      it('refuses function calling on a raw prompt, and functions together with a JSON schema', async () => {
        const functions = [{ name: 'f' }];
        await expect(provider.generate({ prompt: 'a', maxTokens: 4, functions })).rejects.toMatchObject({ code: 'bad-request' });
        await expect(
          provider.generate({ messages: [{ role: 'user', content: 'a' }], maxTokens: 4, functions, jsonSchema: VERDICT_SCHEMA }),
        ).rejects.toMatchObject({ code: 'bad-request' });
      });

      it('refuses an unknown model with a typed error that names it and says what to do', async () => {
        const error = await subject.openUnknownModel().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ProviderError);
        expect(error).toMatchObject({ code: 'model-not-found' });
        expect((error as Error).message).toMatch(/no-such-model/);
        expect((error as Error).message).toMatch(/tiny-test/); // lists what is available
      });
    });

    describe('timeouts', () => {
      it('honours a caller deadline given as AbortSignal.timeout', async () => {
        const started = performance.now();
        const result = await provider.generate({ prompt: 'x', maxTokens: 100_000, signal: AbortSignal.timeout(200) });
        expect(result.stopReason).toBe('aborted');
        expect(performance.now() - started).toBeLessThan(30_000); // not the 100 000 tokens
      });

      if (subject.openStalled !== undefined) {
        const openStalled = subject.openStalled;
        it('gives up on a server that accepts the request and then stays silent, with a typed idle timeout', async () => {
          const stalled = await openStalled();
          try {
            const error = await stalled.provider.generate({ prompt: 'x', maxTokens: 4 }).catch((e: unknown) => e);
            expect(error).toBeInstanceOf(ProviderTimeoutError);
            expect(error).toMatchObject({ code: 'timeout', phase: 'idle', timeoutMs: stalled.idleTimeoutMs });
            expect((error as Error).message).toMatch(/sent nothing.*idle/);
          } finally {
            await stalled.provider.dispose();
            await stalled.close();
          }
        });
      }
    });
  });
}
