/**
 * A call the router sent to more than one model is charged nothing only when every one of them
 * refused before doing any work: a model that ran (timed out, failed mid-generation) before a
 * fallback that refused may have evaluated the prompt, and the call pays its reservation. Real
 * routing resolver, router, gateway and audit log; the models are scripted neighbours.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayRecordOf, ModelCallFailed } from '../../../main/gateway/index.ts';
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

const models = {
  'slow-timeout': new FailingModel('slow-timeout', 'timeout', 20),
  busy: new FailingModel('busy', 'rate-limited'),
  'half-done': new FailingModel('half-done', 'generation-failed', 5),
  strict: new FailingModel('strict', 'bad-request'),
  loading: new FailingModel('loading', 'unavailable'),
  'busy-too': new FailingModel('busy-too', 'rate-limited'),
};

let dir: string;
let routed: RoutedProviders;
let f: GatewayFixture<FailingModel>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'airlock-routed-refusals-'));
  const manifestPath = join(dir, 'manifest.json');
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
    },
    aliases: { default: 'loading' },
    breaker: { failureThreshold: 1000 },
  };
  await writeFile(manifestPath, JSON.stringify(manifest));
  routed = await routedProviders({ manifestPath, providers: models });
  f = await gatewayFixture(models.busy, { providers: routed.resolve, pricing: routed.pricing });
});

afterAll(async () => {
  await close(f);
  await routed.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function failedCall(model: string): Promise<{ error: ModelCallFailed; fields: Readonly<Record<string, string>>; reserved: number }> {
  const error = await f.gateway.call({ actor: 'ann', agent: `refusals-${model}`, model, messages: [{ role: 'user', content: 'go on' }], maxTokens: 16 }).catch((e: unknown) => e);
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
