import { describe, expect, it } from 'vitest';
import { utf8 } from '../../../main/data/bytes.ts';
import { createSlot } from '../../../main/data/key-slots.ts';
import type { KeyStore } from '../../../main/data/keystore.ts';
import { StepUpBackoff } from '../../../main/governance/errors.ts';
import { Database } from '../../../main/data/sqlite.ts';
import { migrateGovernance } from '../../../main/governance/schema.ts';
import { KeySlotStepUp, SqliteStepUpFailures } from '../../../main/governance/step-up.ts';

const KDF = { alg: 'scrypt', N: 2 ** 10, r: 8, p: 1, dkLen: 32 } as const;
const TENANT = `tn_${'ab'.repeat(16)}`;

async function store(): Promise<KeyStore> {
  const root = new Uint8Array(32).fill(7);
  const slot = await createSlot(TENANT, 'erin', root, utf8('erin quiet harbour lantern 31'), KDF);
  return { tenantId: TENANT, slots: [slot] } as unknown as KeyStore;
}

describe('step-up over real key slots', () => {
  it('accepts the slot passphrase, refuses others and unknown users', async () => {
    const s = await store();
    const stepUp = new KeySlotStepUp(() => s);
    expect(await stepUp.verify('erin', 'erin quiet harbour lantern 31')).toBe(true);
    expect(await stepUp.verify('erin', 'erin quiet harbour lantern 32')).toBe(false);
    expect(await stepUp.verify('mallory', 'erin quiet harbour lantern 31')).toBe(false);
  });

  it('backs off after three failures in a row, doubling, and resets on success', async () => {
    const s = await store();
    let now = 0;
    const stepUp = new KeySlotStepUp(() => s, () => now);
    for (let i = 0; i < 3; i++) expect(await stepUp.verify('erin', 'wrong one 1234567')).toBe(false);
    await expect(stepUp.verify('erin', 'erin quiet harbour lantern 31')).rejects.toThrow(StepUpBackoff);
    now += 1_000;
    expect(await stepUp.verify('erin', 'wrong one 1234567')).toBe(false);
    now += 1_999;
    await expect(stepUp.verify('erin', 'erin quiet harbour lantern 31')).rejects.toThrow(/Wait 1 s/);
    now += 1;
    expect(await stepUp.verify('erin', 'erin quiet harbour lantern 31')).toBe(true);
    expect(await stepUp.verify('erin', 'wrong one 1234567')).toBe(false); // count restarted: no wait
    expect(await stepUp.verify('erin', 'erin quiet harbour lantern 31')).toBe(true);
  });

  it('keeps the back-off in the tenant database: a restart (a new verifier on the same database) does not reset it', async () => {
    const s = await store();
    const db = new Database(':memory:');
    migrateGovernance(db);
    let now = 0;
    const before = new KeySlotStepUp(() => s, () => now, new SqliteStepUpFailures(db));
    for (let i = 0; i < 3; i++) expect(await before.verify('erin', 'wrong one 1234567')).toBe(false);
    const afterRestart = new KeySlotStepUp(() => s, () => now, new SqliteStepUpFailures(db));
    await expect(afterRestart.verify('erin', 'erin quiet harbour lantern 31')).rejects.toThrow(StepUpBackoff);
    now += 1_000;
    expect(await afterRestart.verify('erin', 'erin quiet harbour lantern 31')).toBe(true);
    expect(db.prepare('SELECT count(*) AS n FROM gov_step_up_failures').get()).toEqual({ n: 0 }); // a success clears it
    db.close();
  });

  it('counts an attempt before its KDF runs, so attempts in parallel cannot slip past the back-off', async () => {
    const s = await store();
    const db = new Database(':memory:');
    migrateGovernance(db);
    const stepUp = new KeySlotStepUp(() => s, () => 0, new SqliteStepUpFailures(db));
    for (let i = 0; i < 2; i++) expect(await stepUp.verify('erin', 'wrong one 1234567')).toBe(false);
    // The third attempt is the last free one; of six started together only it reaches the KDF.
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => stepUp.verify('erin', 'wrong guess 7654321')));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof StepUpBackoff)).toHaveLength(5);
    expect(db.prepare('SELECT failures FROM gov_step_up_failures WHERE user = ?').get('erin')).toEqual({ failures: 3 });
    db.close();
  });
});
