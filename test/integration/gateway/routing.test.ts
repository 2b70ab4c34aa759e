/**
 * Routing end to end on real parts: a site manifest (temp copy) whose routing section names a
 * deprecated model, per-team/agent/task aliases, a fallback and on-prem servers; the real gateway
 * with the real tiny model (node-llama-cpp) and the tenant's real audit log, read back.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUIRED_GATEWAY_STAGES } from '../../../main/audit/gateway-stages.ts';
import { ModelCallFailed, type GatewayResult } from '../../../main/gateway/index.ts';
import { routeOf } from '../../../main/gateway/ports.ts';
import { ModelServerConfigError, routedProviders, type RoutedProviders } from '../../../main/gateway/routed-providers.ts';
import { EgressRefusedError } from '../../../main/providers/egress-guard.ts';
import { LlamaCppProvider } from '../../../main/providers/llama-cpp.ts';
import { ProviderError, type GenerateRequest, type GenerateResult, type ModelProvider } from '../../../main/providers/provider.ts';
import { DEFAULT_MANIFEST_PATH, sha256Bytes } from '../../../models/manifest.ts';
import { generateTinyModel } from '../../../models/tiny-model.ts';
import { close, EchoProvider, entries, gatewayFixture, verify, type GatewayFixture } from './helpers.ts';

/** A neighbour double for a model whose provider is down: every call is a provider fault. */
class FailingProvider implements ModelProvider {
  readonly kind = 'llama-cpp' as const;
  readonly modelId = 'tiny-broken';
  calls = 0;
  async generate(_request: GenerateRequest): Promise<GenerateResult> {
    this.calls++;
    throw new ProviderError('server-error', 'the broken model failed (test double)');
  }
  async dispose(): Promise<void> {}
}

const OLD_SEED = 99;
const API_KEY = 'sk-test-routing-4f2a9c';
const PROMPT = 'The appliance is';

let dir: string;
let manifestPath: string;
let routed: RoutedProviders;
let failing: FailingProvider;
let f: GatewayFixture;
let closedPort: number;
let fake: Server;
let fakePort: number;
const fakeSeen: IncomingHttpHeaders[] = [];
const fakeBodies: Record<string, unknown>[] = [];

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'airlock-routing-'));
  manifestPath = join(dir, 'manifest.json');
  closedPort = await freePort();
  // A loopback OpenAI-compatible server that wants a bearer token and answers one word.
  fake = createServer((req, res) => {
    fakeSeen.push(req.headers);
    if (req.headers.authorization !== `Bearer ${API_KEY}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"bad key"}}');
      return;
    }
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [{ id: 'onprem-model' }] }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      fakeBodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: 'on-prem answer' } }] })}\n\n`);
      res.write(`data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 5, completion_tokens: 2 } })}\n\n`);
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  fakePort = (fake.address() as AddressInfo).port;
  await writeFile(join(dir, 'onprem.key'), `${API_KEY}\n`, { mode: 0o600 });

  const manifest = JSON.parse(await readFile(DEFAULT_MANIFEST_PATH, 'utf8')) as { models: Record<string, Record<string, unknown>> } & Record<string, unknown>;
  const tiny = manifest.models['tiny-test'] as Record<string, unknown>;
  manifest.models['tiny-old'] = { ...tiny, file: 'generated/tiny-old.gguf', sha256: sha256Bytes(generateTinyModel(OLD_SEED)), generator: { seed: OLD_SEED } };
  manifest.models['tiny-broken'] = { ...tiny };
  manifest.routing = {
    models: {
      'tiny-old': { provider: 'local', deprecated: { successor: 'tiny-test', note: 'retired after the 2024 review' } },
      'tiny-broken': { provider: 'local', fallback: 'tiny-test' },
      'down-model': { provider: 'onprem-down', fallback: 'tiny-test' },
      'onprem-model': { provider: 'onprem-ok' },
      'public-model': { provider: 'public-vllm' },
      'sneaky-model': { provider: 'sneaky-vllm' },
    },
    aliases: { default: 'tiny-test', legacy: 'tiny-old' },
    teams: { claims: { aliases: { default: 'tiny-old' } } },
    agents: { triage: { team: 'claims', aliases: { fast: 'tiny-broken' } } },
    tasks: { summarise: { aliases: { default: 'tiny-test' } } },
    breaker: { failureThreshold: 2, resetAfterMs: 600_000 },
    servers: {
      'onprem-down': { kind: 'openai-compatible', baseUrl: `http://127.0.0.1:${closedPort}/v1`, model: 'down', timeouts: { connectMs: 2_000 } },
      'onprem-ok': { kind: 'openai-compatible', baseUrl: `http://127.0.0.1:${fakePort}/v1`, model: 'onprem-model', apiKeyFile: 'onprem.key', pricePer1kTokens: { input: 3, output: 4 } },
      'public-vllm': { kind: 'openai-compatible', baseUrl: 'http://8.8.8.8:8000/v1', model: 'm' },
      'sneaky-vllm': { kind: 'openai-compatible', baseUrl: 'http://models.site.example:8000/v1', model: 'm' },
    },
  };
  await writeFile(manifestPath, JSON.stringify(manifest));

  failing = new FailingProvider();
  routed = await routedProviders({
    manifestPath,
    providers: { 'tiny-broken': failing },
    // DNS double: the "site" hostname resolves to a public address.
    resolveHost: async (host) => (host === 'models.site.example' ? [{ address: '93.184.216.34', family: 4 }] : []),
  });
  f = await gatewayFixture(new EchoProvider(), { providers: routed.resolve, pricing: routed.pricing });
}, 60_000);

