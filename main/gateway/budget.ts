/**
 * Budgets per call, per session, per agent (per UTC day) and per tenant (per UTC day), in cost
 * units: tokens priced per 1,000 (input and output apart; local models from the manifest's
 * pricePer1kTokens, configurable), so budgets mean something offline.
 *
 * The estimated cost (prompt upper bound + maxTokens) is RESERVED before the model call, inside
 * a write transaction of the tenant database that reads and raises every scope's committed total,
 * so concurrent reservations (in this process or another) can never together pass a limit. The
 * gateway makes it inside the pre-call audit entry's transaction (`reserveWithin`), so the two
 * commit together. After the call the reservation is SETTLED to the actual usage and the unused
 * part released, in the post-call entry's transaction (`settleWithin`).
 * A reservation whose call never settled (the process died in between) is SWEPT once it is older
 * than the stale age: settled at its full amount, the only sound upper bound when usage is unknown,
 * inside the transaction of the audit entry that records the sweep (`sweepWithin`).
 * Amounts are stored as integer micro-units, so sums are exact.
 */
import { randomUUID } from 'node:crypto';
import { runMigrations, type Migration } from '../data/migrations.ts';
import type { Statement } from 'better-sqlite3';
import type { Database } from '../data/sqlite.ts';
import type { ResolvedPolicy } from '../governance/policy/cascade.ts';
import { withCallInstructions } from '../providers/function-calls.ts';
import type { FunctionDefinition } from '../providers/provider.ts';
import { BudgetExceeded, type BudgetScope } from './errors.ts';
import type { Price } from './ports.ts';

/** The message of the reservation trigger's refusal, followed by the scope that refused. */
const REFUSED_PREFIX = 'airlock budget refused: ';

export const GATEWAY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'budget ledger: committed totals per scope and period, reservations',
    up: `
      CREATE TABLE gateway_budget_totals (
        scope TEXT NOT NULL CHECK (scope IN ('session', 'agent', 'tenant')),
        key TEXT NOT NULL,
        period TEXT NOT NULL,
        committed_micro INTEGER NOT NULL CHECK (committed_micro >= 0),
        PRIMARY KEY (scope, key, period)) STRICT;
      CREATE TABLE gateway_budget_reservations (
        id TEXT PRIMARY KEY,
        agent_key TEXT NOT NULL,
        session_key TEXT NOT NULL,
        period TEXT NOT NULL,
        reserved_micro INTEGER NOT NULL,
        settled_micro INTEGER,
        state TEXT NOT NULL CHECK (state IN ('open', 'settled')),
        created_at TEXT NOT NULL,
        settled_at TEXT) STRICT;
      CREATE INDEX gateway_budget_open ON gateway_budget_reservations (state) WHERE state = 'open';`,
  },
  {
    version: 2,
    name: 'budget reservations name their call, so a sweep of a crashed one can say which call it was',
    up: 'ALTER TABLE gateway_budget_reservations ADD COLUMN call_id TEXT',
  },
  {
    version: 3,
    name: 'a reservation raises and settles the committed totals itself (triggers), carrying the limits it was made under',
    // One statement a reservation and one a settlement, where the ledger ran three each: inside a
    // gateway call each statement cost ≈ 28 µs (bench/RESULTS.md, pipeline 7). RAISE(ABORT) undoes
    // the insert and every raise before it, and leaves the caller's transaction open. Rows of
    // version 2 carry no limits and raise nothing (they raised their totals when they were made).
    up: `
      ALTER TABLE gateway_budget_reservations ADD COLUMN tenant_limit_micro REAL;
      ALTER TABLE gateway_budget_reservations ADD COLUMN agent_limit_micro REAL;
      ALTER TABLE gateway_budget_reservations ADD COLUMN session_limit_micro REAL;
      CREATE TRIGGER gateway_budget_reserve AFTER INSERT ON gateway_budget_reservations
        WHEN NEW.state = 'open' AND NEW.tenant_limit_micro IS NOT NULL
      BEGIN
        INSERT INTO gateway_budget_totals (scope, key, period, committed_micro) VALUES ('tenant', '', NEW.period, NEW.reserved_micro)
          ON CONFLICT (scope, key, period) DO UPDATE SET committed_micro = committed_micro + excluded.committed_micro;
        INSERT INTO gateway_budget_totals (scope, key, period, committed_micro) VALUES ('agent', NEW.agent_key, NEW.period, NEW.reserved_micro)
          ON CONFLICT (scope, key, period) DO UPDATE SET committed_micro = committed_micro + excluded.committed_micro;
        INSERT INTO gateway_budget_totals (scope, key, period, committed_micro) SELECT 'session', NEW.session_key, '', NEW.reserved_micro WHERE NEW.session_key <> ''
          ON CONFLICT (scope, key, period) DO UPDATE SET committed_micro = committed_micro + excluded.committed_micro;
        SELECT RAISE(ABORT, '${REFUSED_PREFIX}tenant')
          WHERE (SELECT committed_micro FROM gateway_budget_totals WHERE scope = 'tenant' AND key = '' AND period = NEW.period) > NEW.tenant_limit_micro;
        SELECT RAISE(ABORT, '${REFUSED_PREFIX}agent')
          WHERE (SELECT committed_micro FROM gateway_budget_totals WHERE scope = 'agent' AND key = NEW.agent_key AND period = NEW.period) > NEW.agent_limit_micro;
        SELECT RAISE(ABORT, '${REFUSED_PREFIX}session')
          WHERE NEW.session_key <> ''
            AND (SELECT committed_micro FROM gateway_budget_totals WHERE scope = 'session' AND key = NEW.session_key AND period = '') > NEW.session_limit_micro;
      END;
      CREATE TRIGGER gateway_budget_settle AFTER UPDATE OF state ON gateway_budget_reservations
        WHEN OLD.state = 'open' AND NEW.state = 'settled'
      BEGIN
        UPDATE gateway_budget_totals SET committed_micro = MAX(0, committed_micro + NEW.settled_micro - OLD.reserved_micro)
          WHERE scope = 'tenant' AND key = '' AND period = OLD.period;
        UPDATE gateway_budget_totals SET committed_micro = MAX(0, committed_micro + NEW.settled_micro - OLD.reserved_micro)
          WHERE scope = 'agent' AND key = OLD.agent_key AND period = OLD.period;
        UPDATE gateway_budget_totals SET committed_micro = MAX(0, committed_micro + NEW.settled_micro - OLD.reserved_micro)
          WHERE OLD.session_key <> '' AND scope = 'session' AND key = OLD.session_key AND period = '';
      END;`,
  },
  {
    version: 4,
    name: 'budget keys in two namespaces (agent:<name>, user:<actor>) and sessions inside their principal, spend carried over',
    up: namespaceBudgetKeys,
  },
];

