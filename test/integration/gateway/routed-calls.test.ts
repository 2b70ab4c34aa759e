/**
 * A call's task and its price after re-routing, end to end on real parts: a site manifest (temp
 * copy) with a cheap and a dear model, a flaky model in front of each that falls back to the
 * other, and a task alias; the real routing resolver and router, the real gateway and the
 * tenant's real audit log. The models are scripted neighbours (no model files are opened).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BudgetExceeded, GatewayRequestError, gatewayRecordOf, PRE_CALL_ACTION, promptTokenUpperBound, type GatewayRequest, type GatewayResult } from '../../../main/gateway/index.ts';
import { routedProviders, type RoutedProviders } from '../../../main/gateway/routed-providers.ts';
import { ProviderError, type GenerateRequest, type GenerateResult, type ModelProvider } from '../../../main/providers/provider.ts';
import { DEFAULT_MANIFEST_PATH } from '../../../models/manifest.ts';
import { close, entries, gatewayFixture, MICRO_PER_TOKEN, verify, type GatewayFixture } from './helpers.ts';

/** Cost units per 1,000 tokens (exact in binary, so the charges below are exact). */
const CHEAP = { input: 0.5, output: 1 };
const DEAR = { input: 2, output: 4 };
const PROMPT_TOKENS = 10;
const COMPLETION_TOKENS = 4;
const microAt = (price: { input: number; output: number }, prompt: number, completion: number): number => (prompt * price.input + completion * price.output) * 1000;

/** A model that answers with its own id, at a fixed usage. */
class NamedModel implements ModelProvider {
  readonly kind = 'llama-cpp' as const;
  calls = 0;
  constructor(readonly modelId: string) {}
  async generate(_request: GenerateRequest): Promise<GenerateResult> {
    this.calls++;
    return { text: `served by ${this.modelId}`, tokens: COMPLETION_TOKENS, promptTokens: PROMPT_TOKENS, stopReason: 'eos' };
  }
  async dispose(): Promise<void> {}
}

/**
 * A model whose server is not ready: every call is refused before any work, so the router falls
 * back and the call pays only the model that served it (a model that ran first is billed its
 * reservation: routed-refusals.test.ts).
 */
class DownModel implements ModelProvider {
  readonly kind = 'llama-cpp' as const;
  calls = 0;
  constructor(readonly modelId: string) {}
  async generate(_request: GenerateRequest): Promise<GenerateResult> {
    this.calls++;
    throw new ProviderError('unavailable', `${this.modelId} is loading (test double)`);
  }
  async dispose(): Promise<void> {}
}

let dir: string;
let routed: RoutedProviders;
let f: GatewayFixture<NamedModel>;
const cheap = new NamedModel('cheap');
const dear = new NamedModel('dear');
const flakyCheap = new DownModel('flaky-cheap');
const flakyDear = new DownModel('flaky-dear');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'airlock-routed-calls-'));
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(DEFAULT_MANIFEST_PATH, 'utf8')) as { models: Record<string, Record<string, unknown>> } & Record<string, unknown>;
  const tiny = manifest.models['tiny-test'] as Record<string, unknown>;
  for (const [id, price] of [['cheap', CHEAP], ['flaky-cheap', CHEAP], ['dear', DEAR], ['flaky-dear', DEAR]] as const) manifest.models[id] = { ...tiny, pricePer1kTokens: price };
  manifest.routing = {
    models: {
      cheap: { provider: 'local' },
      dear: { provider: 'local' },
      'flaky-cheap': { provider: 'local', fallback: 'dear' },
      'flaky-dear': { provider: 'local', fallback: 'cheap' },
    },
    aliases: { default: 'cheap' },
    tasks: { 'board-summary': { aliases: { default: 'dear' } } },
    // The breakers never open here: every call tries the flaky model first.
    breaker: { failureThreshold: 1000 },
  };
  await writeFile(manifestPath, JSON.stringify(manifest));
  routed = await routedProviders({ manifestPath, providers: { cheap, dear, 'flaky-cheap': flakyCheap, 'flaky-dear': flakyDear } });
  f = await gatewayFixture(cheap, { providers: routed.resolve, pricing: routed.pricing });
});

afterAll(async () => {
  await close(f);
  await routed.dispose();
  await rm(dir, { recursive: true, force: true });
});

const CONTENT = 'Summarise the quarter for the board';
const ask = (extra: Partial<GatewayRequest> = {}): GatewayRequest => ({ actor: 'ann', messages: [{ role: 'user', content: CONTENT }], maxTokens: 8, ...extra });
const promptBound = promptTokenUpperBound([CONTENT]);

function fieldsAt(seq: number | undefined): Record<string, string> {
  const entry = entries(f).find((e) => e.seq === seq);
  if (entry === undefined) throw new Error(`no audit entry at ${seq}`);
  return entry.fields as Record<string, string>;
}

