/**
 * Stage 7, output validation: credential leaks (secretlint recommend preset plus PEM keys, JWTs
 * and connection strings, in the text as written and with invisible characters undone) are replaced with `[REDACTED_SECRET:<kind>]`; caller policy is
 * applied; structured output is parsed and checked against the requested schema. Violation
 * details name kinds and offsets, never the secret.
 */
import { findCredentials } from './credentials.ts';
import type { OutputPolicy } from './policy.ts';
import { applyOutputPolicy } from './policy.ts';
import { redactSpans } from './spans.ts';
import type { OutputSchema } from './structured.ts';
import { validateStructured } from './structured.ts';

/** 'function-call': stage 7's own, for a call to a function the request did not offer. */
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

export async function validateOutput(text: string, options: OutputValidationOptions = {}): Promise<OutputValidation> {
  const violations: OutputViolation[] = [];

  const redacted = redactSpans(text, await findCredentials(text));
  for (const span of redacted.spans) {
    violations.push({ kind: 'credential-leak', detail: `${span.kind} credential at offset ${span.start} (${span.detector}) redacted` });
  }

  let sanitized = redacted.text;
  if (options.policy !== undefined) {
    const policy = applyOutputPolicy(sanitized, options.policy);
    sanitized = policy.text;
    for (const finding of policy.findings) violations.push({ kind: 'policy', detail: finding.detail });
  }

  if (options.schema === undefined) return { text: sanitized, violations };
  const structured = validateStructured(sanitized, options.schema);
  if (!structured.ok) {
    violations.push({ kind: 'format', detail: structured.detail });
    return { text: sanitized, violations };
  }
  return { text: sanitized, violations, value: structured.value };
}
