import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../main/data/migrations.ts';
import { Database } from '../../../main/data/sqlite.ts';
import { BudgetExceeded, BudgetLedger, GATEWAY_MIGRATIONS, migrateGateway, type BudgetLimits, type ReserveRequest } from '../../../main/gateway/index.ts';

const limit = (value: number) => ({ value, decidedBy: 'test' });
const limits = (perTenant: number, perAgent: number, perSession = 100): BudgetLimits => ({
  perCall: limit(100),
  perSession: limit(perSession),
  perAgent: limit(perAgent),
  perTenant: limit(perTenant),
});

function ledger(): { db: Database; ledger: BudgetLedger } {
  const db = new Database(':memory:');
  migrateGateway(db);
  return { db, ledger: new BudgetLedger(db, () => Date.UTC(2026, 10, 22, 12)) };
}

const request = (estimateMicro: number, l: BudgetLimits, session?: string): ReserveRequest => ({ agentKey: 'a', estimateMicro, limits: l, ...(session && { session }) });

describe('BudgetLedger reservations', () => {
  it('raises every scope by the estimate and settles each to the charge', () => {
    const { ledger: l } = ledger();
    const r = l.reserve(request(3_000_000, limits(10, 10), 's1'));
    expect([l.committed('tenant', ''), l.committed('agent', 'a'), l.committed('session', 's1')]).toEqual([3_000_000, 3_000_000, 3_000_000]);
    expect(l.settle(r, 1_000_000)).toEqual({ reservedMicro: 3_000_000, chargedMicro: 1_000_000, releasedMicro: 2_000_000 });
    expect([l.committed('tenant', ''), l.committed('agent', 'a'), l.committed('session', 's1')]).toEqual([1_000_000, 1_000_000, 1_000_000]);
    // Settling again changes nothing and says so.
    expect(l.settle(r, 0)).toMatchObject({ chargedMicro: 1_000_000, alreadySettled: true });
    expect(l.committed('tenant', '')).toBe(1_000_000);
  });

  it('refuses at exactly one micro-unit past a limit, and takes a reservation that meets it', () => {
    const { ledger: l } = ledger();
    l.reserve(request(6_000_000, limits(10, 10)));
    expect(() => l.reserve(request(4_000_001, limits(10, 10)))).toThrow(BudgetExceeded);
    expect(l.reserve(request(4_000_000, limits(10, 10))).reservedMicro).toBe(4_000_000);
    expect(l.committed('tenant', '')).toBe(10_000_000);
  });

  it('names the scope that refused and what it had committed', () => {
    const { ledger: l } = ledger();
    l.reserve(request(5_000_000, limits(100, 8)));
    const error = (() => {
      try {
        l.reserve(request(4_000_000, limits(100, 8)));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(BudgetExceeded);
    expect(error).toMatchObject({ scope: 'agent', limit: 8, committed: 5, requested: 4 });
  });

  it('writes nothing when a later scope refuses, even inside a caller transaction that commits anyway', () => {
    const { db, ledger: l } = ledger();
    l.reserve(request(2_000_000, limits(100, 100, 3), 's1'));
    const before = [l.committed('tenant', ''), l.committed('agent', 'a'), l.committed('session', 's1')];
    // The tenant and agent scopes have room; the session scope does not. The caller swallows the refusal and commits.
    db.transaction(() => {
      expect(() => l.reserveWithin(db, request(2_000_000, limits(100, 100, 3), 's1'))).toThrow(BudgetExceeded);
    }).immediate();
    expect([l.committed('tenant', ''), l.committed('agent', 'a'), l.committed('session', 's1')]).toEqual(before);
    expect(l.openReservations()).toBe(1);
  });

  it('refuses an estimate larger than a scope limit on its own without raising any scope', () => {
    const { ledger: l } = ledger();
    expect(() => l.reserve(request(7_000_000, limits(100, 6)))).toThrow(BudgetExceeded);
    expect([l.committed('tenant', ''), l.committed('agent', 'a')]).toEqual([0, 0]);
  });

  it('lets the database keep the totals: a settlement by a bare UPDATE of the reservation moves every scope too', () => {
    const { db, ledger: l } = ledger();
    l.reserve(request(3_000_000, limits(10, 10), 's1'));
    // Another writer (a later version, a repair script) settling the row without going through the ledger.
    db.prepare("UPDATE gateway_budget_reservations SET state = 'settled', settled_micro = 500000").run();
    expect([l.committed('tenant', ''), l.committed('agent', 'a'), l.committed('session', 's1')]).toEqual([500_000, 500_000, 500_000]);
  });

  it('refuses a limit that is not a number, which SQLite would read as no limit, and writes nothing', () => {
    const { ledger: l } = ledger();
    const broken = { ...limits(10, 10), perAgent: limit(Number.NaN) };
    expect(() => l.reserve(request(1_000_000, broken))).toThrow(/budget limit must be a number/);
    expect(() => l.check(request(1_000_000, broken))).toThrow(RangeError);
    expect([l.committed('tenant', ''), l.committed('agent', 'a'), l.openReservations()]).toEqual([0, 0, 0]);
  });

  it('takes Infinity as no limit, in the trigger as in the per-call check', () => {
    const { ledger: l } = ledger();
    const open = { ...limits(10, 10), perCall: limit(Infinity), perAgent: limit(Infinity) };
    l.reserve(request(9_000_000, open));
    expect(() => l.reserve(request(2_000_000, open))).toThrow(expect.objectContaining({ scope: 'tenant' }));
    expect(l.reserve(request(1_000_000, open)).reservedMicro).toBe(1_000_000);
    expect([l.committed('tenant', ''), l.committed('agent', 'a')]).toEqual([10_000_000, 10_000_000]);
  });

  it('passes on an error that is not a refusal instead of reading it as one', () => {
    const { db, ledger: l } = ledger();
    db.exec('DROP TABLE gateway_budget_totals');
    expect(() => l.reserve(request(1_000_000, limits(10, 10)))).toThrow(/no such table/);
  });

  it('settles, after the upgrade, a reservation made before it exactly once, and raises nothing twice', () => {
    const db = new Database(':memory:');
    runMigrations(db, GATEWAY_MIGRATIONS.slice(0, 2), 'gateway');
    // What version 2 left: an open reservation whose totals were raised by the ledger itself.
    db.prepare(
      "INSERT INTO gateway_budget_reservations (id, call_id, agent_key, session_key, period, reserved_micro, state, created_at) VALUES ('old', 'c', 'a', 's1', '2026-11-22', 3000000, 'open', '2026-11-22T11:00:00.000Z')",
    ).run();
    const raise = db.prepare("INSERT INTO gateway_budget_totals (scope, key, period, committed_micro) VALUES (?, ?, ?, 3000000)");
    for (const [scope, key, period] of [['tenant', '', '2026-11-22'], ['agent', 'a', '2026-11-22'], ['session', 's1', '']]) raise.run(scope, key, period);
    expect(migrateGateway(db)).toEqual([3]);
    const l = new BudgetLedger(db, () => Date.UTC(2026, 10, 22, 12));
    expect([l.committed('tenant', ''), l.committed('agent', 'a'), l.committed('session', 's1')]).toEqual([3_000_000, 3_000_000, 3_000_000]);
    expect(l.settle({ id: 'old', reservedMicro: 3_000_000, period: '2026-11-22' }, 1_000_000)).toMatchObject({ chargedMicro: 1_000_000, releasedMicro: 2_000_000 });
    expect([l.committed('tenant', ''), l.committed('agent', 'a'), l.committed('session', 's1')]).toEqual([1_000_000, 1_000_000, 1_000_000]);
    l.reserve(request(2_000_000, limits(10, 10), 's1'));
    expect([l.committed('tenant', ''), l.committed('agent', 'a'), l.committed('session', 's1')]).toEqual([3_000_000, 3_000_000, 3_000_000]);
  });
});
