/**
 * Stage 7: the model's output (still tokenised) is checked for credential leaks, caller policy
 * and, when structured output was asked for, the schema. Secrets and forbidden terms are replaced
 * (flag); a forbidden topic, a schema mismatch, or a credential inside a function call's arguments
 * blocks in enforce mode. Runs on partial output after a block, so a killed call's text is still
 * checked before anything is recorded about it.
 */
import type { CallContext } from '../context.ts';
import { GatewayBlocked } from '../errors.ts';
import { validateOutput, type OutputViolation } from '../output/index.ts';
import { verdict, type Stage, type StageVerdict } from '../stage.ts';

function countKinds(violations: readonly OutputViolation[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of violations) out[`violations.${v.kind}`] = (out[`violations.${v.kind}`] ?? 0) + 1;
  return out;
}

export const outputValidation: Stage = {
  name: 'output-validation',
  stopsOnBlock: false,
  async run(ctx: CallContext): Promise<StageVerdict> {
    const started = performance.now();
    if (ctx.generation === undefined) return verdict(this.name, 'not-run', { reason: ctx.blocked?.code ?? 'no-output' }, started);
    const { request } = ctx;
    const checked = await validateOutput(ctx.generation.text, {
      ...(request.outputPolicy !== undefined ? { policy: request.outputPolicy } : {}),
      ...(request.jsonSchema !== undefined && ctx.blocked === undefined ? { schema: request.jsonSchema } : {}),
    });
    ctx.output = checked.text;
    if (checked.value !== undefined) ctx.structuredValue = checked.value;
    const violations = [...checked.violations];

    const calls = ctx.generation.functionCalls ?? [];
    let leakingCalls = 0;
    for (const call of calls) {
      const args = await validateOutput(JSON.stringify(call.arguments ?? null));
      if (args.violations.length > 0) leakingCalls++;
      violations.push(...args.violations);
    }
    ctx.functionCalls = calls;

    const detail = { ...countKinds(violations), functionCalls: calls.length, outputChars: checked.text.length };
    if (violations.length === 0) return verdict(this.name, 'pass', detail, started);
    ctx.findings.add(this.name);
    const blocking = violations.some((v) => v.kind === 'format' || (v.kind === 'policy' && v.detail.startsWith('forbidden topic'))) || leakingCalls > 0;
    if (blocking && ctx.policy.mode === 'enforce' && ctx.blocked === undefined) {
      ctx.blocked = new GatewayBlocked(
        this.name,
        'OUTPUT_VALIDATION',
        "The model's response was withheld by output validation (" +
          [...new Set(violations.map((v) => v.kind))].join(', ') +
          '). The violation was recorded; rephrase the request or ask an administrator to review the output policy.',
      );
      return verdict(this.name, 'block', { ...detail, error: 'OUTPUT_VALIDATION' }, started);
    }
    return verdict(this.name, 'flag', detail, started);
  },
};
