import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAirlock as airlock } from '../../support/airlock-cli.ts';
import { PASS_ALICE, PASS_BOB, tempDir } from './helpers.ts';

const { dir: root, cleanup } = tempDir('airlock-cli-');
const data = join(root, 'appliance');
afterAll(cleanup);


describe('airlock CLI (data commands, production scrypt N=2^17)', () => {
  it('init → tenant show → user add → keys rotate → recover → user remove, passphrases only from stdin', () => {
    const init = airlock(['init', '--data', data, '--tenant', 'acme', '--user', 'alice', '--passphrase-stdin', '--recovery-shares', '2/3'], `${PASS_ALICE}\n`);
    expect(init.code, init.err).toBe(0);
    const shares = init.out.trim().split('\n');
    expect(shares).toHaveLength(3);
    expect(init.err).toMatch(/any M of these N lines/);
    expect(init.err).toMatch(/scrypt/);

    const show = airlock(['tenant', 'show', '--data', data, '--tenant', 'acme']);
    expect(show.code).toBe(0);
    expect(show.out).toMatch(/signing fingerprint:\s+[0-9a-f]{64}\n/);

    expect(airlock(['user', 'add', 'bob', '--data', data, '--tenant', 'acme', '--by', 'alice', '--passphrase-stdin'], `${PASS_ALICE}\n${PASS_BOB}\n`).code).toBe(0);
    const rotate = airlock(['keys', 'rotate', '--data', data, '--tenant', 'acme', '--user', 'bob', '--passphrase-stdin'], `${PASS_BOB}\n`);
    expect(rotate.code, rotate.err).toBe(0);
    expect(rotate.out).toMatch(/Key version 2 is current/);

    const recover = airlock(['recover', '--data', data, '--tenant', 'acme', '--user', 'carol', '--passphrase-stdin'], `${shares[0]}\n${shares[2]}\ncarol orchard violin 1999\n`);
    expect(recover.code, recover.err).toBe(0);
    expect(airlock(['user', 'remove', 'alice', '--data', data, '--tenant', 'acme', '--by', 'carol', '--passphrase-stdin'], 'carol orchard violin 1999\n').code).toBe(0);
    const after = airlock(['tenant', 'show', '--data', data, '--tenant', 'acme', '--json']);
    expect(JSON.parse(after.out).users).toEqual(['bob', 'carol']);
  }, 90_000);

  it('reports a wrong passphrase and a weak one as user-facing errors without echoing them', () => {
    const wrong = airlock(['keys', 'rotate', '--data', data, '--tenant', 'acme', '--user', 'bob', '--passphrase-stdin'], 'definitely not it 123\n');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/is not correct/);
    expect(wrong.err).not.toContain('definitely not it 123');
    const weak = airlock(['tenant', 'add', '--data', data, '--tenant', 'beta', '--user', 'dan', '--passphrase-stdin'], 'password1234\n');
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/too weak/);
    expect(weak.err).not.toContain('password1234');
    expect(airlock(['tenant', 'show', '--data', join(root, 'nowhere'), '--tenant', 'acme']).err).toMatch(/not an Airlock appliance directory/);
  }, 60_000);

  it('refuses to prompt without a terminal unless --passphrase-stdin is given', () => {
    const r = airlock(['keys', 'rotate', '--data', data, '--tenant', 'acme', '--user', 'bob'], `${PASS_BOB}\n`);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no terminal/);
  }, 30_000);
});
