/**
 * Size limits on a request's output schema (`jsonSchema`) and function definitions (`functions`),
 * checked at admission for every provider, before any stage reads them. Everything downstream reads
 * these parts whole (stage 2's injection check, stage 3's PII scan, stage 4's moderation, the
 * schema checker, the local model's grammar), much of it on the thread every caller shares: one
 * 32 MB schema (8 enum strings of 4 M characters) held it for 10–13 s and took 1.5 GB, and an enum
 * of 90,000 strings held it 80 s while the grammar was built.
 *
 * The limits, measured on tiny-test (createGrammarForJsonSchema + LlamaGrammarEvaluationState, the
 * two steps LlamaCppProvider runs on the shared thread; 2 cores):
 *   - one enum/oneOf/anyOf list: 1,000 strings of 8–60 characters 17–20 ms, of 250 characters 50 ms;
 *     4,000 strings in one list 180 ms and 20,000 1.3 s (the cost grows faster than the list), so
 *     MAX_SCHEMA_ALTERNATIVES = 1,000;
 *   - lists side by side add up gently: 4 lists of 1,000 (60 characters a value) 75 ms, so
 *     MAX_SCHEMA_ALTERNATIVES_TOTAL = 4,000 across the request;
 *   - 256 Ki characters in all (MAX_SCHEMA_CHARS): the whole benign corpus of 257 tool definitions
 *     (test/fixtures/tool-definitions-benign.ts) sent in one request is 96 K characters, so an agent
 *     with a large tool set fits with room to spare; the heaviest shape that fits (8,000 properties,
 *     207 K characters) builds its grammar in 145 ms;
 *   - one text (a key, a value, a description) 16 Ki characters (MAX_SCHEMA_STRING): the corpus's
 *     longest description is 356.
 *   - subschemas and `$ref`s (MAX_SCHEMA_SUBSCHEMAS): the schema checker's compile (ajv, in the
 *     sandbox's worker) follows them, not the characters; 9,000 `{type: 'string'}` properties
 *     (304 K characters) took it 0.9–1.15 s, 2,000 properties with distinct minLength/maxLength
 *     0.6–0.8 s, 3,000 `$ref`s into a chain of 12 `$defs` 0.37–1.1 s, and 6,000 properties of
 *     that kind ran past the sandbox's 2 s deadline. See MAX_SCHEMA_SUBSCHEMAS for the figures.
 * Numbers count by their text, like strings: counted as one character each, 6,000 properties with
 * two numbers apiece (347 KB of JSON) passed the character limit.
 * The per-schema parts (all but the subschema count) are also enforced by the schema checker
 * (json-schema.ts), for callers that
 * do not come through the gateway; here they name the field, and the totals span the request.
 * Messages name the field and the limit, never the caller's text.
 */
import { MAX_SCHEMA_ALTERNATIVES, MAX_SCHEMA_ALTERNATIVES_TOTAL, MAX_SCHEMA_CHARS, MAX_SCHEMA_STRING } from '../providers/json-schema.ts';
import { GatewayRequestError } from './errors.ts';

export { MAX_SCHEMA_ALTERNATIVES, MAX_SCHEMA_ALTERNATIVES_TOTAL, MAX_SCHEMA_CHARS, MAX_SCHEMA_STRING };

const ALTERNATIVE_KEYWORDS = new Set(['enum', 'oneOf', 'anyOf']);

/**
 * Subschemas and `$ref` uses across the request: every entry of `properties`, `$defs` (and
 * `definitions`, `patternProperties`, `dependentSchemas`), every member of `anyOf`, `oneOf`,
 * `allOf`, `prefixItems` and a list `items`, every single-schema keyword (`items`,
 * `additionalProperties`, `not`, `if`/`then`/`else`, `contains`, `propertyNames`, …) and every
 * `$ref`/`$dynamicRef`. A key of that name anywhere counts (a property called "items" too): the
 * count errs high, never low.
 *
 * Measured (ajv compile of one schema, best of 3, 2 cores; the sandbox's deadline is 2,000 ms),
 * at the limit of 1,000, in the sandbox's worker on a loaded box (load average 9 on 2 cores) and, in
 * brackets, on the main thread: 1,000 `{type: 'string'}` properties with `required` 407 ms (82 ms);
 * 1,000 properties with distinct minLength/maxLength 549 ms (230 ms); 250 properties of 4
 * subschemas each (an object with a string, an array and its items, distinct bounds) 819 ms
 * (297 ms). At 1,500 the same shapes took the worker 0.35–1.3 s and at 6,000 it overran the
 * deadline. The whole benign corpus of 257 tool definitions (test/fixtures/tool-definitions-benign.ts)
 * holds 792 and no `$ref`, so an agent's large tool set fits.
 */
export const MAX_SCHEMA_SUBSCHEMAS = 1_000;

