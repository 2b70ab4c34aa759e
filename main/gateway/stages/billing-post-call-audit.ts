/**
 * Stage 10: records the call with `recordGatewayCall` — usage, cost, latency, the stage list and
 * the final pipeline hash, which covers this stage's own verdict — and settles the budget
 * reservation to the actual usage (releasing the rest) inside the same transaction, so the
 * settlement commits iff the record does (one fsync for both). The usage is priced at the model
 * that served the call, which after a fallback is not the one first routed to. A charge above the
 * reservation (usage beyond the estimate) is settled in full and recorded as `overReservation`;
 * if it takes a scope past its limit (the per-call limit, or a committed total), the record says
 * which and by how much (`budgetExceeded`, `overLimit.<scope>`, a billing event) and the call is
 * refused with BudgetExceeded, its output withheld: a limit is a hard limit, and the reservation
 * is meant to be an upper bound, so usage past it is not trusted either. Totals are re-read under
 * the commit's write lock; if a concurrent call moved them since, the record is made again.
 * Such records (a charge above its reservation) are made one at a time per ledger, so calls of this
 * process do not keep moving each other's totals; if the totals still moved under every attempt
 * (other writers), the call is refused with BudgetExceeded and the gateway's blocked entry records
 * it with its charge — contention on a limit is a billing outcome, never an audit failure.
 * A reservation already settled (swept while this call still ran) is not charged again: the call
 * fails closed and its output is withheld. The verdicts go in the entry's sealed payload so an
 * auditor can recompute the hash. If the log does not take the record, the call fails and its
 * output is withheld (fail closed). A kill switch engaged before the record commits (while this
 * stage waits for its overrun turn or for the log), by this process or another sharing the tenant
 * database, blocks the call, its charge standing; one logged after the record is after the call.
 */
import { costMicro, microToUnits, ReservationAlreadySettled, type BudgetLedger, type Overrun, type Reservation, type SettledCharge } from '../budget.ts';
import { scopeFields, type CallContext } from '../context.ts';
import type { AuditEntry } from '../../audit/canonical.ts';
import { KillSwitchEngaged } from '../../governance/errors.ts';
import { covers, engagedError, isKillScope, type KillSwitchState, type WorkScope } from '../../governance/kill-switch.ts';
import { BudgetExceeded, causeName, GatewayAuditError, GatewayReservationSwept, ModelUsageInvalid, refusalEvent, type CallRefusal } from '../errors.ts';
import { verdict, type Stage, type StageVerdict } from '../stage.ts';
import { abortError, isTokenCount, routeDetail } from './llm-call.ts';

/**
 * How a charge was found: priced from the provider's counts; from counts raised to the floor the
 * text itself gives, when the provider reported fewer (implausible); nothing, when the provider
 * refused before any work; or (no generation, invalid counts, a partial generation) the whole
 * reservation; or, when a fallback served after an earlier model ran and failed
 * (fallback-after-work), the whole reservation, or the fallback's own usage if that is more.
 */
export type ChargeBasis = 'reported' | 'implausible' | 'none' | 'invalid' | 'partial' | 'refused' | 'fallback-after-work';

export interface CallCharge {
  readonly chargedMicro: number;
  readonly usage: ChargeBasis;
  /** The counts priced, for 'reported' and 'implausible' (the floored ones then). */
  readonly promptTokens?: number;
  readonly completionTokens?: number;
}

/** UTF-8 bytes no tokenizer packs into fewer tokens, once spaces and repeated characters are gone. */
const BYTES_PER_TOKEN_AT_MOST = 8;

/** White space as `\s` reads it (the Unicode spaces and line breaks). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * A floor on the tokens of `texts`: half their whitespace-separated words, or one token per 8
 * bytes of what is left without spaces and with each run of one character (`========`, an indent)
 * counted once, whichever is more. Tokenizers split at least at word boundaries, and take about 4
 * bytes of prose, 3 of code and 3–4 of CJK per token; so the floor stays below what an honest
 * provider reports, while a provider that reports 0 for 6,000 characters without a space, or
 * for a function call's arguments, is still billed for them. One pass over the UTF-16 units.
 */
