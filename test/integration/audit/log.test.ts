import { afterEach, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { AuditIntegrityError, AuditLog, AuditWriteError } from '../../../main/audit/log.ts';
import { verifyAuditDatabase } from '../../../main/audit/verify.ts';
import { REQUIRED_GATEWAY_STAGES } from '../../../main/audit/gateway-stages.ts';
import { entryMac, deriveNextEpochKey } from '../../../main/audit/hmac-epoch.ts';
import { decodeEntry } from '../../../main/audit/canonical.ts';
import { PAGE_CIPHERS } from '../../../main/data/encrypted-db.ts';
import { makeSigner, openEncryptedDb } from '../../unit/audit/fixtures.ts';
import { appendPreCall, fill, openLog, passingVerdicts, recordCall, TENANT, type OpenedLog } from './helpers.ts';

import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);
// By absolute path: tsconfig `paths` maps the package name to its .d.ts, which tsx applies at runtime.
const Sqlite = require(new URL('../../../node_modules/better-sqlite3-multiple-ciphers/lib/index.js', import.meta.url).pathname) as typeof BetterSqlite3;

const opened: OpenedLog[] = [];
function track(o: OpenedLog): OpenedLog {
  opened.push(o);
  return o;
}
afterEach(() => {
  for (const o of opened.splice(0)) if (o.db.open) o.db.close();
});

