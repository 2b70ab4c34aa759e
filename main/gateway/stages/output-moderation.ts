/**
 * Stage 8: the response against the moderation categories and the packs' thresholds: its text and
 * the arguments of the functions it calls, which reach the caller (and the tools) just the same.
 * Structured output is read as the caller receives it, decoded: its JSON text may spell every
 * letter as a \uXXXX escape, which no phrase matches.
 */
import type { CallContext } from '../context.ts';
import { GatewayBlocked } from '../errors.ts';
import { argumentText, decideModeration, moderate, moderationDetail, structuredText } from '../moderation/index.ts';
import { verdict, type Stage, type StageVerdict } from '../stage.ts';

export const outputModeration: Stage = {
  name: 'output-moderation',
  stopsOnBlock: false,
  async run(ctx: CallContext): Promise<StageVerdict> {
    const started = performance.now();
    const answer = ctx.output ?? ctx.generation?.text;
    if (answer === undefined) return verdict(this.name, 'not-run', { reason: ctx.blocked?.code ?? 'no-output' }, started);
    const calls = ctx.functionCalls ?? ctx.generation?.functionCalls ?? [];
    // The decoded strings say all the caller gets, unless a schema made a value JSON cannot hold: then stage 9 sends the raw text too.
    const structured = ctx.structuredValue === undefined ? undefined : structuredText(ctx.structuredValue);
    const body = structured === undefined ? answer : structured.complete ? structured.text : `${answer}\n${structured.text}`;
    const text = calls.length === 0 ? body : [body, ...calls.map((c) => `${c.name}\n${argumentText(c.arguments ?? null)}`)].join('\n');
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
