/**
 * Kill switches at tenant, team and agent level, cascading downward (a tenant switch covers every
 * team and agent; a team switch every agent run for that team).
 *
 * Engaging takes effect at once: the state is written, then every registered piece of in-flight work
 * it covers is aborted synchronously through its AbortSignal, and only then is the engagement put on
 * the audit log (an audit failure leaves the switch engaged: stopping is the safe side). Later checks
 * throw KillSwitchEngaged and the refusal is recorded. Releasing needs two DIFFERENT authorised
 * people, each re-authenticating; their votes and the state live in the tenant database, so a
 * restart changes nothing.
 */
import { randomBytes } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Database } from '../data/sqlite.ts';
import type { Authorizer } from './actions.ts';
import { GovernanceDenied, KillSwitchEngaged, KillSwitchNotRecordedError } from './errors.ts';
import { isKillScope, KILL_SCOPES, type KillScope } from './kill-switch-scope.ts';
import type { AuditSink } from './ports.ts';
import { scopeIdProblem } from './scope-id.ts';

export { KILL_SCOPES, isKillScope, type KillScope };

/** What a piece of work runs for. */
export interface WorkScope {
  readonly team?: string | undefined;
  readonly agent?: string | undefined;
}

export interface KillSwitchState {
  readonly scope: KillScope;
  /** Team or agent id; '' for the tenant switch. */
  readonly target: string;
  readonly engagement: string;
  readonly engagedBy: string;
  readonly engagedAt: string;
  readonly reason: string;
  /** Distinct people who have asked to release this engagement so far. */
  readonly releaseVotes: readonly string[];
}

export const RELEASE_QUORUM = 2;

export function covers(state: { scope: KillScope; target: string }, work: WorkScope): boolean {
  switch (state.scope) {
    case 'tenant':
      return true;
    case 'team':
      return work.team === state.target;
    case 'agent':
      return work.agent === state.target;
  }
}

export function engagedError(state: KillSwitchState, auditSeq?: number): KillSwitchEngaged {
  return new KillSwitchEngaged(state.scope, state.target, state.engagedBy, state.engagedAt, auditSeq !== undefined ? { auditSeq } : undefined);
}

export interface Registration {
  readonly signal: AbortSignal;
  /** Call when the work ends (normally or not), so the registry forgets it. */
  release(): void;
}

interface Entry {
  readonly work: WorkScope;
  readonly controller: AbortController;
}

/** In-memory registry of in-flight work: what engaging a switch aborts. */
export class KillSwitchRegistry {
  readonly #entries = new Set<Entry>();

  register(work: WorkScope): Registration {
    const entry: Entry = { work: { team: work.team, agent: work.agent }, controller: new AbortController() };
    this.#entries.add(entry);
    return { signal: entry.controller.signal, release: () => this.#entries.delete(entry) };
  }

  /** Aborts, synchronously, every registered piece of work the switch covers; returns how many. */
  abortCovered(state: KillSwitchState): number {
    let aborted = 0;
    for (const entry of this.#entries) {
      if (!covers(state, entry.work)) continue;
      this.#entries.delete(entry);
      entry.controller.abort(engagedError(state));
      aborted++;
    }
    return aborted;
  }

  get size(): number {
    return this.#entries.size;
  }
}

interface Row {
  scope: KillScope;
  target: string;
  engagement: string;
  engaged_by: string;
  engaged_at: string;
  reason: string;
}

/** Kill-switch state in the tenant database. */
export class KillSwitchStore {
  // Every gateway and tool call checks the switches; compile each statement once per connection.
  readonly #statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  #sql(text: string): Statement {
    let statement = this.#statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  #state(row: Row): KillSwitchState {
    const votes = this.#sql('SELECT user FROM gov_kill_release_votes WHERE engagement = ? ORDER BY voted_at, user').all(row.engagement) as { user: string }[];
    return {
      scope: row.scope,
      target: row.target,
      engagement: row.engagement,
      engagedBy: row.engaged_by,
      engagedAt: row.engaged_at,
      reason: row.reason,
      releaseVotes: votes.map((v) => v.user),
    };
  }

