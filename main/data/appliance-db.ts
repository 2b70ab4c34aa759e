/**
 * The appliance-level database (`<dir>/appliance.db`): the tenant registry, unlock back-off state and
 * the append-only log of unlock events. It must be readable before any tenant is unlocked, so it is
 * not encrypted — it therefore holds no secrets and no content: names, ids, times and outcomes only.
 * The audit layer will import `unlock_events` into each tenant's signed log.
 */
import { Database, type Database as Db } from './sqlite.ts';
import { runMigrations, type Migration } from './migrations.ts';

const APPLIANCE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tenants, unlock events, back-off',
    up: `
      CREATE TABLE tenants (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL) STRICT;
      CREATE TABLE unlock_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        tenant_id TEXT,
        tenant_name TEXT NOT NULL,
        user TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('success', 'wrong-passphrase', 'unknown-user', 'refused-backoff', 'tampered')),
        failures INTEGER NOT NULL) STRICT;
      CREATE TRIGGER unlock_events_no_update BEFORE UPDATE ON unlock_events
        BEGIN SELECT RAISE(ABORT, 'unlock_events is append-only'); END;
      CREATE TRIGGER unlock_events_no_delete BEFORE DELETE ON unlock_events
        BEGIN SELECT RAISE(ABORT, 'unlock_events is append-only'); END;
      CREATE TABLE unlock_backoff (
        tenant_id TEXT NOT NULL, user TEXT NOT NULL, failures INTEGER NOT NULL, next_allowed_at INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, user)) STRICT;`,
  },
];

export type UnlockOutcome = 'success' | 'wrong-passphrase' | 'unknown-user' | 'refused-backoff' | 'tampered';

export interface UnlockEvent {
  seq: number;
  at: string;
  tenantId: string | null;
  tenantName: string;
  user: string;
  outcome: UnlockOutcome;
  failures: number;
}

/** Back-off after n consecutive failures: 2^(n-1) s, capped at 15 min. */
export function backoffMs(failures: number): number {
  return failures <= 0 ? 0 : Math.min(1000 * 2 ** Math.min(failures - 1, 20), 15 * 60 * 1000);
}

export class ApplianceDb {
  readonly db: Db;

  constructor(path: string, options: { create: boolean }) {
    this.db = new Database(path, { fileMustExist: !options.create });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    runMigrations(this.db, APPLIANCE_MIGRATIONS, 'appliance');
  }

  tenants(): { id: string; name: string; createdAt: string }[] {
    return this.db.prepare('SELECT id, name, created_at AS createdAt FROM tenants ORDER BY created_at, name').all() as { id: string; name: string; createdAt: string }[];
  }

  addTenant(id: string, name: string): void {
    this.db.prepare('INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)').run(id, name, new Date().toISOString());
  }

  backoff(tenantId: string, user: string): { failures: number; nextAllowedAt: number } {
    const row = this.db.prepare('SELECT failures, next_allowed_at AS nextAllowedAt FROM unlock_backoff WHERE tenant_id = ? AND user = ?').get(tenantId, user) as
      | { failures: number; nextAllowedAt: number }
      | undefined;
    return row ?? { failures: 0, nextAllowedAt: 0 };
  }

  /** Records a failed attempt and its back-off in one transaction; returns the new state. */
  recordFailure(tenantId: string | null, tenantName: string, user: string, outcome: UnlockOutcome, now: number): { failures: number; nextAllowedAt: number } {
    return this.db.transaction(() => {
      const failures = tenantId ? this.backoff(tenantId, user).failures + 1 : 1;
      const nextAllowedAt = now + backoffMs(failures);
      if (tenantId) {
        this.db.prepare(`INSERT INTO unlock_backoff (tenant_id, user, failures, next_allowed_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (tenant_id, user) DO UPDATE SET failures = excluded.failures, next_allowed_at = excluded.next_allowed_at`)
          .run(tenantId, user, failures, nextAllowedAt);
      }
      this.#event(tenantId, tenantName, user, outcome, failures, now);
      return { failures, nextAllowedAt };
    }).immediate();
  }

  recordRefusal(tenantId: string, tenantName: string, user: string, failures: number, now: number): void {
    this.#event(tenantId, tenantName, user, 'refused-backoff', failures, now);
  }

  recordSuccess(tenantId: string, tenantName: string, user: string, now: number): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM unlock_backoff WHERE tenant_id = ? AND user = ?').run(tenantId, user);
      this.#event(tenantId, tenantName, user, 'success', 0, now);
    }).immediate();
  }

  #event(tenantId: string | null, tenantName: string, user: string, outcome: UnlockOutcome, failures: number, now: number): void {
    this.db.prepare('INSERT INTO unlock_events (at, tenant_id, tenant_name, user, outcome, failures) VALUES (?, ?, ?, ?, ?, ?)')
      .run(new Date(now).toISOString(), tenantId, tenantName, user, outcome, failures);
  }

  unlockEvents(): UnlockEvent[] {
    return this.db.prepare(`SELECT seq, at, tenant_id AS tenantId, tenant_name AS tenantName, user, outcome, failures
      FROM unlock_events ORDER BY seq`).all() as UnlockEvent[];
  }

  close(): void {
    this.db.close();
  }
}
