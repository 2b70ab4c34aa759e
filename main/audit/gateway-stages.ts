/** The gateway pipeline as recorded in the audit log (reference 002: ten stages, this order). */
import { createHash } from 'node:crypto';
export const GATEWAY_CALL_ACTION = 'gateway.call';
/** Stage 5's entry, written before the model is called: the stages so far and their hash (gateway/stages/pre-call-audit.ts). */
export const PRE_CALL_ACTION = 'gateway.call.pre';
/** A call refused before (or without) a complete pipeline: the stages that ran, their hash and the refusal. */
export const BLOCKED_CALL_ACTION = 'gateway.call.blocked';

export const REQUIRED_GATEWAY_STAGES = [
  'budget',
  'prompt-injection',
  'pii-redaction',
  'input-moderation',
  'pre-call-audit',
  'llm-call',
  'output-validation',
  'output-moderation',
  'pii-restore',
  'billing-post-call-audit',
] as const;

export type GatewayStage = (typeof REQUIRED_GATEWAY_STAGES)[number];

/**
 * The stages whose block stops the pipeline: the first five, before anything reaches the model.
 * Stages 6–10 run on after a block, so the call is billed and recorded. The gateway asserts at
 * startup that its stages' `stopsOnBlock` agree (pipeline.ts, assertStageOrder); the verifier
 * judges recorded stage lists by this, since the audit layer does not import the gateway.
 */
export const STOP_ON_BLOCK_STAGES: readonly GatewayStage[] = REQUIRED_GATEWAY_STAGES.slice(0, 5);

/** The stages a pre-call entry lists: those before pre-call-audit (stage 5 writes the entry as it runs). */
export const PRE_CALL_STAGES: readonly GatewayStage[] = REQUIRED_GATEWAY_STAGES.slice(0, REQUIRED_GATEWAY_STAGES.indexOf('pre-call-audit'));

/** Where a call refused before stage 1 (no provider, a kill switch) is recorded as blocked. */
export const ADMISSION = 'admission';

const stopsOnBlock = (stage: string): boolean => (STOP_ON_BLOCK_STAGES as readonly string[]).includes(stage);

/**
 * Null when the outcomes of the first `outcomes.length` pipeline stages are a sequence the gateway
 * can produce; else what is wrong. A stop-on-block stage never writes not-run (it runs only while
 * nothing has blocked) and, if it blocks, is the last stage that ran. So a list cut short ends at a
 * stop-on-block stage that blocked, with no block before it; a full list has no block (nor
 * not-run) at a stop-on-block stage, since the pipeline would have ended there.
 */
export function checkStageSequence(outcomes: readonly string[]): string | null {
  const complete = outcomes.length === REQUIRED_GATEWAY_STAGES.length;
  for (const [i, outcome] of outcomes.entries()) {
    const stage = REQUIRED_GATEWAY_STAGES[i] as GatewayStage;
    const last = i === outcomes.length - 1;
    if (!stopsOnBlock(stage)) {
      if (!complete) return `gateway call stops after ${stage}, which does not stop the pipeline when it blocks (only ${STOP_ON_BLOCK_STAGES.join(', ')} do)`;
      continue;
    }
    if (outcome === 'not-run') return `gateway call's ${stage} verdict is not-run, which that stage never writes (it runs unless the pipeline stopped before it)`;
    if (outcome === 'block' && (complete || !last)) return `gateway call's ${stage} verdict blocks, yet stages after it ran: a block there stops the pipeline`;
  }
  return null;
}

/** What a stage verdict may say (the gateway's StageOutcome, verdict.ts); anything else is no verdict the gateway writes. */
export const STAGE_OUTCOMES = ['pass', 'flag', 'block', 'skip-degraded', 'not-run'] as const;

export type RecordedStageOutcome = (typeof STAGE_OUTCOMES)[number];

const isStageOutcome = (outcome: string): boolean => (STAGE_OUTCOMES as readonly string[]).includes(outcome);

/** Stage lists are committed in the leaf as one comma-separated field. */
export function encodeStages(stages: readonly string[]): string {
  for (const s of stages) {
    if (!/^[a-z0-9-]+$/.test(s)) throw new RangeError(`stage name ${JSON.stringify(s)} is not allowed`);
  }
  return stages.join(',');
}

