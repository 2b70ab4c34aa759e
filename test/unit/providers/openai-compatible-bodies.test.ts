/**
 * A model server whose error answer, or /models answer, never ends, against a real loopback HTTP
 * server: the client keeps what it needs for the message, then closes the connection at once and
 * fails with the error for that status, well before the overall timeout. A slow error body is cut
 * off by the error-body deadline, not read until the overall timeout.
 */
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError, ProviderTimeoutError } from '../../../main/providers/errors.ts';
import { OpenAICompatibleProvider } from '../../../main/providers/openai-compatible.ts';
import { talkingServer, type TalkingServer } from './talking-server.ts';

const MiB = 1024 * 1024;
/** What a test server writes at most, so that a client that reads on ends instead of running on. */
const SERVER_CAP = 256 * MiB;
/**
 * What the server may write before it sees the close: the client's keep-cap (≤ 1 MiB) plus what
 * the loopback socket buffers hold. A client that reads on lets it write up to SERVER_CAP.
 */
const WRITTEN_BOUND = 16 * MiB;
const OVERALL_MS = 60_000;
const KEY = 'sk-site-secret-0123456789';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Answers every request with `status`, `head`, then `piece` again and again (every `paceMs` if given) until the client closes or SERVER_CAP. */
async function endlessStatus(status: number, head: string, piece: string, paceMs = 0): Promise<TalkingServer> {
  const talking = await talkingServer({ status, head, piece, paceMs, contentType: 'application/json', cap: SERVER_CAP });
  server = talking.server;
  return talking;
}

const open = (port: number, verifyModel: boolean): Promise<OpenAICompatibleProvider> =>
  OpenAICompatibleProvider.open({ baseUrl: `http://127.0.0.1:${port}/v1`, model: 'm', verifyModel, apiKey: KEY, timeouts: { overallMs: OVERALL_MS, idleMs: 10_000 } });

async function generateError(port: number): Promise<unknown> {
  const provider = await open(port, false);
  try {
    return await provider.generate({ prompt: 'x', maxTokens: 4 }).then(
      () => undefined,
      (e: unknown) => e,
    );
  } finally {
    await provider.dispose();
  }
}

/** The server saw the connection closed long before it ran out, having written no more than the cap and socket buffers. */
async function expectCutOff(s: TalkingServer): Promise<void> {
  await s.closed;
  expect(s.written()).toBeLessThan(WRITTEN_BOUND);
}

describe('an endless error body is cut off at its cap, with the error for its status', () => {
  it('HTTP 500 with an endless body: server-error, what was kept in the message, the key redacted', { timeout: 20_000 }, async () => {
    const s = await endlessStatus(500, `upstream broke ${KEY} `, 'x'.repeat(64 * 1024));
    const error = await generateError(s.port);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).not.toBeInstanceOf(ProviderTimeoutError);
    expect(error).toMatchObject({ code: 'server-error', status: 500 });
    const message = (error as Error).message;
    expect(message).toContain(`127.0.0.1:${s.port}`);
    expect(message).toMatch(/failed \(HTTP 500\).*The server said: upstream broke/);
    expect(message).not.toContain('sk-site-secret');
    // Clipped as before: the kept body is not pasted whole into the message.
    expect(message.length).toBeLessThan(1000);
    await expectCutOff(s);
  });

  it('HTTP 429 with an endless body: rate-limited', { timeout: 20_000 }, async () => {
    const s = await endlessStatus(429, '', 'y'.repeat(16 * 1024));
    const error = await generateError(s.port);
    expect(error).toMatchObject({ code: 'rate-limited', status: 429 });
    await expectCutOff(s);
  });

  it('HTTP 500 with a slow endless body (under the idle timeout): cut off by the error-body deadline, not the overall timeout', { timeout: 20_000 }, async () => {
    const s = await endlessStatus(500, '{"error":', 'z', 100);
    const started = performance.now();
    const error = await generateError(s.port);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).not.toBeInstanceOf(ProviderTimeoutError);
    expect(error).toMatchObject({ code: 'server-error', status: 500 });
    expect(performance.now() - started).toBeLessThan(OVERALL_MS / 4);
    await s.closed;
  });
});

describe('an endless /models answer at open is cut off at its cap', () => {
  it('200 with an endless model list: invalid-response naming /models, without the server\'s text', { timeout: 20_000 }, async () => {
    const talking = await talkingServer({ head: '{"data":[', piece: '{"id":"zz"},'.repeat(5000), tail: ']}', contentType: 'application/json', cap: SERVER_CAP });
    server = talking.server;
    const error = await open(talking.port, true).then(
      async (provider) => {
        await provider.dispose();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).not.toBeInstanceOf(ProviderTimeoutError);
    expect(error).toMatchObject({ code: 'invalid-response' });
    const message = (error as Error).message;
    expect(message).toContain(`127.0.0.1:${talking.port}`);
    expect(message).toMatch(/\/models/);
    expect(message).not.toContain('zz');
    await talking.closed;
    expect(talking.written()).toBeLessThan(WRITTEN_BOUND);
  });

  it('HTTP 503 with an endless body: unavailable', { timeout: 20_000 }, async () => {
    const s = await endlessStatus(503, '', 'w'.repeat(64 * 1024));
    const error = await open(s.port, true).then(
      async (provider) => {
        await provider.dispose();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'unavailable', status: 503 });
    await expectCutOff(s);
  });

  it('a /models list that ends under the cap still opens', async () => {
    const talking = await talkingServer({ head: JSON.stringify({ data: [{ id: 'm' }, ...Array.from({ length: 2000 }, (_, i) => ({ id: `other-${i}` }))] }), contentType: 'application/json', end: true, cap: SERVER_CAP });
    server = talking.server;
    const provider = await open(talking.port, true);
    await provider.dispose();
  });
});