/**
 * Migration 4. Before it, an agent's key was its bare name and a user's `user:<actor>`, so an
 * agent named "user:alice" spent alice's budget; a session's key was its bare name, so anyone
 * naming alice's session spent it. Every agent key becomes `agent:<name>`; a key already of the
 * form `user:…` stays a user's (whether a user or an agent named so spent it, it was charged to
 * that user, and it stays charged). Session totals are split by the principal whose reservations
 * made them, from the reservations themselves, so no one's spend is reset or counted twice.
 * Reservation rows move with their totals (the settle trigger finds a total by the row's keys).
 */
function namespaceBudgetKeys(db: Database): void {
  const principalOf = (key: string): string => (key.startsWith(USER_KEY_PREFIX) ? key : AGENT_KEY_PREFIX + key);
  const reservations = db.prepare("SELECT id, agent_key, session_key, state, reserved_micro, settled_micro, created_at FROM gateway_budget_reservations ORDER BY created_at, id").all() as Pick<
    ReservationRow,
    'id' | 'agent_key' | 'session_key' | 'state' | 'reserved_micro' | 'settled_micro' | 'created_at'
  >[];

  // Each session's total, split by the principals whose reservations make it up.
  const sessionTotals = db.prepare("SELECT key, committed_micro FROM gateway_budget_totals WHERE scope = 'session' AND period = ''").all() as { key: string; committed_micro: number }[];
  const parts = new Map<string, Map<string, number>>(); // session → principal → micro, in order of last use
  for (const r of reservations) {
    if (r.session_key === '') continue;
    const principal = principalOf(r.agent_key);
    const own = parts.get(r.session_key) ?? new Map<string, number>();
    const micro = (own.get(principal) ?? 0) + (r.state === 'open' ? r.reserved_micro : (r.settled_micro ?? 0));
    own.delete(principal);
    own.set(principal, micro);
    parts.set(r.session_key, own);
  }
  const insertTotal = db.prepare(`INSERT INTO gateway_budget_totals (scope, key, period, committed_micro) VALUES (?, ?, ?, ?)
    ON CONFLICT (scope, key, period) DO UPDATE SET committed_micro = committed_micro + excluded.committed_micro`);
  const deleteSession = db.prepare("DELETE FROM gateway_budget_totals WHERE scope = 'session' AND key = ? AND period = ''");
  for (const { key: session, committed_micro: total } of sessionTotals) {
    const own = parts.get(session);
    // No reservation names it (none expected): the total stays where it is, counted once.
    if (own === undefined) continue;
    deleteSession.run(session);
    const principals = [...own.keys()];
    // Any part of the total the reservations do not account for goes to the session's latest
    // principal: neither dropped nor counted twice.
    const rest = total - [...own.values()].reduce((n, m) => n + m, 0);
    principals.forEach((principal, i) => {
      const micro = (own.get(principal) ?? 0) + (i === principals.length - 1 && rest > 0 ? rest : 0);
      insertTotal.run('session', sessionBudgetKey(principal, session), '', Math.max(0, micro));
    });
  }

  // Agent totals: read, removed, written back under the new keys (one-to-one, so none collide).
  const agentTotals = db.prepare("SELECT key, period, committed_micro FROM gateway_budget_totals WHERE scope = 'agent'").all() as { key: string; period: string; committed_micro: number }[];
  db.prepare("DELETE FROM gateway_budget_totals WHERE scope = 'agent'").run();
  for (const t of agentTotals) insertTotal.run('agent', principalOf(t.key), t.period, t.committed_micro);

  // The rows move with their totals: the settle trigger finds a total by the row's keys.
  const moveReservation = db.prepare('UPDATE gateway_budget_reservations SET agent_key = ?, session_key = ? WHERE id = ?');
  for (const r of reservations) {
    const principal = principalOf(r.agent_key);
    moveReservation.run(principal, r.session_key === '' ? '' : sessionBudgetKey(principal, r.session_key), r.id);
  }
}

