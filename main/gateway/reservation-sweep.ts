/**
 * The sweep of crashed budget reservations. Stage 5 reserves a call's budget with its pre-call
 * entry and stage 10 settles it with its call record; a process that dies in between leaves the
 * reservation open for ever. Once it is older than the stale age (longer than any call runs, so a
 * call in flight in another process is not taken for a crashed one), the sweep settles it at its
 * full amount — usage is unknown, and stage 10 charges the whole reservation then too — inside the
 * transaction of a `gateway.budget.swept` entry: recorded first, and settled iff the entry commits.
 */
import { microToUnits, ReservationNotSweepable, type BudgetLedger, type SettledCharge, type StaleReservation } from './budget.ts';
import { causeName } from './errors.ts';
import type { GatewayAudit } from './ports.ts';

export const BUDGET_SWEPT_ACTION = 'gateway.budget.swept';
/** The actor of entries the gateway writes on its own account. */
export const GATEWAY_ACTOR = 'airlock/gateway';
/** Default stale age: generous, since a long generation on a CPU can run for many minutes. */
export const DEFAULT_STALE_RESERVATION_MS = 15 * 60_000;
/** Shorter stale ages would sweep ordinary calls still running in another process. */
export const MIN_STALE_RESERVATION_MS = 60_000;

export interface SweptReservation {
  readonly reservationId: string;
  /** The call the reservation was for, when the reservation names it. */
  readonly callId?: string;
  /** Cost units charged: the full reservation. */
  readonly cost: number;
  readonly reservedAt: string;
  /** Seq of the `gateway.budget.swept` entry. */
  readonly auditSeq: number;
}

export interface SweepReport {
  /** Reservations made before this ISO time were stale. */
  readonly staleBefore: string;
  readonly swept: readonly SweptReservation[];
  /** Stale when listed, but settled or swept by someone else before the sweep's commit. */
  readonly skipped: readonly string[];
}

/** The audit log did not take a sweep entry: that reservation stays open (fail closed). */
export class ReservationSweepError extends Error {
  readonly code = 'BUDGET_SWEEP_AUDIT_FAILED';
  constructor(
    /** Reservations the audit log refused to record the sweep of; they stay open. */
    readonly failed: readonly string[],
    readonly causeName: string,
    /** What the sweep did settle before or beside the failure. */
    readonly report: SweepReport,
  ) {
    super(
      `The audit log could not record the sweep of ${failed.length} stale budget reservation(s) (${causeName}), so they stay open ` +
        'and keep holding their budget (fail closed). Run `airlock audit verify` and check free disk space, then open the gateway again.',
    );
    this.name = 'ReservationSweepError';
  }
}

export function validateStaleAge(staleAfterMs: number): void {
  if (!Number.isSafeInteger(staleAfterMs) || staleAfterMs < MIN_STALE_RESERVATION_MS) {
    throw new RangeError(
      `staleReservationMs must be a whole number of milliseconds of at least ${MIN_STALE_RESERVATION_MS} (got ${staleAfterMs}); ` +
        'set it longer than the longest model call, or leave it out for the default of 15 minutes.',
    );
  }
}

function sweptFields(r: StaleReservation, staleAfterMs: number): Record<string, string> {
  return {
    reservation: r.id,
    ...(r.callId !== undefined && { callId: r.callId }),
    cost: String(microToUnits(r.reservedMicro)),
    usageKnown: 'false',
    agentKey: r.agentKey,
    ...(r.session !== undefined && { session: r.session }),
    period: r.period,
    reservedAt: r.createdAt,
    staleAfterMs: String(staleAfterMs),
  };
}

/**
 * Settles every open reservation older than `staleAfterMs` at `nowMs`, one audit entry each (all
 * appended at once, so they share the log's group commit). Throws ReservationSweepError when the
 * log refuses any of them; those stay open, the others are settled and on the log.
 */
export async function sweepStaleReservations(ledger: BudgetLedger, audit: GatewayAudit, staleAfterMs: number, nowMs: number): Promise<SweepReport> {
  validateStaleAge(staleAfterMs);
  const staleBefore = new Date(nowMs - staleAfterMs).toISOString();
  const stale = ledger.staleReservations(staleBefore);
  const outcomes = await Promise.allSettled(
    stale.map(async (r): Promise<SweptReservation> => {
      let settled: SettledCharge | undefined;
      const { seq } = await audit.append(
        { actor: GATEWAY_ACTOR, action: BUDGET_SWEPT_ACTION, subject: r.id, outcome: 'ok', fields: sweptFields(r, staleAfterMs) },
        { withinCommit: (db) => (settled = ledger.sweepWithin(db, r.id, staleBefore)) },
      );
      // An audit port that ignored withinCommit recorded a settlement that did not happen.
      if (settled === undefined) throw new TypeError('the audit port did not run the sweep in its commit');
      return { reservationId: r.id, ...(r.callId !== undefined && { callId: r.callId }), cost: microToUnits(settled.chargedMicro), reservedAt: r.createdAt, auditSeq: seq };
    }),
  );
  const swept: SweptReservation[] = [];
  const skipped: string[] = [];
  const failed: string[] = [];
  let firstCause: unknown;
  outcomes.forEach((o, i) => {
    const id = (stale[i] as StaleReservation).id;
    if (o.status === 'fulfilled') swept.push(o.value);
    else if (o.reason instanceof ReservationNotSweepable) skipped.push(id);
    else {
      failed.push(id);
      firstCause ??= o.reason;
    }
  });
  const report: SweepReport = { staleBefore, swept, skipped };
  if (failed.length > 0) throw new ReservationSweepError(failed, causeName(firstCause), report);
  return report;
}
