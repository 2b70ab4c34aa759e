import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAirlock as airlock } from '../../support/airlock-cli.ts';
import { REQUIRED_GATEWAY_STAGES } from '../../../main/audit/gateway-stages.ts';

const root = mkdtempSync(join(tmpdir(), 'airlock-ask-cli-'));
const data = join(root, 'appliance');
const PASS = 'alice correct horse staple 7';

const unlock = ['--data', data, '--tenant', 'acme', '--user', 'alice', '--passphrase-stdin'];

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('airlock ask (CLI, real appliance, real tiny model)', () => {
  it('streams an answer, prints the ten stage verdicts, tokens, cost and the audit seq; the log verifies', () => {
    const init = airlock(['init', '--data', data, '--tenant', 'acme', '--user', 'alice', '--passphrase-stdin'], [PASS]);
    expect(init.code, init.err).toBe(0);

    const ask = airlock(['ask', ...unlock, '--max-tokens', '16', 'Write to bob@example.com about the appliance'], [PASS]);
    expect(ask.code, ask.err).toBe(0);
    expect(ask.err).toMatch(/#\s+stage\s+verdict\s+ms\s+detail/);
    // stdout is the answer alone, so `ask … > answer.txt` keeps only the answer.
    expect(ask.out.trim().length).toBeGreaterThan(0);
    expect(ask.out).not.toMatch(/stage\s+verdict|audit seq|tokens:/);
    for (const stage of REQUIRED_GATEWAY_STAGES) expect(ask.err).toMatch(new RegExp(`\\s${stage}\\s+(pass|flag)\\s`));
    expect(ask.err).toMatch(/model tiny-test; tokens: \d+ prompt \+ \d+ completion; cost [\d.e-]+ units/);
    const seq = /audit seq (\d+) \(pre-call (\d+)\)/.exec(ask.err);
    expect(seq).not.toBeNull();
    expect(Number(seq?.[1])).toBeGreaterThan(Number(seq?.[2]));
    const table = ask.err.split('\n').filter((line) => /^\d+\s+[a-z-]+\s+(pass|flag|block|not-run|skip-degraded)\s/.test(line));
    expect(table).toHaveLength(10);
    expect(table.join('\n')).not.toContain('bob@example.com'); // verdicts hold counts, never values
    expect(table.join('\n')).toMatch(/count\.EMAIL=1/);

    const verify = airlock(['audit', 'verify', ...unlock], [PASS]);
    expect(verify.code, verify.out + verify.err).toBe(0);
    expect(verify.out).toMatch(/AUDIT LOG VERIFIED/);
    // The real call's record, checked against the stage verdicts in its sealed payload.
    expect(verify.out).toMatch(/gateway calls: 1 with all 10 pipeline stages in order; 1 pipeline hashes recomputed from their stage verdicts/);
  }, 180_000);

  it('refuses an unknown model before unlocking, naming the aliases the manifest has (a usage error, exit 2)', () => {
    // No passphrase on stdin: the check comes before it is read, and writes no audit entry.
    const r = airlock(['ask', ...unlock, '--model', 'no-such-model', 'hello'], []);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^airlock: unknown model "no-such-model" \(--model\) in the model manifest \S+manifest\.json; known: default, fast, tiny-test\. Nothing was unlocked or sent\.\n$/);
    expect(r.err).not.toMatch(/ModelNotFoundError|audit seq/);
  }, 120_000);
});
