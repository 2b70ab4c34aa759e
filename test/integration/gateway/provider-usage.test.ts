/**
 * A model server's `usage` is its own word: the real OpenAI-compatible provider against a
 * scripted loopback server, through the real gateway, tenant database and audit log. Counts the
 * gateway cannot bill from are charged at the whole reservation, recorded as invalid, and refused
 * with a typed error; the reservation is settled, never left in flight.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayRecordOf, ModelUsageInvalid, type GatewayRequest } from '../../../main/gateway/index.ts';
import { OpenAICompatibleProvider } from '../../../main/providers/openai-compatible.ts';
import { close, entries, gatewayFixture, MICRO_PER_TOKEN, verify, type GatewayFixture } from './helpers.ts';

/** The usage the server sends with its next answer. */
let usage: Record<string, unknown> = {};
let server: Server;
let provider: OpenAICompatibleProvider;
let f: GatewayFixture<OpenAICompatibleProvider>;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: 'fine thanks' } }] })}\n\n`);
      res.write(`data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }], usage })}\n\n`);
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  provider = await OpenAICompatibleProvider.open({ baseUrl: `http://127.0.0.1:${port}/v1`, model: 'onprem', verifyModel: false });
  f = await gatewayFixture(provider);
});
afterAll(async () => {
  await close(f);
  await provider.dispose();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const ask = (agent: string): GatewayRequest => ({ actor: 'ann', agent, messages: [{ role: 'user', content: 'how are you?' }], maxTokens: 16 });

describe('usage a model server reports', () => {
  it('is billed as reported when it is whole numbers within the call', async () => {
    usage = { prompt_tokens: 9, completion_tokens: 2 };
    const result = await f.gateway.call(ask('honest'));
    expect(result.usage).toMatchObject({ promptTokens: 9, completionTokens: 2, cost: (11 * MICRO_PER_TOKEN) / 1_000_000, usageKnown: true });
  });

  it.each([
    ['far more completion tokens than maxTokens', { prompt_tokens: 9, completion_tokens: 1e13 }],
    ['a count that is no number', { prompt_tokens: 9, completion_tokens: 'lots' }],
    ['a negative count, which would under-charge', { prompt_tokens: 9, completion_tokens: -299 }],
    ['a fractional count', { prompt_tokens: 9.5, completion_tokens: 2 }],
    ['a prompt count that prices past any charge', { prompt_tokens: 1e13, completion_tokens: 2 }],
  ])('refuses %s with ModelUsageInvalid, charging and recording the whole reservation', async (_what, bad) => {
    usage = bad;
    const agent = `usage-${String(bad.completion_tokens)}-${String(bad.prompt_tokens)}`;
    const error = await f.gateway.call(ask(agent)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUsageInvalid);
    expect(error).toMatchObject({ code: 'MODEL_USAGE_INVALID', status: 502 });
    expect((error as Error).message).toMatch(/charged its whole budget reservation .* withheld.*airlock doctor/);
    const record = gatewayRecordOf(error);
    const reserved = record?.verdicts.find((v) => v.stage === 'pre-call-audit')?.detail.reserved as number;
    expect(reserved).toBeGreaterThan(0);
    expect(entries(f).find((e) => e.seq === record?.auditSeq)).toMatchObject({
      action: 'gateway.call',
      outcome: 'blocked',
      fields: { blockedBy: 'MODEL_USAGE_INVALID', usage: 'invalid', usageKnown: 'false', cost: String(reserved), promptTokens: '0', completionTokens: '0' },
    });
    expect(f.gateway.ledger.committed('agent', `agent:${agent}`)).toBe(Math.round(reserved * 1_000_000));
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect((await verify(f)).ok).toBe(true);
  });
});
