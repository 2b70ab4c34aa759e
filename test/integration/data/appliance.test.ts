import { copyFileSync, existsSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initAppliance, openAppliance, setFieldEncryptionRequirement, type Appliance, type UnlockedTenant } from '../../../main/appliance.ts';
import {
  BlobIntegrityError,
  BlobMissingError,
  CapabilityError,
  ContentIntegrityError,
  KeyStoreCorruptError,
  LastSlotError,
  RecoveryShareError,
  TenantDbCorruptError,
  TenantDbKeyError,
  TenantLockedError,
  TenantNotFoundError,
  UnknownUserError,
  UnlockAbortedError,
  UnlockBackoffError,
  WeakPassphraseError,
  WrappedKeyTamperedError,
  WrongPassphraseError,
  DataLayerError,
} from '../../../main/data/errors.ts';
import { PASS_ALICE, PASS_BOB, TEST_KDF, tempDir } from './helpers.ts';

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);

let dir: string;
let cleanup: () => void;
let appliance: Appliance;
let clock: number;
let tenantId: string;
let shares: string[];
const open: UnlockedTenant[] = [];

async function unlock(tenant = 'acme', user = 'alice', pass = PASS_ALICE, a = appliance): Promise<UnlockedTenant> {
  const t = await a.unlockTenant(tenant, user, pass);
  open.push(t);
  return t;
}

/** Fills a tenant with one of each kind of content and returns a verifier for all of it. */
function fill(t: UnlockedTenant): (u: UnlockedTenant) => void {
  setFieldEncryptionRequirement(t, true, 'test: HIPAA pack');
  const report = t.fieldEncryption.protect('report.content', 'rep-1', 'quarterly findings');
  const blob = t.blobs.put(bytes('blob body'), 'text/plain');
  const sealed = t.envelope.sealForTenant('audit-payload', bytes('sealed payload'));
  return (u) => {
    expect(u.fieldEncryption.reveal('report.content', 'rep-1', report)).toBe('quarterly findings');
    expect(text(u.blobs.get(blob.id))).toBe('blob body');
    expect(text(u.envelope.openForTenant('audit-payload', sealed))).toBe('sealed payload');
  };
}

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  clock = Date.parse('2030-01-01T00:00:00Z');
  const created = await initAppliance({ dir, tenant: 'acme', user: 'alice', passphrase: PASS_ALICE, kdf: TEST_KDF, now: () => clock, recoveryShares: { threshold: 2, shares: 3 } });
  appliance = created.appliance;
  tenantId = created.tenantId;
  shares = created.recoveryShares ?? [];
});

afterEach(() => {
  for (const t of open.splice(0)) t.lock();
  appliance.close();
  cleanup();
});

describe('appliance and tenants', () => {
  it('creates an appliance whose tenant unlocks, stores and reads back every kind of content, also after a restart', async () => {
    const t = await unlock();
    const verify = fill(t);
    verify(t);
    t.lock();
    appliance.close();
    appliance = openAppliance(dir, { kdf: TEST_KDF, now: () => clock });
    verify(await unlock());
  });

  it('refuses a second init in the same directory', async () => {
    await expect(initAppliance({ dir, tenant: 'other', user: 'alice', passphrase: PASS_ALICE, kdf: TEST_KDF })).rejects.toThrow(/already holds an Airlock appliance/);
  });

  it('refuses weak passphrases without echoing them', async () => {
    const { dir: d2, cleanup: c2 } = tempDir();
    try {
      for (const weak of ['short', 'aaaaaaaaaaaaaaaa', 'password1234', 'administrator', 'acme-tenant-1']) {
        const error = await initAppliance({ dir: d2, tenant: 'acme-tenant-1', user: 'alice', passphrase: weak, kdf: TEST_KDF }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WeakPassphraseError);
        expect((error as Error).message).not.toContain(weak);
      }
    } finally {
      c2();
    }
  });

  it('records the progress of an unlock as phases ending in ready', async () => {
    const phases: string[] = [];
    open.push(await appliance.unlockTenant('acme', 'alice', PASS_ALICE, { onProgress: (p) => phases.push(p.phase) }));
    expect(phases).toEqual(['checking', 'deriving-key', 'unwrapping-keys', 'opening-database', 'ready']);
  });

  it('honours an aborted signal and records nothing as a failure', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(appliance.unlockTenant('acme', 'alice', PASS_ALICE, { signal: controller.signal })).rejects.toBeInstanceOf(UnlockAbortedError);
    expect(appliance.unlockEvents().filter((e) => e.outcome !== 'success')).toHaveLength(0);
  });
});

