/**
 * The second reading the credential checks take of a response: invisible characters removed
 * ("AKIA\u200bIOSF…", "ghp_\u200ba1B2…"), JSON string escapes decoded ("\u0041KIA…" inside
 * structured output, "postgres:\/\/admin:pw@…" in plain text), compatibility letters folded
 * ("AK𝐈A…" in mathematical bold, "ＡＫＩＡ…" in fullwidth, "ⓖⓗⓟ_…" circled) and look-alikes mapped
 * to Latin ("gһp_…" with a Cyrillic "һ"). Built by the injection detectors'
 * normaliser, which drops the same invisible characters, folds compatibility forms (NFKD) and keeps,
 * for every character it writes, the offset of the one it came from; a finding in the copy is
 * mapped back to the span of the text the caller holds.
 */
import { normalizeForDetection, originalOffset } from '../injection/normalize.ts';
import type { SecretSpan } from './spans.ts';

/**
 * What makes the copy worth reading: an invisible character (a format or default-ignorable code
 * point, as injection/normalize.ts drops them; tag characters and bidi controls are format
 * characters), a JSON escape (`\uXXXX`, `\\`, `\/`, `\"`, `\b`, `\f`, `\n`, `\r`, `\t`), or any
 * character outside ASCII: look-alike letters (Cyrillic "һ" in "gһp_…", "АКIA…"), enclosed,
 * superscript, subscript and letterlike forms ("ⓖⓗⓟ_", "ᵍʰᵖ_", "ℊℎp_", "AKIAZ₇…") and combining
 * accents inside a token all fold to the ASCII of a key. Printable ASCII, nearly all text, costs
 * the one test; other text is normalised, and read again only where the normaliser changed it.
 */
const WORTH_A_COPY = /[^\t\n\r\x20-\x7e]|\\(?:u[0-9A-Fa-f]{4}|[\\/"bfnrt])/;

export interface ScanCopy {
  readonly text: string;
  /** The span of the original text that a span of the copy was read from. */
  toOriginal(span: SecretSpan): SecretSpan;
}

/**
 * `\/` decoded: the normaliser decodes it only beside a length-changing escape (`\uXXXX`, `\\`), so
 * a plain "postgres:\/\/admin:pw@host" reached the URI detectors with its slashes escaped. `\\`
 * pairs are stepped over, so "\\/" (a backslash, then a slash) stays as it is.
 */
interface SlashesDecoded {
  readonly text: string;
  /** Indices in `text` of the slashes that were `\/`, ascending. */
  readonly decodedAt: readonly number[];
}

const SLASH_OR_BACKSLASH_ESCAPE = /\\([\\/])/g;

function decodeEscapedSlashes(text: string): SlashesDecoded {
  const decodedAt: number[] = [];
  const out = text.replace(SLASH_OR_BACKSLASH_ESCAPE, (escape: string, ch: string, at: number) => {
    if (ch !== '/') return escape;
    decodedAt.push(at - decodedAt.length);
    return '/';
  });
  return { text: out, decodedAt };
}

/** Index in the text before decodeEscapedSlashes of `index` in its output: each decoded slash before it gave back one backslash. */
function beforeSlashes(decoded: SlashesDecoded, index: number): number {
  const { decodedAt } = decoded;
  let low = 0;
  let high = decodedAt.length;
  // How many decoded slashes lie strictly before `index` (a span starting at one keeps its backslash).
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((decodedAt[mid] ?? 0) < index) low = mid + 1;
    else high = mid;
  }
  return index + low;
}

export function scanCopy(original: string): ScanCopy | null {
  if (!WORTH_A_COPY.test(original)) return null;
  const normalized = normalizeForDetection(original);
  const decoded = normalized.text.includes('\\/') ? decodeEscapedSlashes(normalized.text) : { text: normalized.text, decodedAt: [] };
  const { text } = decoded;
  if (text === original) return null;
  const toOriginal = (index: number): number => originalOffset(normalized, beforeSlashes(decoded, index));
  return {
    text,
    toOriginal: (span) => ({
      ...span,
      start: toOriginal(span.start),
      // Up to the next character kept: invisibles right after the secret go with it.
      end: span.end >= text.length ? original.length : toOriginal(span.end),
    }),
  };
}