const AGENT_KEY_PREFIX = 'agent:';
const USER_KEY_PREFIX = 'user:';

/**
 * The budget key of whom a call spends for: `agent:<name>` when it names an agent, else
 * `user:<actor>`. Two namespaces, so no agent name (which the caller chooses, "user:alice" too)
 * is ever a user's key.
 */
export function principalBudgetKey(request: { readonly actor: string; readonly agent?: string | undefined }): string {
  return request.agent !== undefined ? AGENT_KEY_PREFIX + request.agent : USER_KEY_PREFIX + request.actor;
}

/**
 * A session's budget key, inside its principal's: a session name is the caller's to choose, so
 * another user (or agent) naming the same session spends a session of its own. JSON, so no pair of
 * names gives the key of another.
 */
export function sessionBudgetKey(principalKey: string, session: string): string {
  return JSON.stringify([principalKey, session]);
}

/** The scope named by a refusal of the reservation trigger, or undefined for any other error. */
function refusedScope(error: unknown): ScopeTotal['scope'] | undefined {
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_TRIGGER' || !error.message.startsWith(REFUSED_PREFIX)) return undefined;
  const scope = error.message.slice(REFUSED_PREFIX.length);
  return scope === 'tenant' || scope === 'agent' || scope === 'session' ? scope : undefined;
}

/** Idempotent: applies any gateway migration the tenant database has not seen yet. */
export function migrateGateway(db: Database): number[] {
  return runMigrations(db, GATEWAY_MIGRATIONS, 'gateway');
}

export const MICRO = 1_000_000;

export interface BudgetLimit {
  /** Cost units; 0 forbids spending. */
  readonly value: number;
  /** The policy level that set it (appliance, tenant, team, agent). */
  readonly decidedBy: string;
}

export interface BudgetLimits {
  readonly perCall: BudgetLimit;
  readonly perSession: BudgetLimit;
  readonly perAgent: BudgetLimit;
  readonly perTenant: BudgetLimit;
}

