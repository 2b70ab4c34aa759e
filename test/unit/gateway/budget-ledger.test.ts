import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../main/data/migrations.ts';
import { Database } from '../../../main/data/sqlite.ts';
import { costMicro, ReservationNotSweepable } from '../../../main/gateway/budget.ts';
import {
  BudgetExceeded,
  BudgetLedger,
  GATEWAY_MIGRATIONS,
  migrateGateway,
  principalBudgetKey,
  sessionBudgetKey,
  type BudgetLimits,
  type ReserveRequest,
} from '../../../main/gateway/index.ts';

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

  it('checks as it reserves: an estimate that exactly meets the agent limit passes, one micro-unit more does not', () => {
    const { ledger: l } = ledger();
    l.reserve(request(6_000_000, limits(100, 10)));
    expect(() => l.check(request(4_000_000, limits(100, 10)))).not.toThrow();
    expect(() => l.check(request(4_000_001, limits(100, 10)))).toThrow(expect.objectContaining({ scope: 'agent' }));
    expect(l.openReservations()).toBe(1); // check() writes nothing
  });

  it('refuses one micro-unit past the per-call limit, in check() and in reserve(), and takes an estimate that meets it', () => {
    const { ledger: l } = ledger();
    const perCallOfOne = { ...limits(100, 100), perCall: limit(1) };
    expect(() => l.check(request(1_000_001, perCallOfOne))).toThrow(expect.objectContaining({ scope: 'call' }));
    expect(() => l.reserve(request(1_000_001, perCallOfOne))).toThrow(expect.objectContaining({ scope: 'call' }));
    expect(() => l.check(request(1_000_000, perCallOfOne))).not.toThrow();
    expect(l.reserve(request(1_000_000, perCallOfOne)).reservedMicro).toBe(1_000_000);
  });

  it('refuses to sweep a reservation whose call is still in flight on this ledger, and leaves it open', () => {
    const { db, ledger: l } = ledger();
    const r = l.reserve(request(1_000_000, limits(100, 100)));
    const sweep = () => db.transaction(() => l.sweepWithin(db, r.id, '2099-01-01T00:00:00.000Z')).immediate();
    expect(sweep).toThrow(ReservationNotSweepable);
    expect(sweep).toThrow(expect.objectContaining({ reason: 'in-flight' }));
    expect(l.openReservations()).toBe(1);
    expect(l.committed('tenant', '')).toBe(1_000_000);
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
    expect(migrateGateway(db)).toEqual([3, 4]);
    const l = new BudgetLedger(db, () => Date.UTC(2026, 10, 22, 12));
    // Version 4 moved agent "a" and its session to their namespaced keys, totals with them.
    const [agentA, sessionA] = ['agent:a', sessionBudgetKey('agent:a', 's1')];
    expect([l.committed('tenant', ''), l.committed('agent', agentA), l.committed('session', sessionA)]).toEqual([3_000_000, 3_000_000, 3_000_000]);
    expect(l.settle({ id: 'old', reservedMicro: 3_000_000, period: '2026-11-22' }, 1_000_000)).toMatchObject({ chargedMicro: 1_000_000, releasedMicro: 2_000_000 });
    expect([l.committed('tenant', ''), l.committed('agent', agentA), l.committed('session', sessionA)]).toEqual([1_000_000, 1_000_000, 1_000_000]);
    l.reserve({ agentKey: agentA, session: sessionA, estimateMicro: 2_000_000, limits: limits(10, 10) });
    expect([l.committed('tenant', ''), l.committed('agent', agentA), l.committed('session', sessionA)]).toEqual([3_000_000, 3_000_000, 3_000_000]);
  });
});

