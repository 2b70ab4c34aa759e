import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAirlock, type CliResult } from '../../support/airlock-cli.ts';
import { initAppliance } from '../../../main/appliance.ts';
import { PASS, TEST_KDF } from './helpers.ts';

const root = mkdtempSync(join(tmpdir(), 'airlock-governance-cli-'));
const data = join(root, 'appliance');

function airlock(user: string, args: string[], stdin: string[]): CliResult {
  return runAirlock([...args, '--data', data, '--tenant', 'acme', '--user', user, '--passphrase-stdin'], stdin);
}

beforeAll(async () => {
  const { appliance } = await initAppliance({ dir: data, tenant: 'acme', user: 'alice', passphrase: PASS.alice as string, kdf: TEST_KDF });
  const tenant = await appliance.unlockTenant('acme', 'alice', PASS.alice as string);
  for (const user of ['erin', 'bob']) await tenant.addUser(user, PASS[user] as string);
  await tenant.close();
  appliance.close();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('airlock policy / role / kill (CLI)', () => {
  it('bootstraps the admin, grants roles, tightens and shows the policy with provenance', () => {
    const alice = PASS.alice as string;
    expect(airlock('alice', ['role', 'grant', '--role', 'admin', '--to', 'alice'], [alice]).out).toMatch(/first admin/);
    expect(airlock('alice', ['role', 'grant', '--role', 'approver', '--to', 'erin'], [alice]).code).toBe(0);
    const set = airlock('alice', ['policy', 'set', '--level', 'team', '--id', 'claims', '--dimension', 'autonomy', '--value', 'reactive'], [alice]);
    expect(set.code, set.err).toBe(0);
    expect(set.out).toMatch(/Tightened autonomy at team claims: \(unset\) → reactive; audit seq \d+/);
    const show = airlock('alice', ['policy', 'show', '--team', 'claims'], [alice]);
    expect(show.code, show.err).toBe(0);
    expect(show.out).toMatch(/dimension\s+value\s+decided by/);
    expect(show.out).toMatch(/autonomy\s+reactive\s+team\s/);
    expect(show.out).toMatch(/enforcementMode\s+enforce\s+appliance\s/);
    // Loosening asks for the passphrase again (second stdin line) and needs the approver role.
    const loosen = airlock('alice', ['policy', 'set', '--level', 'team', '--id', 'claims', '--dimension', 'autonomy', '--unset'], [alice, alice]);
    expect(loosen.code).toBe(1);
    expect(loosen.err).toMatch(/alice may not policy\.loosen: it needs the approver role/);
    const byApprover = airlock('erin', ['policy', 'set', '--level', 'team', '--id', 'claims', '--dimension', 'autonomy', '--unset'], [PASS.erin as string, PASS.erin as string]);
    expect(byApprover.code, byApprover.err).toBe(0);
    expect(byApprover.out).toMatch(/Loosened autonomy at team claims: reactive → \(unset\)/);
  }, 120_000);

  it('engages a kill switch, shows it, and does not release it for the same person twice', () => {
    const erin = PASS.erin as string;
    const denied = airlock('bob', ['kill', 'engage', '--scope', 'team', '--id', 'claims'], [PASS.bob as string]);
    expect(denied.code).toBe(1);
    expect(denied.err).toMatch(/needs the approver or admin role/);
    expect(airlock('erin', ['kill', 'engage', '--scope', 'team', '--id', 'claims', '--reason', 'drill'], [erin]).out).toMatch(/ENGAGED the team kill switch for claims/);
    expect(airlock('erin', ['kill', 'release', '--scope', 'team', '--id', 'claims'], [erin, erin]).out).toMatch(/Still ENGAGED.*1 of 2: erin/);
    expect(airlock('erin', ['kill', 'release', '--scope', 'team', '--id', 'claims'], [erin, erin]).out).toMatch(/Still ENGAGED: erin already asked/);
    const status = airlock('erin', ['kill', 'status'], [erin]);
    expect(status.out).toMatch(/team\s+claims\s+erin\s+\S+\s+drill\s+erin/);
    expect(airlock('alice', ['kill', 'release', '--scope', 'team', '--id', 'claims'], [PASS.alice as string, PASS.alice as string]).out).toMatch(/RELEASED the team kill switch for claims \(by erin and alice\)/);
    expect(airlock('alice', ['kill', 'status'], [PASS.alice as string]).out).toMatch(/No kill switch is engaged/);
  }, 120_000);
});
