/** The gateway pipeline as recorded in the audit log (reference 002: ten stages, this order). */
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
