/**
 * Routing tables keyed by team or agent are keyed the way calls name them: the one lower-case
 * spelling governance uses. A key in any other spelling could never match a call (routing would fall
 * back to the site aliases without a word), so the manifest is refused at load, naming the key.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCOPE_ID } from '../../../main/governance/scope-id.ts';
import { DEFAULT_MANIFEST_PATH, loadManifest, ManifestError, ROUTING_SCOPE_ID } from '../../../models/manifest.ts';

let dir: string;
let manifestPath: string;
let base: Record<string, unknown>;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'airlock-manifest-scope-ids-'));
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

const models = { 'tiny-test': { provider: 'local' } };

describe('routing keyed by team or agent', () => {
  it('refuses a team key that is not lower case, naming it and the spelling to write', async () => {
    const error = await load({ models, teams: { Claims: { aliases: { default: 'tiny-test' } } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as Error).message).toMatch(/routing\.teams\.Claims: "Claims" is not a team id .*write it in lower case, "claims"/);
  });

  it('refuses an agent key, and an agent\'s team, in any other spelling', async () => {
    await expect(load({ models, agents: { Triage: { aliases: {} } } })).rejects.toThrow(/routing\.agents\.Triage: "Triage" is not an agent id .*"triage"/);
    await expect(load({ models, agents: { triage: { team: 'Claims', aliases: {} } } })).rejects.toThrow(/routing\.agents\.triage\.team: "Claims" is not a team id .*"claims"/);
    await expect(load({ models, teams: { 'claims dept': { aliases: {} } } })).rejects.toThrow(/routing\.teams\.claims dept: .*a–z, 0–9 and \. _ : -/);
  });

  it('takes keys in the one spelling', async () => {
    const manifest = await load({ models, teams: { claims: { aliases: { default: 'tiny-test' } } }, agents: { 'triage.v2': { team: 'claims', aliases: {} } } });
    expect(Object.keys(manifest.routing?.teams ?? {})).toEqual(['claims']);
    expect(Object.keys(manifest.routing?.agents ?? {})).toEqual(['triage.v2']);
  });

  it('uses the same id rule as governance', () => {
    expect(ROUTING_SCOPE_ID.source).toBe(SCOPE_ID.source);
    expect(ROUTING_SCOPE_ID.flags).toBe(SCOPE_ID.flags);
  });
});
