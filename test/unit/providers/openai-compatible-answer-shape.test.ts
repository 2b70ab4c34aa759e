/**
 * A model server's answer is not trusted to have the types it should, and `data: [DONE]` ends the
 * call: against a real loopback HTTP server, a number or an object where text belongs is a typed
 * error before anything is appended (it cannot switch the answer's size cap off), and an answer
 * followed by [DONE] is returned at once, with the connection closed, whatever the server does next.
 */
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError, ProviderTimeoutError } from '../../../main/providers/errors.ts';
import { OpenAICompatibleProvider } from '../../../main/providers/openai-compatible.ts';
import type { GenerateRequest, GenerateResult } from '../../../main/providers/provider.ts';
import { talkingServer, type TalkingServer } from './talking-server.ts';

const MiB = 1024 * 1024;
const KEY = 'sk-site-secret-0123456789';
/** What a test server writes at most, so that a client without limits ends instead of running on. */
const SERVER_CAP = 40 * MiB;

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

type Served = Omit<TalkingServer, 'server'>;

/** talkingServer (see there) on this file's SERVER_CAP, closed after each test. */
async function serve(head: string, piece?: string, tail = '', contentType = 'text/event-stream', end = false): Promise<Served> {
  const talking = await talkingServer({ head, ...(piece !== undefined && { piece }), tail, contentType, end, cap: SERVER_CAP });
  server = talking.server;
  return talking;
}

async function run(
  port: number,
  request: GenerateRequest = { prompt: 'x', maxTokens: 10 },
  timeouts: { idleMs?: number; overallMs?: number } = {},
): Promise<{ result?: GenerateResult; error?: unknown; ms: number }> {
  const provider = await OpenAICompatibleProvider.open({
    baseUrl: `http://127.0.0.1:${port}/v1`,
    model: 'm',
    verifyModel: false,
    apiKey: KEY,
    timeouts: { overallMs: 20_000, ...timeouts },
  });
  const started = performance.now();
  try {
    const result = await provider.generate(request);
    return { result, ms: performance.now() - started };
  } catch (error) {
    return { error, ms: performance.now() - started };
  } finally {
    await provider.dispose();
  }
}

const event = (json: unknown): string => `data: ${JSON.stringify(json)}\n\n`;
const textPiece = event({ choices: [{ delta: { content: 'x'.repeat(64 * 1024) } }] });
const finished = event({ choices: [{ delta: {}, finish_reason: 'stop' }] }) + 'data: [DONE]\n\n';
const withFunctions: GenerateRequest = {
  messages: [{ role: 'user', content: 'x' }],
  maxTokens: 10,
  functions: [{ name: 'f', parameters: { type: 'object' } }],
};

function expectInvalid(error: unknown, port: number, field: string): void {
  expect(error).toBeInstanceOf(ProviderError);
  const e = error as ProviderError;
  expect(e.code).toBe('invalid-response');
  expect(e.message).toContain(`http://127.0.0.1:${port}/v1`);
  expect(e.message).toContain(field);
  expect(e.message).not.toContain(KEY);
  expect(e.message).not.toContain('xxxx');
}

describe('an answer field of the wrong type is an error, not a way past the size cap', () => {
  it('text content as a number, then a flood of text: invalid-response at once, the flood cut off', async () => {
    const served = await serve(event({ choices: [{ delta: { content: 1 } }] }), textPiece, finished);
    const { error, ms } = await run(served.port);
    expectInvalid(error, served.port, 'choices[].delta.content');
    await served.closed;
    expect(served.written()).toBeLessThan(16 * MiB);
    expect(ms).toBeLessThan(5_000);
  });

  it('text content as an object with a negative length: invalid-response, nothing appended', async () => {
    const served = await serve(event({ choices: [{ delta: { content: { length: -1e300 } } }] }), textPiece, finished);
    const tokens: string[] = [];
    const { error } = await run(served.port, { prompt: 'x', maxTokens: 10, onToken: (t) => tokens.push(t) });
    expectInvalid(error, served.port, 'choices[].delta.content');
    expect(tokens).toEqual([]);
    await served.closed;
    expect(served.written()).toBeLessThan(16 * MiB);
  });

  it('function-call arguments as an object, then a flood of arguments: invalid-response, the flood cut off', async () => {
    const head = event({ choices: [{ delta: { tool_calls: [{ index: 0, function: { name: 'f', arguments: {} } }] } }] });
    const piece = event({ choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: 'x'.repeat(64 * 1024) } }] } }] });
    const served = await serve(head, piece, 'data: [DONE]\n\n');
    const { error } = await run(served.port, withFunctions);
    expectInvalid(error, served.port, 'tool_calls[].function.arguments');
    await served.closed;
    expect(served.written()).toBeLessThan(16 * MiB);
  });

  it('a function name that is not a string: invalid-response', async () => {
    const served = await serve(event({ choices: [{ delta: { tool_calls: [{ index: 0, function: { name: 7, arguments: '{}' } }] } }] }) + finished, undefined, '', 'text/event-stream', true);
    expectInvalid((await run(served.port, withFunctions)).error, served.port, 'tool_calls[].function.name');
  });

  it('a completion text that is not a string: invalid-response', async () => {
    const served = await serve(event({ choices: [{ text: ['x'] }] }) + finished, undefined, '', 'text/event-stream', true);
    expectInvalid((await run(served.port)).error, served.port, 'choices[].text');
  });

  it('the same check holds for an answer in one JSON document (a server ignoring stream: true)', async () => {
    const doc = JSON.stringify({ choices: [{ message: { content: { length: -1 } }, finish_reason: 'stop' }] });
    const served = await serve(doc, undefined, '', 'application/json', true);
    expectInvalid((await run(served.port)).error, served.port, 'choices[].message.content');
  });

  it('a string where the list of choices belongs: invalid-response, not a crash', async () => {
    const served = await serve(event({ choices: 'x'.repeat(100) }) + finished, undefined, '', 'text/event-stream', true);
    expectInvalid((await run(served.port)).error, served.port, 'choices');
  });

  it('well-typed answers, nulls included, still pass', async () => {
    const served = await serve(
      event({ choices: [{ text: null, delta: { content: null, tool_calls: null } }] }) +
        event({ choices: [{ delta: { content: 'ok' }, finish_reason: null }] }) +
        finished,
      undefined,
      '',
      'text/event-stream',
      true,
    );
    const { result, error } = await run(served.port);
    expect(error).toBeUndefined();
    expect(result?.text).toBe('ok');
  });
});

