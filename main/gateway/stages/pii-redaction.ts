/**
 * Stage 3: PII in every message (and in the names and arguments of earlier tool calls, scanned like
 * text), in the function definitions and in the output schema is replaced by tokens from this call's
 * own redaction session before anything reaches the model: stage 6 sends only what this stage wrote.
 * A function's name is the one thing a token cannot stand in for (the model calls it by that name),
 * so a name that holds a value is refused. The verdict counts values per category; it never holds
 * them. Values that no output may carry (a URL with credentials, a value holding a forbidden term)
 * are marked so stage 9 leaves their tokens.
 */
import type { ChatMessage, FunctionDefinition } from '../../providers/provider.ts';
import { toolCallText, type CallContext } from '../context.ts';
import { GatewayBlocked } from '../errors.ts';
import type { JsonValue, RedactionSession } from '../pii/index.ts';
import { applyOutputPolicy } from '../output/policy.ts';
import { PII_CATEGORIES, type PiiCategory } from '../pii/categories.ts';
import { verdict, type Stage, type StageVerdict } from '../stage.ts';

const URL_CREDENTIALS_TOKEN = '[URL_CREDENTIALS_';

/** The detail key of each category's count, in the one order they are added. */
const COUNT_KEYS: ReadonlyMap<PiiCategory, string> = new Map(PII_CATEGORIES.map((category) => [category, `count.${category}`]));

/** Schema keywords whose values are instance data the model may write back, numbers included. */
const DATA_KEYWORDS: ReadonlySet<string> = new Set(['enum', 'const', 'default', 'examples']);

/**
 * A JSON Schema (output schema, or a function's parameters) as the model may see it: every key and
 * string with its PII replaced, and the values of enum, const, default and examples redacted as data
 * (numbers too, labelled by their keys). Other numbers are schema syntax (maximum, minLength) and
 * stay numbers. Two keys that would become one refuse the schema (fail closed).
 */
function redactSchema(value: unknown, pii: RedactionSession, depth = 0): unknown {
  if (depth > 256) throw new RangeError('PII redaction: schema nested deeper than 256 levels; refusing it.');
  if (typeof value === 'string') return pii.redact(value);
  if (Array.isArray(value)) return value.map((v) => redactSchema(v, pii, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const redactedKey = pii.redact(key);
    if (Object.hasOwn(out, redactedKey)) throw new RangeError('PII redaction: two schema keys became one; refusing the schema.');
    const redacted = DATA_KEYWORDS.has(key) ? pii.redactValue(v as JsonValue) : redactSchema(v, pii, depth + 1);
    Object.defineProperty(out, redactedKey, { value: redacted, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** `redacted` unless it says the same as `original`: an unchanged schema keeps its compiled check. */
function sameOr<T>(original: T, redacted: T): T {
  return JSON.stringify(redacted) === JSON.stringify(original) ? original : redacted;
}

export const piiRedaction: Stage = {
  name: 'pii-redaction',
  stopsOnBlock: true,
  async run(ctx: CallContext): Promise<StageVerdict> {
    const started = performance.now();
    // Token-shaped text anywhere in the request is the caller's: seen before any token is issued,
    // so a literal "[EMAIL_1]" in a later message is never confused with one issued for an earlier one.
    const { functions, jsonSchema } = ctx.request;
    for (const message of ctx.request.messages) {
      ctx.pii.noteForeignTokens(message.content);
      for (const call of message.toolCalls ?? []) ctx.pii.noteForeignTokens(`${call.name}\n${call.arguments}`);
    }
    if (functions !== undefined) ctx.pii.noteForeignTokens(JSON.stringify(functions));
    if (jsonSchema !== undefined) ctx.pii.noteForeignTokens(JSON.stringify(jsonSchema));
    const namedValue = (functions ?? []).findIndex((f) => ctx.pii.redact(f.name) !== f.name);
    if (namedValue >= 0) {
      ctx.blocked = new GatewayBlocked(
        this.name,
        'PII_IN_FUNCTION_NAME',
        `Function ${namedValue + 1} of the request has a name that holds a personal value (the PII check reads it as one), and a model must call a function by its name. Name the function for what it does, and pass the value as an argument.`,
      );
      return verdict(this.name, 'block', { error: 'PII_IN_FUNCTION_NAME', function: namedValue + 1 }, started);
    }
    const redacted: ChatMessage[] = ctx.request.messages.map((message) => {
      let content = ctx.pii.redact(message.content);
      for (const call of message.toolCalls ?? []) {
        content += toolCallText({ name: ctx.pii.redact(call.name), arguments: ctx.pii.redactToolArguments(call.arguments) });
      }
      return { role: message.role, content };
    });
    ctx.redacted = redacted;
    if (functions !== undefined) {
      ctx.modelFunctions = functions.map(
        (f): FunctionDefinition =>
          sameOr(f, {
            name: f.name,
            ...(f.description !== undefined && { description: ctx.pii.redact(f.description) }),
            ...(f.parameters !== undefined && { parameters: redactSchema(f.parameters, ctx.pii) as Record<string, unknown> }),
          }),
      );
    }
    if (jsonSchema !== undefined) ctx.modelSchema = sameOr(jsonSchema, redactSchema(jsonSchema, ctx.pii) as Record<string, unknown>);
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