/** Keywords whose value is a map of subschemas, one per entry. */
const SCHEMA_MAP_KEYWORDS = new Set(['properties', '$defs', 'definitions', 'patternProperties', 'dependentSchemas']);
/** Keywords whose value is a list of subschemas (`items` in draft-07 may be either). */
const SCHEMA_LIST_KEYWORDS = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems', 'items']);
/** Keywords whose value is one subschema. */
const SCHEMA_ONE_KEYWORDS = new Set(['items', 'additionalItems', 'additionalProperties', 'unevaluatedItems', 'unevaluatedProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames']);
const REF_KEYWORDS = new Set(['$ref', '$dynamicRef', '$recursiveRef']);

/** How many subschemas (and `$ref` uses) `child`, the value of `key`, adds. */
function subschemasUnder(key: string, child: unknown): number {
  if (REF_KEYWORDS.has(key)) return typeof child === 'string' ? 1 : 0;
  if (typeof child !== 'object' || child === null) return 0;
  if (Array.isArray(child)) return SCHEMA_LIST_KEYWORDS.has(key) ? (child as unknown[]).length : 0;
  if (SCHEMA_MAP_KEYWORDS.has(key)) return Object.keys(child).length;
  return SCHEMA_ONE_KEYWORDS.has(key) ? 1 : 0;
}

/**
 * A 400 when `jsonSchema` and `functions` (plain data, already copied by the gateway) together are
 * larger than the limits above. Counts keys, strings and numbers by their text's length and every
 * other value as one, so the walk itself stops after MAX_SCHEMA_CHARS steps whatever the shape (a part shared by
 * several places is counted at each). Shapes it does not expect (not a list, not objects) are left
 * to the gateway's own checks.
 */
export function refuseOversizedSchemas(jsonSchema: unknown, functions: unknown): void {
  let chars = 0;
  let alternatives = 0;
  let subschemas = 0;
  const parts: [unknown, string][] = [];
  if (jsonSchema !== undefined) parts.push([jsonSchema, 'jsonSchema']);
  if (Array.isArray(functions)) (functions as unknown[]).forEach((f, i) => parts.push([f, `functions[${i}]`]));
  const overall = (): string => (functions !== undefined && jsonSchema !== undefined ? 'jsonSchema and functions together' : jsonSchema !== undefined ? 'jsonSchema' : 'functions');
  for (const [part, field] of parts) {
    // Each value with the key it sits under: a regular expression has its own, tighter limit and
    // message (the gateway's refuseLongPatterns), so a long one is left to that check.
    const stack: [unknown, string | undefined][] = [[part, undefined]];
    while (stack.length > 0) {
      const [value, under] = stack.pop() as [unknown, string | undefined];
      if (typeof value === 'string') {
        if (value.length > MAX_SCHEMA_STRING && under !== 'pattern') {
          throw new GatewayRequestError(`${field} holds a text longer than ${MAX_SCHEMA_STRING} characters; keep descriptions and values shorter, and long reference material in the messages`);
        }
        chars += value.length;
      } else chars += typeof value === 'number' ? String(value).length : 1;
      if (chars > MAX_SCHEMA_CHARS) {
        throw new GatewayRequestError(`${overall()} hold more than ${MAX_SCHEMA_CHARS} characters of keys and values in all; send fewer or shorter definitions`);
      }
      if (typeof value !== 'object' || value === null) continue;
      if (Array.isArray(value)) {
        // Pushed in bounded slices: a list longer than the limit fails the count before it is all read.
        for (let i = (value as unknown[]).length - 1, n = 0; i >= 0 && n <= MAX_SCHEMA_CHARS; i--, n++) stack.push([(value as unknown[])[i], undefined]);
        continue;
      }
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        if (key.length > MAX_SCHEMA_STRING && under !== 'patternProperties') {
          throw new GatewayRequestError(`${field} holds a key longer than ${MAX_SCHEMA_STRING} characters; use shorter property names`);
        }
        chars += key.length;
        if (ALTERNATIVE_KEYWORDS.has(key) && Array.isArray(child)) {
          const width = (child as unknown[]).length;
          if (width > MAX_SCHEMA_ALTERNATIVES) {
            throw new GatewayRequestError(`${field} holds a ${key} list of ${width} alternatives, more than ${MAX_SCHEMA_ALTERNATIVES}; offer fewer choices, or take free text and check it in your own code`);
          }
          alternatives += width;
          if (alternatives > MAX_SCHEMA_ALTERNATIVES_TOTAL) {
            throw new GatewayRequestError(`${overall()} hold more than ${MAX_SCHEMA_ALTERNATIVES_TOTAL} alternatives (enum, oneOf and anyOf together); offer fewer choices`);
          }
        }
        subschemas += subschemasUnder(key, child);
        if (subschemas > MAX_SCHEMA_SUBSCHEMAS) {
          throw new GatewayRequestError(
            `${overall()} hold more than ${MAX_SCHEMA_SUBSCHEMAS} subschemas and $refs in all (properties and $defs entries, items, anyOf/oneOf/allOf members, each $ref once); send fewer or smaller definitions`,
          );
        }
        stack.push([child, key]);
      }
    }
  }
}
