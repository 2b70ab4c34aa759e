/**
 * Team and agent ids stored before governance had one spelling for them (de2b77f): a kill switch
 * engaged on `Claims`, a policy level set for team `Claims`. Calls now carry only `claims`, so such
 * a row governs nothing while it looks in force — a kill that stops nothing, a stricter budget that
 * silently lapsed. Opening governance brings them to the one spelling:
 *
 *   kill switches  a team/agent switch whose trimmed, lower-cased target is an id is renamed to it.
 *                  When several switches land on one target (`Claims` and `claims` both engaged),
 *                  the earliest engagement is kept and the others are dropped. Every release vote
 *                  on a switch that was renamed or merged is dropped, the kept one's too: a vote
 *                  cast on `Claims` was to release a switch that stopped nothing, and must not
 *                  count toward releasing the one now in force (it needs two fresh approvers).
 *   policy rows    a team/agent row whose trimmed, lower-cased id is an id is renamed to it; when
 *                  rows then share (level, id, dimension), the most restrictive value is kept (for
 *                  packs, which are sets, the union when neither includes the other).
 *
 * Rows whose id has no such spelling are left as they are (`kill status` and `policy show` list
 * them; `kill release` and `policy set … --unset` accept their stored spelling so an admin can
 * remove them).
 *
 * What changed goes on the audit log as one entry. Opening governance is synchronous and the log's
 * append is not, so the renames and the entry they owe commit together into gov_pending_audit; the
 * entry is then appended, and its pending row deleted in the same commit as the entry (withinCommit),
 * so it lands exactly once — at the next open if this process stops first.
 */
import type { Database } from '../data/sqlite.ts';
import type { AuditEvent } from '../audit/log.ts';
import { atLeastAsRestrictive, isDimension, isSetDimension, normalisePacks, formatValue, parseValue, type Dimension, type PackId } from './policy/dimensions.ts';
import type { AuditSink } from './ports.ts';
import { canonicalStoredScopeId } from './scope-id.ts';

export const CANONICALISE_ACTION = 'governance.ids.canonicalise';

export interface CanonicalisationReport {
  /** `team:Claims→claims`, one per renamed kill switch. */
  readonly killsRenamed: readonly string[];
  /** `kill_… (team:CLAIMS, engaged by erin at …, 1 release vote dropped)`, one per engagement dropped in a merge. */
  readonly killsDropped: readonly string[];
  /** `1 release vote on kill_… (team:claims, kept): cast before it was merged`, one per kept switch whose votes were dropped. */
  readonly votesDropped: readonly string[];
  /** `team:Claims→claims budget.perCall`, one per renamed policy row. */
  readonly policyRenamed: readonly string[];
  /** `team:claims budget.perCall kept 0.001 over Claims=5, claims=1`, one per merged (level, id, dimension). */
  readonly policyMerged: readonly string[];
}

interface KillRow {
  scope: 'team' | 'agent';
  target: string;
  engagement: string;
  engaged_by: string;
  engaged_at: string;
}

interface PolicyRow {
  level: 'team' | 'agent';
  scope: string;
  dimension: string;
  value: string;
  updated_by: string;
  updated_at: string;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === undefined) continue;
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

