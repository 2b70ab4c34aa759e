import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../main/providers/errors.ts';
import {
  MAX_SCHEMA_ALTERNATIVES,
  MAX_SCHEMA_ALTERNATIVES_TOTAL,
  MAX_SCHEMA_CHARS,
  MAX_SCHEMA_STRING,
  schemaCheck,
  UncheckableSchemaError,
} from '../../../main/providers/json-schema.ts';
import { grammarSchema, MAX_GRAMMAR_REPETITIONS } from '../../../main/providers/llama-cpp.ts';

const values = (n: number, tag: string, length = 8): string[] => Array.from({ length: n }, (_, i) => `${tag}${i}`.padEnd(length, 'x'));

const refusal = (schema: Record<string, unknown>): string => {
  try {
    schemaCheck(schema);
  } catch (error) {
    expect(error).toBeInstanceOf(UncheckableSchemaError);
    return (error as Error).message;
  }
  return '(accepted)';
};

describe('the schema checker bounds a schema by its size, not only its nodes', () => {
  it('refuses one text longer than MAX_SCHEMA_STRING, value or key, without quoting it', () => {
    const long = 'S'.repeat(MAX_SCHEMA_STRING + 1);
    expect(refusal({ enum: [long] })).toMatch(new RegExp(`text \\(a key or a value\\) of more than ${MAX_SCHEMA_STRING} characters`));
    expect(refusal({ type: 'object', properties: { [long]: { type: 'string' } } })).toMatch(/a text \(a key or a value\)/);
    expect(refusal({ enum: [long] })).not.toContain('SSSS');
    expect(refusal({ type: 'string', description: 'd'.repeat(MAX_SCHEMA_STRING) })).toBe('(accepted)');
  });

  it('refuses more than MAX_SCHEMA_CHARS characters in all, counting each use of a shared part', () => {
    const chunk = 'c'.repeat(MAX_SCHEMA_STRING);
    const n = Math.ceil(MAX_SCHEMA_CHARS / MAX_SCHEMA_STRING) + 1;
    expect(refusal({ enum: Array.from({ length: n }, (_, i) => `${i}${chunk.slice(String(i).length)}`) })).toMatch(new RegExp(`more than ${MAX_SCHEMA_CHARS} characters`));
    const shared = { type: 'string', description: chunk };
    expect(refusal({ type: 'object', properties: Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, shared])) })).toMatch(/characters of keys and values in all/);
  });

  it('refuses an enum, oneOf or anyOf wider than MAX_SCHEMA_ALTERNATIVES, and more than MAX_SCHEMA_ALTERNATIVES_TOTAL in all', () => {
    expect(refusal({ enum: values(MAX_SCHEMA_ALTERNATIVES + 1, 'e') })).toMatch(new RegExp(`more than ${MAX_SCHEMA_ALTERNATIVES} alternatives in one enum`));
    expect(refusal({ oneOf: values(MAX_SCHEMA_ALTERNATIVES + 1, 'o').map((v) => ({ const: v })) })).toMatch(/alternatives in one oneOf/);
    expect(refusal({ anyOf: values(MAX_SCHEMA_ALTERNATIVES + 1, 'a').map((v) => ({ const: v })) })).toMatch(/alternatives in one anyOf/);
    expect(refusal({ enum: values(MAX_SCHEMA_ALTERNATIVES, 'w') })).toBe('(accepted)');
    const lists = MAX_SCHEMA_ALTERNATIVES_TOTAL / MAX_SCHEMA_ALTERNATIVES + 1;
    const wide = { type: 'object', properties: Object.fromEntries(Array.from({ length: lists }, (_, k) => [`p${k}`, { enum: values(MAX_SCHEMA_ALTERNATIVES, `t${k}-`) }])) };
    expect(refusal(wide)).toMatch(new RegExp(`more than ${MAX_SCHEMA_ALTERNATIVES_TOTAL} alternatives \\(enum, oneOf and anyOf together\\)`));
  });

  it('reads a property named enum as a name, not as a list of alternatives', () => {
    expect(refusal({ type: 'object', properties: { enum: { type: 'array', items: { type: 'string' } }, oneOf: { type: 'string' } } })).toBe('(accepted)');
  });
});