describe('AuditLog', () => {
  it('group-commits concurrent appends into one transaction and resolves each with its seq', async () => {
    const { log, db, epochZeroKey } = track(openLog());
    const before = log.commits;
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => log.append({ actor: 'u', action: 'a.b', subject: String(i) })));
    expect(log.commits - before).toBe(1);
    expect(results.map((r) => r.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(verifyAuditDatabase(db, { tenant: TENANT, epochZeroKey }).ok).toBe(true);
  });

  it('resolves an append only once another connection can read the committed entry', async () => {
    const { log, parts } = track(openLog());
    const other = openEncryptedDb(parts.file, parts.dbKeyHex);
    try {
      const seen: boolean[] = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          log.append({ actor: 'u', action: 'a.b', subject: String(i) }).then((r) => other.prepare('SELECT 1 FROM audit_entries WHERE seq = ?').get(r.seq) !== undefined),
        ),
      );
      expect(seen.every(Boolean)).toBe(true);
    } finally {
      other.close();
    }
  });

  it('fails closed: a failed write rejects every waiting append, records nothing, and the log recovers', async () => {
    const { log, db, epochZeroKey } = track(openLog());
    await fill(log, 3);
    const sizeBefore = log.size;
    db.exec("CREATE TEMP TRIGGER disk_full BEFORE INSERT ON audit_entries WHEN NEW.seq >= 5 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => log.append({ actor: 'u', action: 'a.b', subject: String(i) })));
    expect(outcomes.every((o) => o.status === 'rejected' && o.reason instanceof AuditWriteError)).toBe(true);
    expect((db.prepare('SELECT count(*) AS n FROM audit_entries').get() as { n: number }).n).toBe(sizeBefore);
    expect(log.size).toBe(sizeBefore);
    db.exec('DROP TRIGGER disk_full');
    await log.append({ actor: 'u', action: 'a.b' });
    expect(verifyAuditDatabase(db, { tenant: TENANT, epochZeroKey }).ok).toBe(true);
  });

  it('rejects appends when the database has gone away', async () => {
    const { log, db } = track(openLog());
    db.close();
    await expect(log.append({ actor: 'u', action: 'a.b' })).rejects.toBeInstanceOf(AuditWriteError);
  });

  it('rejects appends on a read-only connection', async () => {
    const { log, parts, db } = track(openLog());
    await log.close();
    db.close();
    const ro = new Sqlite(parts.file, { readonly: true });
    for (const pragma of PAGE_CIPHERS[0]?.pragmas ?? []) ro.pragma(pragma);
    ro.pragma(`key="x'${parts.dbKeyHex}'"`);
    try {
      const reopened = AuditLog.open({ db: ro, tenant: TENANT, signer: parts.signer, sealer: parts.sealer });
      await expect(reopened.append({ actor: 'u', action: 'a.b' })).rejects.toBeInstanceOf(AuditWriteError);
    } catch (error) {
      // Opening may already refuse (secure_delete / migrations need writes); either way nothing is recorded.
      expect((error as Error).message).toMatch(/readonly|read-only/i);
    } finally {
      ro.close();
    }
  });

  it('rejects a malformed event alone, without failing the others in its batch', async () => {
    const { log } = track(openLog());
    const [good, bad, reserved] = await Promise.allSettled([
      log.append({ actor: 'u', action: 'a.b' }),
      log.append({ actor: '\uD800', action: 'a.b' }),
      log.append({ actor: 'u', action: 'audit.epoch.rotate' }),
    ]);
    expect(good.status).toBe('fulfilled');
    expect(bad.status).toBe('rejected');
    expect(reserved.status).toBe('rejected');
  });

  it('refuses UPDATE and DELETE on the log and archive tables through SQLite triggers', async () => {
    const { log, db } = track(openLog());
    await fill(log, 3);
    for (const sql of [
      'UPDATE audit_entries SET leaf = x\'00\' WHERE seq = 1',
      'DELETE FROM audit_entries WHERE seq = 1',
      'DELETE FROM audit_checkpoints',
      'UPDATE audit_checkpoints SET note = \'x\'',
      'DELETE FROM audit_epochs',
      'DELETE FROM audit_signing_keys',
      'UPDATE audit_payloads SET sealed = x\'00\'',
      'DELETE FROM audit_head',
    ]) {
      expect(() => db.exec(sql), sql).toThrow(/append-only|cannot be/);
    }
    db.prepare("INSERT INTO audit_archive (time_ms, tree_size, manifest_sha256, checkpoint_note) VALUES (1, 1, 'x', 'y')").run();
    expect(() => db.exec('DELETE FROM audit_archive')).toThrow(/append-only/);
    expect(() => db.exec("UPDATE audit_archive SET tree_size = 2")).toThrow(/append-only/);
  });

  it('survives a restart: the sealed epoch key, chain and tree continue where they stopped', async () => {
    const first = track(openLog({ epochPolicy: { maxEntries: 4 } }));
    await fill(first.log, 6);
    const epoch = first.log.epoch;
    expect(epoch).toBeGreaterThan(0);
    await first.log.close();
    const again = AuditLog.open({ db: first.db, tenant: TENANT, signer: first.parts.signer, sealer: first.parts.sealer, epochPolicy: { maxEntries: 4 } });
    expect(again.epoch).toBe(epoch);
    await fill(again, 6);
    expect(verifyAuditDatabase(first.db, { tenant: TENANT, epochZeroKey: first.epochZeroKey }).ok).toBe(true);
  });

  it('refuses to open with a signer that is not the log\'s current key, or for another tenant', async () => {
    const { log, db, parts } = track(openLog());
    await log.close();
    expect(() => AuditLog.open({ db, tenant: TENANT, signer: makeSigner(), sealer: parts.sealer })).toThrow(AuditIntegrityError);
    expect(() => AuditLog.open({ db, tenant: 'other', signer: parts.signer, sealer: parts.sealer })).toThrow(AuditIntegrityError);
  });

  it('rotates epochs by count with a recorded rotation entry and a signed epoch-close checkpoint', async () => {
    const { log, db, epochZeroKey } = track(openLog({ epochPolicy: { maxEntries: 5 } }));
    await fill(log, 12);
    const rotations = (db.prepare('SELECT leaf FROM audit_entries ORDER BY seq').all() as { leaf: Uint8Array }[])
      .map((r) => decodeEntry(r.leaf))
      .filter((e) => e.action === 'audit.epoch.rotate');
    expect(rotations.map((e) => e.seq)).toEqual([4, 9, 14]);
    expect(db.prepare("SELECT size FROM audit_checkpoints WHERE reason = 'epoch-close' ORDER BY size").all()).toEqual([{ size: 5 }, { size: 10 }, { size: 15 }]);
    const result = verifyAuditDatabase(db, { tenant: TENANT, epochZeroKey });
    expect(result.ok).toBe(true);
    expect(result.macsVerified).toBe(log.size);
  });

  it('rotates epochs by time', async () => {
    let now = 1_000_000;
    const { log, db } = track(openLog({ clock: () => now, epochPolicy: { maxAgeMs: 1000 } }));
    await log.append({ actor: 'u', action: 'a.b' });
    now += 1500;
    await log.append({ actor: 'u', action: 'a.b' });
    expect(log.epoch).toBe(1);
    const actions = (db.prepare('SELECT leaf FROM audit_entries ORDER BY seq').all() as { leaf: Uint8Array }[]).map((r) => decodeEntry(r.leaf).action);
    expect(actions).toEqual(['audit.log.create', 'a.b', 'audit.epoch.rotate', 'a.b']);
  });

  it('forward security: the stored (current) epoch key cannot MAC an earlier epoch\'s entry', async () => {
    const { log, db, parts, epochZeroKey } = track(openLog({ epochPolicy: { maxEntries: 3 } }));
    await fill(log, 4);
    const stored = db.prepare('SELECT epoch, sealed FROM audit_epoch_key').get() as { epoch: number; sealed: Uint8Array };
    expect(stored.epoch).toBeGreaterThan(0);
    const currentKey = parts.sealer.open(stored.sealed);
    const first = db.prepare('SELECT leaf, mac FROM audit_entries WHERE seq = 1').get() as { leaf: Uint8Array; mac: Uint8Array };
    expect(Buffer.from(entryMac(currentKey, first.leaf)).equals(Buffer.from(first.mac))).toBe(false);
    // The epoch-0 key (which only the verifier holds) does produce it.
    expect(Buffer.from(entryMac(epochZeroKey, first.leaf)).equals(Buffer.from(first.mac))).toBe(true);
    // And the current key is the HKDF evolution, not a copy.
    expect(Buffer.from(currentKey).equals(Buffer.from(deriveNextEpochKey(epochZeroKey, 0)))).toBe(stored.epoch === 1);
  });

  it('rotates the signing key with a rotation entry signed by both keys; checkpoints after it use the new key', async () => {
    const { log, db, epochZeroKey } = track(openLog());
    const next = makeSigner();
    await fill(log, 3);
    await log.rotateSigningKey(next, 'admin@acme');
    await fill(log, 3);
    const result = verifyAuditDatabase(db, { tenant: TENANT, epochZeroKey, expectedFingerprint: log.fingerprint });
    expect(result.ok).toBe(true);
    expect(result.signingKeys).toHaveLength(2);
    expect(Buffer.from(log.publicKey).equals(Buffer.from(next.publicKey))).toBe(true);
  });

  it('records gateway calls and flags one that skipped or reordered a required stage', async () => {
    const { log, db } = track(openLog());
    // As the gateway records a call: its pre-call entry (stage 5), then the record naming it (stage 10).
    await recordCall(log, 'c1');
    expect(verifyAuditDatabase(db, { tenant: TENANT }).gatewayCallsVerified).toBe(1);
    const skipped = REQUIRED_GATEWAY_STAGES.filter((s) => s !== 'pii-redaction');
    const preSeq = await appendPreCall(log, 'c2', passingVerdicts());
    const { seq } = await log.recordGatewayCall({ actor: 'agent', subject: 'c2', outcome: 'ok', pipelineHash: 'cd'.repeat(32), stages: skipped, fields: { preCallSeq: String(preSeq) } });
    const result = verifyAuditDatabase(db, { tenant: TENANT });
    expect(result.failure).toMatchObject({ seq, kind: 'incomplete-pipeline' });
    expect(result.failure?.message).toContain('pii-redaction');
    await expect(log.recordGatewayCall({ actor: 'a', subject: 's', outcome: 'ok', pipelineHash: 'nothex', stages: [] })).rejects.toThrow(RangeError);
  });

  it('stores payloads sealed, and a crypto-shred drops the content but keeps the proof', async () => {
    const { log, db, parts, epochZeroKey } = track(openLog());
    const { seq } = await log.append({ actor: 'u', action: 'note.write', payload: 'secret clinical note' });
    const raw = db.prepare('SELECT sealed FROM audit_payloads WHERE seq = ?').get(seq) as { sealed: Uint8Array };
    expect(Buffer.from(raw.sealed).includes(Buffer.from('secret clinical note'))).toBe(false);
    expect(Buffer.from(log.readPayload(seq) as Uint8Array).toString()).toBe('secret clinical note');
    await log.shredPayload(seq, 'dpo@acme');
    expect(log.readPayload(seq)).toBeNull();
    expect(parts.sealer).toBeDefined();
    expect(verifyAuditDatabase(db, { tenant: TENANT, epochZeroKey }).ok).toBe(true);
  });

  it('two writers on one database take turns: each picks up the head the other signed', async () => {
    const { log, db, parts, epochZeroKey } = track(openLog());
    const otherDb = openEncryptedDb(parts.file, parts.dbKeyHex);
    try {
      const other = AuditLog.open({ db: otherDb, tenant: TENANT, signer: parts.signer, sealer: parts.sealer });
      const count = (): number => (db.prepare('SELECT count(*) AS n FROM audit_entries').get() as { n: number }).n;
      const before = count();
      const seqs: number[] = [];
      for (let i = 0; i < 6; i++) {
        seqs.push((await log.append({ actor: 'u', action: 'a.b', subject: `first ${i}` })).seq);
        seqs.push((await other.append({ actor: 'u', action: 'a.b', subject: `second ${i}`, payload: 'sealed' })).seq);
      }
      expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => before + i));
      expect(count()).toBe(before + 12);
      expect(other.size).toBe(before + 12);
      expect(verifyAuditDatabase(db, { tenant: TENANT, epochZeroKey }).ok).toBe(true);
    } finally {
      otherDb.close();
    }
  });

  it('never signs a head inconsistent with the stored one', async () => {
    const { log, db } = track(openLog());
    await fill(log, 4);
    // Corrupt the stored head's compact range (as a bug or an attacker might).
    const head = db.prepare('SELECT compact_range FROM audit_head').get() as { compact_range: Buffer };
    const bad = Buffer.from(head.compact_range);
    bad[bad.length - 1]! ^= 1;
    db.prepare('UPDATE audit_head SET compact_range = ?').run(bad);
    await expect(log.append({ actor: 'u', action: 'a.b' })).rejects.toThrow(/not consistent|does not match/);
  });
});
