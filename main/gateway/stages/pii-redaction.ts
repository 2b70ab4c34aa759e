/**
 * Stage 3: PII in every message (and in the arguments of earlier tool calls, scanned like text)
 * is replaced by tokens from this call's own redaction session before anything reaches the model.
 * The verdict counts values per category; it never holds them.
 */
import type { ChatMessage } from '../../providers/provider.ts';
import type { CallContext } from '../context.ts';
import { verdict, type Stage, type StageVerdict } from '../stage.ts';

export const piiRedaction: Stage = {
  name: 'pii-redaction',
  stopsOnBlock: true,
  async run(ctx: CallContext): Promise<StageVerdict> {
    const started = performance.now();
    const redacted: ChatMessage[] = ctx.request.messages.map((message) => {
      let content = ctx.pii.redact(message.content);
      for (const call of message.toolCalls ?? []) {
        content += `\n${JSON.stringify({ tool_call: { name: call.name, arguments: ctx.pii.redactToolArguments(call.arguments) } })}`;
      }
      return { role: message.role, content };
    });
    ctx.redacted = redacted;
    const counts = Object.entries(ctx.pii.counts());
    const total = counts.reduce((sum, [, n]) => sum + n, 0);
    // One object from its entries: keys added one by one, in a different order per call, are slow stores.
    const detail = Object.fromEntries([['values', total], ['messages', redacted.length], ...counts.map(([category, n]) => [`count.${category}`, n])]) as Record<string, number>;
    return verdict(this.name, total > 0 ? 'flag' : 'pass', detail, started);
  },
};
