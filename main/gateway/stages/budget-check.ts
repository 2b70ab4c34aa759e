/** Stage 1: reserve the call's estimated cost against every budget, or refuse it (429). */
import { costMicro, microToUnits, promptTokenUpperBound } from '../budget.ts';
import type { CallContext } from '../context.ts';
import { BudgetExceeded } from '../errors.ts';
import { verdict, type Stage, type StageVerdict } from '../stage.ts';

export const budgetCheck: Stage = {
  name: 'budget',
  stopsOnBlock: true,
  async run(ctx: CallContext): Promise<StageVerdict> {
    const started = performance.now();
    const { request } = ctx;
    const contents = request.messages.flatMap((m) => [m.content, ...(m.toolCalls ?? []).map((c) => `${c.name}${c.arguments}`)]);
    const promptTokens = promptTokenUpperBound(contents);
    const estimateMicro = costMicro(ctx.price, promptTokens, request.maxTokens);
    ctx.promptTokenEstimate = promptTokens;
    try {
      ctx.reservation = ctx.ledger.reserve({
        agentKey: request.agent ?? `user:${request.actor}`,
        session: request.session,
        estimateMicro,
        limits: ctx.policy.limits,
      });
    } catch (error) {
      if (!(error instanceof BudgetExceeded)) throw error;
      ctx.blocked = error;
      return verdict(this.name, 'block', { error: error.code, scope: error.scope, limit: error.limit, requested: error.requested, decidedBy: error.decidedBy }, started);
    }
    return verdict(this.name, 'pass', { reserved: microToUnits(estimateMicro), promptTokensUpperBound: promptTokens, maxTokens: request.maxTokens }, started);
  },
};
