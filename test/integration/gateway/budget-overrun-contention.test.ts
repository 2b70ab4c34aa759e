/**
 * Usage past the reservation, settled by many calls at once: each settlement moves the totals the
 * others' records state (`overLimit.<scope>`), so a record is made again when its totals moved.
 * Contention there must end in BudgetExceeded (429, a billing event, an honest record of the call)
 * or in the call passing; never in GATEWAY_AUDIT_FAILED, which tells the user to check their disk.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Overrun } from '../../../main/gateway/budget.ts';
import { BudgetExceeded, GatewayAuditError, gatewayRecordOf, type GatewayRequest } from '../../../main/gateway/index.ts';
import { close, entries, gatewayFixture, MICRO_PER_TOKEN, OverReportingProvider, PASS, verify, type GatewayFixture } from './helpers.ts';

const CHARGED = (5_000 + 4) * MICRO_PER_TOKEN;
const CALLS = 10;
const ask = (i: number): GatewayRequest => ({ actor: 'ann', agent: 'overrun', messages: [{ role: 'user', content: `hi ${i}` }], maxTokens: 8 });

let f: GatewayFixture<OverReportingProvider>;
afterEach(async () => {
  await close(f);
});

/** Every call's outcome, and each refusal's record on the log. */
async function concurrently(): Promise<{ passed: number; refusals: unknown[] }> {
  const outcomes = await Promise.all(Array.from({ length: CALLS }, (_, i) => f.gateway.call(ask(i)).then(() => 'ok' as const, (e: unknown) => e)));
  return { passed: outcomes.filter((o) => o === 'ok').length, refusals: outcomes.filter((o) => o !== 'ok') };
}

function expectBillingRefusals(refusals: readonly unknown[]): void {
  for (const error of refusals) {
    expect(error).not.toBeInstanceOf(GatewayAuditError);
    expect(error).toBeInstanceOf(BudgetExceeded);
    expect(error).toMatchObject({ status: 429, code: 'BUDGET_EXCEEDED' });
    expect((error as Error).message).not.toMatch(/disk|audit verify/);
    const record = gatewayRecordOf(error);
    const entry = entries(f).find((e) => e.seq === record?.auditSeq);
    expect(entry?.fields).toMatchObject({ event: 'billing', cost: String(CHARGED / 1e6) });
  }
}

describe('calls whose usage passes their reservation, settled concurrently', () => {
  it('are each refused with BudgetExceeded and recorded as a billing event naming the limits passed, never as an audit failure', async () => {
    f = await gatewayFixture(new OverReportingProvider(5_000, 2));
    await f.governance.policyChanges.set('alice', { level: 'tenant' }, 'budget.perTenant', '1');
    const { passed, refusals } = await concurrently();
    expect(passed).toBe(0);
    expect(refusals).toHaveLength(CALLS);
    expectBillingRefusals(refusals);
    // Each refusal's record is the call's own (stage 10), stating the limits passed (the agent's
    // too, once the charges pass its default) and by how much.
    for (const error of refusals) {
      const entry = entries(f).find((e) => e.seq === gatewayRecordOf(error)?.auditSeq);
      expect(entry).toMatchObject({ action: 'gateway.call', outcome: 'blocked', fields: { blockedBy: 'BUDGET_EXCEEDED', budgetExceeded: expect.stringMatching(/^call,tenant\b/) } });
    }
    // The tenant's overrun grows with each charge: the records state each one as it stood at its commit.
    const over = refusals.map((e) => Number(entries(f).find((x) => x.seq === gatewayRecordOf(e)?.auditSeq)?.fields['overLimit.tenant'])).sort((a, b) => a - b);
    expect(new Set(over).size).toBe(CALLS);
    expect(over.at(-1)).toBeCloseTo((CALLS * CHARGED) / 1e6 - 1, 6);
    expect(f.gateway.ledger.committed('tenant', '')).toBe(CALLS * CHARGED);
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect((await verify(f)).ok).toBe(true);
  });

  it('pass while within every limit and are refused with BudgetExceeded past it', async () => {
    f = await gatewayFixture(new OverReportingProvider(5_000, 2));
    await f.governance.policyChanges.set('erin', { level: 'appliance' }, 'budget.perCall', '6', { passphrase: PASS.erin as string });
    await f.governance.policyChanges.set('alice', { level: 'tenant' }, 'budget.perTenant', '26');
    const { passed, refusals } = await concurrently();
    // Five charges of 5.004 fit in 26; every later one passes the tenant's limit.
    expect(passed).toBe(5);
    expectBillingRefusals(refusals);
    expect(f.gateway.ledger.committed('tenant', '')).toBe(CALLS * CHARGED);
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect((await verify(f)).ok).toBe(true);
  });

  it('still ends in BudgetExceeded, recorded with the charge, when the totals keep moving under every commit', async () => {
    f = await gatewayFixture(new OverReportingProvider(5_000, 2));
    await f.governance.policyChanges.set('alice', { level: 'tenant' }, 'budget.perTenant', '1');
    // Another writer settles between every record and its commit: the totals read under the lock never match.
    const ledger = f.gateway.ledger;
    const overruns = ledger.overruns.bind(ledger);
    let moved = 0;
    ledger.overruns = (request, reservation, chargedMicro, settled): Overrun[] => {
      const found = overruns(request, reservation, chargedMicro, settled);
      return settled ? found.map((o) => ({ ...o, overMicro: o.overMicro + ++moved })) : found;
    };
    const error = await f.gateway.call(ask(0)).catch((e: unknown) => e);
    expect(moved).toBeGreaterThan(1);
    expectBillingRefusals([error]);
    expect((error as Error).message).not.toContain('answer');
    const entry = entries(f).find((e) => e.seq === gatewayRecordOf(error)?.auditSeq);
    expect(entry).toMatchObject({ action: 'gateway.call.blocked', outcome: 'blocked', fields: { code: 'BUDGET_EXCEEDED' } });
    expect(Number(entry?.fields.overReservation)).toBeGreaterThan(0);
    expect(ledger.committed('tenant', '')).toBe(CHARGED);
    expect(ledger.openReservations()).toBe(0);
    expect((await verify(f)).ok).toBe(true);
  });
});
