/**
 * A caller's output schema and function definitions are bounded by size at admission, for every
 * provider: one 32 MB schema held the gateway's thread 10–13 s, and an enum of 90,000 values held it
 * 80 s while the local model's grammar was built. A count the local grammar cannot hold is the
 * provider's refusal before llama.cpp reads it: refused unrun, charged nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayRecordOf, localProviders, type GatewayRequest, type LocalProviders } from '../../../main/gateway/index.ts';
import {
  MAX_SCHEMA_ALTERNATIVES,
  MAX_SCHEMA_ALTERNATIVES_TOTAL,
  MAX_SCHEMA_CHARS,
  MAX_SCHEMA_STRING,
  refuseOversizedSchemas,
} from '../../../main/gateway/schema-admission.ts';
import { BENIGN_TOOL_DEFINITIONS } from '../../fixtures/tool-definitions-benign.ts';
import { close, EchoProvider, entries, gatewayFixture, verify, type GatewayFixture } from './helpers.ts';

const SECRET = 'CALLER-TEXT';
const values = (n: number, tag: string): string[] => Array.from({ length: n }, (_, i) => `${SECRET}-${tag}-${i}`);
const ask = (extra: Partial<GatewayRequest>): GatewayRequest => ({ actor: 'ann', messages: [{ role: 'user', content: 'Pick one.' }], maxTokens: 4, ...extra });

describe('schema and function sizes at admission (any provider)', () => {
  let f: GatewayFixture;
  beforeAll(async () => {
    f = await gatewayFixture(new EchoProvider());
  });
  afterAll(async () => {
    await close(f);
  });

  const refused = async (extra: Partial<GatewayRequest>, reason: RegExp): Promise<void> => {
    const logBefore = entries(f).length;
    const error = await f.gateway.call(ask(extra)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'GATEWAY_BAD_REQUEST', status: 400 });
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).not.toContain(SECRET);
    expect(entries(f).length).toBe(logBefore);
  };

  it('refuses one text over MAX_SCHEMA_STRING characters, in a schema or a function description, naming the field', async () => {
    await refused({ jsonSchema: { enum: [SECRET.padEnd(MAX_SCHEMA_STRING + 1, 'q')] } }, new RegExp(`jsonSchema holds a text longer than ${MAX_SCHEMA_STRING} characters`));
    // The reviewer's shape, smaller: enum strings of megabytes.
    await refused({ jsonSchema: { enum: Array.from({ length: 2 }, (_, i) => `${SECRET}${i}`.padEnd(4_000_000, 'q')) } }, /jsonSchema holds a text longer than/);
    await refused({ functions: [{ name: 'ok', description: 'short' }, { name: 'f', description: SECRET.padEnd(MAX_SCHEMA_STRING + 1, 'd') }] }, /functions\[1\] holds a text longer than/);
    await refused({ functions: [{ name: 'f', parameters: { type: 'object', properties: { [SECRET.padEnd(MAX_SCHEMA_STRING + 1, 'k')]: { type: 'string' } } } }] }, /functions\[0\] holds a key longer than/);
  });

  it('refuses more than MAX_SCHEMA_CHARS characters across the schema and the functions together, each under it alone', async () => {
    const half = (tag: string): Record<string, unknown> => ({
      type: 'object',
      properties: Object.fromEntries(Array.from({ length: Math.ceil(MAX_SCHEMA_CHARS / 2 / MAX_SCHEMA_STRING) + 1 }, (_, i) => [`${tag}${i}`, { type: 'string', description: SECRET.padEnd(MAX_SCHEMA_STRING - 10, 'd') }])),
    });
    await refused({ jsonSchema: half('s'), functions: [{ name: 'f', parameters: half('p') }] }, new RegExp(`jsonSchema and functions together hold more than ${MAX_SCHEMA_CHARS} characters`));
    await refused({ functions: [{ name: 'f', parameters: half('a') }, { name: 'g', parameters: half('b') }] }, /functions hold more than/);
  });

  it('refuses an enum, oneOf or anyOf over MAX_SCHEMA_ALTERNATIVES, and more than MAX_SCHEMA_ALTERNATIVES_TOTAL across the request', async () => {
    await refused({ jsonSchema: { enum: values(20_000, 'e') } }, new RegExp(`jsonSchema holds a enum list of 20000 alternatives, more than ${MAX_SCHEMA_ALTERNATIVES}`));
    await refused({ jsonSchema: { oneOf: values(MAX_SCHEMA_ALTERNATIVES + 1, 'o').map((v) => ({ const: v })) } }, /holds a oneOf list of 1001 alternatives/);
    await refused({ functions: [{ name: 'f', parameters: { type: 'object', properties: { x: { anyOf: values(MAX_SCHEMA_ALTERNATIVES + 1, 'a').map((v) => ({ const: v })) } } } }] }, /functions\[0\] holds a anyOf list/);
    // Three lists in the schema and two in a function: each part within the limit, the request over it.
    const lists = (n: number, tag: string): Record<string, unknown> => ({ type: 'object', properties: Object.fromEntries(Array.from({ length: n }, (_, k) => [`p${k}`, { enum: values(MAX_SCHEMA_ALTERNATIVES, `${tag}${k}`) }])) });
    await refused({ jsonSchema: lists(3, 's'), functions: [{ name: 'f', parameters: lists(2, 'f') }] }, new RegExp(`together hold more than ${MAX_SCHEMA_ALTERNATIVES_TOTAL} alternatives`));
  });

  it('admits the limits themselves and the whole benign tool corpus offered in one request', async () => {
    expect(() => refuseOversizedSchemas(undefined, BENIGN_TOOL_DEFINITIONS)).not.toThrow();
    // The echo answers no value of the enum, so stage 7 may block the answer: admitted all the same.
    const outcome = await f.gateway.call(ask({ jsonSchema: { enum: values(MAX_SCHEMA_ALTERNATIVES, 'w') } })).catch((e: unknown) => e);
    expect(outcome).not.toMatchObject({ code: 'GATEWAY_BAD_REQUEST' });
    expect(gatewayRecordOf(outcome)?.verdicts.find((v) => v.stage === 'llm-call')?.outcome ?? (outcome as { auditSeq?: number }).auditSeq).toBeDefined();
    expect((await verify(f)).ok).toBe(true);
  });
});

describe('on the real tiny model (node-llama-cpp)', () => {
  let local: LocalProviders;
  let f: GatewayFixture;
  beforeAll(async () => {
    local = localProviders();
    f = await gatewayFixture(new EchoProvider(), { providers: local.resolve, pricing: undefined });
  });
  afterAll(async () => {
    await close(f);
    await local.dispose();
  });

  it('an enum at the limit runs and answers one of its values', async () => {
    const choices = values(MAX_SCHEMA_ALTERNATIVES, 'v');
    const result = await f.gateway.call({ ...ask({ jsonSchema: { enum: choices } }), model: 'default', maxTokens: 24 });
    if (result.value !== undefined) expect(choices).toContain(result.value);
    expect(result.verdicts.find((v) => v.stage === 'llm-call')?.outcome).not.toBe('not-run');
  });

  it('a repetition count the grammar cannot hold is refused unrun and charged nothing, naming the keyword, never the schema', async () => {
    for (const jsonSchema of [
      { type: 'array', minItems: 1_000_000, items: { enum: [`${SECRET}-1`] } },
      { type: 'array', minItems: 1999, items: { type: 'array', minItems: 1999, items: { enum: [`${SECRET}-2`] } } },
    ]) {
      const error = await f.gateway.call({ ...ask({ jsonSchema }), model: 'default', agent: 'counts' }).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/could not complete the call \(bad-request\)/);
      expect((error as Error).message).not.toContain(SECRET);
      const record = gatewayRecordOf(error);
      expect(record?.verdicts.find((v) => v.stage === 'llm-call')?.detail).toMatchObject({ providerError: 'bad-request', model: 'tiny-test' });
      expect(entries(f).find((e) => e.seq === record?.auditSeq)?.fields).toMatchObject({ blockedBy: 'MODEL_CALL_FAILED', usage: 'refused', cost: '0' });
    }
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect((await verify(f)).ok).toBe(true);
  });
});
