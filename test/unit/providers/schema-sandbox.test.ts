/**
 * The schema sandbox: a caller's JSON Schema and a model's value, checked on a worker thread with
 * a deadline and a heap limit. Each hostile case below stalled the main thread for minutes, or
 * aborted the whole process out of memory, before the sandbox; here each must come back as "does
 * not match", and the next check must work.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_SCHEMA_NODES, schemaCheck } from '../../../main/providers/json-schema.ts';
import { checkCallArguments } from '../../../main/providers/function-calls.ts';
import { ProviderError } from '../../../main/providers/errors.ts';
import { SchemaSandbox } from '../../../main/providers/schema-sandbox.ts';

const OVERRAN = /^\(root\): could not be checked within 250 ms or 256 MiB/;

/** `[[[…[leaf]…]]]`, `depth` levels. */
function nested(depth: number, leaf: unknown = 1): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('a schema and value that cost without bound', () => {
  it('a backtracking pattern on a hostile value does not match, instead of stalling the thread', () => {
    const check = schemaCheck({ type: 'string', pattern: '^(a+)+$' });
    expect(check('aaaa')).toEqual([]);
    // 2^40 steps of backtracking: minutes on the calling thread before, past the test's timeout.
    const issues = check(`${'a'.repeat(40)}b`);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(OVERRAN);
  });

  it('errors that double at each level of recursion (22 levels filled a 4 GB heap and aborted the process) do not match', () => {
    const branch = { type: 'array', items: { $ref: '#/$defs/n' } };
    const check = schemaCheck({ $defs: { n: { anyOf: [branch, branch] } }, $ref: '#/$defs/n' });
    expect(check(nested(3, []))).toEqual([]);
    const issues = check(nested(22));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(OVERRAN);
  });

  it('works again after an overrun: a new worker gives the same answers as before', () => {
    const slow = schemaCheck({ type: 'string', pattern: '^(x+x+)+y$' });
    expect(slow(`${'x'.repeat(40)}`)[0]).toMatch(OVERRAN);
    const check = schemaCheck({ type: 'object', properties: { n: { type: 'integer', minimum: 3 } }, required: ['n'] });
    expect(check({ n: 3 })).toEqual([]);
    expect(check({ n: 2 })).toEqual(['n: must be >= 3']);
    expect(check({})).toEqual(['n: required']);
    // A schema compiled before the overrun is compiled again in the new worker.
    expect(slow('xxy')).toEqual([]);
  });

  it('a function whose parameters backtrack on the model\'s arguments is refused, not passed on and not stalled on', () => {
    const functions = [{ name: 'lookup', parameters: { type: 'object', properties: { id: { type: 'string', pattern: '^(\\d+)+$' } } } }];
    expect(checkCallArguments({ name: 'lookup', arguments: { id: '12345' } }, functions)).toEqual({ name: 'lookup', arguments: { id: '12345' } });
    let refusal: unknown;
    try {
      checkCallArguments({ name: 'lookup', arguments: { id: `${'1'.repeat(40)}x` } }, functions);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ProviderError);
    expect(refusal).toMatchObject({ code: 'invalid-output' });
    expect((refusal as Error).message).toMatch(/could not be checked within 250 ms/);
  });

  it('refuses a schema that is not data, and a value nested past what can be sent to the worker', () => {
    expect(() => schemaCheck({ type: 'string', format: (() => 'email') as unknown as string })).toThrow(/is not JSON data/);
    expect(schemaCheck({ type: 'array' })(nested(50_000))).toEqual(['(root): nested too deeply to check']);
  });
});

