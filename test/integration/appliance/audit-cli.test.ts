import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAirlock as airlock } from '../../support/airlock-cli.ts';
import { PASS_ALICE, tempDir } from '../data/helpers.ts';

const { dir: root, cleanup } = tempDir('airlock-audit-cli-');
afterAll(cleanup);


describe('airlock audit verify / export and bundle verify, end to end', () => {
  const data = join(root, 'appliance');
  const usb = join(root, 'usb', 'bundle');
  const unlock = ['--data', data, '--tenant', 'acme', '--user', 'alice', '--passphrase-stdin'];

  it('verifies the live log, exports a bundle, and an auditor verifies a copy with only the fingerprint', () => {
    expect(airlock(['init', '--data', data, '--tenant', 'acme', '--user', 'alice', '--passphrase-stdin'], `${PASS_ALICE}\n`).code).toBe(0);
    const fingerprint = /signing fingerprint:\s+([0-9a-f]{64})/.exec(airlock(['tenant', 'show', '--data', data, '--tenant', 'acme']).out)?.[1];
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);

    const verify = airlock(['audit', 'verify', ...unlock], `${PASS_ALICE}\n`);
    expect(verify.code, verify.err).toBe(0);
    expect(verify.out).toMatch(/AUDIT LOG VERIFIED/);
    expect(verify.out).toContain(fingerprint);

    mkdirSync(join(root, 'usb')); // the mounted stick
    const exported = airlock(['audit', 'export', ...unlock, '--out', usb], `${PASS_ALICE}\n`);
    expect(exported.code, exported.err).toBe(0);
    expect(exported.out).toContain(fingerprint);
    expect(readdirSync(usb)).toContain('manifest.json');

    // The auditor's machine: a copy somewhere else, no appliance, no passphrase.
    const copy = join(root, 'auditor', 'bundle');
    cpSync(usb, copy, { recursive: true });
    const good = airlock(['bundle', 'verify', copy, '--fingerprint', fingerprint ?? '']);
    expect(good.code, good.err + good.out).toBe(0);
    const other = 'ab'.repeat(32);
    const bad = airlock(['bundle', 'verify', copy, '--fingerprint', other]);
    expect(bad.code).not.toBe(0);
    expect(bad.out + bad.err).toMatch(/NOT TRUSTED|untrusted/i);
    expect(bad.out).toMatch(/WHAT TO DO: +check that --fingerprint is the fingerprint of this tenant's first signing key/);
    expect(good.out).not.toMatch(/WHAT TO DO/);
  }, 120_000);

  it('refuses to export into a folder that is not empty, leaving it as it was', () => {
    const before = readdirSync(usb).sort();
    const again = airlock(['audit', 'export', ...unlock, '--out', usb], `${PASS_ALICE}\n`);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/not empty/i);
    expect(readdirSync(usb).sort()).toEqual(before);
  }, 60_000);
});
