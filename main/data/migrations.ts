/**
 * Versioned, transactional schema migrations per namespace. Each layer registers its own namespace
 * (`data`, later `audit`, …) against the same `schema_migrations` table; a migration and its record
 * commit together or not at all.
 */
import type { Database } from './sqlite.ts';
import { MigrationError } from './errors.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Statements (run with exec) or a function for data migrations. Runs inside the transaction. */
  readonly up: string | ((db: Database) => void);
}

export function runMigrations(db: Database, migrations: readonly Migration[], namespace: string): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    namespace TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL,
    PRIMARY KEY (namespace, version)) STRICT`);
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationError(namespace, m.version, 'versions must be 1, 2, 3, … without gaps');
  });
  const applied = db.prepare('SELECT max(version) AS v FROM schema_migrations WHERE namespace = ?').get(namespace) as { v: number | null };
  const current = applied.v ?? 0;
  if (current > sorted.length) {
    throw new MigrationError(namespace, current, `the database is newer than this Airlock (knows ${sorted.length})`);
  }
  const record = db.prepare('INSERT INTO schema_migrations (namespace, version, name, applied_at) VALUES (?, ?, ?, ?)');
  const ran: number[] = [];
  for (const migration of sorted.slice(current)) {
    try {
      db.transaction(() => {
        if (typeof migration.up === 'string') db.exec(migration.up);
        else migration.up(db);
        record.run(namespace, migration.version, migration.name, new Date().toISOString());
      }).immediate();
    } catch (error) {
      throw new MigrationError(namespace, migration.version, error instanceof Error ? error.message : String(error));
    }
    ran.push(migration.version);
  }
  return ran;
}
