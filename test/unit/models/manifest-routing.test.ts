import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MANIFEST_PATH, ManifestError, loadManifest } from '../../../models/manifest.ts';

let dir: string;
let manifestPath: string;
let base: Record<string, unknown>;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'airlock-manifest-routing-'));
  manifestPath = join(dir, 'manifest.json');
  base = JSON.parse(await readFile(DEFAULT_MANIFEST_PATH, 'utf8')) as Record<string, unknown>;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(routing: unknown): Promise<Awaited<ReturnType<typeof loadManifest>>> {
  await writeFile(manifestPath, JSON.stringify({ ...base, routing }));
  return loadManifest(manifestPath);
}

const server = { kind: 'openai-compatible', baseUrl: 'http://10.0.0.5:8000/v1', model: 'qwen-32b' };

describe('the manifest routing section', () => {
  it('is optional: the committed manifest loads without one', async () => {
    expect((await loadManifest()).routing).toBeUndefined();
  });

  it('takes the router shape plus servers, with defaults filled in', async () => {
    const manifest = await load({
      models: { 'qwen-32b': { provider: 'onprem-vllm', fallback: 'tiny-test' }, 'tiny-test': { provider: 'local' } },
      aliases: { default: 'qwen-32b' },
      servers: { 'onprem-vllm': { ...server, allow: ['10.0.0.0/8'], apiKeyFile: '/etc/airlock/vllm.key' } },
    });
    expect(manifest.routing?.servers['onprem-vllm']).toMatchObject({ baseUrl: 'http://10.0.0.5:8000/v1', allow: ['10.0.0.0/8'], apiKeyFile: '/etc/airlock/vllm.key' });
    expect(manifest.routing?.teams).toEqual({});
  });

  it('refuses a secret written into the manifest (only a key file path is allowed)', async () => {
    await expect(load({ servers: { 'onprem-vllm': { ...server, apiKey: 'sk-inline' } } })).rejects.toThrow(ManifestError);
    await expect(load({ servers: { 'onprem-vllm': { ...server, apiKey: 'sk-inline' } } })).rejects.not.toThrow(/sk-inline/);
  });

  it('refuses a model whose provider is neither "local" nor a configured server', async () => {
    await expect(load({ models: { 'qwen-32b': { provider: 'nowhere' } } })).rejects.toThrow(/routing\.models\.qwen-32b: provider "nowhere" is neither "local" nor a server/);
  });

  it('refuses a "local" routing model that is not a manifest model', async () => {
    await expect(load({ models: { ghost: { provider: 'local' } } })).rejects.toThrow(/provider "local" needs a manifest model "ghost"/);
  });

  it('refuses a server named like local models or a manifest model', async () => {
    await expect(load({ servers: { local: server } })).rejects.toThrow(/routing\.servers\.local: the name is taken/);
    await expect(load({ servers: { 'tiny-test': server } })).rejects.toThrow(/routing\.servers\.tiny-test: the name is taken/);
  });

  it('refuses a server of an unknown kind', async () => {
    await expect(load({ servers: { s: { ...server, kind: 'cloud' } } })).rejects.toThrow(/routing\.servers\.s\.kind/);
  });
});
