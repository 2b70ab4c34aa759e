/**
 * `airlock doctor` on a site manifest's routing section, on real parts: a temp copy of the
 * manifest, a real loopback OpenAI-compatible neighbour (node:http on 127.0.0.1) serving
 * /v1/models, real key files, the real egress guard with a DNS double, and the real tiny model for
 * the alias checks.
 */
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDoctorReport } from '../../../main/cli/commands/doctor.ts';
import { runDoctor, type DoctorCheck, type DoctorOptions, type DoctorReport } from '../../../main/doctor/doctor.ts';
import type { HostResolver } from '../../../main/providers/egress-guard.ts';
import { DEFAULT_MANIFEST_PATH } from '../../../models/manifest.ts';

const API_KEY = 'sk-doctor-test-7d41c0e9b2';
const SERVED = 'onprem-model';
const PRICE = { input: 3, output: 4 };
const TINY_FILE = fileURLToPath(new URL('../../../models/generated/tiny-test.gguf', import.meta.url));

type Json = Record<string, unknown>;

let dir: string;
let neighbour: Server;
let neighbourPort: number;
let silent: Server;
let silentPort: number;
let closedPort: number;
const authorizations: (string | undefined)[] = [];
const looked: string[] = [];

/** DNS double: the site's hostname resolves to a public address; nothing else resolves. */
const resolveHost: HostResolver = async (host) => {
  looked.push(host);
  if (host === 'models.site.example') return [{ address: '8.8.8.8', family: 4 }];
  throw new Error(`ENOTFOUND ${host} (test resolver)`);
};

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

let manifestCount = 0;
/** A copy of the bundled manifest, changed by `edit`, in its own folder (so relative key files resolve there). */
async function siteManifest(edit: (manifest: Json & { models: Record<string, Json> }) => void): Promise<string> {
  const folder = join(dir, `site-${++manifestCount}`);
  await mkdir(folder);
  const manifest = JSON.parse(await readFile(DEFAULT_MANIFEST_PATH, 'utf8')) as Json & { models: Record<string, Json> };
  edit(manifest);
  const path = join(folder, 'manifest.json');
  await writeFile(path, JSON.stringify(manifest));
  return path;
}

/** A manifest whose routing section sends `onprem-model` to one server named `name`. */
function oneServer(name: string, server: Json): (manifest: Json) => void {
  return (manifest) => {
    manifest.routing = {
      models: { [SERVED]: { provider: name } },
      servers: { [name]: { kind: 'openai-compatible', model: SERVED, pricePer1kTokens: PRICE, ...server } },
    };
  };
}

async function doctor(manifestPath: string, options: DoctorOptions = {}): Promise<DoctorReport> {
  return runDoctor({ skipModel: true, chromiumPath: '/nonexistent/chromium', manifestPath, resolveHost, serverTimeoutMs: 2_000, ...options });
}

function check(report: DoctorReport, name: string): DoctorCheck {
  const found = report.checks.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no "${name}" check in: ${report.checks.map((c) => c.name).join(', ')}`);
  return found;
}

/** Everything `airlock doctor` could show: its JSON, its table and its remedies. */
function everythingShown(report: DoctorReport): string {
  const table = formatDoctorReport(report, false);
  return [formatDoctorReport(report, true).stdout, table.stdout, table.stderr, JSON.stringify(report)].join('\n');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'airlock-doctor-servers-'));
  // The neighbour: lists one model; a request carrying a bearer token must carry the right one.
  neighbour = createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    if (req.headers.authorization !== undefined && req.headers.authorization !== `Bearer ${API_KEY}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"invalid api key"}}');
      return;
    }
    if (req.method !== 'GET' || req.url !== '/v1/models') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"no such route"}}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: SERVED, object: 'model' }] }));
  });
  neighbourPort = await listen(neighbour);
  // Accepts the connection and never answers.
  silent = createServer(() => {});
  silentPort = await listen(silent);
  const closed = createServer();
  closedPort = await listen(closed);
  await stop(closed);
});

afterAll(async () => {
  await stop(neighbour);
  await stop(silent);
  await rm(dir, { recursive: true, force: true });
});