export function tokenFloor(texts: readonly string[]): number {
  let words = 0;
  let bytes = 0;
  for (const text of texts) {
    let previous = -1;
    let inWord = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        inWord = false;
        continue;
      }
      if (!inWord) words++;
      inWord = true;
      if (c === previous) continue;
      previous = c;
      // A surrogate pair is 4 bytes, 2 for each half.
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
    }
  }
  return Math.max(Math.ceil(words / 2), Math.ceil(bytes / BYTES_PER_TOKEN_AT_MOST));
}

/**
 * `reported`, or the floor of `texts` when that is higher. A count of at least a quarter of the
 * texts' bytes (plus one per text) is at or above any floor (half the words is at most that, an
 * eighth of the bytes less), so an honest count is taken without reading the texts.
 */
function atLeastFloor(reported: number, texts: readonly string[]): number {
  let bytes = 0;
  for (const text of texts) bytes += Buffer.byteLength(text, 'utf8');
  if (reported >= Math.ceil((bytes + texts.length) / 4)) return reported;
  return Math.max(reported, tokenFloor(texts));
}

/**
 * What the call costs, in micro-units: its usage at the price of the model that served it, or the
 * whole reservation when usage is unknown (the provider failed, perhaps after streaming part) or invalid (counts that are no
 * whole numbers ≥ 0, or that price past any charge the ledger can hold) — the only sound upper
 * bound, which the reservation is.
 */
export function chargeOf(ctx: CallContext, reservation: Reservation): CallCharge {
  const generation = ctx.generation;
  if (generation === undefined) return ctx.refusedUnrun === true ? { chargedMicro: 0, usage: 'refused' } : { chargedMicro: reservation.reservedMicro, usage: 'none' };
  if (ctx.usage === 'partial') return { chargedMicro: reservation.reservedMicro, usage: 'partial' };
  if (ctx.usage === 'invalid' || !isTokenCount(generation.promptTokens) || !isTokenCount(generation.tokens)) {
    return { chargedMicro: reservation.reservedMicro, usage: 'invalid' };
  }
  // Counts below what the text itself shows (a provider that reports 0 for a long answer) are
  // raised to that floor: the model did that much work whatever its server says.
  const promptTokens = atLeastFloor(generation.promptTokens, (ctx.redacted ?? ctx.request.messages).map((m) => m.content));
  // A function call's arguments are generated text too (the model wrote them as JSON).
  const written = generation.functionCalls !== undefined && generation.functionCalls.length > 0 ? [generation.text, JSON.stringify(generation.functionCalls)] : [generation.text];
  const completionTokens = Math.max(generation.tokens, Math.min(ctx.request.maxTokens, atLeastFloor(generation.tokens, written)));
  const chargedMicro = costMicro(ctx.pricing(routeDetail(ctx).model), promptTokens, completionTokens);
  if (!Number.isSafeInteger(chargedMicro) || chargedMicro < 0) return { chargedMicro: reservation.reservedMicro, usage: 'invalid' };
  // The model that ran before the fallback left no counts: like a partial generation, the
  // reservation is the only sound bound on the two together (the fallback's usage, if more).
  if (ctx.usage === 'fallback-after-work') return { chargedMicro: Math.max(reservation.reservedMicro, chargedMicro), usage: 'fallback-after-work', promptTokens, completionTokens };
  const usage = promptTokens === generation.promptTokens && completionTokens === generation.tokens ? 'reported' : 'implausible';
  return { chargedMicro, usage, promptTokens, completionTokens };
}

/** What the provider reported, beside the floored counts an implausible usage was billed at. */
function reportedCounts(generation: CallContext['generation']): Record<string, number> {
  return { reportedPromptTokens: generation?.promptTokens ?? 0, reportedCompletionTokens: generation?.tokens ?? 0 };
}

const stringsOf = (fields: Record<string, number>): Record<string, string> => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));

/**
 * A kill switch covering the call was engaged after its record was made but before the record's
 * commit: the record (outcome ok) is not committed; it is made again as blocked by the kill.
 */
class KilledBeforeCommit extends Error {
  readonly killed: ReturnType<typeof abortError>;
  constructor(killed: ReturnType<typeof abortError>) {
    super('a kill switch was engaged before the call record committed');
    this.name = 'KilledBeforeCommit';
    this.killed = killed;
  }
}

