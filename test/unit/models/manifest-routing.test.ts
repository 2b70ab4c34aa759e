import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCOPE_ID } from '../../../main/governance/scope-id.ts';
import { DEFAULT_MANIFEST_PATH, ManifestError, loadManifest, ROUTING_SCOPE_ID } from '../../../models/manifest.ts';

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

const localModels = { 'tiny-test': { provider: 'local' } };

/**
 * Routing tables keyed by team or agent are keyed the way calls name them: the one lower-case
 * spelling governance uses. A key in any other spelling could never match a call (routing would fall
 * back to the site aliases without a word), so the manifest is refused at load, naming the key.
 */
describe('routing keyed by team or agent', () => {
  it('refuses a team key that is not lower case, naming it and the spelling to write', async () => {
    const error = await load({ models: localModels, teams: { Claims: { aliases: { default: 'tiny-test' } } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as Error).message).toMatch(/routing\.teams\.Claims: "Claims" is not a team id .*write it in lower case, "claims"/);
  });

  it('refuses an agent key, and an agent\'s team, in any other spelling', async () => {
    await expect(load({ models: localModels, agents: { Triage: { aliases: {} } } })).rejects.toThrow(/routing\.agents\.Triage: "Triage" is not an agent id .*"triage"/);
    await expect(load({ models: localModels, agents: { triage: { team: 'Claims', aliases: {} } } })).rejects.toThrow(/routing\.agents\.triage\.team: "Claims" is not a team id .*"claims"/);
    await expect(load({ models: localModels, teams: { 'claims dept': { aliases: {} } } })).rejects.toThrow(/routing\.teams\.claims dept: .*a–z, 0–9 and \. _ : -/);
  });

  it('takes keys in the one spelling', async () => {
    const manifest = await load({ models: localModels, teams: { claims: { aliases: { default: 'tiny-test' } } }, agents: { 'triage.v2': { team: 'claims', aliases: {} } } });
    expect(Object.keys(manifest.routing?.teams ?? {})).toEqual(['claims']);
    expect(Object.keys(manifest.routing?.agents ?? {})).toEqual(['triage.v2']);
  });

  it('uses the same id rule as governance', () => {
    expect(ROUTING_SCOPE_ID.source).toBe(SCOPE_ID.source);
    expect(ROUTING_SCOPE_ID.flags).toBe(SCOPE_ID.flags);
  });
});
