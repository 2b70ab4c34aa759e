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
import { causeName, GatewayAuditError, GatewayReservationSwept } from '../errors.ts';
import { verdict, type Stage, type StageVerdict } from '../stage.ts';
import { routeDetail } from './llm-call.ts';

/**
 * What the call costs, in micro-units: its usage at the price of the model that served it, or the
 * whole reservation when usage is unknown (the provider failed) — the only sound upper bound.
 */
export function chargeMicroOf(ctx: CallContext, reservation: Reservation): number {
  const generation = ctx.generation;
  if (generation === undefined) return reservation.reservedMicro;
  return costMicro(ctx.pricing(routeDetail(ctx).model), generation.promptTokens, generation.tokens);
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
    const chargedMicro = chargeMicroOf(ctx, reservation);
    const overMicro = Math.max(0, chargedMicro - reservation.reservedMicro);
    // What settling will give (the verdict and the record state it before the commit); the
    // settlement in the commit must agree, or the record would lie (e.g. settled elsewhere).
    const charge: SettledCharge = {
      reservedMicro: reservation.reservedMicro,
      chargedMicro,
      releasedMicro: Math.max(0, reservation.reservedMicro - chargedMicro),
    };
    const latencyMs = Math.round(performance.now() - ctx.startedMs);
    const outcome = ctx.blocked === undefined ? 'ok' : 'blocked';
    const own = verdict(
      this.name,
      'pass',
      {
        promptTokens: generation?.promptTokens ?? 0,
        completionTokens: generation?.tokens ?? 0,
        usageKnown: generation !== undefined,
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
          promptTokens: String(generation?.promptTokens ?? 0),
          completionTokens: String(generation?.tokens ?? 0),
          cost: String(microToUnits(charge.chargedMicro)),
          ...(overMicro > 0 && { overReservation: String(microToUnits(overMicro)) }),
          latencyMs: String(latencyMs),
          preCallSeq: String(ctx.preCallSeq ?? ''),
          ...(ctx.blocked !== undefined ? { blockedBy: ctx.blocked.code } : {}),
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
    } catch (error) {
      if (error instanceof ReservationAlreadySettled) throw new GatewayReservationSwept();
      throw new GatewayAuditError(this.name, causeName(error));
    }
    return own;
  },
};
