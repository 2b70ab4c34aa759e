/**
 * Stage 5: before the model sees anything, the call is on the audit log: a digest of the sanitized
 * (redacted) input (the messages, with the function definitions and the output schema when the call
 * has them), the model, the context and the pipeline hash so far. The budget reservation is made
 * inside the same transaction (one fsync for both): it exists iff the entry does. It is the
 * larger of stage 1's estimate and one bounded again from the redacted messages — exactly what the
 * model is sent, PII tokens included. If the log does not take the entry, the model is not called
 * (fail closed); if the budget, re-checked under the write lock, has no room for it (a concurrent
 * call took it, or redaction made the prompt longer), the call is refused with BudgetExceeded and
 * nothing is written.
 */
import { createHash } from 'node:crypto';
import { encodeStages } from '../../audit/gateway-stages.ts';
import { costMicro, microToUnits, promptTokenUpperBound, type Reservation } from '../budget.ts';
import { scopeFields, type CallContext } from '../context.ts';
import { BudgetExceeded, causeName, GatewayAuditError } from '../errors.ts';
import { budgetRefusalDetail } from './budget-check.ts';
import { verdict, type Stage, type StageVerdict } from '../stage.ts';

export const PRE_CALL_ACTION = 'gateway.call.pre';

export const preCallAudit: Stage = {
  name: 'pre-call-audit',
  stopsOnBlock: true,
  async run(ctx: CallContext): Promise<StageVerdict> {
    const started = performance.now();
    if (ctx.redacted === undefined) throw new TypeError('pre-call audit ran before PII redaction');
    const { request, modelFunctions, modelSchema } = ctx;
    // What the model is given: the redacted messages, and with them (when asked for) the redacted
    // function definitions and output schema, which shape its answer as much as the messages do.
    const given = modelFunctions === undefined && modelSchema === undefined ? ctx.redacted : { messages: ctx.redacted, functions: modelFunctions ?? null, jsonSchema: modelSchema ?? null };
    const inputDigest = createHash('sha256').update(JSON.stringify(given), 'utf8').digest('hex');
    const checked = ctx.budgetRequest;
    if (checked === undefined) throw new TypeError('pre-call audit ran without a budget check');
    const promptTokens = promptTokenUpperBound(ctx.redacted.map((m) => m.content), modelFunctions ?? request.functions ?? []);
    const budgetRequest = { ...checked, estimateMicro: Math.max(checked.estimateMicro, costMicro(ctx.price, promptTokens, request.maxTokens)) };
    ctx.budgetRequest = budgetRequest;
    let seq: number;
    let reservation: Reservation | undefined;
    try {
      ({ seq } = await ctx.audit.append(
        {
        actor: request.actor,
        action: PRE_CALL_ACTION,
        subject: ctx.callId,
        outcome: 'pending',
        fields: {
          model: ctx.provider.modelId,
          provider: ctx.provider.kind,
          inputDigest,
          maxTokens: String(request.maxTokens),
          pipelineHash: ctx.trace.hash,
          stages: encodeStages(ctx.trace.verdicts.map((v) => v.stage)),
          mode: ctx.policy.mode,
          ...scopeFields(request),
        },
        },
        { withinCommit: (db) => (reservation = ctx.ledger.reserveWithin(db, { ...budgetRequest, callId: ctx.callId })) },
      ));
    } catch (error) {
      if (error instanceof BudgetExceeded) {
        ctx.blocked = error;
        return verdict(this.name, 'block', budgetRefusalDetail(error), started);
      }
      throw new GatewayAuditError(this.name, causeName(error));
    }
    // An audit port that ignored withinCommit would let the model run unreserved: fail closed.
    if (reservation === undefined) throw new GatewayAuditError(this.name, 'ReservationNotCommitted');
    ctx.reservation = reservation;
    ctx.preCallSeq = seq;
    return verdict(this.name, 'pass', { seq, inputDigest, model: ctx.provider.modelId, reserved: microToUnits(reservation.reservedMicro), promptTokensUpperBound: promptTokens }, started);
  },
};
