/** The gateway pipeline as recorded in the audit log (reference 002: ten stages, this order). */
import { createHash } from 'node:crypto';
export const GATEWAY_CALL_ACTION = 'gateway.call';

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

/** Domain of the pipeline hash (reference 002; the gateway's pipeline.ts computes the same chain). */
export const PIPELINE_HASH_DOMAIN = 'airlock gateway pipeline v1';

/** A copy of `value` with every object's keys in sorted order, for JSON.stringify. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortedKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
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
): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    return 'gateway call payload is not JSON';
  }
  const record = parsed as { callId?: unknown; verdicts?: unknown };
  if (typeof record !== 'object' || record === null || !Array.isArray(record.verdicts)) return 'gateway call payload holds no stage verdicts';
  const verdicts = record.verdicts as { stage?: unknown; outcome?: unknown }[];
  if (record.callId !== entry.subject) return 'gateway call payload names another call';
  const stages = verdicts.map((v) => (typeof v === 'object' && v !== null ? String(v.stage) : '?')).join(',');
  if (stages !== entry.fields.stages) return `gateway call payload's stages (${stages}) differ from the entry's (${entry.fields.stages ?? 'none'})`;
  const outcomes = verdicts.map((v) => String(v.outcome));
  if (outcomes.join(',') !== entry.fields.verdicts) return `gateway call payload's outcomes (${outcomes.join(',')}) differ from the entry's (${entry.fields.verdicts ?? 'none'})`;
  // The entry's outcome must be what its verdicts say: ok only if no stage blocked or was skipped,
  // blocked only if one did block.
  const refused = outcomes.includes('block');
  if (entry.outcome === 'ok' && (refused || outcomes.includes('not-run'))) return 'gateway call is recorded ok, but its verdicts show a stage that blocked or did not run';
  if (entry.outcome === 'blocked' && !refused) return 'gateway call is recorded blocked, but none of its verdicts blocked';
  if (entry.outcome !== 'ok' && entry.outcome !== 'blocked') return `gateway call has outcome "${entry.outcome}", neither ok nor blocked`;
  if (recomputePipelineHash(verdicts) !== entry.fields.pipelineHash) return 'gateway call pipeline hash does not match its recorded stage verdicts';
  return null;
}