  all(): KillSwitchState[] {
    const rows = this.db.prepare("SELECT * FROM gov_kill_switches ORDER BY CASE scope WHEN 'tenant' THEN 0 WHEN 'team' THEN 1 ELSE 2 END, target").all() as Row[];
    return rows.map((r) => this.#state(r));
  }

  get(scope: KillScope, target: string): KillSwitchState | undefined {
    const row = this.#sql('SELECT * FROM gov_kill_switches WHERE scope = ? AND target = ?').get(scope, target) as Row | undefined;
    return row && this.#state(row);
  }

  /** The switch covering `work`, the highest level first (a tenant switch overrides all below). */
  covering(work: WorkScope): KillSwitchState | undefined {
    // Every call asks this and switches are rarely engaged: one look at the table first, not one per level.
    const any = this.#sql('SELECT EXISTS (SELECT 1 FROM gov_kill_switches) AS engaged').get() as { engaged: number };
    if (any.engaged === 0) return undefined;
    return this.get('tenant', '') ?? (work.team !== undefined ? this.get('team', work.team) : undefined) ?? (work.agent !== undefined ? this.get('agent', work.agent) : undefined);
  }

  /** Inserts the engagement unless that switch is already engaged; returns the state in force. */
  engage(scope: KillScope, target: string, by: string, reason: string): { state: KillSwitchState; fresh: boolean } {
    const existing = this.get(scope, target);
    if (existing) return { state: existing, fresh: false };
    const engagement = `kill_${randomBytes(12).toString('hex')}`;
    this.db
      .prepare('INSERT INTO gov_kill_switches (scope, target, engagement, engaged_by, engaged_at, reason) VALUES (?, ?, ?, ?, ?, ?)')
      .run(scope, target, engagement, by, new Date().toISOString(), reason);
    const state = this.get(scope, target);
    if (!state) throw new Error('the kill-switch row vanished right after it was written');
    return { state, fresh: true };
  }

  vote(engagement: string, user: string): boolean {
    return this.db.prepare('INSERT OR IGNORE INTO gov_kill_release_votes (engagement, user, voted_at) VALUES (?, ?, ?)').run(engagement, user, new Date().toISOString()).changes > 0;
  }

  release(engagement: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM gov_kill_switches WHERE engagement = ?').run(engagement);
      this.db.prepare('DELETE FROM gov_kill_release_votes WHERE engagement = ?').run(engagement);
    })();
  }
}

export type ReleaseOutcome =
  | { readonly released: true; readonly by: readonly string[] }
  | { readonly released: false; readonly votes: readonly string[]; readonly needed: number; readonly reason: string };

export class KillSwitches {
  constructor(
    private readonly store: KillSwitchStore,
    private readonly registry: KillSwitchRegistry,
    private readonly authorizer: Authorizer,
    private readonly audit: AuditSink,
  ) {}

  /**
   * Registers in-flight work (a model generation, a tool call) and returns the signal to pass down.
   * Work registered under an engaged switch gets an already-aborted signal.
   */
  register(work: WorkScope): Registration {
    const state = this.store.covering(work);
    if (state) {
      const controller = new AbortController();
      controller.abort(engagedError(state));
      return { signal: controller.signal, release: () => undefined };
    }
    return this.registry.register(work);
  }

  /**
   * Registers in-flight work without looking at the switches: for a caller that checks them right
   * after (governance.enforce), so a switch engaged in between is either seen by that check or
   * aborts this registration. Saves the second lookup that `register` would make.
   */
  track(work: WorkScope): Registration {
    return this.registry.register(work);
  }

  /** The switch covering `work`, if any (no audit record; use assertNotKilled to refuse work). */
  covering(work: WorkScope): KillSwitchState | undefined {
    return this.store.covering(work);
  }

  /** Throws KillSwitchEngaged when a switch covers `work`, after recording the refusal. */
  async assertNotKilled(work: WorkScope, actor = 'airlock/governance', action = 'work'): Promise<void> {
    const state = this.store.covering(work);
    if (!state) return;
    let recorded: { readonly seq: number };
    try {
      recorded = await this.audit.append({
        actor,
        action: 'governance.kill.refused',
        subject: action,
        outcome: 'refused',
        fields: { scope: state.scope, target: state.target, engagement: state.engagement, ...(work.team ? { team: work.team } : {}), ...(work.agent ? { agent: work.agent } : {}) },
      });
    } catch (cause) {
      // The refusal stands either way; the missing record is reported with it.
      throw new KillSwitchEngaged(state.scope, state.target, state.engagedBy, state.engagedAt, { cause });
    }
    // The refusal names its record, so the person refused can find it in the log.
    throw new KillSwitchEngaged(state.scope, state.target, state.engagedBy, state.engagedAt, { auditSeq: recorded.seq });
  }

