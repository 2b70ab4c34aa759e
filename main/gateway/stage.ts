/**
 * One signature for all ten stages (reference 002, in the order of REQUIRED_GATEWAY_STAGES). A
 * stage reads and writes the per-call context and returns its verdict; the pipeline chains the
 * verdicts into the pipeline hash.
 */
import type { CallContext } from './context.ts';
import type { GatewayStageName, StageVerdict } from './verdict.ts';

export { GATEWAY_STAGES, verdict } from './verdict.ts';
export type { GatewayStageName, StageOutcome, StageVerdict, VerdictDetail } from './verdict.ts';

export interface Stage {
  readonly name: GatewayStageName;
  /**
   * Stages before the model call end the call when they block (nothing reached the model). From
   * the model call on, a block withholds the output but the rest still run, so every model call is
   * billed and recorded with all ten stages.
   */
  readonly stopsOnBlock: boolean;
  run(ctx: CallContext): Promise<StageVerdict>;
}
