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
import { STOP_ON_BLOCK_STAGES } from '../audit/gateway-stages.ts';
import { KillSwitchEngaged } from '../governance/errors.ts';
import type { CallContext, PipelineTrace } from './context.ts';
import { causeName, GatewayBlocked, GatewayCallAborted, GatewayError, GatewayStageError, type CallRefusal } from './errors.ts';
import { GATEWAY_STAGES, type Stage, type StageVerdict, type VerdictDetail } from './stage.ts';

export const PIPELINE_HASH_DOMAIN = 'airlock gateway pipeline v1';
export const PIPELINE_GENESIS: string = createHash('sha256').update(PIPELINE_HASH_DOMAIN, 'utf8').digest('hex');

function sortedDetail(detail: VerdictDetail): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const key of Object.keys(detail).sort()) out[key] = detail[key] as string | number | boolean;
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

/** JSON.stringify of a detail value: numbers and booleans without the call. */
function jsonValue(value: string | number | boolean): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

/** The canonical text of a verdict (sorted keys; JSON numbers round-trip exactly). */
export function canonicalVerdict(v: StageVerdict): string {
  const keys = Object.keys(v.detail).sort();
  // Written out rather than through a re-sorted object: same bytes, without the intermediate object.
  // An index-like key is ordered differently by JSON.stringify of an object, so that rare case keeps the object path.
  let detail: string;
  if (keys.some((k) => nameOf(k).indexLike)) detail = JSON.stringify(sortedDetail(v.detail));
  else {
    detail = '{';
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      detail += `${i === 0 ? '' : ','}${nameOf(key).json}:${jsonValue(v.detail[key] as string | number | boolean)}`;
    }
    detail += '}';
  }
  return `{"detail":${detail},"ms":${jsonValue(v.ms)},"outcome":${nameOf(v.outcome).json},"stage":${nameOf(v.stage).json}}`;
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

/** One stage's verdict; a stage that throws (or answers for another stage) blocks, with `ctx.blocked` set. */
async function runStage(stage: Stage, ctx: CallContext): Promise<StageVerdict> {
  const started = performance.now();
  try {
    const v = await stage.run(ctx);
    if (v.stage !== stage.name) throw new TypeError(`stage ${stage.name} returned a verdict for ${v.stage}`);
    return v;
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
