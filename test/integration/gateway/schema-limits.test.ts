/**
 * A caller's schema and a model's answer that together cost without bound, through the gateway:
 * the call is blocked at stage 7 as output that could not be checked, recorded, and the appliance
 * goes on serving. Before the schema sandbox this call held the main thread for minutes (every
 * tenant's calls with it). Real governed tenant, stages and audit log; the model is scripted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayBlocked, gatewayRecordOf, type GatewayRequest } from '../../../main/gateway/index.ts';
import { close, entries, gatewayFixture, ScriptedProvider, verify, type GatewayFixture } from './helpers.ts';

const SCHEMA = { type: 'object', properties: { code: { type: 'string', pattern: '^([A-Z]+)+$' } }, required: ['code'] };
const ask = (): GatewayRequest => ({ actor: 'ann', agent: 'schema-limits', messages: [{ role: 'user', content: 'Give the site code.' }], maxTokens: 64, jsonSchema: SCHEMA });

let f: GatewayFixture<ScriptedProvider>;
beforeAll(async () => {
  f = await gatewayFixture(new ScriptedProvider(`{"code":"${'A'.repeat(40)}1"}`));
});
afterAll(async () => {
  await close(f);
});

describe('structured output whose check would run away', () => {
  it('is blocked by output validation and recorded, in call() and stream()', async () => {
    const error = await f.gateway.call(ask()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayBlocked);
    expect(error).toMatchObject({ code: 'OUTPUT_VALIDATION', stage: 'output-validation' });
    const record = gatewayRecordOf(error);
    expect(record?.verdicts[6]).toMatchObject({ stage: 'output-validation', outcome: 'block', detail: { 'violations.format': 1 } });
    expect(entries(f).find((e) => e.seq === record?.auditSeq)).toMatchObject({ action: 'gateway.call', outcome: 'blocked', fields: { blockedBy: 'OUTPUT_VALIDATION' } });

    const streamed: string[] = [];
    await expect(f.gateway.stream(ask(), (t) => streamed.push(t), { holdUntilVerdict: true })).rejects.toMatchObject({ code: 'OUTPUT_VALIDATION' });
    expect(streamed).toEqual([]);
    expect((await verify(f)).ok).toBe(true);
  });

  it('leaves the next call with the same schema and an ordinary answer to pass', async () => {
    const ok = await gatewayFixture(new ScriptedProvider('{"code":"ABC"}'), {}, f);
    const result = await ok.gateway.call(ask());
    expect(result.value).toEqual({ code: 'ABC' });
    expect(result.verdicts[6]).toMatchObject({ stage: 'output-validation', outcome: 'pass' });
  });
});