function canonicaliseKills(db: Database, killsRenamed: string[], killsDropped: string[], votesDropped: string[]): void {
  const rows = db.prepare("SELECT scope, target, engagement, engaged_by, engaged_at FROM gov_kill_switches WHERE scope IN ('team', 'agent')").all() as KillRow[];
  const groups = groupBy(rows, (r) => {
    const id = canonicalStoredScopeId(r.target);
    return id === undefined ? undefined : `${r.scope}\u0000${id}`;
  });
  const countVotes = db.prepare('SELECT count(*) AS n FROM gov_kill_release_votes WHERE engagement = ?');
  const dropVotes = db.prepare('DELETE FROM gov_kill_release_votes WHERE engagement = ?');
  const drop = db.prepare('DELETE FROM gov_kill_switches WHERE engagement = ?');
  const rename = db.prepare('UPDATE gov_kill_switches SET target = ? WHERE engagement = ?');
  for (const [key, members] of groups) {
    const id = key.slice(key.indexOf('\u0000') + 1);
    if (members.every((m) => m.target === id)) continue;
    members.sort((a, b) => (a.engaged_at < b.engaged_at ? -1 : a.engaged_at > b.engaged_at ? 1 : a.engagement < b.engagement ? -1 : 1));
    const [kept, ...others] = members as [KillRow, ...KillRow[]];
    for (const other of others) {
      const { n } = countVotes.get(other.engagement) as { n: number };
      dropVotes.run(other.engagement);
      drop.run(other.engagement);
      killsDropped.push(`${other.engagement} (${other.scope}:${other.target}, engaged by ${other.engaged_by} at ${other.engaged_at}, ${n} release vote${n === 1 ? '' : 's'} dropped; kept ${kept.engagement})`);
    }
    if (kept.target !== id) {
      rename.run(id, kept.engagement);
      killsRenamed.push(`${kept.scope}:${kept.target}→${id}`);
    }
    const { n } = countVotes.get(kept.engagement) as { n: number };
    if (n > 0) {
      dropVotes.run(kept.engagement);
      votesDropped.push(`${n} release vote${n === 1 ? '' : 's'} on ${kept.engagement} (${kept.scope}:${id}, kept): cast before it was ${others.length > 0 ? 'merged' : 'renamed'}`);
    }
  }
}

/** The most restrictive of the stored values, as stored text; undefined when one cannot be read. */
function mostRestrictive(dimension: Dimension, texts: readonly string[]): string | undefined {
  let values: unknown[];
  try {
    values = texts.map((t) => parseValue(dimension, t));
  } catch {
    return undefined;
  }
  let best = values[0];
  for (const value of values.slice(1)) {
    if (atLeastAsRestrictive(dimension, best, value)) continue;
    if (atLeastAsRestrictive(dimension, value, best)) best = value;
    else if (isSetDimension(dimension)) best = normalisePacks([...(best as PackId[]), ...(value as PackId[])]);
  }
  return formatValue(dimension, best);
}

function canonicalisePolicy(db: Database, policyRenamed: string[], policyMerged: string[]): void {
  const rows = db.prepare("SELECT level, scope, dimension, value, updated_by, updated_at FROM gov_policy WHERE level IN ('team', 'agent')").all() as PolicyRow[];
  const groups = groupBy(rows, (r) => {
    const id = canonicalStoredScopeId(r.scope);
    return id === undefined ? undefined : `${r.level}\u0000${id}\u0000${r.dimension}`;
  });
  const drop = db.prepare('DELETE FROM gov_policy WHERE level = ? AND scope = ? AND dimension = ?');
  const insert = db.prepare('INSERT INTO gov_policy (level, scope, dimension, value, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const [key, members] of groups) {
    const [, id = '', dimension = ''] = key.split('\u0000');
    if (members.every((m) => m.scope === id)) continue;
    const level = (members[0] as PolicyRow).level;
    let winner: PolicyRow;
    if (members.length === 1) {
      winner = members[0] as PolicyRow;
      policyRenamed.push(`${level}:${winner.scope}→${id} ${dimension}`);
    } else {
      // An unknown dimension or unreadable value: leave the rows as they are rather than guess.
      const value = isDimension(dimension) ? mostRestrictive(dimension, members.map((m) => m.value)) : undefined;
      if (value === undefined) continue;
      // The row that holds that value keeps its author and time; a packs union is the newest row's.
      const latest = [...members].sort((a, b) => (a.updated_at < b.updated_at ? 1 : -1))[0] as PolicyRow;
      winner = { ...(members.find((m) => isDimension(dimension) && formatValue(dimension, parseValue(dimension, m.value)) === value) ?? latest), value };
      policyMerged.push(`${level}:${id} ${dimension} kept ${value} over ${members.map((m) => `${m.scope}=${m.value}`).join(', ')}`);
      for (const m of members) if (m.scope !== id) policyRenamed.push(`${level}:${m.scope}→${id} ${dimension}`);
    }
    for (const m of members) drop.run(m.level, m.scope, m.dimension);
    insert.run(level, id, dimension, winner.value, winner.updated_by, winner.updated_at);
  }
}

