/**
 * The JSON Schema engine: a caller's schema compiled with ajv into a check. Draft 2020-12 and
 * draft-07 are read (callers send both: OpenAI tool schemas, Pydantic v1 and v2,
 * zod-to-json-schema). Each schema gets its own Ajv, so no `$id` from one caller's schema is known
 * to, or kept for, anyone else's. Loaded only by the schema sandbox's worker; the rest of the
 * appliance uses json-schema.ts.
 */
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { SCHEMA_KEYWORDS, UncheckableSchemaError, type SchemaCheck } from './json-schema.ts';

// ajv-formats is CommonJS; its `exports.default` is the plugin under every loader.
const addFormats = addFormatsModule.default;

type Dialect = 'draft 2020-12' | 'draft-07';

const OPTIONS: Options = {
  // Unknown keywords (`x-…`, OpenAI's `strict`) and unknown formats are annotations, not errors.
  strict: false,
  allErrors: true,
  // `\p{Lu}` in a `pattern` means a Unicode property, as the spec's ECMA-262 regexes do.
  unicodeRegExp: true,
  // `required: ["constructor"]` means an own property, not one every object inherits.
  ownProperties: true,
  // Nothing is printed about what is ignored. (Each schema has its own Ajv, so the schema's own
  // `$id`, and `$ref: "#"` to its root, are known to that instance alone.)
  logger: false,
};

const META_SCHEMA: Record<Dialect, string> = {
  'draft 2020-12': 'https://json-schema.org/draft/2020-12/schema',
  'draft-07': 'http://json-schema.org/draft-07/schema',
};

function newAjv(dialect: Dialect, validateSchema: boolean): Ajv {
  const ajv = dialect === 'draft-07' ? new Ajv({ ...OPTIONS, validateSchema }) : new Ajv2020({ ...OPTIONS, validateSchema });
  addFormats(ajv);
  return ajv;
}

// One instance per dialect checks schemas against the dialect's meta-schema; a caller's schema is
// only data to it, never added. Compiling the meta-schema is most of the cost of a fresh Ajv.
const metaCheckers = new Map<Dialect, Ajv>();

function metaIssues(dialect: Dialect, schema: object): string | undefined {
  let checker = metaCheckers.get(dialect);
  if (checker === undefined) {
    checker = newAjv(dialect, true);
    metaCheckers.set(dialect, checker);
  }
  const check = checker.getSchema(META_SCHEMA[dialect]);
  if (check === undefined) throw new Error(`ajv has no ${dialect} meta-schema`);
  if (check(schema)) return undefined;
  // ajv's messages here are the meta-schema's words; the paths hold the caller's property names.
  return (check.errors ?? []).map((e) => `${schemaPath(e.instancePath)} ${e.message ?? e.keyword}`).join(', ');
}


/** A JSON pointer into the caller's schema as `schema/properties/…/type`: schema keywords and indexes kept, chosen names hidden. */
function schemaPath(pointer: string): string {
  if (pointer === '') return 'schema';
  const parts = pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (SCHEMA_KEYWORDS.has(part) || /^(?:0|[1-9]\d{0,8})$/.test(part) ? part : '…'));
  return `schema/${parts.join('/')}`;
}

/**
 * Why ajv could not compile a schema, in words that carry none of the caller's text: its messages
 * quote `$ref` targets, `$id`s and property names, which may be data (or a secret pasted into a
 * schema), and a refusal's message reaches logs and the caller's screen.
 */
