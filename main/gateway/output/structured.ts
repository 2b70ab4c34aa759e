/**
 * Format validation when the caller asked for structured output. The schema may be a zod schema
 * or a JSON Schema object; JSON Schema is converted with zod 4's `z.fromJSONSchema` (once per
 * schema object), so there is one validator for both.
 */
import { z } from 'zod';
import { missingUndeclared } from '../../providers/json-schema.ts';

export type JsonSchema = Readonly<Record<string, unknown>>;
export type OutputSchema = z.ZodType | JsonSchema;

export type StructuredResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly detail: string };

const converted = new WeakMap<object, z.ZodType>();

function isZodSchema(schema: OutputSchema): schema is z.ZodType {
  return schema instanceof z.ZodType;
}

function toZod(schema: OutputSchema): z.ZodType {
  if (isZodSchema(schema)) return schema;
  const cached = converted.get(schema);
  if (cached !== undefined) return cached;
  const zod = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  converted.set(schema, zod);
  return zod;
}

/** Models often wrap JSON in a markdown fence; a single fenced block is accepted as the payload. */
function unfence(text: string): string {
  const fenced = /^\s*```(?:json)?[ \t]*\r?\n([\s\S]*?)\r?\n```\s*$/.exec(text);
  return fenced?.[1] ?? text;
}

const MAX_ISSUES = 5;


export function validateStructured(text: string, schema: OutputSchema): StructuredResult {
  let value: unknown;
  try {
    value = JSON.parse(unfence(text));
  } catch {
    // The parser's message quotes the response; the violation must not carry response text.
    return { ok: false, detail: 'response is not valid JSON' };
  }
  const parsed = toZod(schema).safeParse(value);
  if (parsed.success) {
    const missing = isZodSchema(schema) ? undefined : missingUndeclared(schema, value, '');
    if (missing !== undefined) return { ok: false, detail: `response does not match the requested schema: ${missing}: required` };
    return { ok: true, value: parsed.data };
  }
  const issues = parsed.error.issues.slice(0, MAX_ISSUES).map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
  const more = parsed.error.issues.length > MAX_ISSUES ? `; and ${parsed.error.issues.length - MAX_ISSUES} more` : '';
  return { ok: false, detail: `response does not match the requested schema: ${issues.join('; ')}${more}` };
}