describe('airlock doctor: model servers in the routing section', () => {
  it('passes a loopback server that answers /v1/models and lists the configured model', async () => {
    const report = await doctor(await siteManifest(oneServer('onprem', { baseUrl: `http://127.0.0.1:${neighbourPort}/v1` })));
    const server = check(report, 'model server onprem');
    expect(server).toMatchObject({ status: 'pass' });
    expect(server.detail).toContain(`127.0.0.1:${neighbourPort}`);
    expect(server.detail).toContain(`"${SERVED}"`);
    expect(check(report, 'model manifest')).toMatchObject({ status: 'pass' });
    expect(report.ok).toBe(true);
  });

  it('fails a server that is down, naming host:port and the error code, and says to start it or fix its baseUrl', async () => {
    const report = await doctor(await siteManifest(oneServer('down', { baseUrl: `http://127.0.0.1:${closedPort}/v1` })));
    const server = check(report, 'model server down');
    expect(server.status).toBe('fail');
    expect(server.detail).toContain(`127.0.0.1:${closedPort}`);
    expect(server.detail).toContain('ECONNREFUSED');
    expect(server.remedy).toMatch(/start the server or fix routing\.servers\.down\.baseUrl in the model manifest/i);
    expect(report.ok).toBe(false);
  });

  it('fails a base URL whose host resolves to a public address, with the egress guard\'s message naming the setting', async () => {
    looked.length = 0;
    const report = await doctor(await siteManifest(oneServer('public', { baseUrl: 'http://models.site.example:8000/v1' })));
    const server = check(report, 'model server public');
    expect(server.status).toBe('fail');
    expect(server.detail).toContain('8.8.8.8');
    expect(server.detail).toContain('routing.servers.<name>.allow');
    expect(server.remedy).toContain('routing.servers.public.baseUrl');
    expect(looked).toContain('models.site.example'); // the injected resolver, never real DNS
  });

  it('fails an API key file others can read, and never shows the key', async () => {
    const manifestPath = await siteManifest(oneServer('keyed', { baseUrl: `http://127.0.0.1:${neighbourPort}/v1`, apiKeyFile: 'server.key' }));
    await writeFile(join(manifestPath, '..', 'server.key'), `${API_KEY}\n`, { mode: 0o644 });
    const report = await doctor(manifestPath);
    const server = check(report, 'model server keyed');
    expect(server.status).toBe('fail');
    expect(server.detail).toMatch(/can be read by others \(mode 644\)/);
    expect(server.detail).toMatch(/chmod 600/);
    expect(everythingShown(report)).not.toContain(API_KEY);
  });

  it('passes a private key file, sends its key to the server, and the key appears nowhere in the JSON or table output', async () => {
    const manifestPath = await siteManifest(oneServer('keyed', { baseUrl: `http://127.0.0.1:${neighbourPort}/v1`, apiKeyFile: 'server.key' }));
    await writeFile(join(manifestPath, '..', 'server.key'), `${API_KEY}\n`, { mode: 0o600 });
    authorizations.length = 0;
    const report = await doctor(manifestPath);
    expect(check(report, 'model server keyed')).toMatchObject({ status: 'pass' });
    expect(authorizations).toContain(`Bearer ${API_KEY}`);
    expect(everythingShown(report)).not.toContain(API_KEY);
    expect(everythingShown(report)).not.toContain(API_KEY.slice(3, 15));
  });

  it('fails a key the server refuses, saying to fix the key file, and still never shows the key', async () => {
    const wrongKey = 'sk-doctor-wrong-key-55aa01';
    const manifestPath = await siteManifest(oneServer('keyed', { baseUrl: `http://127.0.0.1:${neighbourPort}/v1`, apiKeyFile: 'server.key' }));
    await writeFile(join(manifestPath, '..', 'server.key'), wrongKey, { mode: 0o600 });
    const report = await doctor(manifestPath);
    const server = check(report, 'model server keyed');
    expect(server.status).toBe('fail');
    expect(server.detail).toContain('HTTP 401');
    expect(server.remedy).toContain('routing.servers.keyed.apiKeyFile');
    expect(everythingShown(report)).not.toContain(wrongKey);
  });

  it('fails a server that answers but does not list the configured model, naming it', async () => {
    const report = await doctor(await siteManifest(oneServer('wrong-model', { baseUrl: `http://127.0.0.1:${neighbourPort}/v1`, model: 'llama-70b' })));
    const server = check(report, 'model server wrong-model');
    expect(server.status).toBe('fail');
    expect(server.detail).toContain('"llama-70b"');
    expect(server.detail).toContain(SERVED); // what the server does serve
    expect(server.remedy).toContain('routing.servers.wrong-model.model');
  });

  it('fails an unpriced server model under an all-zero manifest, as the gateway refuses it, instead of crashing', async () => {
    const manifestPath = await siteManifest((manifest) => {
      for (const model of Object.values(manifest.models)) model.pricePer1kTokens = { input: 0, output: 0 };
      oneServer('free', { baseUrl: `http://127.0.0.1:${neighbourPort}/v1` })(manifest);
      delete ((manifest.routing as { servers: Record<string, Json> }).servers.free as Json).pricePer1kTokens;
    });
    const report = await doctor(manifestPath);
    const server = check(report, 'model server free');
    expect(server.status).toBe('fail');
    expect(server.detail).toMatch(/has no price/);
    expect(server.remedy).toContain('routing.servers.free');
    expect(server.remedy).toContain('pricePer1kTokens');
    expect(report.ok).toBe(false);
  });

  it('gives up on a server that accepts but never answers, and on DNS that never answers', async () => {
    const hangingDns: HostResolver = () => new Promise(() => {});
    const manifestPath = await siteManifest((manifest) => {
      manifest.routing = {
        models: { a: { provider: 'silent' }, b: { provider: 'no-dns' } },
        servers: {
          silent: { kind: 'openai-compatible', baseUrl: `http://127.0.0.1:${silentPort}/v1`, model: 'a', pricePer1kTokens: PRICE },
          'no-dns': { kind: 'openai-compatible', baseUrl: 'http://models.internal.example:8000/v1', model: 'b', pricePer1kTokens: PRICE },
        },
      };
    });
    const report = await doctor(manifestPath, { resolveHost: hangingDns, serverTimeoutMs: 300 });
    const silentCheck = check(report, 'model server silent');
    expect(silentCheck.status).toBe('fail');
    expect(silentCheck.detail).toMatch(/timeout after 300 ms/);
    expect(silentCheck.detail).toContain(`127.0.0.1:${silentPort}`);
    const noDns = check(report, 'model server no-dns');
    expect(noDns.status).toBe('fail');
    expect(noDns.detail).toMatch(/no DNS answer within 300 ms/);
  });
});

