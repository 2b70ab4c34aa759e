/**
 * Stage 7, output validation: credential leaks (secretlint recommend preset plus PEM keys, JWTs
 * and connection strings, in the text as written and with invisible characters and JSON escapes
 * undone) are replaced with `[REDACTED_SECRET:<kind>]`; caller policy is applied; structured
 * output is parsed, every key and string of the value is checked for credentials as the caller
 * will read it, and the value is checked against the requested schema. Violation details name
 * kinds and offsets, never the secret.
 */
import { findCredentials } from './credentials.ts';
import type { OutputPolicy } from './policy.ts';
import { applyOutputPolicy } from './policy.ts';
import { redactSpans } from './spans.ts';
import { redactStructured } from './structured-secrets.ts';
import type { OutputSchema } from './structured.ts';
import { checkStructured, parseStructured } from './structured.ts';

export type OutputViolationKind = 'credential-leak' | 'policy' | 'format' | 'function-call';

export interface OutputViolation {
  readonly kind: OutputViolationKind;
  readonly detail: string;
}

export interface OutputValidationOptions {
  readonly policy?: OutputPolicy;
  /** Set when the caller asked for structured output. */
  readonly schema?: OutputSchema;
}

export interface OutputValidation {
  /** The response with secrets and forbidden terms replaced. */
  readonly text: string;
  readonly violations: readonly OutputViolation[];
  /** The parsed value, when a schema was given and the response matched it. */
  readonly value?: unknown;
}

/** True when stage 7 would redact a credential in `text` (its patterns, then the secretlint preset). */
export async function findsCredential(text: string): Promise<boolean> {
  return (await findCredentials(text)).length > 0;
}

function applyPolicy(text: string, policy: OutputPolicy | undefined, violations: OutputViolation[] | null): string {
  if (policy === undefined) return text;
  const applied = applyOutputPolicy(text, policy);
  if (violations !== null) for (const finding of applied.findings) violations.push({ kind: 'policy', detail: finding.detail });
  return applied.text;
}

export async function validateOutput(text: string, options: OutputValidationOptions = {}): Promise<OutputValidation> {
  const violations: OutputViolation[] = [];
  const redacted = redactSpans(text, await findCredentials(text));
  const inText = redacted.spans.map((span): OutputViolation => ({ kind: 'credential-leak', detail: `${span.kind} credential at offset ${span.start} (${span.detector}) redacted` }));
  if (options.schema === undefined) {
    violations.push(...inText);
    return { text: applyPolicy(redacted.text, options.policy, violations), violations };
  }

  // The value is parsed from the text as written (terms redacted), its credentials redacted as
  // data: a span cut out of the JSON text can run past a closing quote (secretlint's URI rules
  // stop only at whitespace) and break the JSON, and two keys cut to one placeholder would merge.
  const written = applyPolicy(text, options.policy, violations);
  // What is delivered when the value cannot be: the text with its credentials cut out.
  const withheld = (detail: string): OutputValidation => {
    violations.unshift(...inText);
    violations.push({ kind: 'format', detail });
    return { text: applyPolicy(redacted.text, options.policy, null), violations };
  };
  const parsed = parseStructured(written);
  if (!parsed.ok) return withheld(parsed.detail);
  const inValue = await redactStructured(parsed.value);
  const delivered = inValue.spans.length > 0 ? JSON.stringify(inValue.value) : written;
  // Whatever the text scan found must be gone from what is delivered (a secret that needs its
  // key's name beside it is found in the JSON text, not in the value's strings read one by one).
  if (redacted.spans.length > 0 && (inValue.spans.length === 0 || (await findCredentials(delivered)).length > 0)) {
    return withheld('a credential in the structured response could not be redacted from its value; the value is withheld');
  }
  for (const span of inValue.spans) {
    violations.push({ kind: 'credential-leak', detail: `${span.kind} credential in a string of the structured value (${span.detector}) redacted` });
  }
  if (inValue.keysCollided) {
    violations.push({ kind: 'format', detail: 'two keys of the structured response are credentials that redact to the same placeholder; the value is withheld' });
    return { text: delivered, violations };
  }
  // Redacting a string can break the schema (a pattern, a length, an enum): such a value is withheld, never delivered unredacted.
  const structured = checkStructured(inValue.value, options.schema);
  if (!structured.ok) {
    const detail = inValue.spans.length > 0 ? structured.detail.replace(/^response does not match the requested schema/, '$& once its credentials were redacted') : structured.detail;
    violations.push({ kind: 'format', detail });
    return { text: delivered, violations };
  }
  return { text: delivered, violations, value: structured.value };
}
