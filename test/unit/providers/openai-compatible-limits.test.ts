/**
 * A model server that never stops talking, against a real loopback HTTP server: an endless line,
 * an endless event and an endless answer each end in a typed error well before the overall
 * timeout, with the connection closed and what the client held bounded.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../main/providers/errors.ts';
import { OpenAICompatibleProvider } from '../../../main/providers/openai-compatible.ts';
import { talkingServer, type TalkingServer } from './talking-server.ts';

const MiB = 1024 * 1024;
/** What a test server writes at most, so that a client without limits ends (and fails) instead of running on. */
const SERVER_CAP = 160 * MiB;
const OVERALL_MS = 20_000;

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

type Flood = Pick<TalkingServer, 'port' | 'written'>;

/** talkingServer (see there) on this file's SERVER_CAP, closed after each test. */
async function flood(head: string, piece: string, tail: string): Promise<Flood> {
  const talking = await talkingServer({ head, piece, tail, cap: SERVER_CAP });
  server = talking.server;
  return talking;
}

async function run(f: Flood): Promise<{ error: unknown; ms: number; rssGrowth: number }> {
  const provider = await OpenAICompatibleProvider.open({
    baseUrl: `http://127.0.0.1:${f.port}/v1`,
    model: 'm',
    verifyModel: false,
    apiKey: 'sk-site-secret-0123456789',
    timeouts: { overallMs: OVERALL_MS },
  });
  const rss = process.memoryUsage().rss;
  const started = performance.now();
  const error = await provider.generate({ prompt: 'x', maxTokens: 10 }).then(
    () => undefined,
    (e: unknown) => e,
  );
  const ms = performance.now() - started;
  const rssGrowth = process.memoryUsage().rss - rss;
  await provider.dispose();
  return { error, ms, rssGrowth };
}

function expectCutOff(result: { error: unknown; ms: number; rssGrowth: number }, f: Flood, message: RegExp): void {
  expect(result.error).toBeInstanceOf(ProviderError);
  expect(result.error).toMatchObject({ code: 'invalid-response' });
  const text = (result.error as Error).message;
  expect(text).toMatch(message);
  expect(text).toContain(`127.0.0.1:${f.port}`);
  expect(text).not.toContain('sk-site-secret');
  expect(result.ms).toBeLessThan(OVERALL_MS / 2);
  // The client stopped reading: the server could write the limit plus what socket buffers hold, not more.
  expect(f.written()).toBeLessThan(40 * MiB);
  expect(result.rssGrowth).toBeLessThan(128 * MiB);
}

describe('a model server that never stops is cut off with a typed error', () => {
  it('an endless line (data: then x without a line break)', async () => {
    const f = await flood('data: ', 'x'.repeat(64 * 1024), '\n\n');
    expectCutOff(await run(f), f, /stream line longer than 4 Mi characters without a line break.*Check the server/);
  });

  it('endless data lines with no blank line to end the event', async () => {
    const line = `data: ${JSON.stringify({ choices: [{ delta: { content: 'x'.repeat(200) } }] })}\n`;
    const f = await flood('', line.repeat(64), '\n');
    expectCutOff(await run(f), f, /stream event with more than 16 Mi characters of data and no blank line/);
  });

  it('endless valid delta events: the answer cap', async () => {
    const event = `data: ${JSON.stringify({ choices: [{ delta: { content: 'x'.repeat(1000) } }] })}\n\n`;
    const f = await flood('', event.repeat(16), 'data: {"choices":[{"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n');
    expectCutOff(await run(f), f, /streamed an answer over 16 MiB.*Ask for fewer tokens.*check the server/);
  });

  it('endless function-call arguments count towards the same cap', async () => {
    const event = `data: ${JSON.stringify({ choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: 'x'.repeat(1000) } }] } }] })}\n\n`;
    const f = await flood('', event.repeat(16), 'data: [DONE]\n\n');
    expectCutOff(await run(f), f, /streamed an answer over 16 MiB/);
  });

  it('endless empty function calls, each with a new index, are cut off by their count', async () => {
    let index = 0;
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const events = Array.from({ length: 2000 }, () => `data: ${JSON.stringify({ choices: [{ delta: { tool_calls: [{ index: index++ }] } }] })}\n\n`);
        res.end(`${events.join('')}data: [DONE]\n\n`);
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const provider = await OpenAICompatibleProvider.open({ baseUrl: `http://127.0.0.1:${port}/v1`, model: 'm', verifyModel: false });
    const error = await provider.generate({ prompt: 'x', maxTokens: 10 }).catch((e: unknown) => e);
    await provider.dispose();
    expect(error).toMatchObject({ code: 'invalid-response' });
    expect((error as Error).message).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}.*more than 1024 function calls.*Check the server`));
  });

  it('a large answer under the cap, in one event and a line longer than a delta, still passes', async () => {
    const content = 'y'.repeat(2 * MiB);
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(`data: ${JSON.stringify({ choices: [{ delta: { content }, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`);
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const provider = await OpenAICompatibleProvider.open({ baseUrl: `http://127.0.0.1:${port}/v1`, model: 'm', verifyModel: false });
    const result = await provider.generate({ prompt: 'x', maxTokens: 10 });
    await provider.dispose();
    expect(result.text.length).toBe(content.length);
    expect(result.stopReason).toBe('eos');
  });
});