describe('users and key slots', () => {
  it('adds a user who can unlock with their own passphrase, and removes them again', async () => {
    const t = await unlock();
    await t.addUser('bob', PASS_BOB);
    await unlock('acme', 'bob', PASS_BOB);
    await t.removeUser('bob');
    await expect(appliance.unlockTenant('acme', 'bob', PASS_BOB)).rejects.toBeInstanceOf(UnknownUserError);
  });

  it('refuses to remove the last key slot', async () => {
    const t = await unlock();
    await expect(t.removeUser('alice')).rejects.toBeInstanceOf(LastSlotError);
    await unlock();
  });

  it('recovers access from 2 of 3 shares by adding a slot, and rejects wrong or foreign shares', async () => {
    const t = await unlock();
    const verify = fill(t);
    t.lock();
    await appliance.recoverTenant('acme', [shares[0]!, shares[2]!], 'carol', PASS_BOB);
    verify(await unlock('acme', 'carol', PASS_BOB));
    await expect(appliance.recoverTenant('acme', [shares[0]!], 'dave', PASS_BOB)).rejects.toBeInstanceOf(RecoveryShareError);
    const typo = shares[1]!.replace(/:([0-9a-f])/, (_m, c: string) => `:${c === '0' ? '1' : '0'}`);
    await expect(appliance.recoverTenant('acme', [shares[0]!, typo], 'dave', PASS_BOB)).rejects.toBeInstanceOf(RecoveryShareError);
    const other = await appliance.addTenant('beta', 'bob', PASS_BOB, { threshold: 2, shares: 2 });
    await expect(appliance.recoverTenant('acme', other.recoveryShares!, 'dave', PASS_BOB)).rejects.toThrow(/different tenant/);
  });
});

