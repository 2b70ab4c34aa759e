/**
 * Runs the ten stages in order and chains their verdicts into the pipeline hash:
 *
 *   h_0 = SHA-256("airlock gateway pipeline v1")
 *   h_i = SHA-256(h_{i-1} || canonical(verdict_i))        (h as 32 raw bytes)
 *
 * canonical() is JSON with keys sorted at every level, so an auditor holding the verdicts (the
 * audit entry's payload) recomputes the hash the entry commits to. A stage that throws blocks the
 * call (fail closed) with a typed error, and its block verdict is chained like any other.
 */
import { createHash } from 'node:crypto';
import { STAGE_OUTCOMES, STOP_ON_BLOCK_STAGES } from '../audit/gateway-stages.ts';
import { KillSwitchEngaged } from '../governance/errors.ts';
import type { CallContext, PipelineTrace } from './context.ts';
import { causeName, GatewayBlocked, GatewayCallAborted, GatewayError, GatewayStageError, type CallRefusal } from './errors.ts';
import { GATEWAY_STAGES, type Stage, type StageVerdict, type VerdictDetail } from './stage.ts';

export const PIPELINE_HASH_DOMAIN = 'airlock gateway pipeline v1';
export const PIPELINE_GENESIS: string = createHash('sha256').update(PIPELINE_HASH_DOMAIN, 'utf8').digest('hex');

/**
 * The detail as JSON.stringify would see it, keys sorted: an undefined value has no key (as in the
 * stored JSON), and an own "__proto__" key stays an own key (a plain assignment would drop it).
 */
function sortedDetail(detail: VerdictDetail, keys: readonly string[]): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const key of keys) Object.defineProperty(out, key, { value: detail[key], enumerable: true, writable: true, configurable: true });
  return out;
}

// A key JSON objects order first whatever the insertion order (an array index, e.g. "7").
const INDEX_LIKE_KEY = /^(?:0|[1-9]\d*)$/;

/**
 * JSON text of a detail key, stage name or outcome, and whether the key is index-like. These come
 * from the code (verdict details are counts, codes and class names, never request text), so they
 * form a small set; it is capped all the same. Saves a JSON.stringify and a regex test per key.
 */
const NAMES = new Map<string, { readonly json: string; readonly indexLike: boolean }>();
function nameOf(name: string): { readonly json: string; readonly indexLike: boolean } {
  let known = NAMES.get(name);
  if (known === undefined) {
    known = { json: JSON.stringify(name), indexLike: INDEX_LIKE_KEY.test(name) };
    if (NAMES.size < 4096) NAMES.set(name, known);
  }
  return known;
}