export function limitsFromPolicy(policy: ResolvedPolicy): BudgetLimits {
  const pick = (d: 'budget.perCall' | 'budget.perSession' | 'budget.perAgent' | 'budget.perTenant'): BudgetLimit => ({
    value: policy[d].value,
    decidedBy: policy[d].decidedBy,
  });
  return { perCall: pick('budget.perCall'), perSession: pick('budget.perSession'), perAgent: pick('budget.perAgent'), perTenant: pick('budget.perTenant') };
}

/** A price as the decimal the manifest wrote: `num / 10^scale` exactly (0.01 is 1 / 10^2, not the nearest double). */
interface Decimal {
  readonly num: bigint;
  readonly scale: number;
}

const decimals = new Map<number, Decimal>();

function decimalOf(price: number): Decimal {
  let known = decimals.get(price);
  if (known === undefined) {
    // The shortest text that reads back as this double is the decimal the manifest wrote.
    const [mantissa = '0', exponent = '0'] = String(price).split('e');
    const [whole = '0', fraction = ''] = mantissa.split('.');
    const scale = fraction.length - Number(exponent);
    known = scale >= 0 ? { num: BigInt(whole + fraction), scale } : { num: BigInt(whole + fraction) * 10n ** BigInt(-scale), scale: 0 };
    if (decimals.size < 1024) decimals.set(price, known);
  }
  return known;
}

/**
 * Cost in micro-units, rounded up (a budget is a ceiling: never under-charge), computed exactly in
 * decimal: in binary floating point 10 tokens at 0.01 plus 10 at 0.02 came to 300.00000000000006
 * micro-units and was charged 301. Token counts must be whole numbers (a RangeError otherwise, so a
 * stage fails closed).
 */
export function costMicro(price: Price, promptTokens: number, completionTokens: number): number {
  const input = decimalOf(price.input);
  const output = decimalOf(price.output);
  const scale = Math.max(input.scale, output.scale);
  // Units per 1,000 tokens, times 10^scale; micro-units are that × 10^6 / 1,000 / 10^scale.
  const scaled = BigInt(promptTokens) * input.num * 10n ** BigInt(scale - input.scale) + BigInt(completionTokens) * output.num * 10n ** BigInt(scale - output.scale);
  const denominator = 10n ** BigInt(scale);
  return Number((scaled * BigInt(MICRO / 1000) + denominator - 1n) / denominator);
}

/**
 * The highest input and the highest output price among `prices` (the models a call may end up
 * on): a reservation at this price covers whichever of them serves.
 */
export function ceilingPrice(prices: readonly Price[]): Price {
  if (prices.length === 0) throw new RangeError('a price ceiling needs at least one price');
  return { input: Math.max(...prices.map((p) => p.input)), output: Math.max(...prices.map((p) => p.output)) };
}

export function microToUnits(micro: number): number {
  return micro / MICRO;
}

const MESSAGE_OVERHEAD_TOKENS = 16;
const PROMPT_OVERHEAD_TOKENS = 32;
/**
 * What an on-prem server's chat template may add around the `tools` it is sent (its own
 * instructions, each tool's wrapping): an allowance, since the template is the server's. Usage
 * beyond it is still charged, and a limit it passes is recorded as BudgetExceeded (stage 10).
 */
const TOOL_TEMPLATE_TOKENS = 512;
const PER_TOOL_TEMPLATE_TOKENS = 64;

/**
 * An upper bound on prompt tokens without the model's tokenizer: byte-fallback tokenizers emit at
 * most one token per UTF-8 byte, plus the chat template's markers per message. `contents` are the
 * messages as the model gets them (tool calls rendered, PII replaced), `functions` those it may
 * call, counted as the provider sends them. Over-estimating is safe: settling releases the difference.
 */
export function promptTokenUpperBound(contents: readonly string[], functions: readonly FunctionDefinition[] = []): number {
  let bytes = 0;
  for (const c of contents) bytes += Buffer.byteLength(c, 'utf8') + MESSAGE_OVERHEAD_TOKENS;
  return bytes + PROMPT_OVERHEAD_TOKENS + functionTokenUpperBound(functions);
}

/**
 * The function definitions' share of the prompt, the larger of the two ways a provider sends
 * them: in process, a system message of instructions (appended to the first system message, or
 * one of its own); to a server, the OpenAI `tools` array (as openai-compatible.ts builds it) that
 * its template renders.
 */