describe('failures are typed, say what to do, and lose nothing committed', () => {
  it('wrong passphrase: typed error, exponential back-off that survives a restart, append-only event without the passphrase', async () => {
    const verify = fill(await unlock());
    for (const t of open.splice(0)) t.lock();
    const wrong = 'not the right passphrase at all';
    const first = await appliance.unlockTenant('acme', 'alice', wrong).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(WrongPassphraseError);
    expect((first as Error).message).toMatch(/try again/);
    expect((first as WrongPassphraseError).retryAfterMs).toBe(1000);
    // Even the right passphrase waits during the back-off, and the wait survives a restart.
    appliance.close();
    appliance = openAppliance(dir, { kdf: TEST_KDF, now: () => clock });
    await expect(appliance.unlockTenant('acme', 'alice', PASS_ALICE)).rejects.toBeInstanceOf(UnlockBackoffError);
    clock += 1000;
    const second = (await appliance.unlockTenant('acme', 'alice', wrong).catch((e: unknown) => e)) as WrongPassphraseError;
    expect(second.retryAfterMs).toBe(2000);
    clock += 2000;
    const third = (await appliance.unlockTenant('acme', 'alice', wrong).catch((e: unknown) => e)) as WrongPassphraseError;
    expect(third.retryAfterMs).toBe(4000);
    clock += 4000;
    verify(await unlock());
    const events = appliance.unlockEvents();
    expect(events.map((e) => e.outcome)).toEqual(['success', 'wrong-passphrase', 'refused-backoff', 'wrong-passphrase', 'wrong-passphrase', 'success']);
    const raw = readFileSync(join(dir, 'appliance.db'));
    const wal = existsSync(join(dir, 'appliance.db-wal')) ? readFileSync(join(dir, 'appliance.db-wal')) : Buffer.alloc(0);
    for (const pass of [wrong, PASS_ALICE]) expect(Buffer.concat([raw, wal]).includes(pass)).toBe(false);
  });

  it('keeps unlock events append-only in SQLite itself', async () => {
    const { Database } = await import('../../../main/data/sqlite.ts');
    await appliance.unlockTenant('acme', 'alice', 'not the right passphrase at all').catch(() => undefined);
    const db = new Database(join(dir, 'appliance.db'));
    try {
      expect(() => db.prepare('UPDATE unlock_events SET outcome = ?').run('success')).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM unlock_events').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('corrupted key store: typed error, and the store unlocks again once restored', async () => {
    const verify = fill(await unlock());
    for (const t of open.splice(0)) t.lock();
    const path = join(dir, 'tenants', tenantId, 'keystore.json');
    const good = readFileSync(path);
    writeFileSync(path, good.subarray(0, good.length / 2));
    const error = await appliance.unlockTenant('acme', 'alice', PASS_ALICE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyStoreCorruptError);
    expect((error as Error).message).toMatch(/Restore this file from your latest backup/);
    writeFileSync(path, good);
    verify(await unlock());
  });

  it('tampered wrapped keys (slot root key, signing key, KEK): typed WrappedKeyTamperedError, never a wrong-passphrase error', async () => {
    const verify = fill(await unlock());
    for (const t of open.splice(0)) t.lock();
    const path = join(dir, 'tenants', tenantId, 'keystore.json');
    const good = readFileSync(path, 'utf8');
    const flip = (b64: string) => {
      const buf = Buffer.from(b64, 'base64');
      buf[buf.length - 5]! ^= 0x01;
      return buf.toString('base64');
    };
    // The key store is JSON; the tamperings reach into it as an attacker editing the file would.
    type Raw = { slots: [{ wrappedRoot: string }]; signing: { wrappedSecret: string }; kek: { versions: [{ wrapped: string }] } };
    const tamperings: ((s: Raw) => void)[] = [
      (s) => (s.slots[0].wrappedRoot = flip(s.slots[0].wrappedRoot)),
      (s) => (s.signing.wrappedSecret = flip(s.signing.wrappedSecret)),
      (s) => (s.kek.versions[0].wrapped = flip(s.kek.versions[0].wrapped)),
    ];
    for (const tamper of tamperings) {
      const store = JSON.parse(good);
      tamper(store);
      writeFileSync(path, JSON.stringify(store));
      clock += 3_600_000; // past the back-off that the previous (recorded) failure started
      const error = await appliance.unlockTenant('acme', 'alice', PASS_ALICE).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrappedKeyTamperedError);
      expect((error as Error).message).toMatch(/Restore the key store from backup/);
    }
    writeFileSync(path, good);
    clock += 3_600_000;
    verify(await unlock());
  });

  it('truncated tenant database: typed error, the file is left untouched for restore', async () => {
    const t = await unlock();
    const verify = fill(t);
    for (let i = 0; i < 200; i++) t.fieldEncryption.protect('memory.content', `m${i}`, 'x'.repeat(500));
    t.lock();
    const dbPath = join(dir, 'tenants', tenantId, 'tenant.db');
    expect(existsSync(`${dbPath}-wal`)).toBe(false); // checkpointed on close
    const backup = readFileSync(dbPath);
    truncateSync(dbPath, Math.floor(backup.length / 2));
    const truncated = readFileSync(dbPath);
    const error = await appliance.unlockTenant('acme', 'alice', PASS_ALICE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantDbCorruptError);
    expect((error as Error).message).toMatch(/Restore it from your latest backup/);
    expect(readFileSync(dbPath).equals(truncated)).toBe(true);
    truncateSync(dbPath, 0);
    await expect(appliance.unlockTenant('acme', 'alice', PASS_ALICE)).rejects.toBeInstanceOf(TenantDbCorruptError);
    writeFileSync(dbPath, backup);
    verify(await unlock());
  });

  it('wrong tenant: unknown tenant names, users of another tenant and another tenant\'s database file are typed errors', async () => {
    const verifyA = fill(await unlock());
    for (const t of open.splice(0)) t.lock();
    await appliance.addTenant('beta', 'bob', PASS_BOB);
    await expect(appliance.unlockTenant('gamma', 'alice', PASS_ALICE)).rejects.toBeInstanceOf(TenantNotFoundError);
    await expect(appliance.unlockTenant('beta', 'alice', PASS_ALICE)).rejects.toBeInstanceOf(UnknownUserError);
    const betaId = appliance.tenants().find((t) => t.name === 'beta')!.id;
    const aPath = join(dir, 'tenants', tenantId, 'tenant.db');
    const aBackup = readFileSync(aPath);
    copyFileSync(join(dir, 'tenants', betaId, 'tenant.db'), aPath);
    const error = await appliance.unlockTenant('acme', 'alice', PASS_ALICE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantDbKeyError);
    expect((error as Error).message).toMatch(/belongs to another tenant/);
    // A key store moved under another tenant's folder is refused too.
    const betaStore = join(dir, 'tenants', betaId, 'keystore.json');
    const betaBackup = readFileSync(betaStore);
    copyFileSync(join(dir, 'tenants', tenantId, 'keystore.json'), betaStore);
    clock += 3_600_000; // past the back-off of the unknown-user attempt above
    await expect(appliance.unlockTenant('beta', 'alice', PASS_ALICE)).rejects.toThrow(/belongs to a different tenant/);
    writeFileSync(betaStore, betaBackup);
    writeFileSync(aPath, aBackup);
    verifyA(await unlock());
    await unlock('beta', 'bob', PASS_BOB);
  });

  it('missing or altered BYOS blob (customer folder): typed errors, the pointer is kept', async () => {
    const { dir: share, cleanup: cleanShare } = tempDir('airlock-share-');
    try {
      const t = await unlock();
      t.blobs.useCustomerFolder(share, 'test: customer share');
      const pointer = t.blobs.put(bytes('customer-owned document'), 'text/plain');
      expect(pointer.store).toBe('customer-folder');
      expect(pointer.syncStatus).toBe('synced');
      const file = join(share, `airlock-${tenantId}`, pointer.location);
      const good = readFileSync(file);
      good[good.length - 1]! ^= 1;
      writeFileSync(file, good);
      expect(() => t.blobs.get(pointer.id)).toThrow(BlobIntegrityError);
      good[good.length - 1]! ^= 1;
      writeFileSync(file, good);
      expect(text(t.blobs.get(pointer.id))).toBe('customer-owned document');
      rmSync(file);
      const error = (() => { try { t.blobs.get(pointer.id); } catch (e) { return e; } })();
      expect(error).toBeInstanceOf(BlobMissingError);
      expect((error as Error).message).toMatch(/check that it is mounted/);
      expect(t.blobs.pointer(pointer.id)?.sha256).toBe(pointer.sha256);
      writeFileSync(file, good);
      expect(text(t.blobs.get(pointer.id))).toBe('customer-owned document');
    } finally {
      cleanShare();
    }
  });

  it('a blob swapped for another blob of the same tenant fails its integrity check', async () => {
    const t = await unlock();
    const a = t.blobs.put(bytes('first'), 'text/plain');
    const b = t.blobs.put(bytes('second'), 'text/plain');
    const root = join(dir, 'tenants', tenantId, 'blobs');
    copyFileSync(join(root, b.location), join(root, a.location));
    expect(() => t.blobs.get(a.id)).toThrow(BlobIntegrityError);
  });

  it('every error of the data layer carries a code and a what-to-do sentence', async () => {
    const error = await appliance.unlockTenant('nope', 'alice', PASS_ALICE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataLayerError);
    expect((error as DataLayerError).code).toBe('TENANT_NOT_FOUND');
  });
});

