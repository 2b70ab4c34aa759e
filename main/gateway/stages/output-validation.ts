/**
 * Stage 7: the model's output (still tokenised) is checked for credential leaks, caller policy
 * and, when structured output was asked for, the schema. Secrets and forbidden terms are replaced
 * (flag); a forbidden topic, a schema mismatch, a credential inside a function call's name or
 * arguments, or a call to a function the request did not offer blocks in enforce mode (in the
 * other modes the call's credentials are replaced too, and a call whose credentials cannot all be
 * replaced is withheld). Runs on partial output after a block, so
 * a killed call's text is still checked before anything is recorded about it.
 */
import type { CallContext } from '../context.ts';
import { GatewayBlocked } from '../errors.ts';
import { findCredentials, validateOutput, type OutputViolation } from '../output/index.ts';
import { redactStructured } from '../output/structured-secrets.ts';
import { schemaCheckerReady } from '../../providers/json-schema.ts';
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
    // The output is checked against the schema the model was given (stage 3's, its PII as tokens):
    // the model writes `[EMAIL_1]` where the caller's enum held the address, and stage 9 restores it.
    const schema = ctx.modelSchema ?? request.jsonSchema;
    // The checker's worker may be starting again (another call's check overran and it was
    // replaced): waited for here, without holding the thread, rather than inside the check.
    if (schema !== undefined && ctx.blocked === undefined) await schemaCheckerReady();
    const checked = await validateOutput(ctx.generation.text, {
      ...(request.outputPolicy !== undefined ? { policy: request.outputPolicy } : {}),
      ...(schema !== undefined && ctx.blocked === undefined ? { schema } : {}),
    });
    ctx.output = checked.text;
    if (checked.value !== undefined) ctx.structuredValue = checked.value;
    const violations = [...checked.violations];

    const calls = ctx.generation.functionCalls ?? [];
    const offered = new Set((request.functions ?? []).map((f) => f.name));
    let blockingCalls = 0;
    let withheldCalls = 0;
    const delivered = [];
    for (const [index, call] of calls.entries()) {
      // The name is model text too: it reaches the caller and the tool dispatcher like the arguments.
      const name = await validateOutput(call.name);
      const inText = (await validateOutput(JSON.stringify(call.arguments ?? null))).violations;
      // The arguments as the tool reads them, each string also after its key's name: a value wrapped
      // in an array or object ({"aws_secret_access_key": ["…"]}) is no credential in the JSON text.
      const args = await redactStructured(call.arguments);
      const inValue = inText.length > 0 ? [] : args.spans.map((span): OutputViolation => ({ kind: 'credential-leak', detail: `${span.kind} credential in function call ${index + 1}'s arguments (${span.detector}) redacted` }));
      const found = [...name.violations, ...inText, ...inValue];
      // Never the name itself in the detail: it may be the very credential.
      if (!offered.has(call.name)) found.push({ kind: 'function-call', detail: `function call ${index + 1} names a function the request did not offer` });
      if (found.length > 0) blockingCalls++;
      violations.push(...found);
      if (found.length === 0) {
        delivered.push(call);
        continue;
      }
      // Blocked in enforce mode; in audit and warn modes the call goes on, with its credentials
      // replaced as the text's are, so neither the caller nor the tool receives them.
      const replaced = { ...call, name: name.text, arguments: args.value };
      // Unless the same checks still find a credential in the call as it would go out (the JSON text
      // scan can see what the string-by-string redaction cannot remove: {"account_id": 123456789012})
      // or the redaction merged two keys. Then the call is withheld, dropped rather than sent with
      // empty arguments, so that no tool runs on arguments the model did not write.
      if (args.keysCollided || (await findCredentials(replaced.name)).length > 0 || (await findCredentials(JSON.stringify(replaced.arguments ?? null))).length > 0) {
        withheldCalls++;
        violations.push({ kind: 'function-call', detail: `function call ${index + 1} is withheld: its credentials could not all be replaced` });
        continue;
      }
      delivered.push(replaced);
    }
    ctx.functionCalls = delivered;

    const detail = {
      ...countKinds(violations),
      functionCalls: calls.length,
      ...(withheldCalls > 0 && { withheldFunctionCalls: withheldCalls }),
      outputChars: checked.text.length,
    };
    if (violations.length === 0) return verdict(this.name, 'pass', detail, started);
    ctx.findings.add(this.name);
    const blocking = violations.some((v) => v.kind === 'format' || (v.kind === 'policy' && v.detail.startsWith('forbidden topic'))) || blockingCalls > 0;
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