afterAll(async () => {
  await close(f);
  await routed.dispose();
  await new Promise<void>((resolve) => fake.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

function auditFields(result: GatewayResult): Record<string, string> {
  const entry = entries(f).find((e) => e.seq === result.auditSeq);
  expect(entry).toMatchObject({ action: 'gateway.call', outcome: 'ok' });
  return (entry?.fields ?? {}) as Record<string, string>;
}

const llmDetail = (result: GatewayResult): Record<string, unknown> => result.verdicts.find((v) => v.stage === 'llm-call')?.detail ?? {};

async function rawText(alias: string): Promise<string> {
  const raw = await LlamaCppProvider.open({ alias, manifestPath });
  try {
    return (await raw.generate({ messages: [{ role: 'user', content: PROMPT }], maxTokens: 16 })).text;
  } finally {
    await raw.dispose();
  }
}

describe('a deprecated model', () => {
  it('is served by its successor, and the real audit entry says "deprecated → successor"; the log verifies', async () => {
    const [successorText, deprecatedText] = [await rawText('tiny-test'), await rawText('tiny-old')];
    expect(successorText).not.toBe(deprecatedText); // the two models are distinguishable by their output

    const result = await f.gateway.call({ actor: 'ann', model: 'legacy', messages: [{ role: 'user', content: PROMPT }], maxTokens: 16 });
    expect(result.text).toBe(successorText);
    expect(result.verdicts.map((v) => v.stage)).toEqual([...REQUIRED_GATEWAY_STAGES]);
    expect(llmDetail(result)).toMatchObject({ requestedModel: 'legacy', model: 'tiny-test', routedFrom: 'tiny-old', routeReason: 'deprecated', route: 'tiny-old → tiny-test (deprecated)' });
    expect(auditFields(result)).toMatchObject({ requestedModel: 'legacy', model: 'tiny-test', routedFrom: 'tiny-old', routeReason: 'deprecated', route: 'tiny-old → tiny-test (deprecated)' });
    const preCall = entries(f).find((e) => e.seq === result.preCallSeq);
    expect(preCall?.fields).toMatchObject({ model: 'tiny-test' });
    expect((await verify(f)).ok).toBe(true);
  });

  it('a call for a current model carries no re-route', async () => {
    const result = await f.gateway.call({ actor: 'ann', model: 'default', messages: [{ role: 'user', content: PROMPT }], maxTokens: 8 });
    const fields = auditFields(result);
    expect(fields).toMatchObject({ requestedModel: 'default', model: 'tiny-test' });
    expect(fields).not.toHaveProperty('routedFrom');
    expect(fields).not.toHaveProperty('routeReason');
  });

  it('concurrent calls each record their own route', async () => {
    const asks = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 'legacy' : 'default'));
    const results = await Promise.all(asks.map((model) => f.gateway.call({ actor: 'ann', model, messages: [{ role: 'user', content: PROMPT }], maxTokens: 4 })));
    results.forEach((result, i) => {
      const fields = auditFields(result);
      expect(fields.requestedModel).toBe(asks[i]);
      expect(fields.routedFrom).toBe(asks[i] === 'legacy' ? 'tiny-old' : undefined);
    });
    expect((await verify(f)).ok).toBe(true);
  });
});

describe('aliases per task, agent and team', () => {
  it('resolves the most specific scope: task, then agent, then team, then site', async () => {
    const route = async (alias: string, scope: Record<string, string>) => routeOf(await routed.resolve(alias, scope));
    expect(await route('default', {})).toMatchObject({ model: 'tiny-test', hops: [] });
    expect(await route('default', { team: 'claims' })).toMatchObject({ model: 'tiny-test', routedFrom: 'tiny-old', reason: 'deprecated' });
    // The agent's team supplies "default"; the agent itself overrides "fast".
    expect(await route('default', { agent: 'triage' })).toMatchObject({ routedFrom: 'tiny-old' });
    expect(await route('fast', { agent: 'triage' })).toMatchObject({ model: 'tiny-broken', provider: 'tiny-broken' });
    expect(await route('default', { team: 'claims', task: 'summarise' })).toMatchObject({ model: 'tiny-test', hops: [] });
    await expect(routed.resolve('no-such-alias', {})).rejects.toThrow(/No model or alias "no-such-alias"/);
  });

  it('a team call through the gateway is routed by the team alias and the audit entry names both', async () => {
    const result = await f.gateway.call({ actor: 'ann', team: 'claims', messages: [{ role: 'user', content: PROMPT }], maxTokens: 4 });
    expect(auditFields(result)).toMatchObject({ team: 'claims', requestedModel: 'default', model: 'tiny-test', routedFrom: 'tiny-old', routeReason: 'deprecated' });
  });

  it('a task given to the resolver picks the task alias', async () => {
    const forTask = await routedProviders({ manifestPath, task: 'summarise', providers: { 'tiny-broken': failing } });
    try {
      expect(routeOf(await forTask.resolve('default', { team: 'claims' }))).toMatchObject({ model: 'tiny-test', hops: [] });
    } finally {
      await forTask.dispose();
    }
  });
});

describe('fallback and the circuit breaker', () => {
  it('a failing model falls back, then its breaker opens and calls skip it; every entry says why', async () => {
    const call = () => f.gateway.call({ actor: 'ann', agent: 'triage', model: 'fast', messages: [{ role: 'user', content: PROMPT }], maxTokens: 4 });
    const first = await call();
    expect(failing.calls).toBe(1);
    expect(auditFields(first)).toMatchObject({ agent: 'triage', requestedModel: 'fast', model: 'tiny-test', routedFrom: 'tiny-broken', routeReason: 'fallback' });
    await call();
    expect(failing.calls).toBe(2);
    expect(routed.router.breakerState('tiny-broken')).toBe('open');
    const third = await call();
    expect(failing.calls).toBe(2); // skipped
    expect(llmDetail(third)).toMatchObject({ model: 'tiny-test', routedFrom: 'tiny-broken', routeReason: 'breaker-open' });
    expect(auditFields(third)).toMatchObject({ routeReason: 'breaker-open', route: 'tiny-broken → tiny-test (breaker-open)' });
    expect((await verify(f)).ok).toBe(true);
  });

  it('an on-prem server that refuses connections (real loopback socket) falls back to the local model', async () => {
    const result = await f.gateway.call({ actor: 'ann', model: 'down-model', messages: [{ role: 'user', content: PROMPT }], maxTokens: 4 });
    expect(auditFields(result)).toMatchObject({ requestedModel: 'down-model', model: 'tiny-test', routedFrom: 'down-model', routeReason: 'fallback' });
  });
});

describe('configured servers', () => {
  it('reads the API key from the file the manifest names, sends it, and prices the call at the server price', async () => {
    const result = await f.gateway.call({ actor: 'ann', model: 'onprem-model', messages: [{ role: 'user', content: PROMPT }], maxTokens: 4 });
    expect(result.text).toBe('on-prem answer');
    expect(fakeSeen.at(-1)?.authorization).toBe(`Bearer ${API_KEY}`);
    expect(result.usage.cost).toBe((5 * 3 + 2 * 4) / 1000);
    const fields = auditFields(result);
    expect(fields).toMatchObject({ requestedModel: 'onprem-model', model: 'onprem-model' });
    expect(JSON.stringify(entries(f))).not.toContain(API_KEY);
  });

  it('asks the server not to share its prompt cache across conversations (promptCache defaults to isolated)', async () => {
    const call = (session?: string) =>
      f.gateway.call({ actor: 'ann', model: 'onprem-model', ...(session !== undefined && { session }), messages: [{ role: 'user', content: PROMPT }], maxTokens: 4 });
    await call('s-1');
    await call('s-1');
    await call('s-2');
    await call();
    await call();
    const [a, b, c, d, e] = fakeBodies.slice(-5);
    for (const body of [a, b, c, d, e]) expect(body).toMatchObject({ cache_prompt: false, cache_salt: expect.stringMatching(/^[0-9a-f-]{32,64}$/) });
    expect(a?.cache_salt).toBe(b?.cache_salt); // the same conversation may share, on a server that salts its cache
    expect(c?.cache_salt).not.toBe(a?.cache_salt);
    expect(d?.cache_salt).not.toBe(e?.cache_salt); // no session: nothing shared at all
  });

  it('an unreadable API key file is a typed error naming the server and path', async () => {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { routing: { servers: Record<string, Record<string, unknown>> } };
    (manifest.routing.servers['onprem-ok'] as Record<string, unknown>).apiKeyFile = 'missing.key';
    const otherPath = join(dir, 'manifest-missing-key.json');
    await writeFile(otherPath, JSON.stringify(manifest));
    const other = await routedProviders({ manifestPath: otherPath });
    try {
      const provider = await other.resolve('onprem-model', {});
      const error = await provider.generate({ prompt: 'x', maxTokens: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelServerConfigError);
      expect((error as Error).message).toMatch(/model server "onprem-ok".*missing\.key\) cannot be read \(ENOENT\)/);
    } finally {
      await other.dispose();
    }
  });

  it('refuses a manifest under which a server model\'s calls would be free', async () => {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { models: Record<string, Record<string, unknown>>; routing: { servers: Record<string, Record<string, unknown>> } };
    for (const entry of Object.values(manifest.models)) entry.pricePer1kTokens = { input: 0, output: 0 };
    delete manifest.routing.servers['onprem-ok']?.pricePer1kTokens; // no price anywhere above zero
    const freePath = join(dir, 'manifest-free.json');
    await writeFile(freePath, JSON.stringify(manifest));
    const error = await routedProviders({ manifestPath: freePath }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelServerConfigError);
    expect((error as Error).message).toMatch(/on model server "onprem-down" has no price.*would be free.*Give routing\.servers\.onprem-down a pricePer1kTokens/);
  });

  it.each([
    ['readable by others', async (path: string) => writeFile(path, API_KEY, { mode: 0o644 }), /can be read by others \(mode 644\)\. Make it private: chmod 600/],
    ['a symbolic link', async (path: string) => symlink('/etc/hostname', path), /is a symbolic link/],
    ['a directory', async (path: string) => mkdir(path), /is not a regular file/],
    ['a pipe (a read would never return)', async (path: string) => void execFileSync('mkfifo', ['-m', '600', path]), /is not a regular file/],
    ['several lines (another header)', async (path: string) => writeFile(path, `${API_KEY}\r\nX-Injected: 1`, { mode: 0o600 }), /holds more than one token/],
    ['too large to be a key', async (path: string) => writeFile(path, 'k'.repeat(10_000), { mode: 0o600 }), /is 10000 bytes, too large to be a key/],
  ])('refuses an API key file that is %s, naming the server, and never sends or shows its contents', async (name, make, message) => {
    const keyPath = join(dir, `bad-${name.replace(/\W+/g, '-')}.key`);
    await make(keyPath);
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { routing: { servers: Record<string, Record<string, unknown>> } };
    (manifest.routing.servers['onprem-ok'] as Record<string, unknown>).apiKeyFile = keyPath;
    const otherPath = join(dir, `manifest-${name.replace(/\W+/g, '-')}.json`);
    await writeFile(otherPath, JSON.stringify(manifest));
    const other = await routedProviders({ manifestPath: otherPath });
    const requestsBefore = fakeBodies.length;
    try {
      const provider = await other.resolve('onprem-model', {});
      const error = await provider.generate({ prompt: 'x', maxTokens: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelServerConfigError);
      expect((error as Error).message).toMatch(/model server "onprem-ok"/);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain(API_KEY);
      expect(fakeBodies.length).toBe(requestsBefore);
    } finally {
      await other.dispose();
    }
  });

  it('the egress guard refuses a public server at admission with a clear error, and the refusal is recorded', async () => {
    const error = await routed.resolve('public-model', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EgressRefusedError);
    expect((error as EgressRefusedError).reason).toBe('public-address');
    expect((error as Error).message).toContain('8.8.8.8');

    const sneaky = await routed.resolve('sneaky-model', {}).catch((e: unknown) => e);
    expect(sneaky).toBeInstanceOf(EgressRefusedError);
    expect((sneaky as Error).message).toContain('93.184.216.34');

    const before = entries(f).length;
    const refused = await f.gateway.call({ actor: 'ann', model: 'public-model', messages: [{ role: 'user', content: PROMPT }], maxTokens: 4 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ModelCallFailed);
    expect((refused as ModelCallFailed).causeName).toBe('EgressRefusedError');
    const recorded = entries(f).slice(before);
    expect(recorded.some((e) => e.outcome === 'blocked')).toBe(true);
    expect((await verify(f)).ok).toBe(true);
  });
});
