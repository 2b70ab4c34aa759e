/**
 * What `airlock ask` refuses before it unlocks anything (an unusable manifest, an empty prompt), and
 * where it takes the prompt from (argv, a file, or standard input after the passphrase).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAirlock } from '../../support/airlock-cli.ts';
import { askSite, type AskSite } from './ask-support.ts';

let site: AskSite;

beforeAll(async () => {
  site = await askSite();
}, 60_000);
afterAll(() => site.remove());

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