describe('envelope and field encryption', () => {
  it('encrypts the governed content types only while required, never embeddings, and reads both forms', async () => {
    const t = await unlock();
    const before = t.fieldEncryption.protect('report.summary', 'r1', 'plain summary');
    expect(before[0]).toBe(0);
    setFieldEncryptionRequirement(t, true, 'HIPAA pack enabled');
    for (const type of ['report.content', 'report.summary', 'memory.content', 'graph.description', 'file.parsedContent'] as const) {
      const stored = t.fieldEncryption.protect(type, 'item-1', `secret ${type}`);
      expect(stored[0]).toBe(1);
      expect(Buffer.from(stored).includes(`secret ${type}`)).toBe(false);
      expect(t.fieldEncryption.reveal(type, 'item-1', stored)).toBe(`secret ${type}`);
    }
    expect(t.fieldEncryption.protect('memory.embedding', 'item-1', '[0.1,0.2]')[0]).toBe(0);
    expect(t.fieldEncryption.reveal('report.summary', 'r1', before)).toBe('plain summary');
    setFieldEncryptionRequirement(t, false, 'packs disabled');
    expect(t.fieldEncryption.protect('report.content', 'item-2', 'x')[0]).toBe(0);
  });

  it('binds content to its item and type: moving ciphertext to another item fails', async () => {
    const t = await unlock();
    setFieldEncryptionRequirement(t, true, 'GDPR');
    const stored = t.fieldEncryption.protect('memory.content', 'subject-a', 'about subject a');
    expect(() => t.fieldEncryption.reveal('memory.content', 'subject-b', stored)).toThrow(ContentIntegrityError);
    expect(() => t.fieldEncryption.reveal('report.content', 'subject-a', stored)).toThrow(ContentIntegrityError);
  });

  it('crypto-shreds one item without touching others', async () => {
    const t = await unlock();
    setFieldEncryptionRequirement(t, true, 'GDPR');
    const a = t.fieldEncryption.protect('memory.content', 'subject-a', 'a');
    const b = t.fieldEncryption.protect('memory.content', 'subject-b', 'b');
    expect(t.fieldEncryption.shredItem('subject-a')).toBe(1);
    expect(() => t.fieldEncryption.reveal('memory.content', 'subject-a', a)).toThrow(/crypto-shredded/);
    expect(t.fieldEncryption.reveal('memory.content', 'subject-b', b)).toBe('b');
  });

  it('rotates the KEK: re-wraps every DEK in place, retires the old version, content still decrypts', async () => {
    const t = await unlock();
    const verify = fill(t);
    const before = t.envelope.countByKekVersion();
    const result = await t.rotateKeys();
    expect(result.newVersion).toBe(2);
    expect(result.retiredVersions).toEqual([1]);
    expect(result.rewrapped).toBe([...before.values()].reduce((a, b) => a + b, 0));
    expect([...t.envelope.countByKekVersion().keys()]).toEqual([2]);
    verify(t);
    t.lock();
    verify(await unlock());
    expect(appliance.describeTenant('acme').keyVersions).toEqual([{ version: 1, state: 'retired' }, { version: 2, state: 'live' }]);
  });

  it('caps the recorded key versions', async () => {
    const t = await unlock();
    for (let i = 0; i < 20; i++) await t.rotateKeys();
    const versions = appliance.describeTenant('acme').keyVersions;
    expect(versions.length).toBeLessThanOrEqual(16);
    expect(versions.at(-1)).toEqual({ version: 21, state: 'live' });
  });
});