/** Null when `stages` lists every required stage exactly once and in order; else what is wrong. */
export function checkGatewayStages(stagesField: string | undefined): string | null {
  if (stagesField === undefined) return 'gateway call has no stage list';
  const stages = stagesField === '' ? [] : stagesField.split(',');
  const missing = REQUIRED_GATEWAY_STAGES.filter((s) => !stages.includes(s));
  if (missing.length > 0) return `gateway call skipped stage(s): ${missing.join(', ')}`;
  if (stages.join(',') !== REQUIRED_GATEWAY_STAGES.join(',')) {
    return `gateway call stages out of order or repeated: ${stages.join(' → ')}`;
  }
  return null;
}

/**
 * Null when a blocked call's entry says what a refusal leaves: outcome blocked; the stages that ran
 * are the pipeline's first ones, in order, none repeated (none at all when refused at admission);
 * one valid outcome per stage, the last a block — or, once stage 10 ran (its record was not
 * written), one of them a block; and a pipeline hash. Else what is wrong.
 */
export function checkBlockedCallEntry(entry: { readonly outcome: string; readonly fields: Readonly<Record<string, string>> }): string | null {
  if (entry.outcome !== 'blocked') return `blocked gateway call has outcome "${entry.outcome}", not blocked`;
  const { stages: stagesField, verdicts: outcomesField } = entry.fields;
  if (stagesField === undefined) return 'blocked gateway call has no stage list';
  const stages = stagesField === '' ? [] : stagesField.split(',');
  if (stages.length > REQUIRED_GATEWAY_STAGES.length || stages.some((s, i) => s !== REQUIRED_GATEWAY_STAGES[i])) {
    return `blocked gateway call stages are not the pipeline's first stages in order: ${stages.join(' → ')}`;
  }
  if (outcomesField === undefined) return 'blocked gateway call has no verdict outcomes';
  const outcomes = outcomesField === '' ? [] : outcomesField.split(',');
  if (outcomes.length !== stages.length) return `blocked gateway call has ${outcomes.length} verdict outcome(s) for ${stages.length} stage(s)`;
  const invalid = outcomes.find((o) => !isStageOutcome(o));
  if (invalid !== undefined) return `blocked gateway call has a verdict outcome "${invalid}", not one of ${STAGE_OUTCOMES.join(', ')}`;
  const refused = stages.length === REQUIRED_GATEWAY_STAGES.length ? outcomes.includes('block') : stages.length === 0 || outcomes.at(-1) === 'block';
  if (!refused) return 'blocked gateway call does not end in a stage that blocked';
  const sequence = checkStageSequence(outcomes);
  if (sequence !== null) return `blocked ${sequence}`;
  const pipelineHash = entry.fields.pipelineHash ?? '';
  if (!/^[0-9a-f]{64}$/.test(pipelineHash)) return 'blocked gateway call has no pipeline hash';
  // With no stage run there are no verdicts to carry: the hash is the chain's start, checkable here.
  if (stages.length === 0 && pipelineHash !== recomputePipelineHash([])) return 'blocked gateway call ran no stage, but its pipeline hash is not the pipeline\'s genesis hash';
  if (!/^[A-Z][A-Z0-9_]*$/.test(entry.fields.code ?? '')) return 'blocked gateway call has no refusal code';
  const blockedAt = entry.fields.blockedAt;
  if (blockedAt === undefined) return 'blocked gateway call does not say where it was blocked';
  if (!blockedAtAgrees(blockedAt, entry.fields.code ?? '', stages, outcomes)) {
    return `blocked gateway call says it was blocked at ${blockedAt}, which its stages (${stages.join(' → ') || 'none'}) do not allow`;
  }
  return null;
}

/**
 * Where the gateway says a call was blocked, given the stages that ran (gateway.ts, recordBlocked:
 * the refusal's stage, or the last stage that ran, or admission): admission when none ran; the
 * last stage of a list cut short (or budget, for a budget refusal at stage 5, whose reservation
 * the log refused); in a full list a stage after the stop-on-block ones that blocked.
 */
