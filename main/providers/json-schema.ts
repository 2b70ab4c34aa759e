/**
 * A caller's JSON Schema as a check both readers share: stage 7's structured output and
 * function-call arguments. The schema is the caller's and the value the model's, and together they
 * can cost without bound: a `pattern` that backtracks (`^(a+)+$`), `anyOf` over `$ref` recursion
 * whose errors double at each level (22 levels of `[[…]]` filled a 4 GB heap and aborted the
 * process), `uniqueItems` over thousands of objects. So schemas are compiled and values checked
 * in the schema sandbox (schema-sandbox.ts): a worker thread with a heap limit, waited for with a
 * deadline and replaced when it overruns. The engine itself (ajv) is json-schema-engine.ts.
 */
import { SchemaSandbox, type CompileResult } from './schema-sandbox.ts';

/**
 * Every keyword of draft 2020-12 and draft-07, vocabularies included. A refusal that names a place
 * in a caller's schema keeps these (and indexes); any other path segment is a name the caller chose
 * (a property, a `$defs` entry) and may be data, so it shows as `…`, never as written.
 */
export const SCHEMA_KEYWORDS: ReadonlySet<string> = new Set([
  '$schema', '$id', '$ref', '$anchor', '$dynamicRef', '$dynamicAnchor', '$vocabulary', '$comment', '$defs', 'definitions', '$recursiveRef', '$recursiveAnchor',
  'type', 'enum', 'const', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern',
  'maxItems', 'minItems', 'uniqueItems', 'maxContains', 'minContains', 'maxProperties', 'minProperties', 'required', 'dependentRequired',
  'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentSchemas', 'dependencies', 'prefixItems', 'items', 'additionalItems', 'contains',
  'properties', 'patternProperties', 'additionalProperties', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties',
  'format', 'contentEncoding', 'contentMediaType', 'contentSchema', 'title', 'description', 'default', 'deprecated', 'readOnly', 'writeOnly', 'examples',
]);

/** A schema the appliance cannot compile into a check; the message says why. */
export class UncheckableSchemaError extends Error {
  override readonly name = 'UncheckableSchemaError';
}

/**
 * Issues of a value that does not match, as `<path>: <message>` (path `a.b.0`, or `(root)`); empty
 * when it matches. Paths and rules only: never a value.
 */
export type SchemaCheck = (value: unknown) => readonly string[];

/** Deeper than any schema a person or generator writes; deeper ones overflow ajv's recursion. */
export const MAX_SCHEMA_DEPTH = 64;

/**
 * More keywords and values than any schema a person or generator writes (OpenAPI documents of
 * thousands of types stay under it). It also bounds the walk over a schema whose parts are shared
 * objects, which visits a part once per path to it: 30 levels of `{anyOf: [node, node]}` reusing
 * one object would be 2^30 visits.
 */
export const MAX_SCHEMA_NODES = 100_000;

/**
 * The longest text (a key or a string value) a schema may hold. Descriptions are the long texts
 * of real schemas: the longest in the benign tool corpus (test/fixtures/tool-definitions-benign.ts)
 * is 356 characters, so 16 Ki leaves room for a manual-length description. Without a bound one
 * 4 MB string counted as a single node, and 8 of them (32 MB) held the thread for 10–13 s.
 */
export const MAX_SCHEMA_STRING = 16_384;

/**
 * Characters of one schema in all (keys, strings and numbers by their text; every other value counts one). The gateway
 * bounds the request's schema and functions together by the same figure (schema-admission.ts),
 * where the reason is given.
 */
export const MAX_SCHEMA_CHARS = 262_144;

/**
 * Most alternatives one `enum`, `oneOf` or `anyOf` may list. The local model's grammar turns each
 * list into one alternation, whose build and evaluation-state preparation on the shared thread
 * grows faster than the list (tiny-test: 1,000 strings ≈ 20 ms, 4,000 ≈ 180 ms, 20,000 ≈ 1.3 s,
 * 90,000 an 80 s stall). 1,000 costs ≤ 50 ms even at 250 characters a value.
 */
export const MAX_SCHEMA_ALTERNATIVES = 1_000;

/**
 * Alternatives of one schema in all (every `enum`, `oneOf` and `anyOf` list together): lists of
 * 1,000 side by side add up more gently (4 × 1,000 ≈ 75 ms at 60 characters a value). The gateway
 * bounds the whole request by the same figure.
 */
export const MAX_SCHEMA_ALTERNATIVES_TOTAL = 4_000;

