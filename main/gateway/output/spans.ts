/** A secret found in a response: where it is and what kind, never its value. */
export interface SecretSpan {
  readonly start: number;
  readonly end: number;
  /** Short kind for the placeholder: "aws", "github", "private-key", "jwt", "connection-string". */
  readonly kind: string;
  /** Which detector found it, for the violation detail. */
  readonly detector: string;
}

/** Merges overlapping spans (the widest wins its kind) and replaces each with a placeholder. */
export function redactSpans(text: string, spans: readonly SecretSpan[]): { text: string; spans: SecretSpan[] } {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SecretSpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.start < last.end) {
      if (span.end > last.end) merged[merged.length - 1] = { ...last, end: span.end };
      continue;
    }
    merged.push(span);
  }
  let out = '';
  let cursor = 0;
  for (const span of merged) {
    out += `${text.slice(cursor, span.start)}[REDACTED_SECRET:${span.kind}]`;
    cursor = span.end;
  }
  return { text: out + text.slice(cursor), spans: merged };
}
