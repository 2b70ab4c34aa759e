/**
 * The second reading the credential checks take of a response: invisible characters removed
 * ("AKIA\u200bIOSF…", "ghp_\u200ba1B2…") and JSON string escapes decoded ("\u0041KIA…" inside
 * structured output). Built by the injection detectors' normaliser, which drops the same invisible
 * characters and keeps, for every character it writes, the offset of the one it came from; a
 * finding in the copy is mapped back to the span of the text the caller holds.
 */
import { normalizeForDetection, originalOffset } from '../injection/normalize.ts';
import type { SecretSpan } from './spans.ts';

/**
 * What makes the copy worth reading: an invisible character (a format or default-ignorable code
 * point, as injection/normalize.ts drops them; tag characters and bidi controls are format
 * characters) or a JSON escape that changes length. Text without one, nearly all of it, costs this
 * one test. Not accents or look-alikes alone: they hide no ASCII key and would double the scans of
 * ordinary European text.
 */
const WORTH_A_COPY = /[\p{Cf}\p{Default_Ignorable_Code_Point}]|\\(?:u[0-9A-Fa-f]{4}|\\)/u;

export interface ScanCopy {
  readonly text: string;
  /** The span of the original text that a span of the copy was read from. */
  toOriginal(span: SecretSpan): SecretSpan;
}

export function scanCopy(original: string): ScanCopy | null {
  if (!WORTH_A_COPY.test(original)) return null;
  const normalized = normalizeForDetection(original);
  const { text } = normalized;
  if (text === original) return null;
  return {
    text,
    toOriginal: (span) => ({
      ...span,
      start: originalOffset(normalized, span.start),
      // Up to the next character kept: invisibles right after the secret go with it.
      end: span.end >= text.length ? original.length : originalOffset(normalized, span.end),
    }),
  };
}
