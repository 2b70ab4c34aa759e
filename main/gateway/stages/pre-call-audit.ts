/**
 * Stage 5: before the model sees anything, the call is on the audit log: a digest of the sanitized
 * (redacted) input, the model, the context and the pipeline hash so far. If the log does not take
 * the entry, the model is not called (fail closed).
 */
import { createHash } from 'node:crypto';
import { encodeStages } from '../../audit/gateway-stages.ts';
import type { CallContext } from '../context.ts';
import { causeName, GatewayAuditError } from '../errors.ts';
import { verdict, type Stage, type StageVerdict } from '../stage.ts';

export const PRE_CALL_ACTION = 'gateway.call.pre';

export const preCallAudit: Stage = {
  name: 'pre-call-audit',
  stopsOnBlock: true,
  async run(ctx: CallContext): Promise<StageVerdict> {
    const started = performance.now();
    if (ctx.redacted === undefined) throw new TypeError('pre-call audit ran before PII redaction');
    const inputDigest = createHash('sha256').update(JSON.stringify(ctx.redacted), 'utf8').digest('hex');
    const { request } = ctx;
    let seq: number;
    try {
      ({ seq } = await ctx.audit.append({
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
          ...(request.team !== undefined ? { team: request.team } : {}),
          ...(request.agent !== undefined ? { agent: request.agent } : {}),
          ...(request.session !== undefined ? { session: request.session } : {}),
        },
      }));
    } catch (error) {
      throw new GatewayAuditError(this.name, causeName(error));
    }
    ctx.preCallSeq = seq;
    return verdict(this.name, 'pass', { seq, inputDigest, model: ctx.provider.modelId }, started);
  },
};