function blockedAtAgrees(blockedAt: string, code: string, stages: readonly string[], outcomes: readonly string[]): boolean {
  if (stages.length === 0) return blockedAt === ADMISSION;
  if (stages.length < REQUIRED_GATEWAY_STAGES.length) return blockedAt === stages.at(-1) || (code === 'BUDGET_EXCEEDED' && blockedAt === 'budget');
  const at = stages.indexOf(blockedAt);
  return at >= 0 && !stopsOnBlock(blockedAt) && outcomes[at] === 'block';
}

/** Domain of the pipeline hash (reference 002; the gateway's pipeline.ts computes the same chain). */
export const PIPELINE_HASH_DOMAIN = 'airlock gateway pipeline v1';

/**
 * A copy of `value` with every object's keys in sorted order, for JSON.stringify. Keys are defined,
 * not assigned, so an own "__proto__" key stays a key (an assignment would set the prototype and
 * drop it from the hash). A number that is not finite has no JSON form of its own (NaN, ±Infinity
 * and null would all hash alike): it throws.
 */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`${String(value)} has no canonical form`);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      Object.defineProperty(out, key, { value: sortedKeys((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

const VERDICT_FIELDS = 'detail,ms,outcome,stage';

/** A detail value the gateway records: a string, a finite number (never -0, which JSON writes as 0) or a boolean. */
const isDetailValue = (v: unknown): boolean => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0));

/**
 * Null when a stored verdict has the form the gateway writes (pipeline.ts, stageRecord): exactly
 * stage, outcome, detail and ms; ms a finite number; detail values strings, finite numbers or
 * booleans. Else what is wrong. Any other form has no single canonical text, so two such verdicts
 * could share a hash.
 */
function verdictFormProblem(v: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'is not an object';
  const fields = Object.keys(v).sort().join(',');
  if (fields !== VERDICT_FIELDS) return `has the fields ${fields || 'none'}, not exactly stage, outcome, detail and ms`;
  const { ms, detail } = v as { ms: unknown; detail: unknown };
  if (typeof ms !== 'number' || !Number.isFinite(ms) || Object.is(ms, -0)) return 'has a ms that is not a finite number';
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return 'has no detail object';
  const bad = Object.keys(detail).find((k) => !isDetailValue((detail as Record<string, unknown>)[k]));
  if (bad !== undefined) return `has a detail "${bad}" that is not a string, finite number or boolean`;
  return null;
}

/**
 * Null when the outcomes in a gateway.call entry's own `verdicts` field are what the gateway
 * writes for a call that reached the model: one valid outcome for each of the ten stages, the
 * entry's outcome agreeing with them (ok only if none blocked or was not run; blocked only if one
 * blocked), and a sequence the pipeline can produce. Checked on the entry itself, so it holds when
 * the payload is shredded or was not exported.
 */
export function checkGatewayCallOutcomes(entry: { readonly outcome: string; readonly fields: Readonly<Record<string, string>> }): string | null {
  const field = entry.fields.verdicts;
  if (field === undefined) return 'gateway call has no verdict outcomes';
  const outcomes = field === '' ? [] : field.split(',');
  if (outcomes.length !== REQUIRED_GATEWAY_STAGES.length) return `gateway call has ${outcomes.length} verdict outcome(s) for ${REQUIRED_GATEWAY_STAGES.length} stages`;
  const invalid = outcomes.findIndex((o) => !isStageOutcome(o));
  if (invalid >= 0) return `gateway call's ${REQUIRED_GATEWAY_STAGES[invalid] ?? 'extra'} verdict has outcome "${outcomes[invalid] ?? ''}", not one of ${STAGE_OUTCOMES.join(', ')}`;
  const refused = outcomes.includes('block');
  if (entry.outcome === 'ok' && (refused || outcomes.includes('not-run'))) return 'gateway call is recorded ok, but its verdicts show a stage that blocked or did not run';
  if (entry.outcome === 'blocked' && !refused) return 'gateway call is recorded blocked, but none of its verdicts blocked';
  if (entry.outcome !== 'ok' && entry.outcome !== 'blocked') return `gateway call has outcome "${entry.outcome}", neither ok nor blocked`;
  return checkStageSequence(outcomes);
}

/**
 * Null when a pre-call entry (stage 5, before the model) says what the gateway writes there: outcome
 * pending, the stages before pre-call-audit in order, and a pipeline hash. Else what is wrong.
 */
export function checkPreCallEntry(entry: { readonly outcome: string; readonly fields: Readonly<Record<string, string>> }): string | null {
  if (entry.outcome !== 'pending') return `pre-call entry has outcome "${entry.outcome}", not pending`;
  const stages = entry.fields.stages;
  if (stages !== PRE_CALL_STAGES.join(',')) {
    return `pre-call entry lists the stages ${stages === undefined || stages === '' ? 'none' : stages.split(',').join(' → ')}, not the ones before pre-call-audit (${PRE_CALL_STAGES.join(' → ')})`;
  }
  if (!/^[0-9a-f]{64}$/.test(entry.fields.pipelineHash ?? '')) return 'pre-call entry has no pipeline hash';
  return null;
}

/**
 * The pipeline hash over recorded stage verdicts, computed here from its definition, apart from
 * the gateway's own (optimised) code, so the verifier checks that code rather than trusting it:
 *   h_0 = SHA-256(domain),  h_i = SHA-256(h_{i-1} || JSON of verdict_i with keys sorted at every level).
 */
export function recomputePipelineHash(verdicts: readonly unknown[]): string {
  let h = createHash('sha256').update(PIPELINE_HASH_DOMAIN, 'utf8').digest();
  for (const v of verdicts) h = createHash('sha256').update(h).update(JSON.stringify(sortedKeys(v)), 'utf8').digest();
  return h.toString('hex');
}

/**
 * Null when a gateway call's payload (its stage verdicts, as stage 10 stored them) agrees with
 * the entry: the same stages in the same order, the same outcomes, and the pipeline hash the
 * entry commits to. Else what is wrong. A record whose stage list is complete but whose hash was
 * not computed over those verdicts (a skipped or altered stage) fails here.
 */
export function checkGatewayCallPayload(
  entry: { readonly subject: string; readonly outcome: string; readonly fields: Readonly<Record<string, string>> },
  payload: Uint8Array,
  pre?: PreCallBinding,
): string | null {
  // The entry's outcomes are judged on the entry (checkGatewayCallOutcomes); the payload must carry the same ones.
  return checkVerdictPayload(entry, payload, pre);
}

/**
 * Null when a blocked call's payload (the verdicts of the stages that ran) agrees with its entry:
 * the same call, stages and outcomes, and the pipeline hash the entry commits to. Run after
 * checkBlockedCallEntry, which judges the stages and outcomes themselves.
 */
export function checkBlockedCallPayload(
  entry: { readonly subject: string; readonly outcome: string; readonly fields: Readonly<Record<string, string>> },
  payload: Uint8Array,
  pre?: PreCallBinding,
): string | null {
  return checkVerdictPayload(entry, payload, pre);
}

/** What a call's pre-call entry committed to that its record's payload must repeat (stage 5's own verdict). */
export interface PreCallBinding {
  /** The pre-call entry's seq. */
  readonly seq: number;
  /** Its pipeline hash: that of the verdicts of the stages before pre-call-audit. */
  readonly pipelineHash: string;
  /** Its inputDigest and model fields (absent in a pre-call entry that has none). */
  readonly inputDigest?: string | undefined;
  readonly model?: string | undefined;
}

/**
 * Null when a record's pre-call-audit verdict is the one stage 5 returned after writing `pre`
 * (pre-call-audit.ts): it passed, its detail's seq is the pre-call entry's, and its inputDigest and
 * model (when it carries them) are the entry's. Else what is wrong.
 */
function checkPreCallVerdict(verdict: unknown, pre: PreCallBinding): string | null {
  const v = verdict as { outcome: string; detail: Record<string, unknown> };
  const mismatch = `: the record does not match its pre-call entry (entry ${pre.seq})`;
  if (v.outcome !== 'pass') return `gateway call payload's pre-call-audit verdict has outcome "${v.outcome}", yet the call has a pre-call entry (stage 5 passes once it writes one)${mismatch}`;
  const seq = v.detail.seq;
  if (seq !== pre.seq) return `gateway call payload's pre-call-audit verdict names seq ${seq === undefined ? '(none)' : String(seq)}, not ${pre.seq}${mismatch}`;
  for (const field of ['inputDigest', 'model'] as const) {
    const got = v.detail[field];
    if (got !== undefined && got !== pre[field]) {
      return `gateway call payload's pre-call-audit verdict has ${field} "${String(got)}", the pre-call entry "${pre[field] ?? '(none)'}"${mismatch}`;
    }
  }
  return null;
}

/**
 * The checks every recorded verdict list passes. With `pre` (the call's pre-call entry), the
 * verdicts of the stages before pre-call-audit must hash to its pipeline hash (the record carries
 * the verdicts the pre-call entry committed to, not rewritten ones), and the pre-call-audit verdict
 * must name that entry (checkPreCallVerdict).
 */
function checkVerdictPayload(
  entry: { readonly subject: string; readonly outcome: string; readonly fields: Readonly<Record<string, string>> },
  payload: Uint8Array,
  pre: PreCallBinding | undefined,
): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    return 'gateway call payload is not JSON';
  }
  const record = parsed as { callId?: unknown; verdicts?: unknown };
  if (typeof record !== 'object' || record === null || !Array.isArray(record.verdicts)) return 'gateway call payload holds no stage verdicts';
  const verdicts = record.verdicts as unknown[];
  if (record.callId !== entry.subject) return 'gateway call payload names another call';
  const shaped = verdicts.map((v) => (typeof v === 'object' && v !== null ? (v as { stage?: unknown; outcome?: unknown }) : {}));
  const stages = shaped.map((v) => (typeof v.stage === 'string' ? v.stage : '?')).join(',');
  if (stages !== entry.fields.stages) return `gateway call payload's stages (${stages}) differ from the entry's (${entry.fields.stages ?? 'none'})`;
  // Each verdict is the one of the stage at its place in the pipeline.
  const misplaced = shaped.findIndex((v, i) => v.stage !== REQUIRED_GATEWAY_STAGES[i]);
  if (misplaced >= 0) return `gateway call payload's verdict ${misplaced + 1} is for stage "${String(shaped[misplaced]?.stage)}", not ${REQUIRED_GATEWAY_STAGES[misplaced] ?? 'any stage'}`;
  const outcomes = shaped.map((v) => (typeof v.outcome === 'string' ? v.outcome : '?'));
  if (outcomes.join(',') !== entry.fields.verdicts) return `gateway call payload's outcomes (${outcomes.join(',')}) differ from the entry's (${entry.fields.verdicts ?? 'none'})`;
  const invalid = outcomes.findIndex((o) => !isStageOutcome(o));
  if (invalid >= 0) return `gateway call payload's ${REQUIRED_GATEWAY_STAGES[invalid] ?? 'extra'} verdict has outcome "${outcomes[invalid] ?? ''}", not one of ${STAGE_OUTCOMES.join(', ')}`;
  for (const [i, v] of verdicts.entries()) {
    const form = verdictFormProblem(v);
    if (form !== null) return `gateway call payload's ${REQUIRED_GATEWAY_STAGES[i] ?? 'extra'} verdict ${form}, which the gateway never records`;
  }
  if (pre !== undefined && recomputePipelineHash(verdicts.slice(0, PRE_CALL_STAGES.length)) !== pre.pipelineHash) {
    return `the verdicts of ${PRE_CALL_STAGES.join(', ')} in the gateway call payload do not hash to the pipeline hash of the call's pre-call entry (a stage verdict was altered after the model was called)`;
  }
  if (recomputePipelineHash(verdicts) !== entry.fields.pipelineHash) return 'gateway call pipeline hash does not match its recorded stage verdicts';
  return pre === undefined ? null : checkPreCallVerdict(verdicts[PRE_CALL_STAGES.length], pre);
}
