/**
 * A caller's schema is compiled at admission without holding the gateway's thread: the worker
 * compiles (schemaCheckAsync) while other calls go on, and the stages' synchronous checks then find
 * it cached. Its structure (subschemas and $refs, what the compile follows) is bounded at admission
 * (MAX_SCHEMA_SUBSCHEMAS), and numbers count by their text toward the character limit: a schema of
 * 2,000 properties with distinct bounds held the thread 0.7 s, one of 6,000 the full 2 s deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../../main/gateway/index.ts';
import { MAX_SCHEMA_CHARS, MAX_SCHEMA_SUBSCHEMAS } from '../../../main/gateway/schema-admission.ts';
import { schemaCompileCount } from '../../../main/providers/json-schema.ts';
import { close, EchoProvider, entries, gatewayFixture, type GatewayFixture } from './helpers.ts';

const SECRET = 'CALLER-TEXT';
const ask = (extra: Partial<GatewayRequest> = {}): GatewayRequest => ({ actor: 'ann', messages: [{ role: 'user', content: 'Say hi.' }], maxTokens: 4, ...extra });

/** `n` object properties of 4 subschemas each, with distinct bounds: one of the costliest shapes to compile per subschema. */
const heavy = (n: number, tag: string): Record<string, unknown> => {
  const properties: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    properties[`${tag}${i}`] = { type: 'object', properties: { a: { type: 'string', minLength: i }, b: { type: 'array', items: { type: 'integer', maximum: i } } }, required: ['a'] };
  }
  return { type: 'object', properties };
};

describe('schema compiles at admission', () => {
  let f: GatewayFixture;
  beforeAll(async () => {
    f = await gatewayFixture(new EchoProvider());
    // The worker started and warm: what follows measures compiles, not the worker's start.
    await f.gateway.call(ask({ jsonSchema: { type: 'string' } })).catch(() => undefined);
  });
  afterAll(async () => {
    await close(f);
  });

  it('do not hold the thread: a call without a schema completes while another call’s schema is still compiling', async () => {
    // Two callers' large but admitted schemas (250 × 4 = 1,000 subschemas each), compiled one after the other.
    const first = f.gateway.call(ask({ jsonSchema: heavy(250, 'x') })).then(
      () => 'done',
      () => 'done',
    );
    const second = f.gateway.call(ask({ jsonSchema: heavy(250, 'y') })).then(
      () => 'done',
      () => 'done',
    );
    // Wait (on timers, which a synchronous compile would not let run) until a compile is in the worker.
    for (let i = 0; i < 200 && schemaCompileCount().sent === schemaCompileCount().ended; i++) await new Promise((r) => setTimeout(r, 1));
    const inFlight = schemaCompileCount();
    expect(inFlight.sent).toBeGreaterThan(inFlight.ended);
    const plain = await f.gateway.call(ask());
    const atPlain = schemaCompileCount();
    expect(plain.text).toBe('Say hi.');
    // The plain call's result arrived while the schemas' compiles had not all ended.
    expect(atPlain.ended).toBeLessThan(inFlight.ended + 2);
    expect(await Promise.all([first, second])).toEqual(['done', 'done']);
    expect(schemaCompileCount().ended).toBeGreaterThanOrEqual(inFlight.ended + 2);
  });

  it('refuses more subschemas and $refs than the limit, as a 400 naming it, quoting no caller text, recording nothing', async () => {
    const properties: Record<string, unknown> = {};
    for (let i = 0; i < MAX_SCHEMA_SUBSCHEMAS + 1; i++) properties[`${SECRET}${i}`] = { type: 'string' };
    const cases: Partial<GatewayRequest>[] = [
      { jsonSchema: { type: 'object', properties } },
      // $refs count too: half the limit in properties, each a $ref.
      { jsonSchema: { type: 'object', $defs: { [SECRET]: { type: 'string' } }, properties: Object.fromEntries(Array.from({ length: MAX_SCHEMA_SUBSCHEMAS / 2 + 1 }, (_, i) => [`${SECRET}${i}`, { $ref: `#/$defs/${SECRET}` }])) } },
      // Across the request: two functions of 3/5 of the limit each.
      {
        functions: [0, 1].map((n) => ({
          name: `f${n}`,
          parameters: { type: 'object', properties: Object.fromEntries(Array.from({ length: (MAX_SCHEMA_SUBSCHEMAS * 3) / 5 }, (_, i) => [`${SECRET}${i}`, { type: 'string' }])) },
        })),
      },
    ];
    for (const extra of cases) {
      const before = entries(f).length;
      const sent = schemaCompileCount().sent;
      const error = await f.gateway.call(ask(extra)).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'GATEWAY_BAD_REQUEST', status: 400 });
      expect((error as Error).message).toContain(`more than ${MAX_SCHEMA_SUBSCHEMAS} subschemas and $refs`);
      expect((error as Error).message).not.toContain(SECRET);
      expect(entries(f).length).toBe(before);
      // Refused before the worker was asked.
      expect(schemaCompileCount().sent).toBe(sent);
    }
  });

  it('counts a number by its text toward the character limit', async () => {
    // 15,000 numbers of 22 characters (330 K) and no subschema: counted as one each, it passed.
    const values = Array.from({ length: 15_000 }, (_, i) => 1.2345678901234567e300 - i * 1e284);
    const before = entries(f).length;
    const error = await f.gateway.call(ask({ jsonSchema: { type: 'number', examples: values } })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'GATEWAY_BAD_REQUEST', status: 400 });
    expect((error as Error).message).toContain(`more than ${MAX_SCHEMA_CHARS} characters`);
    expect(entries(f).length).toBe(before);
  });

  it('compiles each schema once: at admission (and stage 3 for a redacted copy), never again in a later stage', async () => {
    const tag = `once${Date.now()}`;
    // A structured-output call: admission compiles it, in the worker while the thread turns (seen
    // from setImmediate), and stage 7 checks the answer with it.
    let before = schemaCompileCount().sent;
    let seenInFlight = false;
    let settled = false;
    const call = f.gateway
      .call(ask({ jsonSchema: { ...heavy(60, tag), description: tag } }))
      .catch(() => undefined)
      .finally(() => (settled = true));
    while (!settled) {
      await new Promise((r) => setImmediate(r));
      const now = schemaCompileCount();
      seenInFlight ||= now.sent > now.ended;
    }
    await call;
    expect(seenInFlight).toBe(true);
    expect(schemaCompileCount().sent - before).toBe(1);
    // Two functions: each compiled once at admission, then read by functionCallRequest and the provider.
    before = schemaCompileCount().sent;
    const functions = [0, 1].map((n) => ({ name: `fn${n}`, parameters: { type: 'object', description: `${tag}-${n}`, properties: { q: { type: 'string' } } } }));
    await f.gateway.call(ask({ functions })).catch(() => undefined);
    expect(schemaCompileCount().sent - before).toBe(2);
    // A schema stage 3 redacts (a personal value in a property name): the caller's at admission and
    // the redacted copy at stage 3; stage 7 finds the copy compiled.
    before = schemaCompileCount().sent;
    await f.gateway.call(ask({ jsonSchema: { type: 'object', description: tag, properties: { 'ann.lee@example.com': { type: 'string' } } } })).catch(() => undefined);
    expect(schemaCompileCount().sent - before).toBe(2);
    // The first schema's text again, as a new object: compiled nothing.
    before = schemaCompileCount().sent;
    await f.gateway.call(ask({ jsonSchema: { ...heavy(60, tag), description: tag } })).catch(() => undefined);
    expect(schemaCompileCount().sent - before).toBe(0);
  });
});
