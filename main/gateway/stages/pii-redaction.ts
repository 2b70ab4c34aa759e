/**
 * Stage 3: PII in every message (and in the arguments of earlier tool calls, scanned like text)
 * is replaced by tokens from this call's own redaction session before anything reaches the model.
 * The verdict counts values per category; it never holds them. Values that no output may carry (a
 * URL with credentials, a value holding a forbidden term) are marked so stage 9 leaves their tokens.
 */
import type { ChatMessage } from '../../providers/provider.ts';
import { toolCallText, type CallContext } from '../context.ts';
import { applyOutputPolicy } from '../output/policy.ts';
import { PII_CATEGORIES, type PiiCategory } from '../pii/categories.ts';
import { verdict, type Stage, type StageVerdict } from '../stage.ts';

const URL_CREDENTIALS_TOKEN = '[URL_CREDENTIALS_';

/** The detail key of each category's count, in the one order they are added. */
const COUNT_KEYS: ReadonlyMap<PiiCategory, string> = new Map(PII_CATEGORIES.map((category) => [category, `count.${category}`]));

export const piiRedaction: Stage = {
  name: 'pii-redaction',
  stopsOnBlock: true,
  async run(ctx: CallContext): Promise<StageVerdict> {
    const started = performance.now();
    // Token-shaped text anywhere in the request is the caller's: seen before any token is issued,
    // so a literal "[EMAIL_1]" in a later message is never confused with one issued for an earlier one.
    for (const message of ctx.request.messages) {
      ctx.pii.noteForeignTokens(message.content);
      for (const call of message.toolCalls ?? []) ctx.pii.noteForeignTokens(call.arguments);
    }
    const redacted: ChatMessage[] = ctx.request.messages.map((message) => {
      let content = ctx.pii.redact(message.content);
      for (const call of message.toolCalls ?? []) {
        content += toolCallText({ name: call.name, arguments: ctx.pii.redactToolArguments(call.arguments) });
      }
      return { role: message.role, content };
    });
    ctx.redacted = redacted;
    const counts = ctx.pii.counts();
    // Keys made once and added in one fixed order: a key built per call, or added in a different
    // order per call, made this detail cost ≈ 40 µs inside the gateway at 4 KB.
    const detail: Record<string, number> = { values: 0, messages: redacted.length };
    let total = 0;
    for (const [category, key] of COUNT_KEYS) {
      const n = counts[category];
      if (n === undefined) continue;
      detail[key] = n;
      total += n;
    }
    detail.values = total;
    // Values stage 9 must not put back: what stage 7 would remove from any output. A URL with
    // credentials is one by definition, and a value holding a term the caller forbids is another.
    const terms = (ctx.request.outputPolicy?.forbiddenTerms ?? []).filter((term) => term.trim() !== '');
    if (total > 0 && (counts.URL_CREDENTIALS !== undefined || terms.length > 0)) {
      const withheld = ctx.pii.withholdValues(
        (value, token) => token.startsWith(URL_CREDENTIALS_TOKEN) || (terms.length > 0 && applyOutputPolicy(value, { forbiddenTerms: terms }).findings.length > 0),
      );
      if (withheld > 0) detail.withheld = withheld;
    }
    return verdict(this.name, total > 0 ? 'flag' : 'pass', detail, started);
  },
};
