/**
 * Stage 4: the request (what people and tools wrote, before redaction, so identity-plus-health
 * PHI is visible to the HIPAA thresholds) against the moderation categories, with the thresholds
 * of the tenant's governance packs. Enforce blocks a violation; warn flags; audit records.
 * Everything the model will be sent is moderated: every message whatever its role (the caller
 * chooses roles, so an "assistant" turn is no exemption), the earlier tool calls' names (as words)
 * and arguments, the function definitions and the output schema.
 */
import { definitionText, nameWords, type CallContext } from '../context.ts';
import { GatewayBlocked } from '../errors.ts';
import { argumentText, decideModeration, moderate, moderationDetail, structuredText } from '../moderation/index.ts';
import { verdict, type Stage, type StageVerdict } from '../stage.ts';

export const inputModeration: Stage = {
  name: 'input-moderation',
  stopsOnBlock: true,
  async run(ctx: CallContext): Promise<StageVerdict> {
    const started = performance.now();
    const { messages, functions, jsonSchema } = ctx.request;
    const text = [
      ...messages.flatMap((m) => [m.content, ...(m.toolCalls ?? []).map((c) => `${nameWords(c.name)}\n${argumentText(c.arguments)}`)]),
      ...(functions ?? []).map(definitionText),
      ...(jsonSchema !== undefined ? [structuredText(jsonSchema).text] : []),
    ].join('\n');
    const result = moderate(text, { packs: ctx.policy.packs.packs });
    const decision = decideModeration(result, ctx.policy.mode, 'input');
    const detail = moderationDetail(result, decision, ctx.policy.mode);
    if (decision.action === 'block') {
      ctx.blocked = new GatewayBlocked(this.name, 'INPUT_MODERATION', decision.message);
      return verdict(this.name, 'block', { ...detail, error: 'INPUT_MODERATION', event: 'security' }, started);
    }
    if (decision.recorded) {
      ctx.findings.add(this.name);
      if (decision.message !== '') ctx.warnings.push(decision.message);
      return verdict(this.name, 'flag', detail, started);
    }
    return verdict(this.name, 'pass', detail, started);
  },
};
