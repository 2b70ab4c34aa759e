/**
 * Stage 8: the response against the moderation categories and the packs' thresholds: its text and
 * the arguments of the functions it calls, which reach the caller (and the tools) just the same.
 */
import type { CallContext } from '../context.ts';
import { GatewayBlocked } from '../errors.ts';
import { argumentText, decideModeration, moderate, moderationDetail } from '../moderation/index.ts';
import { verdict, type Stage, type StageVerdict } from '../stage.ts';

export const outputModeration: Stage = {
  name: 'output-moderation',
  stopsOnBlock: false,
  async run(ctx: CallContext): Promise<StageVerdict> {
    const started = performance.now();
    const answer = ctx.output ?? ctx.generation?.text;
    if (answer === undefined) return verdict(this.name, 'not-run', { reason: ctx.blocked?.code ?? 'no-output' }, started);
    const calls = ctx.functionCalls ?? ctx.generation?.functionCalls ?? [];
    const text = calls.length === 0 ? answer : [answer, ...calls.map((c) => `${c.name}\n${argumentText(c.arguments ?? null)}`)].join('\n');
    const result = moderate(text, { packs: ctx.policy.packs.packs });
    const decision = decideModeration(result, ctx.policy.mode, 'output');
    const detail = moderationDetail(result, decision, ctx.policy.mode);
    if (decision.action === 'block' && ctx.blocked === undefined) {
      ctx.blocked = new GatewayBlocked(this.name, 'OUTPUT_MODERATION', decision.message);
      return verdict(this.name, 'block', { ...detail, error: 'OUTPUT_MODERATION', event: 'security' }, started);
    }
    if (decision.recorded) {
      ctx.findings.add(this.name);
      if (decision.message !== '') ctx.warnings.push(decision.message);
      return verdict(this.name, 'flag', detail, started);
    }
    return verdict(this.name, 'pass', detail, started);
  },
};
