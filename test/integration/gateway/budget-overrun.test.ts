/**
 * Usage past the reservation that takes a budget past its limit, on a real tenant: the charge
 * stands, the call record says which limits and by how much, and the caller gets BudgetExceeded
 * with the output withheld (a limit is a hard limit).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BudgetExceeded, gatewayRecordOf, type GatewayRequest } from '../../../main/gateway/index.ts';
import { close, entries, gatewayFixture, MICRO_PER_TOKEN, OverReportingProvider, PASS, verify, type GatewayFixture } from './helpers.ts';

const CHARGED = (5_000 + 4) * MICRO_PER_TOKEN; // 5.004 units at UNIT_PRICE
/** Raising the appliance's per-call limit is a loosening: an approver, re-authenticated. */
const perCallOf = (f: GatewayFixture<OverReportingProvider>, value: string) =>
  f.governance.policyChanges.set('erin', { level: 'appliance' }, 'budget.perCall', value, { passphrase: PASS.erin as string });
const ask = (extra: Partial<GatewayRequest> = {}): GatewayRequest => ({ actor: 'ann', agent: 'overrun', messages: [{ role: 'user', content: 'hi' }], maxTokens: 8, ...extra });

let f: GatewayFixture<OverReportingProvider>;
afterEach(async () => {
  await close(f);
});

describe('a charge past a limit, found when the call is settled', () => {
  it('is refused with BudgetExceeded and recorded as a billing event naming each limit passed and by how much; the charge stands', async () => {
    f = await gatewayFixture(new OverReportingProvider(5_000));
    await f.governance.policyChanges.set('alice', { level: 'tenant' }, 'budget.perTenant', '1');
    const error = await f.gateway.call(ask()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceeded);
    // The first limit passed is the call's own (0.5 at the appliance level).
    expect(error).toMatchObject({ status: 429, stage: 'billing-post-call-audit', scope: 'call', limit: 0.5, requested: 5.004, overBy: 4.504, decidedBy: 'appliance' });
    expect((error as Error).message).toMatch(/more usage than this call reserved.*4\.504 past its limit.*charge stands.*withheld/);
    expect((error as Error).message).not.toContain('answer');

    const record = gatewayRecordOf(error);
    expect(record?.verdicts.at(-1)).toMatchObject({ stage: 'billing-post-call-audit', outcome: 'block', detail: { error: 'BUDGET_EXCEEDED', event: 'billing', budgetExceeded: 'call,tenant', 'overLimit.call': 4.504, 'overLimit.tenant': 4.004 } });
    const entry = entries(f).find((e) => e.seq === record?.auditSeq);
    expect(entry).toMatchObject({
      action: 'gateway.call',
      outcome: 'blocked',
      fields: { blockedBy: 'BUDGET_EXCEEDED', event: 'billing', budgetExceeded: 'call,tenant', 'overLimit.call': '4.504', 'overLimit.tenant': '4.004', cost: '5.004' },
    });
    expect(Number(entry?.fields.overReservation)).toBeGreaterThan(0);
    expect(f.gateway.ledger.committed('tenant', '')).toBe(CHARGED);
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect((await verify(f)).ok).toBe(true);

    // The next call is refused before the model, against the charge that stands.
    const next = await f.gateway.call(ask()).catch((e: unknown) => e);
    expect(next).toMatchObject({ scope: 'tenant', stage: 'budget', committed: 5.004 });
  });

  it('names only the scope passed, and withholds the streamed answer from a caller that holds until the verdict', async () => {
    f = await gatewayFixture(new OverReportingProvider(5_000));
    // Room per call, none for this much in the agent's day.
    await perCallOf(f, '5.5');
    await f.governance.policyChanges.set('alice', { level: 'agent', id: 'overrun' }, 'budget.perAgent', '5');
    const received: string[] = [];
    const error = await f.gateway.stream(ask(), (t) => received.push(t), { holdUntilVerdict: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ scope: 'agent', overBy: 0.004 });
    expect(received).toEqual([]);
    const record = gatewayRecordOf(error);
    // The verdict itself (hashed into the pipeline) says it is a billing event and by how much.
    expect(record?.verdicts.at(-1)?.detail).toEqual(expect.objectContaining({ event: 'billing', budgetExceeded: 'agent', 'overLimit.agent': 0.004 }));
    expect(entries(f).find((e) => e.seq === record?.auditSeq)?.fields).toMatchObject({ budgetExceeded: 'agent', 'overLimit.agent': '0.004' });
  });

  it('passes a charge past its reservation that stays within every limit', async () => {
    f = await gatewayFixture(new OverReportingProvider(5_000));
    await perCallOf(f, '6');
    const result = await f.gateway.call(ask());
    expect(result.usage.cost).toBe(5.004);
    expect(result.verdicts.at(-1)?.detail).not.toHaveProperty('budgetExceeded');
  });
});