describe("a request's task", () => {
  it("routes to the task's alias and the pre-call and call entries name the task", async () => {
    const result = await f.gateway.call(ask({ task: 'board-summary' }));
    expect(result.text).toBe('served by dear');
    expect(result.model).toBe('dear');
    expect(fieldsAt(result.preCallSeq)).toMatchObject({ task: 'board-summary', model: 'dear' });
    expect(fieldsAt(result.auditSeq)).toMatchObject({ task: 'board-summary', requestedModel: 'default', model: 'dear' });

    const plain = await f.gateway.call(ask());
    expect(plain.model).toBe('cheap');
    expect(fieldsAt(plain.preCallSeq)).not.toHaveProperty('task');
    expect(fieldsAt(plain.auditSeq)).not.toHaveProperty('task');
    expect((await verify(f)).ok).toBe(true);
  });

  it("prices the budget check at the task's model and names the task on a refusal", async () => {
    // 200 tokens at the cheap price fit the 0.5-unit per-call budget; at the task's dear price they do not.
    const atCheap = microAt(CHEAP, promptBound, 200);
    const atDear = microAt(DEAR, promptBound, 200);
    expect(atCheap).toBeLessThan(0.5 * 1_000_000);
    expect(atDear).toBeGreaterThan(0.5 * 1_000_000);
    const error = await f.gateway.call(ask({ task: 'board-summary', maxTokens: 200 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceeded);
    expect(error).toMatchObject({ scope: 'call', requested: atDear / 1_000_000 });
    expect(fieldsAt(gatewayRecordOf(error)?.auditSeq)).toMatchObject({ code: 'BUDGET_EXCEEDED', task: 'board-summary' });
  });

  it('refuses a task that is not a name, before anything is recorded', async () => {
    const before = entries(f).length;
    for (const task of ['', '   ', 'board\nsummary', 'x'.repeat(129)]) {
      const error = await f.gateway.call(ask({ task })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GatewayRequestError);
      expect((error as Error).message).toMatch(/task must be a name of 1 to 128 printable characters, or left out/);
    }
    expect(entries(f).length).toBe(before);
  });
});

describe('the price of a call the router re-routed', () => {
  const expectBilled = (result: GatewayResult, served: 'cheap' | 'dear', price: { input: number; output: number }): void => {
    const charged = microAt(price, PROMPT_TOKENS, COMPLETION_TOKENS);
    // Reserved at the dearer of the candidates, so no fallback can outrun the reservation.
    const reserved = microAt(DEAR, promptBound, 8);
    expect(result.model).toBe(served);
    expect(result.usage).toMatchObject({ cost: charged / 1_000_000, reserved: reserved / 1_000_000, released: (reserved - charged) / 1_000_000 });
    expect(fieldsAt(result.auditSeq)).toMatchObject({ model: served, routeReason: 'fallback', cost: String(charged / 1_000_000) });
    expect(result.verdicts.at(-1)?.detail).not.toHaveProperty('overReservation');
  };

  it('charges a cheap model that failed over to a dear one at the dear price', async () => {
    const agent = 'fallback-up';
    const result = await f.gateway.call(ask({ model: 'flaky-cheap', agent }));
    expect(flakyCheap.calls).toBeGreaterThan(0);
    expectBilled(result, 'dear', DEAR);
    expect(fieldsAt(result.auditSeq)).toMatchObject({ requestedModel: 'flaky-cheap', routedFrom: 'flaky-cheap' });
    expect(f.gateway.ledger.committed('agent', `agent:${agent}`)).toBe(microAt(DEAR, PROMPT_TOKENS, COMPLETION_TOKENS));
  });

  it('charges a dear model that failed over to a cheap one at the cheap price', async () => {
    const agent = 'fallback-down';
    const result = await f.gateway.call(ask({ model: 'flaky-dear', agent }));
    expect(flakyDear.calls).toBeGreaterThan(0);
    expectBilled(result, 'cheap', CHEAP);
    expect(f.gateway.ledger.committed('agent', `agent:${agent}`)).toBe(microAt(CHEAP, PROMPT_TOKENS, COMPLETION_TOKENS));
    expect(entries(f).find((e) => e.seq === result.preCallSeq)).toMatchObject({ action: PRE_CALL_ACTION, fields: { model: 'flaky-dear' } });
    expect((await verify(f)).ok).toBe(true);
  });
});

describe('usage beyond the reservation', () => {
  /** A model that reports far more prompt tokens than the gateway's upper bound allowed for. */
  class OverReporting implements ModelProvider {
    readonly kind = 'llama-cpp' as const;
    readonly modelId = 'over-reporting';
    async generate(_request: GenerateRequest): Promise<GenerateResult> {
      // Past the reservation, within every limit (0.304 against the per-call 0.5): see budget-overrun.test.ts for past one.
      return { text: 'ok', tokens: 4, promptTokens: 300, stopReason: 'eos' };
    }
    async dispose(): Promise<void> {}
  }

  it('is charged in full, settled above the reservation and recorded as overReservation', async () => {
    const g = await gatewayFixture(new OverReporting(), {}, f);
    const result = await g.gateway.call({ actor: 'ann', agent: 'over', messages: [{ role: 'user', content: 'hi' }], maxTokens: 8 });
    const reserved = (promptTokenUpperBound(['hi']) + 8) * MICRO_PER_TOKEN;
    const charged = (300 + 4) * MICRO_PER_TOKEN;
    expect(result.usage).toMatchObject({ reserved: reserved / 1_000_000, cost: charged / 1_000_000, released: 0 });
    expect(result.verdicts.at(-1)?.detail).toMatchObject({ overReservation: (charged - reserved) / 1_000_000 });
    expect(fieldsAt(result.auditSeq)).toMatchObject({ cost: String(charged / 1_000_000), overReservation: String((charged - reserved) / 1_000_000) });
    expect(fieldsAt(result.auditSeq)).not.toHaveProperty('budgetExceeded');
    expect(g.gateway.ledger.committed('agent', 'agent:over')).toBe(charged);
    expect(g.gateway.ledger.openReservations()).toBe(0);
    expect((await verify(f)).ok).toBe(true);
  });
});
