/**
 * Verifies a tenant's log in the database, streaming rows in seq order (constant memory):
 * chain, tree roots against every stored checkpoint and the signed head, checkpoint signatures
 * along the signing-key chain, and — when given the epoch-0 key — every entry's MAC.
 */
import type { Database } from 'better-sqlite3';
import { parseSignedCheckpoint, type SignedCheckpoint } from './checkpoint.ts';
import { LogVerifier, type VerificationResult } from './stream-verifier.ts';

export interface VerifyDatabaseOptions {
  readonly tenant: string;
  /** Replays HMAC key evolution from this key; MACs are skipped (with a note) without it. */
  readonly epochZeroKey?: Uint8Array;
  /** When given, the log's first signing key must have this SHA-256 hex fingerprint. */
  readonly expectedFingerprint?: string;
  /**
   * Opens the stored payload of `seq` (null when there is none). When given, every gateway call's
   * pipeline hash is recomputed from the stage verdicts in its payload.
   */
  readonly openPayload?: (seq: number) => Uint8Array | null;
}

function hasTable(db: Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

export function verifyAuditDatabase(db: Database, options: VerifyDatabaseOptions): VerificationResult {
  const checkpoints: SignedCheckpoint[] = [];
  const unreadable: string[] = [];
  if (hasTable(db, 'audit_checkpoints')) {
    for (const row of db.prepare('SELECT size, note FROM audit_checkpoints ORDER BY size').iterate() as Iterable<{ size: number; note: string }>) {
      try {
        const c = parseSignedCheckpoint(row.note);
        if (c.size !== row.size) unreadable.push(`checkpoint row ${row.size} holds a note of size ${c.size}`);
        checkpoints.push(c);
      } catch {
        unreadable.push(`checkpoint row ${row.size} is not a signed checkpoint`);
      }
    }
  }
  let hasHead = false;
  if (hasTable(db, 'audit_head')) {
    const head = db.prepare('SELECT note FROM audit_head WHERE id = 1').get() as { note: string } | undefined;
    if (head) {
      hasHead = true;
      try {
        checkpoints.push(parseSignedCheckpoint(head.note));
      } catch {
        unreadable.push('the signed head is not a signed checkpoint');
      }
    }
  }
  const hasEntries = hasTable(db, 'audit_entries');
  const rowCount = hasEntries ? (db.prepare('SELECT count(*) AS n FROM audit_entries').get() as { n: number }).n : 0;
  const verifier = new LogVerifier({
    tenant: options.tenant,
    checkpoints,
    rowCount,
    ...(options.epochZeroKey ? { epochZeroKey: options.epochZeroKey } : {}),
    ...(options.expectedFingerprint ? { expectedFingerprint: options.expectedFingerprint } : {}),
  });
  if (unreadable.length > 0) verifier.fail(0, 'bad-signature', unreadable.join('; '));
  if (rowCount > 0 && !hasHead) verifier.fail(0, 'truncated', 'the log has entries but its signed head is gone');
  if (hasEntries) {
    const rows = db.prepare('SELECT seq, leaf, mac, chain_hash FROM audit_entries ORDER BY seq').iterate() as IterableIterator<{
      seq: number;
      leaf: Uint8Array;
      mac: Uint8Array;
      chain_hash: Uint8Array;
    }>;
    const { openPayload } = options;
    for (const row of rows) {
      const stored = { leaf: row.leaf, mac: row.mac, chainHash: row.chain_hash, rowSeq: row.seq };
      if (!verifier.push(openPayload ? { ...stored, payload: () => openPayload(row.seq) } : stored)) {
        rows.return?.();
        break;
      }
    }
  }
  return verifier.finish();
}