describe('repetition counts the local grammar cannot hold are settled before llama.cpp sees them', () => {
  it.each(['minItems', 'minLength', 'minProperties'])('refuses a %s over MAX_GRAMMAR_REPETITIONS as a bad request', (key) => {
    let error: unknown;
    try {
      grammarSchema({ type: 'object', properties: { secret_name: { [key]: MAX_GRAMMAR_REPETITIONS + 1 } } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe('bad-request');
    expect((error as ProviderError).message).toContain(`"${key}" over ${MAX_GRAMMAR_REPETITIONS}`);
    expect((error as ProviderError).message).not.toContain('secret_name');
  });

  it('leaves a maximum over MAX_GRAMMAR_REPETITIONS out of the grammar (the check after generation enforces it), keeps smaller counts', () => {
    expect(grammarSchema({ type: 'array', minItems: 2, maxItems: 1_000_000, items: { type: 'string', minLength: 1, maxLength: 5000 } })).toEqual({
      type: 'array',
      minItems: 2,
      items: { type: 'string', minLength: 1 },
    });
    expect(grammarSchema({ type: 'string', minLength: MAX_GRAMMAR_REPETITIONS, maxLength: MAX_GRAMMAR_REPETITIONS })).toEqual({ type: 'string', minLength: MAX_GRAMMAR_REPETITIONS, maxLength: MAX_GRAMMAR_REPETITIONS });
  });

  it('refuses a count that is not a number rather than let the grammar read it as one', () => {
    expect(() => grammarSchema({ type: 'array', minItems: '1000000' })).toThrow(/"minItems" is not a count/);
  });

  it('nothing reaches stderr when the real provider is given counts llama.cpp would refuse (it printed the whole grammar there)', () => {
    const script = `
      import { LlamaCppProvider } from ${JSON.stringify(new URL('../../../main/providers/llama-cpp.ts', import.meta.url).pathname)};
      const p = await LlamaCppProvider.open({ alias: 'tiny-test' });
      const schemas = [
        { type: 'array', minItems: 1999, items: { type: 'array', minItems: 1999, items: { enum: ['CALLER-VALUE-1'] } } },
        { type: 'array', minItems: 1000000, items: { enum: ['CALLER-VALUE-2'] } },
        { type: 'string', minLength: 5000, description: 'CALLER-VALUE-3' },
      ];
      for (const jsonSchema of schemas) {
        const r = await p.generate({ messages: [{ role: 'user', content: 'x' }], maxTokens: 2, jsonSchema }).then(() => 'ran', (e) => e.code);
        process.stdout.write(r + '\\n');
      }
      const ok = await p.generate({ messages: [{ role: 'user', content: 'x' }], maxTokens: 2, jsonSchema: { type: 'array', minItems: 3, maxItems: 1000000, items: { type: 'integer' } } });
      process.stdout.write((ok.tokens > 0 ? 'ran' : 'none') + '\\n');
      await new Promise((r) => setTimeout(r, 200));
      await p.dispose();
    `;
    // A file, not --eval: node-llama-cpp tests its binary in a child started with this process's arguments.
    const dir = mkdtempSync(join(tmpdir(), 'airlock-grammar-stderr-'));
    const file = join(dir, 'child.mjs');
    writeFileSync(file, script);
    const child = spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', timeout: 50_000 });
    rmSync(dir, { recursive: true, force: true });
    expect(child.stdout.trim().split('\n')).toEqual(['bad-request', 'bad-request', 'bad-request', 'ran']);
    expect(child.stderr).not.toContain('CALLER-VALUE');
    expect(child.stderr).not.toMatch(/error parsing grammar/);
    expect(child.stderr).toBe('');
  }, 60_000);
});
