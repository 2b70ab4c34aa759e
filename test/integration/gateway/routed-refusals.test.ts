/**
 * A call the router sent to more than one model is charged nothing only when every one of them
 * refused before doing any work: a model that ran (timed out, failed mid-generation) before a
 * fallback that refused may have evaluated the prompt, and the call pays its reservation. Real
 * routing resolver, router, gateway and audit log; the models are scripted neighbours.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayRecordOf, ModelCallFailed, type GatewayResult } from '../../../main/gateway/index.ts';
import { routedProviders, type RoutedProviders } from '../../../main/gateway/routed-providers.ts';
import { ProviderError, type GenerateRequest, type GenerateResult, type ModelProvider, type ProviderErrorCode } from '../../../main/providers/provider.ts';
import { DEFAULT_MANIFEST_PATH } from '../../../models/manifest.ts';
import { close, entries, gatewayFixture, verify, type GatewayFixture } from './helpers.ts';

/** Fails with `code` after `afterMs` (a model that ran for a while, or one that refused at once). */
class FailingModel implements ModelProvider {
  readonly kind = 'openai-compatible' as const;
  calls = 0;
  constructor(
    readonly modelId: string,
    private readonly code: ProviderErrorCode,
    private readonly afterMs = 0,
  ) {}
  async generate(_request: GenerateRequest): Promise<GenerateResult> {
    this.calls++;
    if (this.afterMs > 0) await new Promise((resolve) => setTimeout(resolve, this.afterMs));
    throw new ProviderError(this.code, `${this.modelId} failed (test double)`);
  }
  async dispose(): Promise<void> {}
}

/** Answers with the last message, and its honest counts. */
class AnsweringModel implements ModelProvider {
  readonly kind = 'openai-compatible' as const;
  calls = 0;
  constructor(readonly modelId: string) {}
  async generate(request: GenerateRequest): Promise<GenerateResult> {
    this.calls++;
    const text = request.messages?.at(-1)?.content ?? '';
    return { text, tokens: text.split(/\s+/).length, promptTokens: 10, stopReason: 'eos' };
  }
  async dispose(): Promise<void> {}
}

const models = {
  'slow-timeout': new FailingModel('slow-timeout', 'timeout', 20),
  busy: new FailingModel('busy', 'rate-limited'),
  'half-done': new FailingModel('half-done', 'generation-failed', 5),
  strict: new FailingModel('strict', 'bad-request'),
  loading: new FailingModel('loading', 'unavailable'),
  'busy-too': new FailingModel('busy-too', 'rate-limited'),
  'down-first': new FailingModel('down-first', 'server-error'),
  'down-second': new FailingModel('down-second', 'server-error'),
  'wrong-key': new FailingModel('wrong-key', 'unauthorized'),
  'busy-after-key': new FailingModel('busy-after-key', 'rate-limited'),
  'flaky-front': new FailingModel('flaky-front', 'server-error'),
  'slow-model': new FailingModel('slow-model', 'timeout', 30),
  'busy-first': new FailingModel('busy-first', 'rate-limited'),
  'ok-model': new AnsweringModel('ok-model'),
};

/** A model server that refuses every request (HTTP 401) after 100 ms: its provider fails to open. */
let keyless: Server;

