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
import type { CallContext, PipelineTrace } from './context.ts';
import { causeName, GatewayBlocked, GatewayError, GatewayStageError } from './errors.ts';
import { GATEWAY_STAGES, type Stage, type StageVerdict, type VerdictDetail } from './stage.ts';

export const PIPELINE_HASH_DOMAIN = 'airlock gateway pipeline v1';
export const PIPELINE_GENESIS: string = createHash('sha256').update(PIPELINE_HASH_DOMAIN, 'utf8').digest('hex');

function sortedDetail(detail: VerdictDetail): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const key of Object.keys(detail).sort()) out[key] = detail[key] as string | number | boolean;
  return out;
}

/** The canonical text of a verdict (sorted keys; JSON numbers round-trip exactly). */
export function canonicalVerdict(v: StageVerdict): string {
  return JSON.stringify({ detail: sortedDetail(v.detail), ms: v.ms, outcome: v.outcome, stage: v.stage });
}

export function chainVerdict(previousHex: string, v: StageVerdict): string {
  return createHash('sha256').update(Buffer.from(previousHex, 'hex')).update(canonicalVerdict(v), 'utf8').digest('hex');
}

/** The hash over a verdict list, from h_0: what an auditor recomputes from a record's payload. */
export function pipelineHashOf(verdicts: readonly StageVerdict[]): string {
  return verdicts.reduce(chainVerdict, PIPELINE_GENESIS);
}

export class Trace implements PipelineTrace {
  #verdicts: StageVerdict[] = [];
  #hash = PIPELINE_GENESIS;

  get verdicts(): readonly StageVerdict[] {
    return this.#verdicts;
  }

  get hash(): string {
    return this.#hash;
  }

  preview(next: StageVerdict): string {
    return chainVerdict(this.#hash, next);
  }

  append(v: StageVerdict): void {
    this.#verdicts.push(v);
    this.#hash = chainVerdict(this.#hash, v);
  }
}

export interface PipelineRun {
  readonly verdicts: readonly StageVerdict[];
  readonly pipelineHash: string;
  /** True when every stage ran (a model call was made and closed by stage 10). */
  readonly complete: boolean;
}

/** Checks a stage list is the ten of reference 002, in order, before anything runs. */
export function assertStageOrder(stages: readonly Stage[]): void {
  const names = stages.map((s) => s.name).join(',');
  if (names !== GATEWAY_STAGES.join(',')) throw new TypeError(`gateway stages must be ${GATEWAY_STAGES.join(', ')} in that order; got ${names}`);
}

/**
 * Runs `stages` on `ctx` (its trace must be a Trace). Returns when a stop-on-block stage blocks,
 * or after the last stage. Never throws for a stage's failure: that becomes a block verdict and
 * `ctx.blocked`.
 */
export async function runPipeline(stages: readonly Stage[], ctx: CallContext & { readonly trace: Trace }): Promise<PipelineRun> {
  for (const stage of stages) {
    const started = performance.now();
    let v: StageVerdict;
    try {
      v = await stage.run(ctx);
      if (v.stage !== stage.name) throw new TypeError(`stage ${stage.name} returned a verdict for ${v.stage}`);
    } catch (error) {
      const refusal = error instanceof GatewayError ? error : new GatewayStageError(stage.name, causeName(error));
      ctx.blocked ??= refusal;
      v = {
        stage: stage.name,
        outcome: 'block',
        detail: { error: refusal.code, cause: error instanceof GatewayError ? refusal.code : causeName(error) },
        ms: Math.round((performance.now() - started) * 1000) / 1000,
      };
    }
    if (v.outcome === 'block') ctx.blocked ??= new GatewayBlocked(stage.name, 'GATEWAY_BLOCKED', `The gateway's ${stage.name} stage refused the call.`);
    ctx.trace.append(v);
    if (v.outcome === 'block' && stage.stopsOnBlock) return { verdicts: ctx.trace.verdicts, pipelineHash: ctx.trace.hash, complete: false };
  }
  return { verdicts: ctx.trace.verdicts, pipelineHash: ctx.trace.hash, complete: true };
}
