import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initAppliance, setFieldEncryptionRequirement } from '../../../main/appliance.ts';
import { open as aeadOpen, bindingAd } from '../../../main/data/aead.ts';
import { HKDF_PURPOSES, kekAd, signingAd } from '../../../main/data/hsm.ts';
import { readKeyStore } from '../../../main/data/keystore.ts';
import { runMigrations } from '../../../main/data/migrations.ts';
import { combineShares } from '../../../main/data/recovery-shares.ts';
import { PASS_ALICE, PASS_BOB, TEST_KDF, findInFiles, tempDir } from './helpers.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('nothing stored is in the clear', () => {
  it('no raw file (databases, WAL, SHM, key store, blobs, identity map, customer share) holds a marker, a passphrase or a key', async () => {
    const { dir, cleanup } = tempDir();
    const { dir: share, cleanup: cleanShare } = tempDir('airlock-share-');
    try {
      const { appliance, tenantId, recoveryShares } = await initAppliance({
        dir, tenant: 'acme', user: 'alice', passphrase: PASS_ALICE, kdf: TEST_KDF, recoveryShares: { threshold: 2, shares: 3 },
      });
      const t = await appliance.unlockTenant('acme', 'alice', PASS_ALICE);
      await t.addUser('bob', PASS_BOB);
      const marker = (kind: string) => `MARKER-${kind}-${randomBytes(8).toString('hex')}`;
      const markers: string[] = [];
      const plant = (kind: string) => {
        const m = marker(kind);
        markers.push(m);
        return m;
      };
      // 1. ordinary DB rows (protected by the database cipher alone)
      runMigrations(t.db, [{ version: 1, name: 'probe', up: 'CREATE TABLE probe (body TEXT NOT NULL) STRICT' }], 'test-probe');
      for (let i = 0; i < 50; i++) t.db.prepare('INSERT INTO probe (body) VALUES (?)').run(plant('row'));
      // 2. field-encrypted content, stored in a row as well
      setFieldEncryptionRequirement(t, true, 'HIPAA pack');
      runMigrations(t.db, [{ version: 1, name: 'reports', up: 'CREATE TABLE reports (id TEXT PRIMARY KEY, content BLOB NOT NULL) STRICT' }], 'test-reports');
      for (const type of ['report.content', 'report.summary', 'memory.content', 'graph.description', 'file.parsedContent'] as const) {
        t.db.prepare('INSERT INTO reports (id, content) VALUES (?, ?)').run(`${type}-1`, t.fieldEncryption.protect(type, `${type}-1`, plant('field')));
      }
      // 3. BYOS blobs, internal and customer folder
      t.blobs.put(utf8(plant('blob-internal').repeat(20)), 'text/plain');
      t.blobs.useCustomerFolder(share, 'test');
      t.blobs.put(utf8(plant('blob-share').repeat(20)), 'text/plain');
      // 4. identity map
      const cap = t.takeWriteBackCapability();
      cap.tokenize([plant('crm-id'), plant('crm-id')]);
      // 5. sealed audit payload
      t.envelope.sealForTenant('audit', utf8(plant('audit')));
      await t.rotateKeys();

      // Every key that exists for this tenant, recomputed from the root key (via the recovery shares).
      const root = await combineShares(recoveryShares!.slice(0, 2), tenantId);
      const keys: { label: string; key: Uint8Array }[] = [{ label: 'root', key: root }];
      for (const [name, info] of Object.entries(HKDF_PURPOSES)) keys.push({ label: name, key: hkdf(sha256, root, utf8(tenantId), utf8(info), 32) });
      const keyOf = (label: string) => keys.find((k) => k.label === label)!.key;
      const store = readKeyStore(join(dir, 'tenants', tenantId, 'keystore.json'));
      keys.push({ label: 'signing secret', key: aeadOpen(keyOf('signingWrap'), Buffer.from(store.signing.wrappedSecret, 'base64'), signingAd(tenantId))! });
      const keks = new Map<number, Uint8Array>();
      for (const v of store.kek.versions.filter((v) => v.wrapped)) {
        keks.set(v.version, aeadOpen(keyOf('kekWrap'), Buffer.from(v.wrapped!, 'base64'), kekAd(tenantId, v.version))!);
        keys.push({ label: `kek v${v.version}`, key: keks.get(v.version)! });
      }
      const deks = t.db.prepare('SELECT id, purpose, kek_version AS v, wrapped FROM data_keys').all() as { id: string; purpose: string; v: number; wrapped: Uint8Array }[];
      expect(deks.length).toBeGreaterThan(5);
      for (const d of deks) {
        const dek = aeadOpen(keks.get(d.v)!, d.wrapped, bindingAd({ tenant: tenantId, purpose: `dek:${d.purpose}`, version: d.v, item: d.id }));
        expect(dek, `DEK ${d.id} unwraps`).toBeDefined();
        keys.push({ label: `dek ${d.id}`, key: dek! });
      }
      for (const k of keys) expect(k.key, k.label).toHaveLength(32);
      expect(t.hsm.sqliteKeyHex()).toBe(Buffer.from(keyOf('sqlite')).toString('hex'));

      const needles = [
        ...markers.map((m) => ({ label: `marker ${m}`, bytes: utf8(m) })),
        ...[PASS_ALICE, PASS_BOB].map((p, i) => ({ label: `passphrase ${i}`, bytes: utf8(p) })),
        ...keys.flatMap((k) => [
          { label: `${k.label} raw`, bytes: k.key },
          { label: `${k.label} hex`, bytes: utf8(Buffer.from(k.key).toString('hex')) },
          { label: `${k.label} HEX`, bytes: utf8(Buffer.from(k.key).toString('hex').toUpperCase()) },
          { label: `${k.label} base64`, bytes: utf8(Buffer.from(k.key).toString('base64')) },
        ]),
      ];

      // Scan while the WAL files still exist (tenant and identity map open, nothing checkpointed by close).
      const tenantDir = join(dir, 'tenants', tenantId);
      for (const f of ['tenant.db-wal', 'identity-map.db-wal']) expect(statSync(join(tenantDir, f)).size, f).toBeGreaterThan(0);
      expect(findInFiles([dir, share], needles)).toEqual([]);

      // The scan is able to see what it looks for: a plain copy of a marker is found.
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(dir, 'canary.txt'), markers[0]!);
      expect(findInFiles([dir], needles)).toEqual([`${join(dir, 'canary.txt')}: marker ${markers[0]}`]);
      const { rmSync } = await import('node:fs');
      rmSync(join(dir, 'canary.txt'));

      // And after checkpoint + close.
      t.db.pragma('wal_checkpoint(TRUNCATE)');
      t.lock();
      appliance.close();
      expect(existsSync(join(tenantDir, 'tenant.db-wal'))).toBe(false);
      expect(findInFiles([dir, share], needles)).toEqual([]);
    } finally {
      cleanShare();
      cleanup();
    }
  }, 60_000);
});