let dir: string;
let routed: RoutedProviders;
let f: GatewayFixture<FailingModel>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'airlock-routed-refusals-'));
  const manifestPath = join(dir, 'manifest.json');
  keyless = createServer((_req, res) => {
    setTimeout(() => res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"bad key"}}'), 100);
  });
  await new Promise<void>((resolve) => keyless.listen(0, '127.0.0.1', resolve));
  const manifest = JSON.parse(await readFile(DEFAULT_MANIFEST_PATH, 'utf8')) as { models: Record<string, Record<string, unknown>> } & Record<string, unknown>;
  const tiny = manifest.models['tiny-test'] as Record<string, unknown>;
  for (const id of Object.keys(models)) manifest.models[id] = { ...tiny, pricePer1kTokens: { input: 1, output: 2 } };
  manifest.routing = {
    models: {
      'slow-timeout': { provider: 'local', fallback: 'busy' },
      busy: { provider: 'local' },
      'half-done': { provider: 'local', fallback: 'strict' },
      strict: { provider: 'local' },
      loading: { provider: 'local', fallback: 'busy-too' },
      'busy-too': { provider: 'local' },
      'down-first': { provider: 'local', fallback: 'down-second' },
      'down-second': { provider: 'local' },
      'wrong-key': { provider: 'local', fallback: 'busy-after-key' },
      'busy-after-key': { provider: 'local' },
      'flaky-front': { provider: 'local', fallback: 'keyless-model' },
      'keyless-model': { provider: 'keyless' },
      'slow-model': { provider: 'local', fallback: 'ok-model' },
      'busy-first': { provider: 'local', fallback: 'ok-model' },
      'ok-model': { provider: 'local' },
    },
    aliases: { default: 'loading' },
    breaker: { failureThreshold: 1000 },
    servers: {
      keyless: { kind: 'openai-compatible', baseUrl: `http://127.0.0.1:${(keyless.address() as AddressInfo).port}/v1`, model: 'keyless-model', pricePer1kTokens: { input: 1, output: 2 } },
    },
  };
  await writeFile(manifestPath, JSON.stringify(manifest));
  routed = await routedProviders({ manifestPath, providers: models });
  f = await gatewayFixture(models.busy, { providers: routed.resolve, pricing: routed.pricing });
});