function functionTokenUpperBound(functions: readonly FunctionDefinition[]): number {
  if (functions.length === 0) return 0;
  const [instructions] = withCallInstructions([], { functions, mode: 'auto' });
  const inProcess = Buffer.byteLength(`\n\n${instructions?.content ?? ''}`, 'utf8') + MESSAGE_OVERHEAD_TOKENS;
  const tools = functions.map((f) => ({
    type: 'function',
    function: { name: f.name, ...(f.description !== undefined && { description: f.description }), parameters: f.parameters ?? { type: 'object', properties: {} } },
  }));
  const server = Buffer.byteLength(JSON.stringify(tools), 'utf8') + TOOL_TEMPLATE_TOKENS + PER_TOOL_TEMPLATE_TOKENS * functions.length + MESSAGE_OVERHEAD_TOKENS;
  return Math.max(inProcess, server);
}

export interface ReserveRequest {
  /** Whom the call spends for: `principalBudgetKey` (its agent, or the calling user when it names none). */
  readonly agentKey: string;
  /** The session's key, `sessionBudgetKey` (inside the principal's), when the call names one. */
  readonly session?: string | undefined;
  readonly estimateMicro: number;
  readonly limits: BudgetLimits;
  /** The gateway call the reservation is for (kept with it, for the audit entry of a sweep). */
  readonly callId?: string | undefined;
}

export interface Reservation {
  readonly id: string;
  readonly reservedMicro: number;
  readonly period: string;
}

export interface SettledCharge {
  readonly reservedMicro: number;
  /** May exceed reservedMicro when the reported usage outgrew the estimate: the charge is what was used. */
  readonly chargedMicro: number;
  /** Reserved but not used, given back. */
  readonly releasedMicro: number;
  /** The reservation had been settled before (e.g. swept): nothing changed, this is that settlement. */
  readonly alreadySettled?: true;
}

/** A limit a settled charge took its scope past: the reservation was under the usage. */
export interface Overrun {
  readonly scope: BudgetScope;
  readonly limit: BudgetLimit;
  /** Micro-units committed in the scope with the charge settled (for 'call', the charge). */
  readonly committedMicro: number;
  /** Micro-units past the limit, rounded up. */
  readonly overMicro: number;
}

/** An open reservation older than the stale age: its call crashed, or is still running elsewhere. */
export interface StaleReservation {
  readonly id: string;
  /** Absent for reservations made before calls were named on them. */
  readonly callId?: string;
  readonly agentKey: string;
  readonly session?: string;
  readonly period: string;
  readonly reservedMicro: number;
  /** ISO time the reservation was made. */
  readonly createdAt: string;
}

/** Why a reservation picked for a sweep was not settled by it; the sweep skips it and records nothing. */
export type NotSweepableReason = 'missing' | 'settled' | 'fresh' | 'in-flight';

/**
 * Thrown inside a sweep's commit when the reservation is no longer one to sweep (another process
 * settled or swept it since it was listed, or a call in this process holds it): the audit entry
 * of the sweep is rolled back with it.
 */
export class ReservationNotSweepable extends Error {
  constructor(
    readonly reservationId: string,
    readonly reason: NotSweepableReason,
  ) {
    super(`budget reservation ${reservationId} is not swept: ${reason}`);
    this.name = 'ReservationNotSweepable';
  }
}

/** Stage 10 found its reservation already settled (swept while the call still ran): the charge stands. */
export class ReservationAlreadySettled extends Error {
  constructor(
    readonly reservationId: string,
    readonly chargedMicro: number,
  ) {
    super(`budget reservation ${reservationId} was already settled at ${chargedMicro} micro-units`);
    this.name = 'ReservationAlreadySettled';
  }
}

/** The refusal of a reservation of `estimateMicro` by one scope that had `committedMicro`. */
function exceeded(scope: BudgetScope, limit: BudgetLimit, committedMicro: number, estimateMicro: number): BudgetExceeded {
  return new BudgetExceeded(scope, limit.value, microToUnits(committedMicro), microToUnits(estimateMicro), limit.decidedBy);
}

/** One committed total a reservation raises, with the limit it must stay within. */
interface ScopeTotal {
  readonly scope: 'session' | 'agent' | 'tenant';
  readonly key: string;
  readonly period: string;
  readonly limit: BudgetLimit;
}

interface TotalRow {
  committed_micro: number;
}