describe('airlock doctor: the local model is the one "default" routes to', () => {
  it('probes the local model the default alias names, not tiny-test', async () => {
    const manifestPath = await siteManifest((manifest) => {
      const tiny = manifest.models['tiny-test'] as Json;
      manifest.models = { 'site-model': { ...tiny, file: TINY_FILE } };
      manifest.aliases = { default: 'site-model' };
    });
    const report = await doctor(manifestPath, { skipModel: false });
    const local = check(report, 'local model');
    expect(local.status).toBe('pass');
    expect(local.detail).toContain('"site-model"');
    expect(local.detail).toContain('"default" routes to it');
  });

  it('says so, and probes no local model, when default routes to a model server', async () => {
    const manifestPath = await siteManifest((manifest) => {
      oneServer('onprem', { baseUrl: `http://127.0.0.1:${neighbourPort}/v1` })(manifest);
      (manifest.routing as Json).aliases = { default: SERVED };
    });
    const report = await doctor(manifestPath, { skipModel: false });
    expect(check(report, 'local model')).toMatchObject({ status: 'info' });
    expect(check(report, 'local model').detail).toContain('model server onprem');
    expect(check(report, 'model server onprem')).toMatchObject({ status: 'pass' });
  });

  it('fails, saying what to add, when the manifest has no default alias', async () => {
    const manifestPath = await siteManifest((manifest) => {
      manifest.aliases = { fast: 'tiny-test' };
    });
    const report = await doctor(manifestPath, { skipModel: false });
    const local = check(report, 'local model');
    expect(local.status).toBe('fail');
    expect(local.detail).toContain('"default"');
    expect(local.remedy).toMatch(/Add a "default" alias/);
  });
});