/** JSON.stringify of a detail value: numbers and booleans without the call. Anything else has no canonical form. */
function jsonValue(value: unknown, what: string): string {
  if (typeof value === 'number') {
    // NaN and ±Infinity would all encode as null: distinct verdicts, one hash.
    if (!Number.isFinite(value)) throw new TypeError(`${what} is ${String(value)}, not a finite number`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return JSON.stringify(value);
  throw new TypeError(`${what} is ${value === null ? 'null' : typeof value}, not a string, finite number or boolean`);
}

const VERDICT_KEYS = new Set(['stage', 'outcome', 'detail', 'ms']);

/**
 * The canonical text of a verdict (sorted keys; JSON numbers round-trip exactly): the same bytes
 * as JSON.stringify of the key-sorted verdict, which is what the audit verifier recomputes from the
 * stored payload. A detail key whose value is undefined is left out, as JSON.stringify leaves it
 * out of the payload. Throws on anything else the record cannot carry exactly: a top-level field
 * besides stage, outcome, detail and ms; a detail value that is not a string, finite number or
 * boolean (nested values, null, NaN, ±Infinity); a non-finite ms; a stage or outcome not a string.
 */
export function canonicalVerdict(v: StageVerdict): string {
  for (const key of Object.keys(v)) if (!VERDICT_KEYS.has(key)) throw new TypeError(`verdict of ${String(v.stage)} has a field "${key}" the record does not carry`);
  if (typeof v.stage !== 'string' || typeof v.outcome !== 'string') throw new TypeError('verdict stage and outcome must be strings');
  if (typeof v.detail !== 'object' || v.detail === null || Array.isArray(v.detail)) throw new TypeError(`verdict of ${v.stage} has no detail object`);
  const keys = Object.keys(v.detail).filter((k) => v.detail[k] !== undefined).sort();
  const ms = jsonValue(v.ms, `verdict of ${v.stage}: ms`);
  // Written out rather than through a re-sorted object: same bytes, without the intermediate object.
  // An index-like key is ordered differently by JSON.stringify of an object, so that rare case keeps the object path.
  let detail = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    detail += `${i === 0 ? '' : ','}${nameOf(key).json}:${jsonValue(v.detail[key], `verdict of ${v.stage}: detail "${key}"`)}`;
  }
  detail += '}';
  if (keys.some((k) => nameOf(k).indexLike)) detail = JSON.stringify(sortedDetail(v.detail, keys));
  return `{"detail":${detail},"ms":${ms},"outcome":${nameOf(v.outcome).json},"stage":${nameOf(v.stage).json}}`;
}

function chainBytes(previous: Uint8Array, v: StageVerdict): Buffer {
  return createHash('sha256').update(previous).update(canonicalVerdict(v), 'utf8').digest();
}

export function chainVerdict(previousHex: string, v: StageVerdict): string {
  return chainBytes(Buffer.from(previousHex, 'hex'), v).toString('hex');
}

/** The hash over a verdict list, from h_0: what an auditor recomputes from a record's payload. */
export function pipelineHashOf(verdicts: readonly StageVerdict[]): string {
  return verdicts.reduce(chainVerdict, PIPELINE_GENESIS);
}

function freeze(v: StageVerdict): StageVerdict {
  Object.freeze(v.detail);
  return Object.freeze(v);
}

/**
 * The verdicts so far and their chained hash. The hash is brought up to date when it is read
 * (stage 5, stage 10, a refusal), not after every stage: the same chain, computed in one run.
 */
export class Trace implements PipelineTrace {
  #verdicts: StageVerdict[] = [];
  #hashBytes: Buffer = Buffer.from(PIPELINE_GENESIS, 'hex');
  #hashed = 0;
  #previewed: { readonly verdict: StageVerdict; readonly bytes: Buffer; readonly after: number } | undefined;

  get verdicts(): readonly StageVerdict[] {
    return this.#verdicts;
  }

  get hash(): string {
    return this.#catchUp().toString('hex');
  }

  /**
   * The hash once `next` is appended. Stage 10 previews its own verdict for the call record; when
   * that same verdict is appended, its link is reused rather than hashed again. `next` is frozen
   * here, so what was hashed is what gets appended.
   */
  preview(next: StageVerdict): string {
    const bytes = chainBytes(this.#catchUp(), freeze(next));
    this.#previewed = { verdict: next, bytes, after: this.#hashed };
    return bytes.toString('hex');
  }

  /** Frozen, since it is hashed later: a verdict cannot change after it is on the trace. */
  append(v: StageVerdict): void {
    this.#verdicts.push(freeze(v));
  }

  #catchUp(): Buffer {
    for (; this.#hashed < this.#verdicts.length; this.#hashed++) {
      const v = this.#verdicts[this.#hashed] as StageVerdict;
      const previewed = this.#previewed;
      // The previewed link holds only when it was taken on the chain as it stands now.
      this.#hashBytes = previewed?.verdict === v && previewed.after === this.#hashed ? previewed.bytes : chainBytes(this.#hashBytes, v);
    }
    this.#previewed = undefined;
    return this.#hashBytes;
  }
}

export interface PipelineRun {
  readonly verdicts: readonly StageVerdict[];
  readonly pipelineHash: string;
  /** True when every stage ran (a model call was made and closed by stage 10). */
  readonly complete: boolean;
}

/**
 * Checks a stage list is the ten of reference 002, in order, and that exactly the stages the audit
 * verifier expects to stop on a block do (STOP_ON_BLOCK_STAGES), before anything runs: else the
 * gateway would write records the verifier rejects, or that it wrongly accepts.
 */
export function assertStageOrder(stages: readonly Stage[]): void {
  const names = stages.map((s) => s.name).join(',');
  if (names !== GATEWAY_STAGES.join(',')) throw new TypeError(`gateway stages must be ${GATEWAY_STAGES.join(', ')} in that order; got ${names}`);
  const stopping = stages.filter((s) => s.stopsOnBlock).map((s) => s.name).join(',');
  if (stopping !== STOP_ON_BLOCK_STAGES.join(',')) {
    throw new TypeError(`gateway stages that stop on a block must be ${STOP_ON_BLOCK_STAGES.join(', ')}, as the audit verifier expects; got ${stopping || 'none'}`);
  }
}

/** The stage that calls the model: the last one before which an aborted call is refused unrun. */
const MODEL_STAGE = 'llm-call';

/** Why an aborted call stops: the kill switch that aborted it (its own typed refusal), else the caller's abort. */
function abortRefusal(ctx: CallContext, stage: Stage['name']): CallRefusal {
  const reason: unknown = ctx.killSignal.reason;
  if (ctx.killSignal.aborted && reason instanceof KillSwitchEngaged) return reason;
  return new GatewayCallAborted(stage, true);
}

/**
 * Runs `stages` on `ctx` (its trace must be a Trace). Returns when a stop-on-block stage blocks,
 * or after the last stage. Never throws for a stage's failure: that becomes a block verdict and
 * `ctx.blocked`. Once any stage has set `ctx.blocked`, the call's output stream is halted.
 *
 * A call whose signal is aborted (the caller's abort, a kill switch) by the time a stage up to and
 * including the model call would start is refused there, that stage not run: its verdict is a
 * block. Before stage 5 that stops the pipeline (a blocked record, nothing reserved); at the model
 * call, stages 7–10 run on as for a model that refused before any work, so the model is never
 * called, the reservation is released (charged nothing) and the pre-call entry gets its record.
 */
export async function runPipeline(stages: readonly Stage[], ctx: CallContext & { readonly trace: Trace }): Promise<PipelineRun> {
  let modelStageReached = false;
  for (const stage of stages) {
    let v: StageVerdict;
    if (!modelStageReached && ctx.blocked === undefined && ctx.signal.aborted) {
      const refusal = abortRefusal(ctx, stage.name);
      ctx.blocked = refusal;
      if (stage.name === MODEL_STAGE) ctx.refusedUnrun = true;
      v = { stage: stage.name, outcome: 'block', detail: { error: refusal.code, abortedBefore: stage.name }, ms: 0 };
    } else {
      v = await runStage(stage, ctx);
    }
    if (stage.name === MODEL_STAGE) modelStageReached = true;
    if (v.outcome === 'block') ctx.blocked ??= new GatewayBlocked(stage.name, 'GATEWAY_BLOCKED', `The gateway's ${stage.name} stage refused the call.`);
    // A blocked call releases no more streamed text: not a batch whose check is still waiting, not
    // the held tail. Stopped here, before the later stages (and the record's write) give it time.
    if (ctx.blocked !== undefined) ctx.stream?.halt();
    ctx.trace.append(v);
    if (v.outcome === 'block' && stage.stopsOnBlock) return { verdicts: ctx.trace.verdicts, pipelineHash: ctx.trace.hash, complete: false };
  }
  return { verdicts: ctx.trace.verdicts, pipelineHash: ctx.trace.hash, complete: true };
}

/**
 * The record of what `stage` returned, built afresh (only stage, outcome, detail and ms, so what is
 * hashed is what is stored), or a TypeError saying why it is no verdict the record can carry: a
 * verdict for another stage; an outcome not one of STAGE_OUTCOMES, or not-run where the pipeline
 * never writes it (at a stage that stops on a block, which runs only while nothing has blocked; or
 * before anything blocked, since not-run means the call was already refused); a ms that is not a
 * finite number; a detail value that is not a string, finite number or boolean. A detail key whose
 * value is undefined is dropped (the stored JSON has no such key either); -0 is recorded as 0.
 */
function stageRecord(stage: Stage, v: unknown, blocked: boolean): StageVerdict {
  if (typeof v !== 'object' || v === null) throw new TypeError(`stage ${stage.name} returned no verdict`);
  const { stage: name, outcome, detail, ms } = v as Partial<Record<keyof StageVerdict, unknown>>;
  if (name !== stage.name) throw new TypeError(`stage ${stage.name} returned a verdict for ${String(name)}`);
  if (typeof outcome !== 'string' || !(STAGE_OUTCOMES as readonly string[]).includes(outcome)) {
    throw new TypeError(`stage ${stage.name} returned the outcome ${JSON.stringify(outcome)}, not one of ${STAGE_OUTCOMES.join(', ')}`);
  }
  if (outcome === 'not-run' && (stage.stopsOnBlock || !blocked)) throw new TypeError(`stage ${stage.name} returned not-run, though nothing before it blocked the call`);
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new TypeError(`stage ${stage.name} returned a ms that is not a finite number`);
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) throw new TypeError(`stage ${stage.name} returned no detail object`);
  const fresh: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(detail)) {
    if (value === undefined) continue;
    const ok = typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
    if (!ok) throw new TypeError(`stage ${stage.name} returned detail "${key}" that is not a string, finite number or boolean`);
    Object.defineProperty(fresh, key, { value: value === 0 ? 0 : value, enumerable: true, writable: true, configurable: true });
  }
  return { stage: stage.name, outcome: outcome as StageVerdict['outcome'], detail: fresh, ms: ms === 0 ? 0 : ms };
}

/**
 * One stage's verdict; a stage that throws, answers for another stage or returns a verdict the
 * record cannot carry (stageRecord) blocks, with `ctx.blocked` set (fail closed).
 */
async function runStage(stage: Stage, ctx: CallContext): Promise<StageVerdict> {
  const started = performance.now();
  try {
    return stageRecord(stage, await stage.run(ctx), ctx.blocked !== undefined);
  } catch (error) {
    const refusal = error instanceof GatewayError ? error : new GatewayStageError(stage.name, causeName(error));
    ctx.blocked ??= refusal;
    return {
      stage: stage.name,
      outcome: 'block',
      detail: { error: refusal.code, cause: error instanceof GatewayError ? refusal.code : causeName(error) },
      ms: Math.round((performance.now() - started) * 1000) / 1000,
    };
  }
}