interface ReservationRow {
  id: string;
  call_id: string | null;
  agent_key: string;
  session_key: string;
  period: string;
  reserved_micro: number;
  state: string;
  settled_micro: number | null;
  created_at: string;
}


/** The ledger's statements, compiled once per connection (preparing costs more than running them). */
class LedgerStatements {
  readonly #db: Database;
  readonly #cache = new Map<string, Statement<unknown[]>>();
  constructor(db: Database) {
    this.#db = db;
  }
  get(sql: string): Statement<unknown[]> {
    let statement = this.#cache.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#cache.set(sql, statement);
    }
    return statement;
  }
}

const READ_TOTAL = 'SELECT committed_micro FROM gateway_budget_totals WHERE scope = ? AND key = ? AND period = ?';
const INSERT_RESERVATION = `INSERT INTO gateway_budget_reservations (id, call_id, agent_key, session_key, period, reserved_micro, state, created_at,
         tenant_limit_micro, agent_limit_micro, session_limit_micro)
         VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)`;
const RESERVATION_COLUMNS = 'id, call_id, agent_key, session_key, period, reserved_micro, state, settled_micro, created_at';
const READ_RESERVATION = `SELECT ${RESERVATION_COLUMNS} FROM gateway_budget_reservations WHERE id = ?`;
// created_at is ISO-8601 UTC of one width, so text order is time order.
const STALE_RESERVATIONS = `SELECT ${RESERVATION_COLUMNS} FROM gateway_budget_reservations
         WHERE state = 'open' AND created_at < ? ORDER BY created_at, id`;
// Settles an open reservation and returns what it needs; no row back: missing, or settled before.
const SETTLE_OPEN_RESERVATION = `UPDATE gateway_budget_reservations SET state = 'settled', settled_micro = ?, settled_at = ?
       WHERE id = ? AND state = 'open' RETURNING reserved_micro`;

export class BudgetLedger {
  readonly #db: Database;
  readonly #clock: () => number;
  readonly #sql: LedgerStatements;
  /** Reservations made through this ledger whose settlement has not run yet: calls in flight here. */
  readonly #inFlight = new Set<string>();

  constructor(db: Database, clock: () => number = Date.now) {
    this.#db = db;
    this.#clock = clock;
    this.#sql = new LedgerStatements(db);
  }

  /** The UTC day of `ms`: the period of agent and tenant budgets. */
  period(ms = this.#clock()): string {
    return new Date(ms).toISOString().slice(0, 10);
  }

  /** Committed (settled + reserved) micro-units of one scope now; `key` as reserved (principalBudgetKey, sessionBudgetKey). */
  committed(scope: 'session' | 'agent' | 'tenant', key: string, period = scope === 'session' ? '' : this.period()): number {
    const row = this.#sql.get(READ_TOTAL).get(scope, key, period) as TotalRow | undefined;
    return row?.committed_micro ?? 0;
  }

  /**
   * The pure limit checks of a reservation against what is committed now, without writing: lets
   * stage 1 refuse early. Throws BudgetExceeded. Not a guarantee — `reserveWithin` re-checks
   * under the write lock.
   */
  check(request: ReserveRequest): void {
    this.#checkScopes(request, this.period());
  }

  /**
   * The limits (of `request`, those the reservation was made under) that settling `reservation` at
   * `chargedMicro` takes past: the charge against the per-call limit, each scope's committed total
   * against its own. None when the charge is within the reservation, which the limits admitted.
   * `settled`: the charge is in the totals already (read inside the settling commit), or is to be.
   */
  overruns(request: ReserveRequest, reservation: Reservation, chargedMicro: number, settled: boolean): Overrun[] {
    const over = chargedMicro - reservation.reservedMicro;
    if (over <= 0) return [];
    const found: Overrun[] = [];
    const past = (scope: BudgetScope, limit: BudgetLimit, committedMicro: number): void => {
      const limitMicro = limit.value * MICRO;
      if (committedMicro > limitMicro) found.push({ scope, limit, committedMicro, overMicro: Math.ceil(committedMicro - limitMicro) });
    };
    past('call', request.limits.perCall, chargedMicro);
    const read = this.#sql.get(READ_TOTAL);
    for (const s of this.#scopes(request, reservation.period)) {
      const committed = (read.get(s.scope, s.key, s.period) as TotalRow | undefined)?.committed_micro ?? 0;
      past(s.scope, s.limit, settled ? committed : committed + over);
    }
    return found;
  }

