/**
 * A call whose call record (stage 10) the audit log did not take, on a real tenant: its charge is
 * settled only inside the commit of the `gateway.call.blocked` entry that records it, or — when
 * that cannot be — its reservation is left open for the sweep, which records it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BLOCKED_CALL_ACTION, DEFAULT_STALE_RESERVATION_MS, GatewayAuditError, gatewayRecordOf, type GatewayRequest } from '../../../main/gateway/index.ts';
import type { GatewayAudit } from '../../../main/gateway/ports.ts';
import { BUDGET_SWEPT_ACTION } from '../../../main/gateway/reservation-sweep.ts';
import { close, EchoProvider, entries, gatewayFixture, MICRO_PER_TOKEN, verify, type GatewayFixture } from './helpers.ts';

const T0 = Date.parse('2031-03-04T12:00:00.000Z');
const ask = (agent: string): GatewayRequest => ({ actor: 'ann', agent, messages: [{ role: 'user', content: 'an ordinary question' }], maxTokens: 64 });

/** The tenant's log, except that it refuses call records (and, when asked, blocked entries too). */
function refusing(f: GatewayFixture, blockedToo = false): GatewayAudit {
  return {
    append: (event, options) => (blockedToo && event.action === BLOCKED_CALL_ACTION ? Promise.reject(new Error('disk full')) : f.tenant.audit.append(event, options)),
    recordGatewayCall: () => Promise.reject(new Error('disk full')),
  };
}

const reservationsOf = (f: GatewayFixture): { state: string; settled_micro: number | null }[] =>
  f.tenant.db.prepare('SELECT state, settled_micro FROM gateway_budget_reservations').all() as { state: string; settled_micro: number | null }[];

let f: GatewayFixture;
afterEach(async () => {
  await close(f);
});

describe('a call whose call record was not written', () => {
  it('is settled inside the commit of its blocked entry, which says what it was charged', async () => {
    f = await gatewayFixture();
    const g = await gatewayFixture(new EchoProvider(), { audit: refusing(f) }, f);
    const standalone = vi.spyOn(g.gateway.ledger, 'settle');
    const error = await g.gateway.call(ask('unrecorded')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayAuditError);
    expect(standalone).not.toHaveBeenCalled();
    const blocked = entries(f).find((e) => e.seq === gatewayRecordOf(error)?.auditSeq);
    // The echo model reports 3 prompt and 3 completion tokens: that is the charge, and the entry says so.
    const charged = 6 * MICRO_PER_TOKEN;
    expect(blocked).toMatchObject({ action: BLOCKED_CALL_ACTION, fields: { code: 'GATEWAY_AUDIT_FAILED', cost: String(charged / 1_000_000), usageKnown: 'true' } });
    expect(Number(blocked?.fields.reserved)).toBeGreaterThan(charged / 1_000_000);
    expect(reservationsOf(f)).toEqual([{ state: 'settled', settled_micro: charged }]);
    expect(g.gateway.ledger.committed('agent', 'agent:unrecorded')).toBe(charged);
    expect((await verify(f)).ok).toBe(true);
  });

  it('leaves the reservation open, and out of this process\'s calls in flight, when the blocked entry fails too; the sweep then records it', async () => {
    let now = T0;
    f = await gatewayFixture();
    const g = await gatewayFixture(new EchoProvider(), { audit: refusing(f, true), clock: () => now }, f);
    const error = await g.gateway.call(ask('unrecorded')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayAuditError);
    // Nothing was charged off the log: the reservation is open, holding its full amount.
    expect(reservationsOf(f)).toEqual([{ state: 'open', settled_micro: null }]);
    expect(entries(f).some((e) => e.action === BLOCKED_CALL_ACTION || e.action === 'gateway.call')).toBe(false);
    // The same gateway sweeps it once stale: it is no call of its own in flight any more.
    now = T0 + DEFAULT_STALE_RESERVATION_MS + 1;
    const report = await g.gateway.sweepStaleReservations();
    expect(report.swept).toHaveLength(1);
    expect(entries(f).find((e) => e.action === BUDGET_SWEPT_ACTION)).toMatchObject({ fields: { agentKey: 'agent:unrecorded', usageKnown: 'false' } });
    expect(reservationsOf(f)).toEqual([{ state: 'settled', settled_micro: expect.any(Number) }]);
    expect((await verify(f)).ok).toBe(true);
  });

  it('leaves the reservation to the sweep when the audit port wrote the blocked entry without running its settlement', async () => {
    let now = T0;
    f = await gatewayFixture();
    const ignoring: GatewayAudit = {
      append: (event, options) => (event.action === BLOCKED_CALL_ACTION ? f.tenant.audit.append(event) : f.tenant.audit.append(event, options)),
      recordGatewayCall: () => Promise.reject(new Error('disk full')),
    };
    const g = await gatewayFixture(new EchoProvider(), { audit: ignoring, clock: () => now }, f);
    const error = await g.gateway.call(ask('ignored')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayAuditError);
    expect(reservationsOf(f)).toEqual([{ state: 'open', settled_micro: null }]);
    now = T0 + DEFAULT_STALE_RESERVATION_MS + 1;
    expect((await g.gateway.sweepStaleReservations()).swept).toHaveLength(1);
  });

  it('still records the blocked call, with a typed error, when the settlement itself fails; the reservation is left to the sweep', async () => {
    let now = T0;
    f = await gatewayFixture();
    const g = await gatewayFixture(new EchoProvider(), { clock: () => now }, f);
    const broken = (): never => {
      throw new RangeError('settlement broke');
    };
    vi.spyOn(g.gateway.ledger, 'settleWithin').mockImplementation(broken);
    vi.spyOn(g.gateway.ledger, 'settle').mockImplementation(broken);
    const error = await g.gateway.call(ask('unsettled')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayAuditError);
    expect((error as Error).message).not.toContain('settlement broke');
    const blocked = entries(f).find((e) => e.seq === gatewayRecordOf(error)?.auditSeq);
    expect(blocked).toMatchObject({ action: BLOCKED_CALL_ACTION, fields: { code: 'GATEWAY_AUDIT_FAILED', settlement: 'left-for-sweep', settlementFailure: 'RangeError' } });
    expect(reservationsOf(f)).toEqual([{ state: 'open', settled_micro: null }]);
    vi.restoreAllMocks();
    now = T0 + DEFAULT_STALE_RESERVATION_MS + 1;
    expect((await g.gateway.sweepStaleReservations()).swept).toHaveLength(1);
    expect(g.gateway.ledger.openReservations()).toBe(0);
    expect((await verify(f)).ok).toBe(true);
  });
});