afterAll(async () => {
  await close(f);
  await routed.dispose();
  await new Promise<void>((resolve) => keyless.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

async function failedCall(model: string, agent = `refusals-${model}`): Promise<{ error: ModelCallFailed; fields: Readonly<Record<string, string>>; reserved: number }> {
  const error = await f.gateway.call({ actor: 'ann', agent, model, messages: [{ role: 'user', content: 'go on' }], maxTokens: 16 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ModelCallFailed);
  const record = gatewayRecordOf(error);
  const entry = entries(f).find((e) => e.seq === record?.auditSeq);
  const reserved = record?.verdicts.find((v) => v.stage === 'pre-call-audit')?.detail.reserved as number;
  return { error: error as ModelCallFailed, fields: entry?.fields ?? {}, reserved };
}

describe('refusals after a fallback', () => {
  it('charges the reservation when the first model ran (timed out) and its fallback refused (rate-limited)', async () => {
    const { error, fields, reserved } = await failedCall('slow-timeout');
    expect(error.providerCode).toBe('rate-limited');
    expect(models['slow-timeout'].calls).toBeGreaterThan(0);
    expect(reserved).toBeGreaterThan(0);
    expect(fields).toMatchObject({ usageKnown: 'false', cost: String(reserved) });
    expect(fields.usage).toBeUndefined();
  });

  it('charges the reservation when the first model failed mid-generation and its fallback rejected the request (bad-request)', async () => {
    const { fields, reserved } = await failedCall('half-done');
    expect(fields).toMatchObject({ usageKnown: 'false', cost: String(reserved) });
  });

  it('charges nothing when every model on the route refused before any work (unavailable, then rate-limited)', async () => {
    const { fields } = await failedCall('loading');
    expect(fields).toMatchObject({ usageKnown: 'true', usage: 'refused', cost: '0' });
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect((await verify(f)).ok).toBe(true);
  });
});

describe('a call a fallback served', () => {
  async function servedCall(model: string): Promise<{ result: GatewayResult; fields: Readonly<Record<string, string>>; reserved: number }> {
    const result = await f.gateway.call({ actor: 'ann', agent: `served-${model}`, model, messages: [{ role: 'user', content: 'go on' }], maxTokens: 16 });
    const entry = entries(f).find((e) => e.seq === result.auditSeq);
    const reserved = result.verdicts.find((v) => v.stage === 'pre-call-audit')?.detail.reserved as number;
    return { result, fields: entry?.fields ?? {}, reserved };
  }

  it('charges the reservation, usage not known, when the first model ran (timed out) before the fallback answered', async () => {
    const before = models['slow-model'].calls;
    const { result, fields, reserved } = await servedCall('slow-model');
    expect(models['slow-model'].calls).toBe(before + 1);
    expect(result.model).toBe('ok-model');
    expect(reserved).toBeGreaterThan(0);
    // No less than a timed-out model followed by a refusing fallback pays (above): more work never pays less.
    expect(result.usage).toMatchObject({ cost: reserved, usageKnown: false });
    expect(fields).toMatchObject({ usageKnown: 'false', usage: 'fallback-after-work', cost: String(reserved), model: 'ok-model', route: 'slow-model → ok-model (fallback)' });
    expect(result.verdicts.find((v) => v.stage === 'llm-call')?.detail).toMatchObject({ usage: 'fallback-after-work', model: 'ok-model' });
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect((await verify(f)).ok).toBe(true);
  });

  it('charges the fallback\'s usage alone when the first model refused before any work (rate-limited)', async () => {
    const { result, fields, reserved } = await servedCall('busy-first');
    expect(result.usage.usageKnown).toBe(true);
    expect(result.usage.cost).toBeLessThan(reserved);
    expect(fields).toMatchObject({ usageKnown: 'true', model: 'ok-model', route: 'busy-first → ok-model (fallback)' });
    expect(fields.usage).toBeUndefined();
  });
});

describe('concurrent calls through a provider that fails to open', () => {
  it('charges each of two concurrent calls by its own route when one rejection of the opening provider reaches both', async () => {
    // Both calls wait on the same opening of the keyless server's provider, so both are rejected with one error object.
    const [viaFront, direct] = await Promise.all([failedCall('flaky-front', 'via-front'), failedCall('keyless-model', 'direct-keyless')]);
    expect(models['flaky-front'].calls).toBeGreaterThan(0);
    expect(direct.error.providerCode).toBe('unauthorized');
    expect(direct.fields).toMatchObject({ usageKnown: 'true', usage: 'refused', cost: '0', model: 'keyless-model' });
    expect(viaFront.fields).toMatchObject({ usageKnown: 'false', cost: String(viaFront.reserved), model: 'keyless-model', routedFrom: 'flaky-front' });
    expect(viaFront.fields.usage).toBeUndefined();
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect((await verify(f)).ok).toBe(true);
  });
});

describe('the record of a call that failed after a fallback', () => {
  it('names the last model tried and the route to it, in the audit entry and in the error', async () => {
    const { error, fields } = await failedCall('down-first');
    expect(models['down-second'].calls).toBeGreaterThan(0);
    expect(fields).toMatchObject({ requestedModel: 'down-first', model: 'down-second', routedFrom: 'down-first', routeReason: 'fallback', route: 'down-first → down-second (fallback)' });
    expect(error.model).toBe('down-second');
    expect(error.message).toMatch(/The model "down-second" could not complete the call \(server-error\)/);
    const verdict = gatewayRecordOf(error)?.verdicts.find((v) => v.stage === 'llm-call');
    expect(verdict?.detail).toMatchObject({ model: 'down-second', routedFrom: 'down-first', routeReason: 'fallback', providerError: 'server-error' });
  });

  it('falls back from a model whose key the provider refuses, and charges nothing when the fallback refused too', async () => {
    const { error, fields } = await failedCall('wrong-key');
    expect(models['busy-after-key'].calls).toBeGreaterThan(0);
    expect(error.providerCode).toBe('rate-limited');
    expect(fields).toMatchObject({ model: 'busy-after-key', routedFrom: 'wrong-key', usageKnown: 'true', usage: 'refused', cost: '0' });
  });
});