describe('HSM boundary', () => {
  it('signs with a key whose fingerprint `tenant show` reports, and hands the audit epoch-0 key out once', async () => {
    const { ed25519 } = await import('@noble/curves/ed25519.js');
    const { sha256 } = await import('@noble/hashes/sha2.js');
    const t = await unlock();
    const signer = t.hsm.auditSigner();
    const sig = signer.sign(bytes('checkpoint'));
    expect(ed25519.verify(sig, bytes('checkpoint'), signer.publicKey)).toBe(true);
    expect(Buffer.from(sha256(signer.publicKey)).toString('hex')).toBe(appliance.describeTenant('acme').signingKeyFingerprint);
    expect(appliance.describeTenant('acme').signingKeyFingerprint).toMatch(/^[0-9a-f]{64}$/);
    // The unlocked tenant took the epoch-0 key for its audit log; nobody gets it a second time.
    expect(() => t.hsm.deriveAuditEpochKey0()).toThrow(CapabilityError);
    expect((await t.verifyAudit()).macsVerified).toBeGreaterThan(0);
  });

  it('identity tokens are deterministic per tenant; the map is reachable only through the one write-back capability', async () => {
    const t = await unlock();
    await appliance.addTenant('beta', 'bob', PASS_BOB);
    const other = await unlock('beta', 'bob', PASS_BOB);
    expect(t.hsm.identityToken('crm-42')).toBe(t.hsm.identityToken('crm-42'));
    expect(t.hsm.identityToken('crm-42')).not.toBe(other.hsm.identityToken('crm-42'));
    const cap = t.takeWriteBackCapability();
    const [token] = cap.tokenize(['crm-42']);
    expect(token).toBe(t.hsm.identityToken('crm-42'));
    expect(cap.resolve([token!, 'tok_unknown']).get(token!)).toBe('crm-42');
    expect(() => t.takeWriteBackCapability()).toThrow(CapabilityError);
    // The tenant database key does not open the identity map.
    const { openEncryptedDb } = await import('../../../main/data/encrypted-db.ts');
    expect(() => openEncryptedDb(join(dir, 'tenants', tenantId, 'identity-map.db'), t.hsm.sqliteKeyHex())).toThrow(TenantDbKeyError);
  });

  it('zeroes keys on lock: every operation afterwards is refused', async () => {
    const t = await unlock();
    t.lock();
    expect(() => t.hsm.sign(bytes('x'))).toThrow(TenantLockedError);
    expect(() => t.hsm.sqliteKeyHex()).toThrow(TenantLockedError);
    expect(() => t.hsm.identityToken('x')).toThrow(TenantLockedError);
    await expect(t.rotateKeys()).rejects.toBeInstanceOf(TenantLockedError);
  });
});