function compileFailure(cause: unknown): string {
  if (cause instanceof RangeError) return 'it nests too deeply';
  const message = cause instanceof Error ? cause.message : '';
  if (/^Invalid regular expression: /.test(message)) {
    // V8 quotes the whole pattern in its message; its reason after the last ': ' is V8's own words.
    return `a pattern is not a valid regular expression (${message.slice(message.lastIndexOf(': ') + 2)})`;
  }
  if (/^can't resolve reference /.test(message)) return 'a $ref points to no part of the schema';
  if (/resolves to more than one schema/.test(message)) return 'a $ref resolves to more than one part of the schema';
  if (/already exists/.test(message)) return 'two parts of the schema declare the same $id';
  return 'ajv could not compile it';
}

/**
 * The dialect `$schema` names; without one, 2020-12, or draft-07 when only it reads the schema
 * (array-form `items`, as Pydantic v1 writes tuples). A draft-07 schema is read as draft-07:
 * keywords later drafts added are unknown there, as to any draft-07 validator.
 */
function dialectOf(schema: Readonly<Record<string, unknown>>): Dialect {
  const declared = schema.$schema;
  if (declared === undefined) {
    const latest = metaIssues('draft 2020-12', schema);
    if (latest === undefined) return 'draft 2020-12';
    if (metaIssues('draft-07', schema) === undefined) return 'draft-07';
    throw new UncheckableSchemaError(`invalid as draft 2020-12: ${latest}`);
  }
  const dialect = typeof declared !== 'string'
    ? undefined
    : /^https?:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/.test(declared)
      ? 'draft 2020-12'
      : /^https?:\/\/json-schema\.org\/draft-07\/schema#?$/.test(declared) ? 'draft-07' : undefined;
  if (dialect === undefined) throw new UncheckableSchemaError('`$schema` names neither draft 2020-12 nor draft-07');
  const issues = metaIssues(dialect, schema);
  if (issues !== undefined) throw new UncheckableSchemaError(`invalid as ${dialect}: ${issues}`);
  return dialect;
}

/** `/a/b~1c/0` → `a.b/c.0`; the document itself is `(root)`. */
function dotted(pointer: string): string {
  if (pointer === '') return '(root)';
  return pointer.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
}

function under(path: string, name: string): string {
  return path === '' ? name : `${dotted(path)}.${name}`;
}

/**
 * One issue. ajv's messages carry schema words (limits, patterns, format names), never data; a
 * missing required name and a property that is not allowed are named in the path, where every
 * other key of the value already appears.
 */
function issueText(error: ErrorObject): string {
  if (error.keyword === 'required') return `${under(error.instancePath, String(error.params.missingProperty))}: required`;
  if (error.keyword === 'additionalProperties') return `${under(error.instancePath, String(error.params.additionalProperty))}: not allowed (additionalProperties)`;
  if (error.keyword === 'unevaluatedProperties') return `${under(error.instancePath, String(error.params.unevaluatedProperty))}: not allowed (unevaluatedProperties)`;
  return `${dotted(error.instancePath)}: ${error.message ?? error.keyword}`;
}

/**
 * Compiles `schema` into its check. Runs where a caller's schema may run away (a `pattern` that
 * backtracks, `anyOf` over `$ref` recursion whose errors double at each level, `uniqueItems` over
 * thousands of objects): inside the schema sandbox's worker, under its deadlines and heap limit
 * (schema-sandbox.ts), never on the main thread.
 */
export function compileCheck(schema: Readonly<Record<string, unknown>>): SchemaCheck {
  let dialect: Dialect | undefined;
  let validate: ValidateFunction;
  try {
    dialect = dialectOf(schema);
    // A fresh Ajv per schema: ajv keeps compiled schemas and nested `$id`s for the instance's life.
    validate = newAjv(dialect, false).compile(schema);
  } catch (cause) {
    if (cause instanceof UncheckableSchemaError) throw cause;
    throw new UncheckableSchemaError(`does not compile as ${dialect ?? 'JSON Schema'}: ${compileFailure(cause)}`, { cause });
  }
  return (value) => {
    try {
      return validate(value) ? [] : (validate.errors ?? []).map(issueText);
    } catch (error) {
      // A value nested past the engine's stack (a recursive schema, output 20,000 levels deep) is
      // not a value the appliance could check: it does not match.
      if (error instanceof RangeError) return ['(root): nested too deeply to check'];
      throw error;
    }
  };
}