describe('budget keys', () => {
  it('puts agents and users in two namespaces, so no agent name is a user\'s key', () => {
    expect(principalBudgetKey({ actor: 'alice' })).toBe('user:alice');
    expect(principalBudgetKey({ actor: 'bob', agent: 'user:alice' })).toBe('agent:user:alice');
    expect(principalBudgetKey({ actor: 'bob', agent: 'triage' })).toBe('agent:triage');
  });

  it('keeps a session inside its principal, and no two pairs of names give one key', () => {
    expect(sessionBudgetKey('user:alice', 's1')).not.toBe(sessionBudgetKey('user:bob', 's1'));
    expect(sessionBudgetKey('agent:a","b', 'c')).not.toBe(sessionBudgetKey('agent:a', 'b","c'));
  });

  it('moves the spend of a tenant database made before the namespaces to the new keys: nothing reset, nothing counted twice', () => {
    const db = new Database(':memory:');
    runMigrations(db, GATEWAY_MIGRATIONS.slice(0, 3), 'gateway');
    const day = '2026-11-22';
    const old = (id: string, agentKey: string, session: string, micro: number, settled: number | null, at: string): void => {
      // Made as version 3 makes them: the trigger raises every total.
      db.prepare(
        `INSERT INTO gateway_budget_reservations (id, call_id, agent_key, session_key, period, reserved_micro, state, created_at, tenant_limit_micro, agent_limit_micro, session_limit_micro)
         VALUES (?, ?, ?, ?, ?, ?, 'open', ?, 1e12, 1e12, 1e12)`,
      ).run(id, `call-${id}`, agentKey, session, day, micro, at);
      if (settled !== null) db.prepare("UPDATE gateway_budget_reservations SET state = 'settled', settled_micro = ? WHERE id = ?").run(settled, id);
    };
    old('r1', 'triage', 's1', 3_000_000, 1_000_000, `${day}T08:00:00.000Z`); // agent "triage" in session s1, settled at 1
    old('r2', 'user:alice', 's1', 2_000_000, null, `${day}T09:00:00.000Z`); // alice, no agent, same session name, still open
    old('r3', 'agent:x', '', 4_000_000, 500_000, `${day}T10:00:00.000Z`); // an agent literally named "agent:x"
    old('r4', 'x', '', 700_000, null, `${day}T11:00:00.000Z`); // and one named "x"
    const before = (scope: string, key: string, period = day): number =>
      (db.prepare('SELECT committed_micro AS n FROM gateway_budget_totals WHERE scope = ? AND key = ? AND period = ?').get(scope, key, period) as { n: number }).n;
    expect([before('session', 's1', ''), before('agent', 'agent:x'), before('agent', 'x'), before('tenant', '')]).toEqual([3_000_000, 500_000, 700_000, 4_200_000]);

    expect(migrateGateway(db)).toEqual([4]);
    const l = new BudgetLedger(db, () => Date.UTC(2026, 10, 22, 12));
    expect(l.committed('tenant', '')).toBe(4_200_000);
    expect([l.committed('agent', 'agent:triage'), l.committed('agent', 'user:alice'), l.committed('agent', 'agent:agent:x'), l.committed('agent', 'agent:x')]).toEqual([
      1_000_000, 2_000_000, 500_000, 700_000,
    ]);
    // The session total, split by whose calls made it: the parts add up to what it was.
    expect([l.committed('session', sessionBudgetKey('agent:triage', 's1')), l.committed('session', sessionBudgetKey('user:alice', 's1'))]).toEqual([1_000_000, 2_000_000]);
    expect(l.committed('session', 's1')).toBe(0);
    const sessions = db.prepare("SELECT sum(committed_micro) AS n FROM gateway_budget_totals WHERE scope = 'session'").get() as { n: number };
    expect(sessions.n).toBe(3_000_000);

    // Open reservations settle against their moved totals.
    l.settle({ id: 'r2', reservedMicro: 2_000_000, period: day }, 250_000);
    l.settle({ id: 'r4', reservedMicro: 700_000, period: day }, 100_000);
    expect([l.committed('agent', 'user:alice'), l.committed('session', sessionBudgetKey('user:alice', 's1')), l.committed('agent', 'agent:x'), l.committed('tenant', '')]).toEqual([
      250_000, 250_000, 100_000, 1_850_000,
    ]);
    expect(l.openReservations()).toBe(0);
  });
});

describe('the cost of a call', () => {
  it('is exact in decimal: 10 + 10 tokens at 0.01 / 0.02 per 1,000 cost 300 micro-units, not 301', () => {
    expect(costMicro({ input: 0.01, output: 0.02 }, 10, 10)).toBe(300);
    expect(costMicro({ input: 0.01, output: 0.02 }, 19, 5)).toBe(290);
    expect(costMicro({ input: 0.1, output: 0.2 }, 3, 0)).toBe(300);
  });

  it('rounds a true fraction of a micro-unit up, however small, and prices written with exponents', () => {
    expect(costMicro({ input: 0.0000001, output: 0 }, 1, 0)).toBe(1); // 0.0001 micro-units
    expect(costMicro({ input: 2.5e-8, output: 1e-7 }, 40, 10)).toBe(1); // 0.002 micro-units
    expect(costMicro({ input: 0.001, output: 0 }, 1001, 0)).toBe(1001); // exactly 1001 (in doubles 1001.0000000000001 → 1002)
    expect(costMicro({ input: 0.0011, output: 0 }, 1001, 0)).toBe(1102); // 1101.1 micro-units → 1102
    expect(costMicro({ input: 0, output: 0 }, 500, 500)).toBe(0);
  });

  it('agrees with integer arithmetic on every count up to 2,000 at manifest-like prices', () => {
    for (const [input, output] of [[0.01, 0.02], [0.3, 0.7], [1.25, 2.5], [0.015, 0.06]] as const) {
      const [pi, po] = [Math.round(input * 1e6), Math.round(output * 1e6)]; // micro-units per 1,000 tokens
      for (let n = 0; n <= 2000; n += 7) {
        expect(costMicro({ input, output }, n, 2000 - n)).toBe(Math.ceil((n * pi + (2000 - n) * po) / 1000));
      }
    }
  });

  it('refuses counts that are not whole numbers, so a stage fails closed', () => {
    expect(() => costMicro({ input: 0.01, output: 0.02 }, 1.5, 1)).toThrow(RangeError);
  });
});
