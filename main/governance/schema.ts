/** The governance layer's tables in each tenant database (migration namespace `governance`). */
import type { Database } from '../data/sqlite.ts';
import { runMigrations, type Migration } from '../data/migrations.ts';

export const GOVERNANCE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'policy rows, role grants, agent authorship, kill switches, GDPR consent and subjects',
    up: `
      CREATE TABLE gov_policy (
        level TEXT NOT NULL CHECK (level IN ('appliance', 'tenant', 'team', 'agent')),
        scope TEXT NOT NULL,
        dimension TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (level, scope, dimension)) STRICT;
      CREATE TABLE gov_role_grants (
        user TEXT NOT NULL, role TEXT NOT NULL, granted_by TEXT NOT NULL, granted_at TEXT NOT NULL,
        PRIMARY KEY (user, role)) STRICT;
      CREATE TABLE gov_agent_versions (
        agent TEXT NOT NULL, version INTEGER NOT NULL, author TEXT NOT NULL, created_at TEXT NOT NULL,
        PRIMARY KEY (agent, version)) STRICT;
      CREATE TABLE gov_agent_edits (
        agent TEXT NOT NULL, version INTEGER NOT NULL, editor TEXT NOT NULL, edited_at TEXT NOT NULL) STRICT;
      CREATE INDEX gov_agent_edits_by_agent ON gov_agent_edits (agent, editor);
      CREATE TABLE gov_agent_approvals (
        agent TEXT NOT NULL, version INTEGER NOT NULL, approver TEXT NOT NULL, action_ref TEXT NOT NULL, approved_at TEXT NOT NULL) STRICT;
      CREATE INDEX gov_agent_approvals_by_agent ON gov_agent_approvals (agent, approver);
      CREATE TABLE gov_kill_switches (
        scope TEXT NOT NULL CHECK (scope IN ('tenant', 'team', 'agent')),
        target TEXT NOT NULL,
        engagement TEXT NOT NULL UNIQUE,
        engaged_by TEXT NOT NULL,
        engaged_at TEXT NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (scope, target)) STRICT;
      CREATE TABLE gov_kill_release_votes (
        engagement TEXT NOT NULL, user TEXT NOT NULL, voted_at TEXT NOT NULL,
        PRIMARY KEY (engagement, user)) STRICT;
      CREATE TABLE consent (
        subject TEXT NOT NULL, purpose TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('given', 'withdrawn')),
        recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
        PRIMARY KEY (subject, purpose)) STRICT;
      CREATE TABLE gov_subject_records (
        id TEXT PRIMARY KEY, subject TEXT NOT NULL, kind TEXT NOT NULL, sealed BLOB NOT NULL, created_at TEXT NOT NULL) STRICT;
      CREATE INDEX gov_subject_records_by_subject ON gov_subject_records (subject);
      CREATE TABLE gov_subject_links (
        subject TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('field-item', 'audit-seq')), ref TEXT NOT NULL,
        PRIMARY KEY (subject, kind, ref)) STRICT;
      CREATE TABLE gov_erasures (
        subject TEXT PRIMARY KEY, erased_by TEXT NOT NULL, erased_at TEXT NOT NULL, keys_destroyed INTEGER NOT NULL) STRICT;`,
  },
  {
    version: 2,
    name: 'step-up failures per user, so the back-off survives a restart and binds every process',
    up: `
      CREATE TABLE gov_step_up_failures (
        user TEXT PRIMARY KEY, failures INTEGER NOT NULL CHECK (failures > 0), next_allowed_at INTEGER NOT NULL) STRICT;`,
  },
  {
    version: 3,
    name: 'audit entries a governance data change owes the log, kept until the log has them (see legacy-ids.ts)',
    up: `
      CREATE TABLE gov_pending_audit (
        id INTEGER PRIMARY KEY, event TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;`,
  },
];

/** Idempotent: applies any governance migration the tenant database has not seen yet. */
export function migrateGovernance(db: Database): number[] {
  return runMigrations(db, GOVERNANCE_MIGRATIONS, 'governance');
}
