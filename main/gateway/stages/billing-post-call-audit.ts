/**
 * Stage 10: records the call with `recordGatewayCall` — usage, cost, latency, the stage list and
 * the final pipeline hash, which covers this stage's own verdict — and settles the budget
 * reservation to the actual usage (releasing the rest) inside the same transaction, so the
 * settlement commits iff the record does (one fsync for both). The usage is priced at the model
 * that served the call, which after a fallback is not the one first routed to. A charge above the
 * reservation (usage beyond the estimate) is settled in full and recorded as `overReservation`.
 * A reservation already settled (swept while this call still ran) is not charged again: the call
 * fails closed and its output is withheld. The verdicts go in the entry's sealed payload so an
 * auditor can recompute the hash. If the log does not take the record, the call fails and its
 * output is withheld (fail closed).
 */
import { costMicro, microToUnits, ReservationAlreadySettled, type Reservation, type SettledCharge } from '../budget.ts';
import { scopeFields, type CallContext } from '../context.ts';
import { causeName, GatewayAuditError, GatewayReservationSwept, ModelUsageInvalid } from '../errors.ts';
import { verdict, type Stage, type StageVerdict } from '../stage.ts';
import { isTokenCount, routeDetail } from './llm-call.ts';

/** How a charge was found: priced from the provider's counts, or (no generation, invalid counts) the whole reservation. */
export type ChargeBasis = 'reported' | 'none' | 'invalid';

export interface CallCharge {
  readonly chargedMicro: number;
  readonly usage: ChargeBasis;
}

/**
 * What the call costs, in micro-units: its usage at the price of the model that served it, or the
 * whole reservation when usage is unknown (the provider failed) or invalid (counts that are no
 * whole numbers ≥ 0, or that price past any charge the ledger can hold) — the only sound upper
 * bound, which the reservation is.
 */
export function chargeOf(ctx: CallContext, reservation: Reservation): CallCharge {
  const generation = ctx.generation;
  if (generation === undefined) return { chargedMicro: reservation.reservedMicro, usage: 'none' };
  if (ctx.usage === 'invalid' || !isTokenCount(generation.promptTokens) || !isTokenCount(generation.tokens)) {
    return { chargedMicro: reservation.reservedMicro, usage: 'invalid' };
  }
  const chargedMicro = costMicro(ctx.pricing(routeDetail(ctx).model), generation.promptTokens, generation.tokens);
  if (!Number.isSafeInteger(chargedMicro) || chargedMicro < 0) return { chargedMicro: reservation.reservedMicro, usage: 'invalid' };
  return { chargedMicro, usage: 'reported' };
}

export const billingPostCallAudit: Stage = {
  name: 'billing-post-call-audit',
  stopsOnBlock: false,
  async run(ctx: CallContext): Promise<StageVerdict> {
    const started = performance.now();
    const { request } = ctx;
    const generation = ctx.generation;
    const reservation = ctx.reservation;
    if (reservation === undefined) throw new TypeError('billing ran without a budget reservation');
    const { chargedMicro, usage } = chargeOf(ctx, reservation);
    const usageKnown = usage === 'reported';
    // Counts stage 6 took, but that price past any charge: no usage to bill from either (fail closed).
    const refusal = usage === 'invalid' && ctx.usage !== 'invalid' && ctx.blocked === undefined ? new ModelUsageInvalid(this.name, routeDetail(ctx).model) : undefined;
    const blockedBy = ctx.blocked ?? refusal;
    const overMicro = Math.max(0, chargedMicro - reservation.reservedMicro);
    // What settling will give (the verdict and the record state it before the commit); the
    // settlement in the commit must agree, or the record would lie (e.g. settled elsewhere).
    const charge: SettledCharge = {
      reservedMicro: reservation.reservedMicro,
      chargedMicro,
      releasedMicro: Math.max(0, reservation.reservedMicro - chargedMicro),
    };
    const latencyMs = Math.round(performance.now() - ctx.startedMs);
    const outcome = blockedBy === undefined ? 'ok' : 'blocked';
    const own = verdict(
      this.name,
      refusal === undefined ? 'pass' : 'block',
      {
        ...(refusal !== undefined && { error: refusal.code }),
        promptTokens: usageKnown ? (generation?.promptTokens ?? 0) : 0,
        completionTokens: usageKnown ? (generation?.tokens ?? 0) : 0,
        usageKnown,
        ...(usage === 'invalid' && { usage }),
        cost: microToUnits(charge.chargedMicro),
        released: microToUnits(charge.releasedMicro),
        ...(overMicro > 0 && { overReservation: microToUnits(overMicro) }),
        latencyMs,
      },
      started,
    );
    const verdicts = [...ctx.trace.verdicts, own];
    const pipelineHash = ctx.trace.preview(own);
    let settled: SettledCharge | undefined;
    const settle = (db: Parameters<typeof ctx.ledger.settleWithin>[0]): void => {
      const s = ctx.ledger.settleWithin(db, reservation, chargedMicro);
      // Settled before this commit (swept as stale): recording a second charge would double-count it.
      if (s.alreadySettled === true) throw new ReservationAlreadySettled(reservation.id, s.chargedMicro);
      if (s.reservedMicro !== charge.reservedMicro || s.chargedMicro !== charge.chargedMicro) {
        throw new RangeError(`budget reservation ${reservation.id} was already settled at ${s.chargedMicro} micro-units`);
      }
      settled = s;
    };
    try {
      const { seq } = await ctx.audit.recordGatewayCall(
        {
        actor: request.actor,
        subject: ctx.callId,
        outcome,
        pipelineHash,
        stages: verdicts.map((v) => v.stage),
        fields: {
          // model (the one that served), and when routed: requestedModel, routedFrom, routeReason, route.
          ...routeDetail(ctx),
          verdicts: verdicts.map((v) => v.outcome).join(','),
          promptTokens: String(usageKnown ? (generation?.promptTokens ?? 0) : 0),
          completionTokens: String(usageKnown ? (generation?.tokens ?? 0) : 0),
          usageKnown: String(usageKnown),
          ...(usage === 'invalid' && { usage }),
          cost: String(microToUnits(charge.chargedMicro)),
          ...(overMicro > 0 && { overReservation: String(microToUnits(overMicro)) }),
          latencyMs: String(latencyMs),
          preCallSeq: String(ctx.preCallSeq ?? ''),
          ...(blockedBy !== undefined ? { blockedBy: blockedBy.code } : {}),
          ...(ctx.findings.size > 0 ? { findings: [...ctx.findings].join(',') } : {}),
          ...scopeFields(request),
        },
        payload: JSON.stringify({ callId: ctx.callId, verdicts }),
        },
        { withinCommit: settle },
      );
      if (settled === undefined) throw new TypeError('the audit port did not run the settlement in its commit');
      ctx.auditSeq = seq;
      ctx.charge = settled;
      if (refusal !== undefined) {
        ctx.usage = 'invalid';
        ctx.blocked = refusal;
      }
    } catch (error) {
      if (error instanceof ReservationAlreadySettled) throw new GatewayReservationSwept();
      throw new GatewayAuditError(this.name, causeName(error));
    }
    return own;
  },
};
