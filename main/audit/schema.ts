/**
 * The audit tables and their versioned migrations. The audit layer keeps its own version
 * (audit_meta.schema_version) so it never contends with the data layer for PRAGMA user_version.
 * Append-only is enforced by SQLite itself: triggers RAISE on UPDATE and DELETE.
 */
import type { Database } from 'better-sqlite3';

const APPEND_ONLY_TABLES = ['audit_entries', 'audit_checkpoints', 'audit_epochs', 'audit_signing_keys', 'audit_archive'];

function appendOnlyTriggers(table: string): string {
  return `
    CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;
    CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;`;
}

/** Migration n brings the schema from version n to n + 1. Never edit one that has shipped. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE audit_entries (
    seq INTEGER PRIMARY KEY,
    leaf BLOB NOT NULL,
    mac BLOB NOT NULL,
    chain_hash BLOB NOT NULL
  );
  -- Sealed payloads; a crypto-shred deletes the row and the leaf keeps the digest.
  CREATE TABLE audit_payloads (seq INTEGER PRIMARY KEY, sealed BLOB NOT NULL);
  CREATE TABLE audit_checkpoints (
    size INTEGER PRIMARY KEY,
    note TEXT NOT NULL,
    compact_range BLOB NOT NULL,
    reason TEXT NOT NULL,
    time_ms INTEGER NOT NULL
  );
  CREATE TABLE audit_epochs (epoch INTEGER PRIMARY KEY, first_seq INTEGER NOT NULL, started_ms INTEGER NOT NULL);
  CREATE TABLE audit_signing_keys (seq INTEGER PRIMARY KEY, public_key BLOB NOT NULL);
  CREATE TABLE audit_archive (
    id INTEGER PRIMARY KEY,
    time_ms INTEGER NOT NULL,
    tree_size INTEGER NOT NULL,
    manifest_sha256 TEXT NOT NULL,
    checkpoint_note TEXT NOT NULL
  );
  -- The latest signed tree head, rewritten by every commit so truncation is always detectable.
  CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    size INTEGER NOT NULL,
    note TEXT NOT NULL,
    compact_range BLOB NOT NULL
  );
  -- The current epoch key, sealed; overwritten (secure_delete) at every epoch rotation.
  CREATE TABLE audit_epoch_key (id INTEGER PRIMARY KEY CHECK (id = 1), epoch INTEGER NOT NULL, sealed BLOB NOT NULL);
  ${APPEND_ONLY_TABLES.map(appendOnlyTriggers).join('\n')}
  CREATE TRIGGER audit_payloads_no_update BEFORE UPDATE ON audit_payloads
    BEGIN SELECT RAISE(ABORT, 'audit_payloads cannot be rewritten, only shredded'); END;
  CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
    BEGIN SELECT RAISE(ABORT, 'audit_head cannot be deleted'); END;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export class AuditSchemaError extends Error {
  override readonly name = 'AuditSchemaError';
}

/** Brings the audit schema up to date in one transaction per migration. Idempotent. */
export function migrate(db: Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS audit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID');
  const read = (): number => {
    const row = db.prepare("SELECT value FROM audit_meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
    return row ? Number(row.value) : 0;
  };
  let version = read();
  if (version > SCHEMA_VERSION) {
    throw new AuditSchemaError(`audit schema version ${version} is newer than this Airlock (${SCHEMA_VERSION}); upgrade Airlock`);
  }
  while (version < SCHEMA_VERSION) {
    const from = version;
    db.transaction(() => {
      db.exec(MIGRATIONS[from] as string);
      db.prepare("INSERT INTO audit_meta (key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
        String(from + 1),
      );
    })();
    version = read();
  }
  return version;
}

export const APPEND_ONLY = APPEND_ONLY_TABLES;
