/**
 * An attacker holding the database key (not the epoch key): drops the append-only triggers,
 * then modifies, deletes, inserts, reorders or truncates entries. Every single such change must
 * be detected, naming the first bad seq; an untouched log must always verify.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Database } from 'better-sqlite3';
import { decodeEntry, encodeEntry } from '../../../main/audit/canonical.ts';
import { chainHash } from '../../../main/audit/chain.ts';
import { verifyAuditDatabase } from '../../../main/audit/verify.ts';
import { APPEND_ONLY } from '../../../main/audit/schema.ts';
import type { FailureKind } from '../../../main/audit/stream-verifier.ts';
import { fill, openLog, TENANT } from './helpers.ts';

type Row = { seq: number; leaf: Buffer; mac: Buffer; chain_hash: Buffer };

function dropTriggers(db: Database): void {
  for (const t of APPEND_ONLY) db.exec(`DROP TRIGGER IF EXISTS ${t}_no_update; DROP TRIGGER IF EXISTS ${t}_no_delete;`);
}

function rewrite(db: Database, rows: Row[]): void {
  db.transaction(() => {
    db.exec('DELETE FROM audit_entries');
    const ins = db.prepare('INSERT INTO audit_entries (seq, leaf, mac, chain_hash) VALUES (?, ?, ?, ?)');
    for (const r of rows) ins.run(r.seq, r.leaf, r.mac, r.chain_hash);
  })();
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('edit-field' as const), at: fc.nat(), outcome: fc.string({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('flip-leaf' as const), at: fc.nat(), byte: fc.nat(), bit: fc.nat(7) }),
  fc.record({ kind: fc.constant('flip-mac' as const), at: fc.nat(), byte: fc.nat(31) }),
  fc.record({ kind: fc.constant('flip-chain' as const), at: fc.nat(), byte: fc.nat(31) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

describe('tampering with the database is detected and located', () => {
  it('detects every single modification, deletion, insertion, reorder or truncation (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 14 }), fc.boolean(), mutation, async (events, rotate, m) => {
        const { db, log, epochZeroKey } = openLog({ epochPolicy: { maxEntries: 4 } });
        try {
          await fill(log, events, rotate ? { rotateKeyAt: 1 } : {});
          expect(verifyAuditDatabase(db, { tenant: TENANT, epochZeroKey }).ok).toBe(true);
          dropTriggers(db);
          const rows = db.prepare('SELECT seq, leaf, mac, chain_hash FROM audit_entries ORDER BY seq').all() as Row[];
          const n = rows.length;
          const i = m.at % n;
          let expected: { seq: number; kinds: FailureKind[] };
          switch (m.kind) {
            case 'edit-field': {
              const e = decodeEntry(rows[i]!.leaf);
              const outcome = e.outcome === m.outcome ? `${m.outcome}!` : m.outcome;
              rows[i]!.leaf = Buffer.from(encodeEntry({ ...e, outcome }));
              expected = { seq: i, kinds: ['bad-mac'] };
              break;
            }
            case 'flip-leaf': {
              const leaf = Buffer.from(rows[i]!.leaf);
              leaf[m.byte % leaf.length]! ^= 1 << m.bit;
              rows[i]!.leaf = leaf;
              expected = { seq: i, kinds: ['altered', 'bad-mac', 'reordered'] };
              break;
            }
            case 'flip-mac':
              rows[i]!.mac = Buffer.from(rows[i]!.mac);
              rows[i]!.mac[m.byte]! ^= 1;
              expected = { seq: i, kinds: ['bad-mac'] };
              break;
            case 'flip-chain':
              rows[i]!.chain_hash = Buffer.from(rows[i]!.chain_hash);
              rows[i]!.chain_hash[m.byte]! ^= 1;
              expected = { seq: i, kinds: ['altered'] };
              break;
            case 'delete':
              rows.splice(i, 1);
              expected = { seq: i, kinds: i === n - 1 ? ['truncated'] : ['missing'] };
              break;
            case 'insert': {
              // A forged, correctly chained entry at position i; later entries renumbered.
              const prev = i === 0 ? new Uint8Array(32) : rows[i - 1]!.chain_hash;
              const model = decodeEntry(rows[Math.max(i - 1, 0)]!.leaf);
              const leaf = Buffer.from(encodeEntry({ ...model, seq: i, action: 'record.delete', prevChainHash: prev }));
              const forged: Row = { seq: i, leaf, mac: Buffer.alloc(32, 7), chain_hash: Buffer.from(chainHash(prev, leaf)) };
              for (const r of rows.slice(i)) r.seq += 1;
              rows.splice(i, 0, forged);
              expected = { seq: i, kinds: ['bad-mac', 'altered'] };
              break;
            }
            case 'swap': {
              let j = m.other % n;
              if (j === i) j = (i + 1) % n;
              const [a, b] = i < j ? [i, j] : [j, i];
              const ra = rows[a]!;
              const rb = rows[b]!;
              rows[a] = { ...rb, seq: a };
              rows[b] = { ...ra, seq: b };
              expected = { seq: a, kinds: ['reordered'] };
              break;
            }
            case 'truncate':
              rows.splice(i);
              expected = { seq: i, kinds: ['truncated'] };
              break;
          }
          rewrite(db, rows);
          const result = verifyAuditDatabase(db, { tenant: TENANT, epochZeroKey });
          expect(result.ok, m.kind).toBe(false);
          expect(result.failure?.seq, `${m.kind}: ${result.failure?.message}`).toBe(expected.seq);
          expect(expected.kinds, `${m.kind}: ${result.failure?.message}`).toContain(result.failure?.kind);
        } finally {
          db.close();
        }
      }),
      { numRuns: 80 },
    );
  }, 120_000);

  it('without the epoch key, still detects and locates edits that leave the stored chain hash alone', async () => {
    const { db, log } = openLog();
    try {
      await fill(log, 6);
      dropTriggers(db);
      const row = db.prepare('SELECT leaf FROM audit_entries WHERE seq = 3').get() as { leaf: Buffer };
      const e = decodeEntry(row.leaf);
      db.prepare('UPDATE audit_entries SET leaf = ? WHERE seq = 3').run(Buffer.from(encodeEntry({ ...e, actor: 'someone-else' })));
      const result = verifyAuditDatabase(db, { tenant: TENANT });
      expect(result.failure).toMatchObject({ seq: 3, kind: 'altered' });
      expect(result.notes.join()).toMatch(/MACs not checked/);
    } finally {
      db.close();
    }
  });

  it('detects a forged checkpoint signature and a truncation hidden by deleting the head', async () => {
    const { db, log, epochZeroKey } = openLog();
    try {
      await fill(log, 5);
      dropTriggers(db);
      db.exec('DROP TRIGGER audit_head_no_delete');
      const note = (db.prepare('SELECT note FROM audit_checkpoints WHERE size = 1').get() as { note: string }).note;
      const sigStart = note.lastIndexOf(' ') + 1;
      const forged = note.slice(0, sigStart) + (note[sigStart] === 'A' ? 'B' : 'A') + note.slice(sigStart + 1);
      db.prepare('UPDATE audit_checkpoints SET note = ? WHERE size = 1').run(forged);
      expect(verifyAuditDatabase(db, { tenant: TENANT, epochZeroKey }).failure?.kind).toMatch(/bad-signature/);
      db.prepare('UPDATE audit_checkpoints SET note = ? WHERE size = 1').run(note);
      db.exec('DELETE FROM audit_entries WHERE seq >= 4; DELETE FROM audit_head');
      const result = verifyAuditDatabase(db, { tenant: TENANT, epochZeroKey });
      expect(result.ok).toBe(false);
      expect(result.failure?.kind).toMatch(/truncated|inserted/);
    } finally {
      db.close();
    }
  });

  it('reopening does not rescan the log: a deleted middle entry still opens, later appends verify up to it, and the verifier names the gap', async () => {
    const { db, log, epochZeroKey, parts } = openLog();
    await fill(log, 8);
    const size = log.size;
    await log.close();
    dropTriggers(db);
    db.exec('DELETE FROM audit_entries WHERE seq = 3');
    db.close();
    // The size comes from the last seq and the signed head, which both still agree.
    const again = openLog({ epochZeroKey: undefined }, parts);
    try {
      expect(again.log.size).toBe(size);
      await again.log.append({ actor: 'ann', action: 'record.view', subject: 'after', outcome: 'ok' });
      const result = verifyAuditDatabase(again.db, { tenant: TENANT, epochZeroKey });
      expect(result.ok).toBe(false);
      expect(result.failure?.seq).toBe(3);
    } finally {
      await again.log.close();
      again.db.close();
    }
  });
});
