/**
 * Format validation when the caller asked for structured output. The schema may be a zod schema,
 * checked by zod, or a JSON Schema object, checked by ajv (compiled once per schema object, as
 * function-call arguments are).
 */
import { z } from 'zod';
import { schemaCheck } from '../../providers/json-schema.ts';

export type JsonSchema = Readonly<Record<string, unknown>>;
export type OutputSchema = z.ZodType | JsonSchema;

export type StructuredResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly detail: string };

function isZodSchema(schema: OutputSchema): schema is z.ZodType {
  return schema instanceof z.ZodType;
}

/** Models often wrap JSON in a markdown fence; a single fenced block is accepted as the payload. */
function unfence(text: string): string {
  const fenced = /^\s*```(?:json)?[ \t]*\r?\n([\s\S]*?)\r?\n```\s*$/.exec(text);
  return fenced?.[1] ?? text;
}

const MAX_ISSUES = 5;

/** The response's JSON value (a fenced block accepted), or why it is none. */
export function parseStructured(text: string): StructuredResult {
  try {
    return { ok: true, value: JSON.parse(unfence(text)) as unknown };
  } catch {
    // The parser's message quotes the response; the violation must not carry response text.
    return { ok: false, detail: 'response is not valid JSON' };
  }
}

/** A parsed value checked against the schema: zod's output (which may transform it), or the value as written. */
export function checkStructured(value: unknown, schema: OutputSchema): StructuredResult {
  let issues: readonly string[];
  if (isZodSchema(schema)) {
    const parsed = schema.safeParse(value);
    if (parsed.success) return { ok: true, value: parsed.data };
    issues = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
  } else {
    // The value as the model wrote it: JSON Schema's `default` is an annotation, never filled in.
    issues = schemaCheck(schema)(value);
    if (issues.length === 0) return { ok: true, value };
  }
  const more = issues.length > MAX_ISSUES ? `; and ${issues.length - MAX_ISSUES} more` : '';
  return { ok: false, detail: `response does not match the requested schema: ${issues.slice(0, MAX_ISSUES).join('; ')}${more}` };
}
