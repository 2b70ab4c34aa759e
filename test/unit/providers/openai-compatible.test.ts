/**
 * The OpenAI-compatible provider's HTTP edges, against a scripted loopback peer: status mapping,
 * secrets kept out of errors, tool-call assembly, pinning. The real-server behaviour (streaming,
 * abort, JSON schema, timeouts) is the conformance suite's, against llama-server.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { EgressRefusedError } from '../../../main/providers/egress-guard.ts';
import { ProviderError, ProviderTimeoutError } from '../../../main/providers/errors.ts';
import { OpenAICompatibleProvider } from '../../../main/providers/openai-compatible.ts';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function peer(handler: Handler): Promise<number> {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
}

const KEY = 'sk-site-secret-0123456789';

function open(port: number, extra: Partial<Parameters<typeof OpenAICompatibleProvider.open>[0]> = {}): Promise<OpenAICompatibleProvider> {
  return OpenAICompatibleProvider.open({ baseUrl: `http://127.0.0.1:${port}/v1`, model: 'm', verifyModel: false, apiKey: KEY, ...extra });
}

function sse(res: ServerResponse, events: readonly unknown[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const e of events) res.write(`data: ${typeof e === 'string' ? e : JSON.stringify(e)}\n\n`);
  res.end('data: [DONE]\n\n');
}

describe('HTTP failures become typed errors that say what to do, without secrets', () => {
  it.each([
    [401, 'unauthorized', /API key is missing or wrong/],
    [403, 'unauthorized', /API key/],
    [404, 'bad-request', /no such endpoint.*end in \/v1/],
    [400, 'bad-request', /rejected the request \(HTTP 400\)/],
    [429, 'rate-limited', /busy.*Retry later/],
    [500, 'server-error', /failed \(HTTP 500\).*server's own log/],
    [503, 'unavailable', /not ready/],
  ])('maps HTTP %i to %s', async (status, code, message) => {
    const port = await peer((_req, _body, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `upstream says no; key was ${KEY}` } }));
    });
    const provider = await open(port);
    const error = await provider.generate({ prompt: 'x', maxTokens: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code, status });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(KEY);
    expect(JSON.stringify(error)).not.toContain(KEY);
    await provider.dispose();
  });

  it.each([
    ['JSON-escaped inside a body that is not JSON', (key: string) => `{"echo": ${JSON.stringify(`Bearer ${key}`)}, oops`],
    ['URL-encoded', (key: string) => `rejected request to /v1?key=${encodeURIComponent(key)}`],
    ['HTML-escaped', (key: string) => `<p>token &quot;${key.replace(/[&<>"]/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' } as Record<string, string>)[c]};`)}&quot; refused</p>`],
  ])('keeps a key holding quote and backslash out of the error when the server echoes it %s', async (_how, echo) => {
    const key = 'sk-"live\\key/1&2<3>';
    const port = await peer((_req, _body, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(echo(key));
    });
    const provider = await open(port, { apiKey: key });
    const error = await provider.generate({ prompt: 'x', maxTokens: 2 }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('[redacted]');
    for (const form of [key, JSON.stringify(key).slice(1, -1), encodeURIComponent(key), 'live\\key', 'live%5C']) expect((error as Error).message).not.toContain(form);
    await provider.dispose();
  });

  it('maps a 404 about the model to model-not-found', async () => {
    const port = await peer((_req, _body, res) => {
      res.writeHead(404);
      res.end(JSON.stringify({ error: { message: 'The model `m` does not exist.' } }));
    });
    const provider = await open(port);
    await expect(provider.generate({ prompt: 'x', maxTokens: 2 })).rejects.toMatchObject({ code: 'model-not-found' });
    await provider.dispose();
  });

  it('sends the key only as a bearer header', async () => {
    let auth: string | undefined;
    let body = '';
    const port = await peer((req, b, res) => {
      auth = req.headers.authorization;
      body = b;
      sse(res, [{ choices: [{ text: 'ok', finish_reason: 'stop' }] }]);
    });
    const provider = await open(port);
    await provider.generate({ prompt: 'x', maxTokens: 2 });
    expect(auth).toBe(`Bearer ${KEY}`);
    expect(body).not.toContain(KEY);
    await provider.dispose();
  });

  it('reports a refused connection as connection-failed, naming the server', async () => {
    const port = await peer(() => undefined);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    const provider = await open(port);
    const error = await provider.generate({ prompt: 'x', maxTokens: 2 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'connection-failed' });
    expect((error as Error).message).toMatch(new RegExp(`127.0.0.1:${port}.*connection refused`));
    await provider.dispose();
  });

  it('gives up with an overall timeout on a server that trickles forever', async () => {
    const port = await peer((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const timer = setInterval(() => res.write(': still here\n\n'), 20);
      res.on('close', () => clearInterval(timer));
    });
    const provider = await open(port, { timeouts: { idleMs: 5_000, overallMs: 300 } });
    const error = await provider.generate({ prompt: 'x', maxTokens: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect(error).toMatchObject({ phase: 'overall', timeoutMs: 300 });
    await provider.dispose();
  });
});

describe('responses', () => {
  it('assembles streamed tool-call deltas into parsed function calls', async () => {
    let sent: { tools?: unknown[]; tool_choice?: string } = {};
    const port = await peer((_req, body, res) => {
      sent = JSON.parse(body) as typeof sent;
      sse(res, [
        { choices: [{ delta: { tool_calls: [{ index: 0, id: 'c1', function: { name: 'hold_record', arguments: '{"urg' } }] } }] },
        { choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: 'ent": true}' } }] } }] },
        { choices: [{ delta: {}, finish_reason: 'tool_calls' }], usage: { prompt_tokens: 9, completion_tokens: 5 } },
      ]);
    });
    const provider = await open(port);
    const result = await provider.generate({
      messages: [{ role: 'user', content: 'hold it' }],
      maxTokens: 32,
      functions: [{ name: 'hold_record', parameters: { type: 'object', properties: { urgent: { type: 'boolean' } } } }],
      functionCall: 'required',
    });
    expect(sent.tool_choice).toBe('required');
    expect(sent.tools).toHaveLength(1);
    expect(result).toMatchObject({ functionCalls: [{ name: 'hold_record', arguments: { urgent: true } }], tokens: 5, promptTokens: 9, stopReason: 'eos' });
    await provider.dispose();
  });

  it('refuses a call to a function that was not offered', async () => {
    const port = await peer((_req, _body, res) =>
      sse(res, [{ choices: [{ delta: { tool_calls: [{ index: 0, function: { name: 'rm_rf', arguments: '{}' } }] }, finish_reason: 'tool_calls' }] }]),
    );
    const provider = await open(port);
    await expect(
      provider.generate({ messages: [{ role: 'user', content: 'x' }], maxTokens: 8, functions: [{ name: 'hold_record' }] }),
    ).rejects.toMatchObject({ code: 'invalid-output' });
    await provider.dispose();
  });

  it('accepts a server that ignores stream:true and answers with one JSON document', async () => {
    const port = await peer((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { content: 'whole' }, finish_reason: 'length' }], usage: { prompt_tokens: 1, completion_tokens: 3 } }));
    });
    const provider = await open(port);
    const chunks: string[] = [];
    expect(await provider.generate({ messages: [{ role: 'user', content: 'x' }], maxTokens: 3, onToken: (t) => chunks.push(t) })).toMatchObject({
      text: 'whole',
      stopReason: 'maxTokens',
      tokens: 3,
    });
    expect(chunks).toEqual(['whole']);
    await provider.dispose();
  });

  it('turns an error event in the stream into a typed error', async () => {
    const port = await peer((_req, _body, res) => sse(res, [{ error: { message: 'slot crashed' } }]));
    const provider = await open(port);
    await expect(provider.generate({ prompt: 'x', maxTokens: 3 })).rejects.toMatchObject({ code: 'generation-failed', message: /slot crashed/ });
    await provider.dispose();
  });
});

describe('review findings: errors, ends of streams, and the caller\'s own errors', () => {
  it('keeps the key out of a long server message that clips right through it', async () => {
    const port = await peer((_req, _body, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `${'x'.repeat(285)} bad key ${KEY}` } }));
    });
    const provider = await open(port);
    const error = (await provider.generate({ prompt: 'x', maxTokens: 2 }).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 'bad-request' });
    expect(error.message).toContain('bad key');
    expect(error.message).not.toContain(KEY.slice(0, 6)); // not even the part before the clip
    await provider.dispose();
  });

  it('reports an event that is not JSON by its length, never quoting it', async () => {
    const port = await peer((_req, _body, res) => sse(res, [`invalid key ${KEY}`]));
    const provider = await open(port);
    const error = (await provider.generate({ prompt: 'x', maxTokens: 2 }).catch((e: unknown) => e)) as ProviderError;
    expect(error).toMatchObject({ code: 'invalid-response', message: /not JSON \(37 characters\)/ });
    expect(error.message).not.toContain('invalid ke');
    expect(error.cause).toBeUndefined();
    await provider.dispose();
  });

  it('wraps an unterminated last event as a typed error too', async () => {
    const port = await peer((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: {"choices":[{"text":"a"}]}\n\ndata: {oops');
    });
    const provider = await open(port);
    await expect(provider.generate({ prompt: 'x', maxTokens: 2 })).rejects.toMatchObject({ code: 'invalid-response' });
    await provider.dispose();
  });

  it('reports a stream cut off without a finish_reason or [DONE] instead of passing it as a whole answer', async () => {
    const port = await peer((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', connection: 'close' });
      res.end(`data: ${JSON.stringify({ choices: [{ text: 'Hel' }] })}\n\n`);
    });
    const provider = await open(port);
    await expect(provider.generate({ prompt: 'x', maxTokens: 8 })).rejects.toMatchObject({ code: 'connection-failed', message: /before the answer was finished/ });
    await provider.dispose();
  });

  it('stops at once on an error event from a server that keeps the stream open, with the server\'s reason', async () => {
    let closed!: Promise<void>;
    const port = await peer((req, _body, res) => {
      closed = new Promise((resolve) => req.socket.once('close', () => resolve()));
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ error: { message: 'CUDA OOM' } })}\n\n`); // and never ends
    });
    const provider = await open(port, { timeouts: { idleMs: 5_000 } });
    const started = performance.now();
    await expect(provider.generate({ prompt: 'x', maxTokens: 2 })).rejects.toMatchObject({ code: 'generation-failed', message: /CUDA OOM/ });
    expect(performance.now() - started).toBeLessThan(2_000); // not the idle timeout
    await closed; // the connection was closed, so the server stops generating
    await provider.dispose();
  });

  it('passes the caller\'s own onToken error through unchanged and closes the connection', async () => {
    let closed!: Promise<void>;
    const port = await peer((req, _body, res) => {
      closed = new Promise((resolve) => req.socket.once('close', () => resolve()));
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const tick = setInterval(() => res.write(`data: ${JSON.stringify({ choices: [{ text: 't' }] })}\n\n`), 5);
      res.on('close', () => clearInterval(tick));
    });
    const provider = await open(port);
    const gone = new Error('client socket closed');
    await expect(provider.generate({ prompt: 'x', maxTokens: 2, onToken: () => { throw gone; } })).rejects.toBe(gone);
    await closed;
    await provider.dispose();
  });

  it('takes a whole answer over 64 KiB from a server that ignores stream:true', async () => {
    const long = 'y'.repeat(300_000);
    const port = await peer((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { content: long }, finish_reason: 'stop' }] }));
    });
    const provider = await open(port);
    expect((await provider.generate({ prompt: 'x', maxTokens: 8 })).text).toBe(long);
    await provider.dispose();
  });

  it('refuses a tool call whose arguments break the function\'s own parameters', async () => {
    const port = await peer((_req, _body, res) =>
      sse(res, [{ choices: [{ delta: { tool_calls: [{ index: 0, function: { name: 'pay', arguments: '{"amount": 500000000}' } }] }, finish_reason: 'tool_calls' }] }]),
    );
    const provider = await open(port);
    const functions = [{ name: 'pay', parameters: { type: 'object', properties: { amount: { type: 'integer', maximum: 100 } } } }];
    await expect(provider.generate({ messages: [{ role: 'user', content: 'pay' }], maxTokens: 8, functions })).rejects.toMatchObject({
      code: 'invalid-output',
      message: /arguments for "pay" do not match its parameters \(amount: /,
    });
    await provider.dispose();
  });

  it('refuses a base URL with a query or fragment, which would drop its /v1', async () => {
    await expect(OpenAICompatibleProvider.open({ baseUrl: 'http://127.0.0.1:9/v1?x=1', model: 'm', verifyModel: false })).rejects.toMatchObject({
      code: 'bad-request',
      message: /query or fragment/,
    });
    await expect(OpenAICompatibleProvider.open({ baseUrl: 'http://127.0.0.1:9/v1#frag', model: 'm', verifyModel: false })).rejects.toMatchObject({ code: 'bad-request' });
  });
});

describe('egress at open', () => {
  it('refuses a public base URL before any connection is made', async () => {
    await expect(OpenAICompatibleProvider.open({ baseUrl: 'http://8.8.8.8/v1', model: 'm' })).rejects.toBeInstanceOf(EgressRefusedError);
    await expect(
      OpenAICompatibleProvider.open({ baseUrl: 'http://model.example/v1', model: 'm', egress: { resolve: async () => [{ address: '93.184.216.34', family: 4 }] } }),
    ).rejects.toMatchObject({ reason: 'public-address', address: '93.184.216.34' });
  });

  it('connects to the address it checked, sending the configured host name as Host', async () => {
    let host: string | undefined;
    const port = await peer((req, _body, res) => {
      host = req.headers.host;
      sse(res, [{ choices: [{ text: 'pinned', finish_reason: 'stop' }] }]);
    });
    let lookups = 0;
    const provider = await OpenAICompatibleProvider.open({
      baseUrl: `http://model.site.internal:${port}/v1`,
      model: 'm',
      verifyModel: false,
      egress: {
        resolve: async () => {
          lookups++;
          return [{ address: '127.0.0.1', family: 4 }];
        },
      },
    });
    expect((await provider.generate({ prompt: 'x', maxTokens: 2 })).text).toBe('pinned');
    expect((await provider.generate({ prompt: 'x', maxTokens: 2 })).text).toBe('pinned');
    expect(host).toBe(`model.site.internal:${port}`);
    expect(lookups).toBe(1); // resolved once, at the check; never again, so a rebinding answer cannot redirect it
    await provider.dispose();
  });
});
