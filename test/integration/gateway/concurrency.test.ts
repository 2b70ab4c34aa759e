import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BudgetExceeded, promptTokenUpperBound, type GatewayResult } from '../../../main/gateway/index.ts';
import type { GenerateRequest, GenerateResult, ModelProvider } from '../../../main/providers/provider.ts';
import { MICRO_PER_TOKEN, close, gatewayFixture, verify, type GatewayFixture } from './helpers.ts';

const N = 50;
const FIRST = ['Alice', 'Bruno', 'Chloe', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas'];
// Each request has its own email, card number and name; every session numbers them [EMAIL_1], … so
// a map shared between requests would restore another request's values.
const LUHN_CARDS = ['4111111111111111', '5500000000000004', '340000000000009', '6011000000000004', '4012888888881881'];
const promptOf = (i: number): string =>
  `Dear ${FIRST[i % FIRST.length]} Example, we wrote to person${i}.x@example${i}.org about card ${LUHN_CARDS[i % LUHN_CARDS.length]} (ticket ${i}). `;

describe('concurrent calls through the real pipeline', () => {
  let f: GatewayFixture;
  beforeAll(async () => {
    f = await gatewayFixture();
  });
  afterAll(async () => {
    await close(f);
  });

  it(`${N} concurrent requests with different PII each get back only their own values`, async () => {
    const results = await Promise.all(Array.from({ length: N }, (_, i) => f.gateway.call({ actor: `agent-${i}`, agent: `agent-${i}`, messages: [{ role: 'user', content: promptOf(i) }], maxTokens: 64 })));
    results.forEach((r: GatewayResult, i) => {
      expect(r.text).toBe(promptOf(i));
      for (let j = 0; j < N; j++) if (j !== i) expect(r.text).not.toContain(`person${j}.x@`);
    });
    // The model never saw a value, only tokens.
    const seen = f.provider.seen.join('\n');
    expect(seen).not.toMatch(/@example\d+\.org/);
    expect(seen.match(/\[EMAIL_1\]/g)).toHaveLength(N);
    expect(new Set(results.map((r) => r.auditSeq)).size).toBe(N);
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect((await verify(f)).ok).toBe(true);
  });
});

/** Holds every generation until released, so all reservations are outstanding at once. */
class GatedProvider implements ModelProvider {
  readonly kind = 'llama-cpp' as const;
  readonly modelId = 'gated';
  waiting = 0;
  #open!: () => void;
  readonly #gate = new Promise<void>((resolve) => {
    this.#open = resolve;
  });
  open(): void {
    this.#open();
  }
  async generate(_request: GenerateRequest): Promise<GenerateResult> {
    this.waiting++;
    await this.#gate;
    // 12 prompt tokens: about what a tokenizer gives the test's 8-word prompt (stage 10 bills no
    // less than the text shows, so a count below the words' floor would be raised).
    return { text: 'ok ', tokens: 1, promptTokens: 12, stopReason: 'eos' };
  }
  async dispose(): Promise<void> {}
}

describe('budget reservations under concurrency', () => {
  let f: GatewayFixture<GatedProvider>;
  const provider = new GatedProvider();
  beforeAll(async () => {
    f = await gatewayFixture(provider);
  });
  afterAll(async () => {
    await close(f);
  });

  it(`${N} concurrent calls never reserve past the tenant budget; settling releases the unused part`, async () => {
    const content = 'Please summarise the quarterly figures for the board. ';
    const maxTokens = 100;
    const estimate = promptTokenUpperBound([content]) + maxTokens; // tokens; UNIT_PRICE makes 1,000 of them one unit
    const fit = 7;
    const limitTokens = fit * estimate + estimate - 1; // room for 7 reservations, not 8
    await f.governance.policyChanges.set('alice', { level: 'tenant' }, 'budget.perTenant', (limitTokens / 1000).toFixed(3));

    const calls = Array.from({ length: N }, (_, i) =>
      f.gateway.call({ actor: 'ann', agent: `a${i}`, session: `s${i}`, messages: [{ role: 'user', content }], maxTokens }).then(
        (r) => ({ ok: true as const, r }),
        (e: unknown) => ({ ok: false as const, e }),
      ),
    );
    // Wait until every call either reserved (and waits in the model) or was refused.
    while (provider.waiting < fit) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    expect(provider.waiting).toBe(fit);
    const committed = f.gateway.ledger.committed('tenant', '');
    expect(committed).toBe(fit * estimate * MICRO_PER_TOKEN);
    expect(committed).toBeLessThanOrEqual(limitTokens * MICRO_PER_TOKEN);
    expect(f.gateway.ledger.openReservations()).toBe(fit);

    provider.open();
    const outcomes = await Promise.all(calls);
    const ok = outcomes.filter((o) => o.ok);
    const refused = outcomes.filter((o) => !o.ok);
    expect(ok).toHaveLength(fit);
    expect(refused).toHaveLength(N - fit);
    for (const o of refused) expect(o.e).toBeInstanceOf(BudgetExceeded);
    // Settled: each charged 12 prompt + 1 completion tokens; the rest of each reservation released.
    expect(f.gateway.ledger.committed('tenant', '')).toBe(fit * 13 * MICRO_PER_TOKEN);
    expect(f.gateway.ledger.openReservations()).toBe(0);
    for (const o of ok) if (o.ok) expect(o.r.usage).toMatchObject({ cost: 13 / 1000, reserved: estimate / 1000, released: (estimate - 13) / 1000, usageKnown: true });
  });
});