  status(): KillSwitchState[] {
    return this.store.all();
  }

  async engage(actor: string, scope: KillScope, target: string, reason = 'emergency stop'): Promise<{ state: KillSwitchState; aborted: number; fresh: boolean }> {
    const id = this.#target(actor, scope, target);
    await this.authorizer.enforce(actor, 'kill.engage', scope === 'team' ? { team: id } : scope === 'agent' ? { agent: id } : {});
    const { state, fresh } = this.store.engage(scope, id, actor, reason);
    const aborted = this.registry.abortCovered(state);
    try {
      await this.audit.append({
        actor,
        action: 'governance.kill.engage',
        subject: `${scope}:${id}`,
        outcome: fresh ? 'engaged' : 'already-engaged',
        fields: { scope, target: id, engagement: state.engagement, aborted: String(aborted), reason },
      });
    } catch (cause) {
      throw new KillSwitchNotRecordedError(scope, id, { cause });
    }
    return { state, aborted, fresh };
  }

  /**
   * One person's release request. The switch is released only once two different authorised people
   * have asked for the same engagement; the same person asking twice counts once.
   */
  async release(actor: string, scope: KillScope, target: string, passphrase: string): Promise<ReleaseOutcome> {
    const id = this.#target(actor, scope, target, { stored: true });
    await this.authorizer.enforce(actor, 'kill.release', scope === 'team' ? { team: id } : scope === 'agent' ? { agent: id } : {}, { passphrase });
    const state = this.store.get(scope, id);
    if (!state) throw new GovernanceDenied(actor, `release the ${scope} kill switch`, 'that switch is not engaged (see `airlock kill status`)');
    const subject = `${scope}:${id}`;
    const fields = { scope, target: id, engagement: state.engagement };
    if (state.releaseVotes.includes(actor)) {
      await this.audit.append({ actor, action: 'governance.kill.release-vote', subject, outcome: 'duplicate-ignored', fields });
      return { released: false, votes: state.releaseVotes, needed: RELEASE_QUORUM, reason: `${actor} already asked; a second, different approver or admin must confirm` };
    }
    const votes = [...state.releaseVotes, actor];
    if (votes.length < RELEASE_QUORUM) {
      await this.audit.append({ actor, action: 'governance.kill.release-vote', subject, outcome: 'recorded', fields });
      this.store.vote(state.engagement, actor);
      return { released: false, votes, needed: RELEASE_QUORUM, reason: 'a second, different approver or admin must confirm the release' };
    }
    await this.audit.append({ actor, action: 'governance.kill.release', subject, outcome: 'released', fields: { ...fields, by: votes.join(',') } });
    this.store.release(state.engagement);
    return { released: true, by: votes };
  }

  /**
   * Polls the database for switches engaged by ANOTHER process (e.g. `airlock kill engage` while the
   * desktop app runs) and aborts covered work here. Returns a stop function.
   */
  watch(intervalMs = 250): () => void {
    const timer = setInterval(() => {
      for (const state of this.store.all()) this.registry.abortCovered(state);
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /**
   * The target as a switch is keyed. `stored`: a switch engaged under exactly this spelling may be
   * named by it even if it is not an id (one stored before the one spelling that opening governance
   * could not rename), so it can be released; new engagements need the one spelling.
   */
  #target(actor: string, scope: string, target: string | undefined, options: { stored?: boolean } = {}): string {
    if (!isKillScope(scope)) throw new GovernanceDenied(actor, 'use a kill switch', `"${scope}" is not a kill-switch scope (use ${KILL_SCOPES.join(', ')})`);
    if (scope === 'tenant') return '';
    if (!target) throw new GovernanceDenied(actor, `use the ${scope} kill switch`, `name the ${scope} it is for`);
    // Only a target written as the gateway requires a call's team and agent can ever match one.
    const problem = scopeIdProblem(target);
    if (problem !== undefined && options.stored === true && this.store.get(scope, target) !== undefined) return target;
    if (problem !== undefined) throw new GovernanceDenied(actor, `use the ${scope} kill switch`, `the ${scope} ${problem}`);
    return target;
  }
}
