/**
 * Stage 1: checks the call's estimated cost against every budget, or refuses it (429). The check
 * is pure (no write): the durable reservation is made by stage 5, in the same transaction as the
 * pre-call audit entry, which re-checks the limits under the write lock. The estimate is an upper
 * bound of what the model is sent: the messages with their tool calls rendered as stage 3 renders
 * them, and the function definitions as the provider sends them. Stage 5 bounds the redacted
 * messages again (a PII token can be longer than the value it replaces).
 */
import { costMicro, microToUnits, principalBudgetKey, promptTokenUpperBound, sessionBudgetKey, type ReserveRequest } from '../budget.ts';
import { toolCallText, type CallContext } from '../context.ts';
import { BudgetExceeded } from '../errors.ts';
import { verdict, type Stage, type StageVerdict } from '../stage.ts';

/** The block verdict detail of a budget refusal (stage 1, or stage 5 when the commit refuses). */
export function budgetRefusalDetail(error: BudgetExceeded): Record<string, string | number> {
  return { error: error.code, scope: error.scope, limit: error.limit, requested: error.requested, decidedBy: error.decidedBy };
}

export const budgetCheck: Stage = {
  name: 'budget',
  stopsOnBlock: true,
  async run(ctx: CallContext): Promise<StageVerdict> {
    const started = performance.now();
    const { request } = ctx;
    const contents = request.messages.map((m) => (m.toolCalls ?? []).reduce((text, call) => text + toolCallText(call), m.content));
    const promptTokens = promptTokenUpperBound(contents, request.functions ?? []);
    const estimateMicro = costMicro(ctx.price, promptTokens, request.maxTokens);
    ctx.promptTokenEstimate = promptTokens;
    const agentKey = principalBudgetKey(request);
    const budgetRequest: ReserveRequest = {
      agentKey,
      session: request.session === undefined ? undefined : sessionBudgetKey(agentKey, request.session),
      estimateMicro,
      limits: ctx.policy.limits,
    };
    try {
      ctx.ledger.check(budgetRequest);
    } catch (error) {
      if (!(error instanceof BudgetExceeded)) throw error;
      ctx.blocked = error;
      return verdict(this.name, 'block', budgetRefusalDetail(error), started);
    }
    ctx.budgetRequest = budgetRequest;
    return verdict(this.name, 'pass', { estimate: microToUnits(estimateMicro), promptTokensUpperBound: promptTokens, maxTokens: request.maxTokens }, started);
  },
};