  /** Reserves `estimateMicro` in every scope at once, or throws BudgetExceeded and reserves nothing. */
  reserve(request: ReserveRequest): Reservation {
    return this.#db.transaction(() => this.#reserveLocked(request)).immediate();
  }

  /**
   * `reserve` inside a transaction the caller already holds on this ledger's connection (the
   * audit log's batch, so the reservation commits iff the pre-call entry does). Throws
   * BudgetExceeded against committed totals plus every open reservation, this batch's included.
   */
  reserveWithin(db: Database, request: ReserveRequest): Reservation {
    this.#assertHeld(db);
    return this.#reserveLocked(request);
  }

  /**
   * Replaces the reservation by the actual charge in every scope it was made in (its own period,
   * even after midnight). Idempotent: a settled reservation is left as it is.
   */
  settle(reservation: Reservation, chargedMicro: number): SettledCharge {
    return this.#db.transaction(() => this.#settleLocked(reservation, chargedMicro)).immediate();
  }

  /** `settle` inside a transaction the caller already holds on this ledger's connection. */
  settleWithin(db: Database, reservation: Reservation, chargedMicro: number): SettledCharge {
    this.#assertHeld(db);
    return this.#settleLocked(reservation, chargedMicro);
  }

  /**
   * Open reservations made before `staleBefore` (an ISO time), oldest first, leaving out those
   * of calls in flight through this ledger. A call in flight in another process is told apart by
   * age alone: the stale age must exceed the longest call.
   */
  staleReservations(staleBefore: string): StaleReservation[] {
    const rows = this.#sql.get(STALE_RESERVATIONS).all(staleBefore) as ReservationRow[];
    return rows
      .filter((r) => !this.#inFlight.has(r.id))
      .map((r) => ({
        id: r.id,
        ...(r.call_id !== null && { callId: r.call_id }),
        agentKey: r.agent_key,
        ...(r.session_key !== '' && { session: r.session_key }),
        period: r.period,
        reservedMicro: r.reserved_micro,
        createdAt: r.created_at,
      }));
  }

  /**
   * Settles a stale reservation at its full amount inside a transaction the caller holds (the
   * audit entry recording the sweep). Re-checked under the write lock: throws
   * ReservationNotSweepable, writing nothing, if it was settled meanwhile, is not older than
   * `staleBefore`, or belongs to a call in flight through this ledger.
   */
  sweepWithin(db: Database, reservationId: string, staleBefore: string): SettledCharge {
    this.#assertHeld(db);
    const row = this.#sql.get(READ_RESERVATION).get(reservationId) as ReservationRow | undefined;
    if (row === undefined) throw new ReservationNotSweepable(reservationId, 'missing');
    if (row.state !== 'open') throw new ReservationNotSweepable(reservationId, 'settled');
    if (!(row.created_at < staleBefore)) throw new ReservationNotSweepable(reservationId, 'fresh');
    if (this.#inFlight.has(reservationId)) throw new ReservationNotSweepable(reservationId, 'in-flight');
    return this.#settleLocked({ id: row.id, reservedMicro: row.reserved_micro, period: row.period }, row.reserved_micro);
  }

  #assertHeld(db: Database): void {
    if (db !== this.#db) throw new TypeError('the budget ledger and the audit log must share the tenant database connection');
    if (!db.inTransaction) throw new TypeError('reserveWithin/settleWithin need an open write transaction');
  }

  #scopes(request: ReserveRequest, period: string): ScopeTotal[] {
    const { limits } = request;
    const scopes: ScopeTotal[] = [
      { scope: 'tenant', key: '', period, limit: limits.perTenant },
      { scope: 'agent', key: request.agentKey, period, limit: limits.perAgent },
    ];
    if (request.session !== undefined) scopes.push({ scope: 'session', key: request.session, period: '', limit: limits.perSession });
    return scopes;
  }

  /** The checks that need no totals: a whole, non-negative estimate within the per-call limit. */
  #checkCall({ estimateMicro, limits }: ReserveRequest): void {
    if (!Number.isSafeInteger(estimateMicro) || estimateMicro < 0) throw new RangeError('a budget reservation must be a whole number of micro-units ≥ 0');
    // NaN would reach SQLite as NULL, which no total exceeds: refuse it here (fail closed). Infinity is no limit, in SQLite too.
    for (const limit of [limits.perCall, limits.perSession, limits.perAgent, limits.perTenant]) {
      if (typeof limit.value !== 'number' || Number.isNaN(limit.value) || limit.value < 0) {
        throw new RangeError(`a budget limit must be a number of cost units ≥ 0, not ${String(limit.value)} (set by ${limit.decidedBy})`);
      }
    }
    if (estimateMicro > limits.perCall.value * MICRO) throw exceeded('call', limits.perCall, 0, estimateMicro);
  }

