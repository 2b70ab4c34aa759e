/**
 * node-llama-cpp reads only `$ref`s of the form `#/$defs/<name>`. Any other reference it printed
 * (the caller's text) through console.warn and turned that part of the grammar into "any JSON".
 * The provider now rewrites draft-07 `#/definitions/<name>` into `#/$defs/<name>` and refuses the
 * rest, naming only schema keywords.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { grammarSchema, LlamaCppProvider, ProviderError } from '../../../main/providers/llama-cpp.ts';

const SECRET = 'AKIAIOSFODNN7EXAMPLE';

let provider: LlamaCppProvider;
beforeAll(async () => {
  provider = await LlamaCppProvider.open({ alias: 'tiny-test' });
});
afterAll(async () => {
  await provider?.dispose();
});

/** Everything written to console.warn/error and process.stderr while a test runs. */
let written: string[] = [];
beforeEach(() => {
  written = [];
  const record = (...args: unknown[]): void => {
    written.push(args.map(String).join(' '));
  };
  vi.spyOn(console, 'warn').mockImplementation(record);
  vi.spyOn(console, 'error').mockImplementation(record);
  vi.spyOn(console, 'log').mockImplementation(record);
  const write = process.stderr.write.bind(process.stderr);
  vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
    written.push(String(chunk));
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write);
});
afterEach(() => {
  vi.restoreAllMocks();
});

function refusal(run: () => unknown): ProviderError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  }
  throw new Error('expected a refusal');
}

describe('draft-07 definitions on the tiny model', () => {
  const colours = ['red', 'green', 'blue'];

  it('a $ref to #/definitions/<name> constrains the output to that definition, with nothing printed', async () => {
    const schema = { definitions: { [SECRET]: { enum: colours } }, $ref: `#/definitions/${SECRET}` };
    const result = await provider.generate({ prompt: 'Answer:', maxTokens: 16, jsonSchema: schema });
    expect(colours).toContain(JSON.parse(result.text));
    expect(written.join('\n')).toBe('');
  });

  it('under a property too, with pointer escapes (~1, ~0, percent-encoding) decoded', async () => {
    const schema = {
      type: 'object',
      properties: { c: { $ref: '#/definitions/a~1b~0c%20d' } },
      definitions: { 'a/b~c d': { enum: colours } },
    };
    const result = await provider.generate({ prompt: 'Answer:', maxTokens: 24, jsonSchema: schema });
    expect(colours).toContain((JSON.parse(result.text) as { c: unknown }).c);
    expect(written.join('\n')).toBe('');
  });

  it('carries definitions under $defs alongside existing $defs entries', () => {
    expect(grammarSchema({
      $defs: { a: { type: 'string' } },
      definitions: { b: { enum: [1, 2] } },
      type: 'object',
      properties: { x: { $ref: '#/$defs/a' }, y: { $ref: '#/definitions/b' } },
    })).toEqual({
      $defs: { a: { type: 'string' }, b: { enum: [1, 2] } },
      type: 'object',
      properties: { x: { $ref: '#/$defs/a' }, y: { $ref: '#/$defs/b' } },
    });
  });
});