describe('data: [DONE] ends the call with the answer, and the connection', () => {
  const answer =
    event({ choices: [{ delta: { content: 'hi' } }] }) +
    event({ choices: [{ delta: {}, finish_reason: 'length' }] }) +
    event({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 2 } }) +
    'data: [DONE]\n\n';

  it('[DONE] then endless junk: the answer comes back at once, the server is cut off', async () => {
    const served = await serve(answer, 'data: junk\n\n'.repeat(1000));
    const { result, error, ms } = await run(served.port, { prompt: 'x', maxTokens: 2 }, { overallMs: 10_000 });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ text: 'hi', stopReason: 'maxTokens', tokens: 2, promptTokens: 3 });
    expect(ms).toBeLessThan(2_000);
    await served.closed;
    expect(served.written()).toBeLessThan(16 * MiB);
  });

  it('[DONE] then silence with the connection open: the answer comes back well before the idle timeout', async () => {
    const served = await serve(event({ choices: [{ delta: { content: 'hi' }, finish_reason: 'stop' }] }) + 'data: [DONE]\n\n');
    const { result, error, ms } = await run(served.port, { prompt: 'x', maxTokens: 10 }, { idleMs: 10_000 });
    expect(error).toBeUndefined();
    expect(error).not.toBeInstanceOf(ProviderTimeoutError);
    expect(result).toMatchObject({ text: 'hi', stopReason: 'eos' });
    expect(ms).toBeLessThan(2_000);
    await served.closed;
  });

  it('[DONE] in the same chunk as more events: nothing after it is read', async () => {
    const served = await serve(
      event({ choices: [{ delta: { content: 'hi' }, finish_reason: 'stop' }] }) + 'data: [DONE]\n\n' + event({ choices: [{ delta: { content: 'AFTER' } }] }) + 'data: not json',
    );
    const { result, error } = await run(served.port);
    expect(error).toBeUndefined();
    expect(result?.text).toBe('hi');
    await served.closed;
  });

  it('[DONE] padded with spaces still ends the call with the answer; [done] in lower case is not the marker', async () => {
    const whole = event({ choices: [{ delta: { content: 'hi' }, finish_reason: 'stop' }] });
    for (const marker of ['data: [DONE]   \n\n', 'data:  [DONE]\n\n', 'data: \t[DONE] \r\n\r\n']) {
      // Kept open after the marker: only a recognised [DONE] returns the answer before the idle timeout.
      const served = await serve(whole + marker);
      const { result, error, ms } = await run(served.port, { prompt: 'x', maxTokens: 10 }, { idleMs: 10_000 });
      expect(error, JSON.stringify(marker)).toBeUndefined();
      expect(result).toMatchObject({ text: 'hi', stopReason: 'eos' });
      expect(ms).toBeLessThan(2_000);
      await served.closed;
      server?.closeAllConnections();
      await new Promise<void>((resolve) => server?.close(() => resolve()));
      server = undefined;
    }
    // And at the very end of the stream (the connection closed right after it).
    const ended = await serve(whole + 'data: [DONE]  ', undefined, '', 'text/event-stream', true);
    expect((await run(ended.port)).result?.text).toBe('hi');
    server?.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    const lower = await serve(whole + 'data: [done]\n\n', undefined, '', 'text/event-stream', true);
    expect((await run(lower.port)).error).toBeInstanceOf(ProviderError);
  });
});