  #checkScopes(request: ReserveRequest, period: string): void {
    this.#checkCall(request);
    const read = this.#sql.get(READ_TOTAL);
    for (const s of this.#scopes(request, period)) {
      const committed = (read.get(s.scope, s.key, s.period) as TotalRow | undefined)?.committed_micro ?? 0;
      if (committed + request.estimateMicro > s.limit.value * MICRO) throw exceeded(s.scope, s.limit, committed, request.estimateMicro);
    }
  }

  /**
   * Inserts the reservation; its trigger raises every scope's total and refuses (RAISE(ABORT),
   * which undoes the insert and the raises before it) when one would pass its limit. The caller
   * holds the write lock, so no one moves in between. A refusal writes nothing even under a caller
   * that commits; it is then turned into BudgetExceeded with the scope's committed total.
   */
  #reserveLocked(request: ReserveRequest): Reservation {
    const { estimateMicro, limits } = request;
    this.#checkCall(request);
    const period = this.period();
    const id = randomUUID();
    try {
      this.#sql
        .get(INSERT_RESERVATION)
        .run(
          id,
          request.callId ?? null,
          request.agentKey,
          request.session ?? '',
          period,
          estimateMicro,
          new Date(this.#clock()).toISOString(),
          limits.perTenant.value * MICRO,
          limits.perAgent.value * MICRO,
          limits.perSession.value * MICRO,
        );
    } catch (error) {
      const refused = refusedScope(error);
      const s = refused === undefined ? undefined : this.#scopes(request, period).find((scope) => scope.scope === refused);
      if (s === undefined) throw error;
      throw exceeded(s.scope, s.limit, this.committed(s.scope, s.key, s.period), estimateMicro);
    }
    // Before the commit: if it rolls back, the id names no row and guards nothing.
    this.#inFlight.add(id);
    return { id, reservedMicro: estimateMicro, period };
  }

  #settleLocked(reservation: Reservation, chargedMicro: number): SettledCharge {
    if (!Number.isSafeInteger(chargedMicro) || chargedMicro < 0) throw new RangeError('a budget charge must be a whole number of micro-units ≥ 0');
    const row = this.#sql.get(SETTLE_OPEN_RESERVATION).get(chargedMicro, new Date(this.#clock()).toISOString(), reservation.id) as
      | Pick<ReservationRow, 'reserved_micro'>
      | undefined;
    if (row === undefined) {
      const before = this.#sql.get(READ_RESERVATION).get(reservation.id) as ReservationRow | undefined;
      if (!before) throw new RangeError(`no budget reservation ${reservation.id}`);
      this.#inFlight.delete(reservation.id);
      const charged = before.settled_micro ?? 0;
      return { reservedMicro: before.reserved_micro, chargedMicro: charged, releasedMicro: Math.max(0, before.reserved_micro - charged), alreadySettled: true };
    }
    // The update's trigger moved every scope's total by the difference (never below 0).
    this.#inFlight.delete(reservation.id);
    const delta = chargedMicro - row.reserved_micro;
    return { reservedMicro: row.reserved_micro, chargedMicro, releasedMicro: Math.max(0, -delta) };
  }

  /**
   * This process gives up settling `reservation` (the entry that would record its settlement was
   * not written): it stays open and is no longer in flight here, so once stale the sweep settles
   * it at its full amount and records that.
   */
  leaveForSweep(reservation: Reservation): void {
    this.#inFlight.delete(reservation.id);
  }

  /** Open reservations (calls in flight, or left by a crash). */
  openReservations(): number {
    return (this.#db.prepare("SELECT count(*) AS n FROM gateway_budget_reservations WHERE state = 'open'").get() as { n: number }).n;
  }
}