describe('references node-llama-cpp cannot read are refused, naming no caller text', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['a pointer into properties', { type: 'object', properties: { [SECRET]: { type: 'string' }, b: { $ref: `#/properties/${SECRET}` } } }, /schema\/properties\/…\/\$ref/],
    ['the whole document', { type: 'object', properties: { [SECRET]: { $ref: '#' } } }, /schema\/properties\/…\/\$ref/],
    ['an anchor', { $defs: { a: { $anchor: SECRET, type: 'string' } }, type: 'object', properties: { a: { $ref: `#${SECRET}` } } }, /schema\/properties\/…\/\$ref/],
    ['another document', { $id: `https://${SECRET}.example/x`, type: 'object', properties: { a: { $ref: `https://${SECRET}.example/y` } } }, /schema\/properties\/…\/\$ref/],
    ['a missing definition', { definitions: { b: { type: 'string' } }, $ref: `#/definitions/${SECRET}` }, /schema\/\$ref/],
    ['a path inside a definition', { $defs: { [SECRET]: { type: 'object', properties: { q: { type: 'string' } } } }, $ref: `#/$defs/${SECRET}/properties/q` }, /schema\/\$ref/],
    ['$defs and definitions sharing a name', { $defs: { [SECRET]: { type: 'string' } }, definitions: { [SECRET]: { type: 'number' } }, $ref: `#/$defs/${SECRET}` }, /"\$defs" and "definitions"/],
  ];

  it.each(cases)('%s: bad-request, before node-llama-cpp sees it', async (_label, schema, where) => {
    const error = refusal(() => grammarSchema(schema));
    expect(error.code).toBe('bad-request');
    expect(error.message).toMatch(where);
    expect(error.message).not.toContain(SECRET);
    const fromModel = await provider.generate({ prompt: 'x', maxTokens: 4, jsonSchema: schema }).catch((e: unknown) => e);
    expect(fromModel).toMatchObject({ code: 'bad-request' });
    expect((fromModel as Error).message).not.toContain(SECRET);
    expect(written.join('\n')).toBe('');
  });
});

describe('other node-llama-cpp warnings are not printed', () => {
  it.each([
    ['maxLength under minLength', { type: 'string', minLength: 3, maxLength: 1 }],
    ['maxItems under prefixItems', { type: 'array', prefixItems: [{ type: 'string' }, { type: 'string' }], maxItems: 1 }],
    ['maxProperties under properties', { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, maxProperties: 1 }],
  ])('%s', async (_label, schema) => {
    await provider.generate({ prompt: 'x', maxTokens: 4, jsonSchema: schema }).catch(() => undefined);
    expect(written.join('\n')).toBe('');
  });
});

describe('what a reference resolves against', () => {
  it('leaves out nested $defs, which node-llama-cpp would let shadow the top-level entry of the same name', () => {
    expect(grammarSchema({
      $defs: { a: { type: 'string' } },
      type: 'object',
      properties: { x: { type: 'object', $defs: { a: { type: 'number' } }, properties: { y: { $ref: '#/$defs/a' } } } },
    })).toEqual({
      $defs: { a: { type: 'string' } },
      type: 'object',
      properties: { x: { type: 'object', properties: { y: { $ref: '#/$defs/a' } } } },
    });
  });

  it('refuses a $ref under a nested $id, and $dynamicRef, naming only keywords', () => {
    const nested = refusal(() => grammarSchema({ $defs: { a: { type: 'string' } }, type: 'object', properties: { [SECRET]: { $id: `https://${SECRET}.example/`, $ref: '#/$defs/a' } } }));
    expect(nested.message).toMatch(/\$ref at schema\/properties\/…\/\$ref sits under a subschema with its own \$id/);
    expect(nested.message).not.toContain(SECRET);
    const dynamic = refusal(() => grammarSchema({ type: 'object', properties: { [SECRET]: { $dynamicRef: `#${SECRET}` } } }));
    expect(dynamic.message).toMatch(/"\$dynamicRef" at schema\/properties\/…/);
    expect(dynamic.message).not.toContain(SECRET);
  });

  it('names what is wrong with the reference', () => {
    expect(refusal(() => grammarSchema({ $ref: '#/properties/x' })).message).toMatch(/somewhere other than a top-level \$defs or definitions entry/);
    expect(refusal(() => grammarSchema({ $ref: 'other.json#/$defs/x' })).message).toMatch(/points outside this schema/);
    expect(refusal(() => grammarSchema({ $ref: '#' })).message).toMatch(/the whole schema/);
    expect(refusal(() => grammarSchema({ $ref: '#x' })).message).toMatch(/anchor/);
    expect(refusal(() => grammarSchema({ $defs: { x: {} }, $ref: '#/$defs/%E0%A4%A' })).message).toMatch(/percent-encoding/);
    expect(refusal(() => grammarSchema({ $defs: { x: {} }, $ref: '#/$defs/x~2' })).message).toMatch(/JSON pointer/);
  });
});
