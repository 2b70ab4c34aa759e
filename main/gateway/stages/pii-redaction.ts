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
import { patternReadings } from '../pii/pattern-readings.ts';
import { schemaCheckAsync, UncheckableSchemaError } from '../../providers/json-schema.ts';
import { applyOutputPolicy } from '../output/policy.ts';
import { PII_CATEGORIES, type PiiCategory } from '../pii/categories.ts';
import { verdict, type Stage, type StageVerdict } from '../stage.ts';

const URL_CREDENTIALS_TOKEN = '[URL_CREDENTIALS_';

/** The detail key of each category's count, in the one order they are added. */
const COUNT_KEYS: ReadonlyMap<PiiCategory, string> = new Map(PII_CATEGORIES.map((category) => [category, `count.${category}`]));

/** Schema keywords whose values are instance data the model may write back, numbers included. */
const DATA_KEYWORDS: ReadonlySet<string> = new Set(['enum', 'const', 'default', 'examples']);
/** Keywords whose string value points at a part of the schema (a URI with a JSON-pointer fragment). */
const REFERENCE_KEYWORDS: ReadonlySet<string> = new Set(['$ref', '$dynamicRef']);

/**
 * A regular expression in a schema (`pattern`, a `patternProperties` key) that holds a value: a token
 * in its place would change what it matches (`^[SSN_1]$` is a character class), and sent as it is
 * the model would read the value. The call is refused; the message names where.
 */
class ValueInSchemaPattern extends Error {
  constructor(readonly where: string) {
    super(`a regular expression in ${where} holds a personal value`);
    this.name = 'ValueInSchemaPattern';
  }
}

/** Whether a regular expression holds a value, as written or in any text it spells (patternReadings). */
function patternHoldsValue(pattern: string, pii: RedactionSession): boolean {
  if (pii.redact(pattern) !== pattern) return true;
  return patternReadings(pattern).some((text) => text !== pattern && pii.redact(text) !== text);
}

/** A schema that no longer compiles once redacted (a reference the redaction could not follow). */
class SchemaRedactionBroke extends Error {
  constructor(readonly where: string) {
    super(`${where} no longer compiles once its personal values are redacted`);
    this.name = 'SchemaRedactionBroke';
  }
}

/**
 * A `$ref` with its JSON-pointer segments redacted as the keys they name are (decoded first:
 * `#/$defs/jane.doe%40corp.example` names the key `jane.doe@corp.example`), so a redacted key and
 * its reference still meet. Unchanged references are kept exactly as written.
 */
function redactReference(ref: string, pii: RedactionSession): string {
  const hash = ref.indexOf('#');
  const fragment = hash < 0 ? '' : ref.slice(hash + 1);
  if (!fragment.startsWith('/')) return pii.redact(ref);
  const base = ref.slice(0, hash);
  let segments: string[];
  try {
    segments = fragment.slice(1).split('/').map((s) => decodeURIComponent(s).replaceAll('~1', '/').replaceAll('~0', '~'));
  } catch {
    return pii.redact(ref); // not percent-encoded as a URI: read as text
  }
  const redactedBase = pii.redact(base);
  const redacted = segments.map((s) => pii.redact(s));
  if (redactedBase === base && redacted.every((s, i) => s === segments[i])) return ref;
  return `${redactedBase}#/${redacted.map((s) => encodeURIComponent(s.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/')}`;
}

/**
 * A JSON Schema (output schema, or a function's parameters) as the model may see it: every key and
 * string with its PII replaced, references redacted as the keys they point at, and the values of
 * enum, const, default and examples redacted as data (numbers too, labelled by their keys). Other
 * numbers are schema syntax (maximum, minLength) and stay numbers. A regular expression that holds
 * a value throws ValueInSchemaPattern; two keys that would become one refuse the schema (fail closed).
 */