describe('the sandbox itself', () => {
  const sandboxes: SchemaSandbox[] = [];
  afterAll(() => {
    for (const s of sandboxes) s.close();
  });

  it('holds its own deadline and heap limit, and names them in what it says', () => {
    const sandbox = new SchemaSandbox({ checkMs: 100, heapMb: 64 });
    sandboxes.push(sandbox);
    const schema = { type: 'string', pattern: '^(a|aa)+$' };
    const compiled = sandbox.compile(schema);
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    expect(sandbox.check(compiled.id, schema, 'aaaa')).toEqual([]);
    expect(sandbox.check(compiled.id, schema, `${'a'.repeat(60)}b`)).toEqual([
      "(root): could not be checked within 100 ms or 64 MiB (the schema's patterns, recursion or uniqueItems cost too much on this value); simplify the schema",
    ]);
  });

  it('starts its worker without holding the thread when awaited first, as the gateway does', async () => {
    const sandbox = new SchemaSandbox();
    sandboxes.push(sandbox);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    await sandbox.ready();
    clearInterval(timer);
    // The worker takes hundreds of milliseconds to load the engine; the timer ran meanwhile.
    expect(ticks).toBeGreaterThan(0);
    expect(sandbox.compile({ type: 'string' })).toMatchObject({ ok: true });
  });

  it('reports a schema it cannot compile with the engine\'s reason, never as a failure of its own', () => {
    const sandbox = new SchemaSandbox();
    sandboxes.push(sandbox);
    expect(sandbox.compile({ type: 'object', properties: { v: { $ref: '#/$defs/missing' } } })).toMatchObject({ ok: false, reason: expect.stringMatching(/does not compile as draft 2020-12: a \$ref points to no part of the schema/) });
    expect(sandbox.compile({ type: 'string', pattern: '(unclosed' })).toMatchObject({ ok: false, reason: expect.stringMatching(/a pattern is not a valid regular expression/) });
  });
});

describe('a worker that cannot start', () => {
  it('is reported at once when its entry is missing, and not tried again on every job', () => {
    const sandbox = new SchemaSandbox({ startupMs: 20_000 }, new URL('file:///nonexistent/airlock/schema-worker.mjs'));
    const started = performance.now();
    expect(() => sandbox.compile({ type: 'string' })).toThrow(/could not start \(its entry \/nonexistent\/airlock\/schema-worker\.mjs is missing\).*npm install/);
    expect(() => sandbox.compile({ type: 'string' })).toThrow(/could not start/);
    // Not the 20 s start deadline, twice.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('is reported with its reason when its thread fails while starting, not after the start deadline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-sandbox-'));
    const entry = join(dir, 'broken-worker.mjs');
    writeFileSync(entry, "throw new Error('the engine is not installed');\n");
    const sandbox = new SchemaSandbox({ startupMs: 20_000 }, pathToFileURL(entry));
    const started = performance.now();
    await sandbox.ready();
    expect(() => sandbox.compile({ type: 'string' })).toThrow(/could not start \(the engine is not installed\)/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('what a check is compiled from', () => {
  it('is the schema as it was when first used: a caller changing its object later changes nothing, even after the worker is replaced', () => {
    const schema: Record<string, unknown> = { type: 'object', required: ['approved_by'], properties: { note: { type: 'string', pattern: '^(a+)+$' } } };
    const check = schemaCheck(schema);
    expect(check({})).toEqual(['approved_by: required']);
    delete schema.required;
    // An overrun replaces the worker, which compiles the schema again.
    expect(check({ approved_by: 'ann', note: `${'a'.repeat(40)}b` })[0]).toMatch(OVERRAN);
    expect(check({})).toEqual(['approved_by: required']);
    // Another caller with the original's text gets the same check.
    expect(schemaCheck({ type: 'object', required: ['approved_by'], properties: { note: { type: 'string', pattern: '^(a+)+$' } } })({})).toEqual(['approved_by: required']);
  });

  it('refuses a schema whose shared parts would be walked once per path, past the node limit', () => {
    let node: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 30; i++) node = { anyOf: [node, node] };
    expect(() => schemaCheck(node)).toThrow(new RegExp(`more than ${MAX_SCHEMA_NODES} keywords and values`));
  });
});