/** One sandbox for the process: the worker starts at the first schema and is kept while it behaves. */
const sandbox = new SchemaSandbox();

/**
 * Resolves once the sandbox's worker is ready (see SchemaSandbox.ready): awaited by the gateway
 * before a call that carries a schema, so the worker's start never holds the shared thread.
 */
export function schemaCheckerReady(): Promise<void> {
  return sandbox.ready();
}

const checks = new WeakMap<object, SchemaCheck>();

/**
 * Checks by the schema's JSON text, most recently used last: a caller whose schema arrives as a new
 * object every call (parsed from IPC or a file) does not pay a compile (≈ 1.2–1.7 ms) each time.
 * Equal JSON text is the same schema.
 */
const byText = new Map<string, SchemaCheck>();
export const SCHEMA_CACHE_SIZE = 64;

/**
 * Whether `schema` is plain JSON data (what JSON.parse or a structured clone gives: plain objects
 * and arrays of strings, finite numbers, booleans and null, as enumerable data properties), so its
 * JSON text stands for it exactly; `Infinity` and a `toJSON` or getter would make two different
 * schemas share a text. Throws UncheckableSchemaError past MAX_SCHEMA_DEPTH (a cycle included),
 * MAX_SCHEMA_NODES, MAX_SCHEMA_STRING, MAX_SCHEMA_CHARS, MAX_SCHEMA_ALTERNATIVES or
 * MAX_SCHEMA_ALTERNATIVES_TOTAL.
 */
function isPlainJson(schema: object): boolean {
  let plain = true;
  let nodes = 0;
  let chars = 0;
  let alternatives = 0;
  const count = (text: string): void => {
    if (text.length > MAX_SCHEMA_STRING) throw new UncheckableSchemaError(`holds a text (a key or a value) of more than ${MAX_SCHEMA_STRING} characters`);
    chars += text.length;
  };
  const stack: [unknown, number][] = [[schema, 1]];
  while (stack.length > 0) {
    if (++nodes > MAX_SCHEMA_NODES) throw new UncheckableSchemaError(`has more than ${MAX_SCHEMA_NODES} keywords and values (counting a part once for each place it is used)`);
    const [value, depth] = stack.pop() as [unknown, number];
    if (typeof value === 'string') count(value);
    // A number counts as its text: 1e-7 and 123456789 are not one character of JSON each.
    else chars += typeof value === 'number' ? String(value).length : 1;
    if (value === null || typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value === 'number') {
      plain &&= Number.isFinite(value);
      continue;
    }
    if (typeof value !== 'object') {
      plain = false;
      continue;
    }
    if (depth > MAX_SCHEMA_DEPTH) throw new UncheckableSchemaError(`nests deeper than ${MAX_SCHEMA_DEPTH} levels (or refers to itself as an object)`);
    // Checked before its keys are listed: listing a million-element array is itself the cost.
    if (Array.isArray(value) && value.length > MAX_SCHEMA_NODES) throw new UncheckableSchemaError(`has more than ${MAX_SCHEMA_NODES} keywords and values (counting a part once for each place it is used)`);
    const proto: unknown = Object.getPrototypeOf(value);
    if (Array.isArray(value)) plain &&= proto === Array.prototype;
    else plain &&= proto === Object.prototype || proto === null;
    for (const key of Reflect.ownKeys(value)) {
      const property = Object.getOwnPropertyDescriptor(value, key);
      if (typeof key === 'symbol' || property === undefined || !('value' in property) || (property.enumerable !== true && !(Array.isArray(value) && key === 'length'))) {
        plain = false;
        continue;
      }
      if (Array.isArray(value) && key === 'length') continue;
      if (!Array.isArray(value)) count(key);
      if ((key === 'enum' || key === 'oneOf' || key === 'anyOf') && Array.isArray(property.value)) {
        const width = (property.value as unknown[]).length;
        if (width > MAX_SCHEMA_ALTERNATIVES) throw new UncheckableSchemaError(`lists more than ${MAX_SCHEMA_ALTERNATIVES} alternatives in one ${key}`);
        alternatives += width;
      }
      stack.push([property.value, depth + 1]);
    }
  }
  // The totals are judged once the walk is done (it is bounded by MAX_SCHEMA_NODES either way), so
  // a schema past the node limit is told that, the more telling reason.
  if (chars > MAX_SCHEMA_CHARS) throw new UncheckableSchemaError(`holds more than ${MAX_SCHEMA_CHARS} characters of keys and values in all (counting a part once for each place it is used)`);
  if (alternatives > MAX_SCHEMA_ALTERNATIVES_TOTAL) throw new UncheckableSchemaError(`lists more than ${MAX_SCHEMA_ALTERNATIVES_TOTAL} alternatives (enum, oneOf and anyOf together)`);
  return plain;
}