/** How many times the record is made when concurrent writers moved the totals it states. */
const OVERRUN_ATTEMPTS = 5;

/** The totals read under the commit no longer give the overruns the record states. */
class OverrunsMoved extends Error {
  /** The overruns as read under the commit's write lock. */
  readonly current: readonly Overrun[];
  constructor(current: readonly Overrun[]) {
    super('the budget totals moved between the record and its commit');
    this.name = 'OverrunsMoved';
    this.current = current;
  }
}

/**
 * Per ledger, the record of a charge above its reservation in flight: the next one waits for it.
 * Each such commit moves the totals the others state, so made together they would only make each
 * other again; one at a time, each reads the totals the one before it left.
 */
const overrunTurns = new WeakMap<BudgetLedger, Promise<void>>();

/** Waits for this ledger's overrun records before this one; the returned function ends this one's turn. */
async function overrunTurn(ledger: BudgetLedger): Promise<() => void> {
  const before = overrunTurns.get(ledger) ?? Promise.resolve();
  let end!: () => void;
  const mine = new Promise<void>((resolve) => {
    end = resolve;
  });
  const turn = before.then(() => mine);
  overrunTurns.set(ledger, turn);
  await before;
  return () => {
    end();
    if (overrunTurns.get(ledger) === turn) overrunTurns.delete(ledger);
  };
}

const overrunKey = (overruns: readonly Overrun[]): string => overruns.map((o) => `${o.scope}:${o.overMicro}`).join(',');

/** The refusal for the first limit passed (the caller sees one), the call's own first. */
function budgetRefusal(overruns: readonly Overrun[], chargedMicro: number): BudgetExceeded | undefined {
  const first = overruns[0];
  if (first === undefined) return undefined;
  return new BudgetExceeded(first.scope, first.limit.value, microToUnits(first.committedMicro), microToUnits(chargedMicro), first.limit.decidedBy, microToUnits(first.overMicro));
}

/** Which scopes the charge took past their limits, and by how much (cost units): verdict and record alike. */
function overrunDetail(overruns: readonly Overrun[]): Record<string, string | number> {
  if (overruns.length === 0) return {};
  const detail: Record<string, string | number> = { budgetExceeded: overruns.map((o) => o.scope).join(','), event: 'billing' };
  for (const o of overruns) detail[`overLimit.${o.scope}`] = microToUnits(o.overMicro);
  return detail;
}

/** The first engagement on the log after `since` of a switch covering `work` (a kill's own entry). */
function killLoggedSince(entries: Iterable<AuditEntry>, work: WorkScope): { scope: KillSwitchState['scope']; target: string; actor: string; timeMs: number } | undefined {
  for (const entry of entries) {
    if (entry.action !== 'governance.kill.engage') continue;
    const scope = entry.fields.scope;
    const target = entry.fields.target ?? '';
    if (scope === undefined || !isKillScope(scope) || !covers({ scope, target }, work)) continue;
    return { scope, target, actor: entry.actor, timeMs: entry.timeMs };
  }
  return undefined;
}

/**
 * Inside the record's commit, under the log's write lock on the tenant database: the kill that
 * stops the call, if one is on the log before this record. A kill is known here through this
 * process's signal (aborted by an engagement here, or by the watcher's poll of the table) or,
 * engaged by another process and not polled yet, through the switches table, read on this
 * connection (one EXISTS when no switch is engaged). Either way the log decides the order: the
 * kill's entry among those written since the call registered means the kill precedes the record;
 * a kill not logged yet (engaging writes the switch, then logs it) comes after the record, as a
 * kill engaged after the commit does. Unknown (not watched) counts as before: fail closed.
 */
function killBeforeCommit(ctx: CallContext): ReturnType<typeof abortError> | undefined {
  const work = { team: ctx.request.team, agent: ctx.request.agent };
  const aborted = ctx.killSignal.aborted ? abortError(ctx) : undefined;
  const engaged = ctx.kills.covering(work);
  if (aborted === undefined && engaged === undefined) return undefined;
  const since = ctx.logSeqAtStart;
  const after = since === undefined ? undefined : ctx.audit.entriesAfter?.(since);
  if (after === undefined) return aborted ?? (engaged && engagedError(engaged));
  const logged = killLoggedSince(after, work);
  if (logged === undefined) return undefined;
  if (aborted instanceof KillSwitchEngaged) return aborted;
  const state = ctx.kills.covering(work);
  // Released since its entry (the release is logged before the switch is removed): the kill still preceded the record.
  return state !== undefined ? engagedError(state) : new KillSwitchEngaged(logged.scope, logged.target, logged.actor, new Date(logged.timeMs).toISOString());
}

