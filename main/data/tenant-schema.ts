/** The data layer's own tables in each tenant database (migration namespace `data`). */
import type { Migration } from './migrations.ts';

export const DATA_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'settings, data keys, blob pointers',
    up: `
      CREATE TABLE tenant_settings (
        key TEXT PRIMARY KEY, value TEXT NOT NULL, reason TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;
      CREATE TABLE data_keys (
        id TEXT PRIMARY KEY, purpose TEXT NOT NULL, subject TEXT,
        kek_version INTEGER NOT NULL, wrapped BLOB NOT NULL, created_at TEXT NOT NULL) STRICT;
      CREATE UNIQUE INDEX data_keys_by_subject ON data_keys (purpose, subject) WHERE subject IS NOT NULL;
      CREATE INDEX data_keys_by_version ON data_keys (kek_version);
      CREATE TABLE blob_pointers (
        id TEXT PRIMARY KEY,
        store TEXT NOT NULL CHECK (store IN ('internal', 'customer-folder')),
        store_root TEXT,
        location TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        cipher_sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        sync_status TEXT NOT NULL CHECK (sync_status IN ('pending', 'synced')),
        dek_id TEXT REFERENCES data_keys (id) ON DELETE SET NULL,
        content_type TEXT NOT NULL,
        created_at TEXT NOT NULL) STRICT;`,
  },
];
