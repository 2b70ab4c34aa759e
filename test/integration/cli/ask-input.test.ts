/**
 * What `airlock ask` refuses before it unlocks anything (an unusable manifest, an empty prompt), and
 * where it takes the prompt from (argv, a file, or standard input after the passphrase).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAirlock } from '../../support/airlock-cli.ts';
import { askSite, PASS, slowModelServer, spawnAirlock, writeManifest, type AskSite, type SlowModelServer } from './ask-support.ts';

let site: AskSite;
let server: SlowModelServer;
let manifest: string;

beforeAll(async () => {
  site = await askSite();
  server = await slowModelServer({ pieces: ['noted'], delayMs: 1 });
  manifest = writeManifest(site.root, server.baseUrl);
}, 60_000);
afterAll(async () => {
  await server.close();
  site.remove();
});

const ask = (...extra: string[]): string[] => ['ask', ...site.unlock('alice'), ...extra];

describe('airlock ask: refused before unlocking', () => {
  it('names a manifest it cannot read and what to do, exit 1, before asking for the passphrase', () => {
    // No passphrase on stdin: reading it first would fail differently.
    const r = runAirlock(ask('--manifest', '/nonexist.json', 'hello'), []);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^airlock: Cannot read the model manifest \/nonexist\.json: .*ENOENT.* Fix it, or name another manifest with --manifest; `airlock doctor --manifest <path>` checks one\.\n$/);
    expect(r.err).not.toMatch(/bug in Airlock|unexpected failure/);
  });

  it('names an invalid manifest the same way', () => {
    const path = join(site.root, 'broken.json');
    writeFileSync(path, '{"models": ');
    const r = runAirlock(ask('--manifest', path, 'hello'), []);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Model manifest .*broken\.json is not valid JSON: .* Fix it, or name another manifest/);
  });

  it.each([[''], ['  \n\t ']])('refuses an empty or blank prompt (%j) without a call', (prompt) => {
    const r = runAirlock(ask(prompt), []);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/the prompt is empty; give a non-empty prompt/);
  });
});

describe('airlock ask: where the prompt comes from', () => {
  const LINES = ['Summarise the ward round notes', 'second line of the notes'];
  const PROMPT = `${LINES.join('\n')}\n`;
  // The loopback server runs in this process: a synchronous spawn would block it.

  it('reads it from a file with --prompt-file', async () => {
    const path = join(site.root, 'prompt.txt');
    writeFileSync(path, PROMPT, { mode: 0o600 });
    const r = spawnAirlock(ask('--manifest', manifest, '--prompt-file', path), [PASS.alice as string]);
    expect((await r.exit).code, r.err()).toBe(0);
    expect(server.prompts.at(-1)).toBe(PROMPT);
  });

  it('reads it from standard input with --prompt-file -, after the passphrase line', async () => {
    const r = spawnAirlock(ask('--manifest', manifest, '--prompt-file', '-'), [PASS.alice as string, ...LINES]);
    expect((await r.exit).code, r.err()).toBe(0);
    expect(server.prompts.at(-1)).toBe(PROMPT);
  });

  it('refuses --prompt-file - without --passphrase-stdin, a prompt given twice, and no prompt at all', () => {
    const noStdinPass = runAirlock(['ask', '--data', site.data, '--tenant', 'acme', '--user', 'alice', '--prompt-file', '-'], PROMPT);
    expect(noStdinPass.code).toBe(1);
    expect(noStdinPass.err).toMatch(/the passphrase must come first on it: add --passphrase-stdin/);
    const twice = runAirlock(ask('--prompt-file', '-', 'hello'), []);
    expect(twice.err).toMatch(/as an argument or with --prompt-file, not both/);
    const none = runAirlock(ask(), []);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/give a prompt: as an argument, or with --prompt-file PATH/);
  });
});
