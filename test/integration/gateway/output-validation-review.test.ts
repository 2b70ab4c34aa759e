/**
 * Stage 7 as a red-team review found it could be passed: credentials written with JSON escapes in
 * structured output, a secretlint-disable comment in the model's text, invisible characters inside
 * a key, and a function call the request never offered. Real governed tenant, real stages; the
 * model is a scripted hostile neighbour, through gateway.call and gateway.stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../../main/gateway/index.ts';
import type { FunctionCall, GenerateRequest, GenerateResult, ModelProvider } from '../../../main/providers/provider.ts';
import { close, gatewayFixture, type GatewayFixture } from './helpers.ts';

/** Answers with a scripted text (and function calls), streamed word by word. */
class Hostile implements ModelProvider {
  readonly kind = 'llama-cpp' as const;
  readonly modelId = 'hostile';
  answer = '';
  functionCalls: FunctionCall[] | undefined;
  async generate(request: GenerateRequest): Promise<GenerateResult> {
    for (const word of this.answer.split(/(?<= )/)) request.onToken?.(word);
    return { text: this.answer, tokens: 8, promptTokens: 8, stopReason: 'eos', ...(this.functionCalls !== undefined && { functionCalls: this.functionCalls }) };
  }
  async dispose(): Promise<void> {}
}

// Synthetic keys in the documented shapes; none is real.
const AWS = 'AKIAZ7Q2X4RVB6N3WP5L';
const GH = 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const SLACK = 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';
const STRIPE = 'sk_live_51H8xYzAbCdEfGhIjKlMnOpQr';
/** What must never reach the caller, decoded: the distinctive part of each secret. */
const SECRET_PARTS = ['Z7Q2X4RVB6N3WP5L', 'a1B2c3D4e5F6g7H8i9J0', 'MIIEpAIBAAKCAQEA', 'SflKxwRJSMeKKF2QT4fw', 'Sup3rS3cret', 'AbCdEfGhIjKlMnOpQrStUvWx', '51H8xYzAbCdEfGhIjKlMnOpQr'];

let f: GatewayFixture<Hostile>;
beforeAll(async () => {
  // Cheap tokens: the per-call budget must not refuse a call with a function template before it runs.
  f = await gatewayFixture(new Hostile(), { pricing: () => ({ input: 0.01, output: 0.01 }) });
});
afterAll(async () => {
  await close(f);
});

const ask = (agent: string, extra: Partial<GatewayRequest> = {}): GatewayRequest => ({ actor: 'ann', agent, messages: [{ role: 'user', content: 'Give me the settings' }], maxTokens: 64, ...extra });

function expectNoSecret(text: string): void {
  for (const part of SECRET_PARTS) expect(text).not.toContain(part);
}

describe('a secretlint-disable comment in the model output', () => {
  it('switches no rule off, in the text or in function-call arguments', async () => {
    f.provider.answer = `<!-- secretlint-disable -->\nkeys ${AWS} ${GH} ${SLACK} ${STRIPE} `;
    f.provider.functionCalls = [{ name: 'lookup', arguments: { note: 'secretlint-disable -- ok', key: GH } }];
    const streamed: string[] = [];
    const error = await f.gateway
      .stream(ask('disable-comment', { functions: [{ name: 'lookup', parameters: { type: 'object', properties: { note: { type: 'string' }, key: { type: 'string' } } } }] }), (t) => streamed.push(t))
      .catch((e: unknown) => e);
    f.provider.functionCalls = undefined;
    expect(error).toMatchObject({ code: 'OUTPUT_VALIDATION' }); // the key in the arguments blocks
    expectNoSecret(streamed.join(''));

    const result = await f.gateway.call(ask('disable-comment-text'));
    expect(result.text).toBe('<!-- secretlint-disable -->\nkeys [REDACTED_SECRET:aws] [REDACTED_SECRET:github] [REDACTED_SECRET:slack] [REDACTED_SECRET:stripe] ');
  });
});

describe('invisible characters inside a key', () => {
  const answer = `key AKIA\u200bZ7Q2X4RVB6N3WP5L and ghp_\u200ba1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8 done `;
  const redacted = 'key [REDACTED_SECRET:aws] and [REDACTED_SECRET:github] done ';

  it('call() and stream() redact the key, and the stream releases none of it on the fly', async () => {
    f.provider.answer = answer;
    expect((await f.gateway.call(ask('zero-width-call'))).text).toBe(redacted);
    const streamed: string[] = [];
    const result = await f.gateway.stream(ask('zero-width-stream'), (t) => streamed.push(t));
    expect(result.text).toBe(redacted);
    expect(streamed.join('')).toBe(redacted);
    expect(result.heldOnTheFly).toBe(true);
  });
});

describe('a function call the request never offered', () => {
  it('is refused (blocked), also when its name is a credential', async () => {
    f.provider.answer = 'Done. ';
    f.provider.functionCalls = [{ name: GH, arguments: {} }];
    const error = await f.gateway.call(ask('unoffered-call', { functions: [{ name: 'lookup' }] })).catch((e: unknown) => e);
    f.provider.functionCalls = undefined;
    expect(error).toMatchObject({ code: 'OUTPUT_VALIDATION' });
    expect(String((error as Error).message)).not.toContain(GH);
  });
});