/** A schema's cached check, or what compiling it needs: its snapshot and (for plain JSON) its text. */
function lookup(schema: Readonly<Record<string, unknown>>): { readonly check: SchemaCheck } | { readonly snapshot: Readonly<Record<string, unknown>>; readonly text: string | undefined } {
  const cached = checks.get(schema);
  if (cached !== undefined) return { check: cached };
  const text = isPlainJson(schema) ? JSON.stringify(schema) : undefined;
  const known = text === undefined ? undefined : byText.get(text);
  if (text !== undefined && known !== undefined) {
    byText.delete(text);
    byText.set(text, known);
    checks.set(schema, known);
    return { check: known };
  }
  // The schema as it is now, kept: the worker compiles from this copy again after a restart, so a
  // caller changing its object later (or another caller's equal text) never changes the check.
  try {
    return { snapshot: text !== undefined ? (JSON.parse(text) as Record<string, unknown>) : structuredClone(schema), text };
  } catch {
    throw new UncheckableSchemaError('is not JSON data (a function, a symbol or a class instance inside it)');
  }
}

/** The check of a compiled schema, cached for `schema` and its text. */
function remember(schema: Readonly<Record<string, unknown>>, snapshot: Readonly<Record<string, unknown>>, text: string | undefined, compiled: CompileResult): SchemaCheck {
  if (!compiled.ok) throw new UncheckableSchemaError(compiled.reason);
  const check: SchemaCheck = (value) => sandbox.check(compiled.id, snapshot, value);
  checks.set(schema, check);
  if (text !== undefined) {
    byText.set(text, check);
    if (byText.size > SCHEMA_CACHE_SIZE) byText.delete(byText.keys().next().value as string);
  }
  return check;
}

/**
 * The check for `schema`, compiled once per schema object (and per JSON text, for the last
 * {@link SCHEMA_CACHE_SIZE} texts). Throws UncheckableSchemaError for a schema ajv cannot compile
 * (an unresolvable `$ref`, an invalid regexp, a keyword of the wrong type, a `$schema` it does not
 * read, one that is not data) or cannot compile within the sandbox's limits. Unknown formats are
 * annotations, as the spec says, and pass. A value the sandbox cannot check within its limits
 * does not match: the check says so as its issue.
 *
 * A schema not compiled yet holds the thread while the worker compiles it (up to the sandbox's
 * compile deadline): a caller that can wait asynchronously compiles it first with
 * {@link schemaCheckAsync}, and this then finds it cached.
 */
export function schemaCheck(schema: Readonly<Record<string, unknown>>): SchemaCheck {
  const found = lookup(schema);
  if ('check' in found) return found.check;
  return remember(schema, found.snapshot, found.text, sandbox.compile(found.snapshot));
}

/** Compiles in progress by schema text: equal schemas sent together are compiled once. */
const compiling = new Map<string, Promise<CompileResult>>();

/**
 * {@link schemaCheck} without holding the thread: the worker compiles while the thread serves other
 * calls, and the check is cached as schemaCheck caches it (for this object and its text), so a
 * later schemaCheck of the same object, or of an equal text, compiles nothing. Rejects as
 * schemaCheck throws. The gateway awaits it at admission for every schema a call carries.
 */
export async function schemaCheckAsync(schema: Readonly<Record<string, unknown>>): Promise<SchemaCheck> {
  const found = lookup(schema);
  if ('check' in found) return found.check;
  const { snapshot, text } = found;
  let pending = text === undefined ? undefined : compiling.get(text);
  if (pending === undefined) {
    pending = sandbox.compileAsync(snapshot);
    if (text !== undefined) {
      compiling.set(text, pending);
      const done = (): void => {
        if (compiling.get(text) === pending) compiling.delete(text);
      };
      pending.then(done, done);
    }
  }
  const compiled = await pending;
  // Another caller's equal text may have been cached meanwhile: one check for the text.
  const again = checks.get(schema) ?? (text === undefined ? undefined : byText.get(text));
  if (again !== undefined) {
    checks.set(schema, again);
    return again;
  }
  return remember(schema, snapshot, text, compiled);
}

/** Compile jobs sent to the sandbox so far, and how many have ended: tests count them to see a schema compiled once. */
export function schemaCompileCount(): { readonly sent: number; readonly ended: number } {
  return sandbox.compiles;
}