/** The audit entry for a report with something in it. */
export function canonicalisationEvent(report: CanonicalisationReport): AuditEvent {
  const fields: Record<string, string> = {
    killsRenamed: String(report.killsRenamed.length),
    killsDropped: String(report.killsDropped.length),
    votesDropped: String(report.votesDropped.length),
    policyRenamed: String(report.policyRenamed.length),
    policyMerged: String(report.policyMerged.length),
  };
  if (report.killsRenamed.length > 0) fields.kills = report.killsRenamed.join('; ');
  if (report.killsDropped.length > 0) fields.killsDroppedEngagements = report.killsDropped.join('; ');
  if (report.votesDropped.length > 0) fields.releaseVotesDropped = report.votesDropped.join('; ');
  if (report.policyRenamed.length > 0) fields.policy = report.policyRenamed.join('; ');
  if (report.policyMerged.length > 0) fields.policyMergedValues = report.policyMerged.join('; ');
  return { actor: 'airlock/governance', action: CANONICALISE_ACTION, subject: 'team and agent ids', outcome: 'canonicalised', fields };
}

/**
 * Renames stored team/agent ids to the one spelling (see the top of this file), in one transaction
 * with the pending audit entry that says so. Returns what changed, or undefined when nothing did.
 * Idempotent: a second run finds nothing to change and writes nothing.
 */
export function canonicaliseStoredIds(db: Database): CanonicalisationReport | undefined {
  return db.transaction(() => {
    const report = { killsRenamed: [] as string[], killsDropped: [] as string[], votesDropped: [] as string[], policyRenamed: [] as string[], policyMerged: [] as string[] };
    canonicaliseKills(db, report.killsRenamed, report.killsDropped, report.votesDropped);
    canonicalisePolicy(db, report.policyRenamed, report.policyMerged);
    if (Object.values(report).every((list) => list.length === 0)) return undefined;
    db.prepare('INSERT INTO gov_pending_audit (event, created_at) VALUES (?, ?)').run(JSON.stringify(canonicalisationEvent(report)), new Date().toISOString());
    return report;
  }).immediate();
}

/** The sink's append, with the log's in-commit hook when it has one (AuditLog does). */
type AppendWithin = (event: AuditEvent, options?: { withinCommit?: (db: Database) => void }) => Promise<{ readonly seq: number }>;

/**
 * Appends every audit entry governance still owes the log, each deleting its pending row in the
 * entry's own commit (and again after, for a sink without that hook). Rejects with the first
 * failure; what failed stays pending for the next open.
 */
export async function flushPendingAudit(db: Database, audit: AuditSink): Promise<number> {
  const pending = db.prepare('SELECT id, event FROM gov_pending_audit ORDER BY id').all() as { id: number; event: string }[];
  const append = audit.append.bind(audit) as AppendWithin;
  let written = 0;
  for (const { id, event } of pending) {
    const remove = (on: Database): number => on.prepare('DELETE FROM gov_pending_audit WHERE id = ?').run(id).changes;
    await append(JSON.parse(event) as AuditEvent, {
      withinCommit: (on) => {
        // Another opener appended it first: this append must not write it a second time.
        if (remove(on) === 0) throw new Error('already on the audit log');
      },
    }).then(
      () => {
        remove(db);
        written++;
      },
      (error: unknown) => {
        if (db.prepare('SELECT 1 FROM gov_pending_audit WHERE id = ?').get(id) === undefined) return; // someone else wrote it
        throw error;
      },
    );
  }
  return written;
}