function redactSchema(value: unknown, pii: RedactionSession, where: string, depth = 0): unknown {
  if (depth > 256) throw new RangeError('PII redaction: schema nested deeper than 256 levels; refusing it.');
  if (typeof value === 'string') return pii.redact(value);
  if (Array.isArray(value)) return value.map((v) => redactSchema(v, pii, where, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const redactedKey = pii.redact(key);
    if (Object.hasOwn(out, redactedKey)) throw new RangeError('PII redaction: two schema keys became one; refusing the schema.');
    let redacted: unknown;
    if (DATA_KEYWORDS.has(key)) redacted = pii.redactValue(v as JsonValue);
    else if (REFERENCE_KEYWORDS.has(key) && typeof v === 'string') redacted = redactReference(v, pii);
    else if (key === 'pattern' && typeof v === 'string') {
      if (patternHoldsValue(v, pii)) throw new ValueInSchemaPattern(where);
      redacted = v;
    } else if (key === 'patternProperties' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const patterns: Record<string, unknown> = {};
      for (const [pattern, schema] of Object.entries(v)) {
        if (patternHoldsValue(pattern, pii)) throw new ValueInSchemaPattern(where);
        Object.defineProperty(patterns, pattern, { value: redactSchema(schema, pii, where, depth + 2), enumerable: true, writable: true, configurable: true });
      }
      redacted = patterns;
    } else redacted = redactSchema(v, pii, where, depth + 1);
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
    try {
      if (functions !== undefined) {
        ctx.modelFunctions = functions.map(
          (f, i): FunctionDefinition =>
            sameOr(f, {
              name: f.name,
              ...(f.description !== undefined && { description: ctx.pii.redact(f.description) }),
              ...(f.parameters !== undefined && { parameters: redactSchema(f.parameters, ctx.pii, `function ${i + 1}'s parameters`) as Record<string, unknown> }),
            }),
        );
      }
      if (jsonSchema !== undefined) ctx.modelSchema = sameOr(jsonSchema, redactSchema(jsonSchema, ctx.pii, 'the output schema') as Record<string, unknown>);
      // A schema its redaction changed is compiled here, before the pre-call entry and the model:
      // one it broke (a reference the redaction could not follow) is refused now, uncharged.
      const changed = [
        ...(ctx.modelSchema !== undefined && ctx.modelSchema !== jsonSchema ? [{ schema: ctx.modelSchema, where: 'the output schema' }] : []),
        ...(ctx.modelFunctions ?? []).flatMap((f, i) => (f.parameters !== undefined && f !== functions?.[i] ? [{ schema: f.parameters, where: `function ${i + 1}'s parameters` }] : [])),
      ];
      // Awaited, not compiled synchronously: the thread serves other calls while the worker compiles,
      // and stage 7 and the provider then find these checks cached (by object).
      for (const { schema, where } of changed) {
        try {
          await schemaCheckAsync(schema);
        } catch (error) {
          if (!(error instanceof UncheckableSchemaError)) throw error;
          throw new SchemaRedactionBroke(where);
        }
      }
    } catch (error) {
      if (!(error instanceof ValueInSchemaPattern || error instanceof SchemaRedactionBroke)) throw error;
      const code = error instanceof ValueInSchemaPattern ? 'PII_IN_SCHEMA_PATTERN' : 'PII_SCHEMA_UNCHECKABLE';
      const message =
        error instanceof ValueInSchemaPattern
          ? `A regular expression (pattern) in ${error.where} holds a personal value, which the model would read and a token cannot replace. Check the value's format in the pattern, not the value itself, or pass the value in a message.`
          : `${error.where[0]?.toUpperCase() ?? ''}${error.where.slice(1)} hold${error.where.endsWith('parameters') ? '' : 's'} personal values in names that other parts of it refer to in a way the redaction cannot follow. Write the references as plain JSON pointers (#/$defs/name), or keep personal values out of the schema's names.`;
      ctx.blocked = new GatewayBlocked(this.name, code, message);
      return verdict(this.name, 'block', { error: code }, started);
    }
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
