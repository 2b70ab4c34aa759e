/**
 * A gap in reading JSON Schema through zod 4's fromJSONSchema, closed for both readers (stage 7's
 * structured output and function-call arguments).
 */
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Required names a JSON Schema lists but does not declare under `properties`: zod's fromJSONSchema
 * drops them, so `{"required": ["a", "b"], "properties": {"a": …}}` accepted `{"a": 1}`. Checked
 * here along the value, through properties and items; the first missing one is returned.
 */
export function missingUndeclared(schema: unknown, value: unknown, path: string, depth = 0): string | undefined {
  if (depth > 64 || !isPlainObject(schema)) return undefined;
  if (isPlainObject(value)) {
    const declared = isPlainObject(schema.properties) ? schema.properties : {};
    if (Array.isArray(schema.required)) {
      for (const name of schema.required) {
        if (typeof name === 'string' && !Object.hasOwn(declared, name) && !Object.hasOwn(value, name)) return path === '' ? name : `${path}.${name}`;
      }
    }
    for (const [name, sub] of Object.entries(declared)) {
      if (Object.hasOwn(value, name)) {
        const missing = missingUndeclared(sub, value[name], path === '' ? name : `${path}.${name}`, depth + 1);
        if (missing !== undefined) return missing;
      }
    }
  }
  if (Array.isArray(value) && isPlainObject(schema.items)) {
    for (let i = 0; i < value.length; i++) {
      const missing = missingUndeclared(schema.items, value[i], `${path}.${i}`, depth + 1);
      if (missing !== undefined) return missing;
    }
  }
  return undefined;
}