/** The kill that now stops a call not blocked yet (and marks it blocked), if a switch covering it is engaged. */
function killedNow(ctx: CallContext): ReturnType<typeof abortError> | undefined {
  if (ctx.blocked !== undefined || !ctx.killSignal.aborted) return undefined;
  const killed = abortError(ctx);
  ctx.blocked = killed;
  return killed;
}

export const billingPostCallAudit: Stage = {
  name: 'billing-post-call-audit',
  stopsOnBlock: false,
  async run(ctx: CallContext): Promise<StageVerdict> {
    const started = performance.now();
    const stage = this.name;
    const { request } = ctx;
    const generation = ctx.generation;
    const reservation = ctx.reservation;
    const budgetRequest = ctx.budgetRequest;
    if (reservation === undefined || budgetRequest === undefined) throw new TypeError('billing ran without a budget reservation');
    const { chargedMicro, usage, promptTokens = 0, completionTokens = 0 } = chargeOf(ctx, reservation);
    if (usage === 'reported' || usage === 'implausible' || usage === 'fallback-after-work') ctx.billedTokens = { promptTokens, completionTokens };
    // A refusal before any work is known usage: nothing was evaluated.
    const usageKnown = usage === 'reported' || usage === 'refused';
    // Counts stage 6 took, but that price past any charge: no usage to bill from either (fail closed).
    const usageRefusal = usage === 'invalid' && ctx.usage !== 'invalid' ? new ModelUsageInvalid(this.name, routeDetail(ctx).model) : undefined;
    const overMicro = Math.max(0, chargedMicro - reservation.reservedMicro);
    // What settling will give (the verdict and the record state it before the commit); the
    // settlement in the commit must agree, or the record would lie (e.g. settled elsewhere).
    const charge: SettledCharge = {
      reservedMicro: reservation.reservedMicro,
      chargedMicro,
      releasedMicro: Math.max(0, reservation.reservedMicro - chargedMicro),
    };
    // A kill switch engaged since the model call (during stages 7–9, or while this stage waits for
    // its overrun turn or for the log) stops the call before its record says ok; this stage's own
    // verdict blocks, so the refusal is in the hashed verdicts too. The charge for the model's work
    // stands, as for any call blocked after the model. Checked before each attempt and again inside
    // the commit (below): engaging aborts the signal before it appends its entry, so a kill already
    // on the log when this record commits is always seen, and the record comes after it as blocked.
    // A kill engaged after the commit is after the call: the record says ok, and that stands.
    let killed = killedNow(ctx);
    // Only a charge above its reservation can pass a limit here (overruns() finds none otherwise).
    const endTurn = overMicro > 0 ? await overrunTurn(ctx.ledger) : undefined;
    try {
      for (let attempt = 1; ; attempt++) {
        killed ??= killedNow(ctx);
        const overruns = ctx.ledger.overruns(budgetRequest, reservation, chargedMicro, false);
        const refusal: CallRefusal | undefined = usageRefusal ?? killed ?? budgetRefusal(overruns, chargedMicro);
        const blockedBy = ctx.blocked ?? refusal;
        const latencyMs = Math.round(performance.now() - ctx.startedMs);
        const own = verdict(
          stage,
          refusal === undefined ? 'pass' : 'block',
          {
            ...(refusal !== undefined && { error: refusal.code }),
            promptTokens,
            completionTokens,
            usageKnown,
            ...(usage !== 'reported' && usage !== 'none' && { usage }),
            ...(usage === 'implausible' && reportedCounts(generation)),
            cost: microToUnits(charge.chargedMicro),
            released: microToUnits(charge.releasedMicro),
            ...(overMicro > 0 && { overReservation: microToUnits(overMicro) }),
            ...overrunDetail(overruns),
            latencyMs,
          },
          started,
        );
        const verdicts = [...ctx.trace.verdicts, own];
        const pipelineHash = ctx.trace.preview(own);
        let settled: SettledCharge | undefined;
        const settle = (db: Parameters<typeof ctx.ledger.settleWithin>[0]): void => {
          // Under the log's write lock: a kill engaged since this record was made (here, or by another
          // process: the switches table is read) and already on the log undoes it (nothing is
          // written) and the record is made again, blocked by the kill. A kill whose entry comes
          // after this record is after the call (the record stays ok).
          const killedBefore = blockedBy === undefined ? killBeforeCommit(ctx) : undefined;
          if (killedBefore !== undefined) throw new KilledBeforeCommit(killedBefore);
          const s = ctx.ledger.settleWithin(db, reservation, chargedMicro);
          // Settled before this commit (swept as stale): recording a second charge would double-count it.
          if (s.alreadySettled === true) throw new ReservationAlreadySettled(reservation.id, s.chargedMicro);
          if (s.reservedMicro !== charge.reservedMicro || s.chargedMicro !== charge.chargedMicro) {
            throw new RangeError(`budget reservation ${reservation.id} was already settled at ${s.chargedMicro} micro-units`);
          }
          // Under the write lock: the limits the record says were passed are the ones passed now.
          const current = ctx.ledger.overruns(budgetRequest, reservation, chargedMicro, true);
          if (overrunKey(current) !== overrunKey(overruns)) throw new OverrunsMoved(current);
          settled = s;
        };
        const stringFields = Object.fromEntries(Object.entries(overrunDetail(overruns)).map(([k, v]) => [k, String(v)]));
        try {
          const { seq } = await ctx.audit.recordGatewayCall(
            {
              actor: request.actor,
              subject: ctx.callId,
              outcome: blockedBy === undefined ? 'ok' : 'blocked',
              pipelineHash,
              stages: verdicts.map((v) => v.stage),
              fields: {
                // model (the one that served), and when routed: requestedModel, routedFrom, routeReason, route.
                ...routeDetail(ctx),
                verdicts: verdicts.map((v) => v.outcome).join(','),
                promptTokens: String(promptTokens),
                completionTokens: String(completionTokens),
                usageKnown: String(usageKnown),
                ...(usage !== 'reported' && usage !== 'none' && { usage }),
                ...(usage === 'implausible' && stringsOf(reportedCounts(generation))),
                cost: String(microToUnits(charge.chargedMicro)),
                ...(overMicro > 0 && { overReservation: String(microToUnits(overMicro)) }),
                ...stringFields,
                latencyMs: String(latencyMs),
                preCallSeq: String(ctx.preCallSeq ?? ''),
                ...(blockedBy !== undefined ? { blockedBy: blockedBy.code, event: refusalEvent(blockedBy) } : {}),
                ...(ctx.findings.size > 0 ? { findings: [...ctx.findings].join(',') } : {}),
                ...scopeFields(request),
              },
              payload: JSON.stringify({ callId: ctx.callId, verdicts }),
            },
            { withinCommit: settle },
          );
          if (settled === undefined) throw new TypeError('the audit port did not run the settlement in its commit');
          ctx.auditSeq = seq;
          ctx.charge = settled;
          if (usageRefusal !== undefined) ctx.usage = 'invalid';
          else if (usage === 'implausible') ctx.usage = 'implausible';
          ctx.blocked ??= refusal;
          return own;
        } catch (error) {
          if (error instanceof KilledBeforeCommit) {
            killed ??= error.killed;
            ctx.blocked ??= killed;
            continue;
          }
          if (error instanceof OverrunsMoved) {
            if (attempt < OVERRUN_ATTEMPTS) continue;
            // The totals moved under every attempt: a limit is passed (as read before the commit, or
            // under it), so the call is refused as such. Nothing was written; the gateway's blocked
            // entry settles the charge and records it as a billing event.
            const refused = budgetRefusal(error.current, chargedMicro) ?? budgetRefusal(overruns, chargedMicro);
            throw usageRefusal ?? killed ?? refused ?? new GatewayAuditError(stage, causeName(error));
          }
          if (error instanceof ReservationAlreadySettled) throw new GatewayReservationSwept();
          throw new GatewayAuditError(stage, causeName(error));
        }
      }
    } finally {
      endTurn?.();
    }
  },
};
