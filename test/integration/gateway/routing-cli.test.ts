/**
 * `airlock ask` with a site manifest that routes: the real CLI, appliance and tiny model. The
 * deprecated model's call is served by its successor and the output says so; `--task` picks the
 * task's alias.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAirlock as airlock } from '../../support/airlock-cli.ts';
import { DEFAULT_MANIFEST_PATH, sha256Bytes } from '../../../models/manifest.ts';
import { generateTinyModel } from '../../../models/tiny-model.ts';

const root = mkdtempSync(join(tmpdir(), 'airlock-routing-cli-'));
const data = join(root, 'appliance');
const manifestPath = join(root, 'manifest.json');
const PASS = 'alice correct horse staple 7';

const unlock = ['--data', data, '--tenant', 'acme', '--user', 'alice', '--passphrase-stdin'];

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('airlock ask with a routing manifest (CLI, real appliance, real tiny model)', () => {
  it('serves a deprecated model by its successor and says so; --task picks the task alias; the log verifies', () => {
    const manifest = JSON.parse(readFileSync(DEFAULT_MANIFEST_PATH, 'utf8')) as { models: Record<string, Record<string, unknown>> } & Record<string, unknown>;
    manifest.models['tiny-old'] = { ...manifest.models['tiny-test'], file: 'generated/tiny-old.gguf', sha256: sha256Bytes(generateTinyModel(99)), generator: { seed: 99 } };
    manifest.routing = {
      models: { 'tiny-old': { provider: 'local', deprecated: { successor: 'tiny-test' } } },
      aliases: { default: 'tiny-old' },
      tasks: { summarise: { aliases: { default: 'tiny-test' } } },
    };
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const init = airlock(['init', '--data', data, '--tenant', 'acme', '--user', 'alice', '--passphrase-stdin'], [PASS]);
    expect(init.code, init.err).toBe(0);

    const ask = airlock(['ask', ...unlock, '--manifest', manifestPath, '--max-tokens', '8', 'The appliance is'], [PASS]);
    expect(ask.code, ask.err).toBe(0);
    expect(ask.err).toMatch(/model tiny-test \(routed: tiny-old → tiny-test \(deprecated\)\); tokens: \d+ prompt/);
    expect(ask.err).toMatch(/llm-call\s+pass\s.*requestedModel=default model=tiny-test routedFrom=tiny-old routeReason=deprecated/);

    const task = airlock(['ask', ...unlock, '--manifest', manifestPath, '--task', 'summarise', '--max-tokens', '8', 'The appliance is'], [PASS]);
    expect(task.code, task.err).toBe(0);
    expect(task.err).toMatch(/model tiny-test; tokens:/);
    expect(task.err).not.toMatch(/routedFrom=/);

    const verify = airlock(['audit', 'verify', ...unlock], [PASS]);
    expect(verify.code, verify.out + verify.err).toBe(0);
    expect(verify.out).toMatch(/AUDIT LOG VERIFIED/);
  }, 240_000);
});
