/**
 * Identity separation (reference 000: "the CRM ID mapping lives in a separate restricted table; only
 * the write-back task can read it"). Agents only ever see deterministic keyed tokens; the token →
 * external ID map is a separate encrypted database whose key exists only inside this capability,
 * which the HSM issues once per unlock (see TenantHsm.issueWriteBackCapability).
 */
import type { Database } from './sqlite.ts';
import { toHex, wipe } from './bytes.ts';
import { openEncryptedDb } from './encrypted-db.ts';
import { TenantLockedError } from './errors.ts';
import { runMigrations, type Migration } from './migrations.ts';

const IDENTITY_MAP_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'identity map',
    up: `CREATE TABLE identity_map (token TEXT PRIMARY KEY, external_id TEXT NOT NULL, first_seen TEXT NOT NULL) STRICT;`,
  },
];

export class WriteBackCapability {
  readonly #path: string;
  #key: Uint8Array | undefined;
  readonly #token: (externalId: string) => string;
  #db: Database | undefined;

  /** Constructed only by the HSM, which hands over the map key and keeps no copy. */
  constructor(path: string, key: Uint8Array, token: (externalId: string) => string) {
    this.#path = path;
    this.#key = key;
    this.#token = token;
  }

  #open(): Database {
    if (this.#db) return this.#db;
    if (!this.#key) throw new TenantLockedError();
    const db = openEncryptedDb(this.#path, toHex(this.#key), { create: true });
    runMigrations(db, IDENTITY_MAP_MIGRATIONS, 'identity-map');
    this.#db = db;
    return db;
  }

  /** Tokenises external IDs at export, recording each mapping in one transaction. */
  tokenize(externalIds: readonly string[]): string[] {
    const db = this.#open();
    const insert = db.prepare('INSERT OR IGNORE INTO identity_map (token, external_id, first_seen) VALUES (?, ?, ?)');
    const now = new Date().toISOString();
    return db.transaction(() => externalIds.map((id) => {
      const token = this.#token(id);
      insert.run(token, id, now);
      return token;
    }))();
  }

  /** Resolves tokens back to external IDs for the atomic write-back; unknown tokens are absent. */
  resolve(tokens: readonly string[]): Map<string, string> {
    const db = this.#open();
    const select = db.prepare('SELECT external_id FROM identity_map WHERE token = ?');
    const out = new Map<string, string>();
    for (const token of tokens) {
      const row = select.get(token) as { external_id: string } | undefined;
      if (row) out.set(token, row.external_id);
    }
    return out;
  }

  /** Closes the map and wipes its key (called on lock). */
  close(): void {
    this.#db?.close();
    this.#db = undefined;
    wipe(this.#key);
    this.#key = undefined;
  }
}
