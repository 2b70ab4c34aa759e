/**
 * The stage verdict record: what every stage returns and the pipeline hash chains. Details are
 * counts, codes and class names: never user text, model output or PII values.
 */
import { REQUIRED_GATEWAY_STAGES, type GatewayStage } from '../audit/gateway-stages.ts';

export type GatewayStageName = GatewayStage;
export const GATEWAY_STAGES: readonly GatewayStageName[] = REQUIRED_GATEWAY_STAGES;

/**
 * pass: nothing to report. flag: proceeded with a finding (warn/audit mode, sanitized output).
 * block: refused. skip-degraded: could not do its work and degraded safely (PII restore leaves
 * tokens in place). not-run: the call was already blocked, so the stage had nothing to act on.
 */
export type StageOutcome = 'pass' | 'flag' | 'block' | 'skip-degraded' | 'not-run';

export type VerdictDetail = Readonly<Record<string, string | number | boolean>>;

export interface StageVerdict {
  readonly stage: GatewayStageName;
  readonly outcome: StageOutcome;
  readonly detail: VerdictDetail;
  /** Wall time of the stage, milliseconds. */
  readonly ms: number;
}

/** A verdict timed from `started` (performance.now()). */
export function verdict(stage: GatewayStageName, outcome: StageOutcome, detail: VerdictDetail, started: number): StageVerdict {
  return { stage, outcome, detail, ms: Math.round((performance.now() - started) * 1000) / 1000 };
}
