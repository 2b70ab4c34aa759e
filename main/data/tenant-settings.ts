/** Tenant settings kept in the tenant database, each change with its reason. */
import type { Database } from './sqlite.ts';

export class TenantSettings {
  constructor(private readonly db: Database) {}

  get(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM tenant_settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  set(key: string, value: string, reason: string): void {
    this.db
      .prepare(`INSERT INTO tenant_settings (key, value, reason, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, reason = excluded.reason, updated_at = excluded.updated_at`)
      .run(key, value, reason, new Date().toISOString());
  }
}
