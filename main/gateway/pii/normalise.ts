// The text the recognisers read when the input has anything outside ASCII: digits of any script
// become ASCII digits, compatibility forms fold (NFKC: fullwidth "４１１１" reads "4111"), every
// space separator becomes ' ', dashes become '-', and invisible format characters (zero-width
// space, soft hyphen) are dropped inside a number and read as a space anywhere else, so they never
// join a value to its neighbour ("SSN\u200b123-45-6789"). Each normalised code unit keeps the span of the original
// character it came from, so findings are cut out of the text the caller holds.

export interface NormalisedText {
  readonly text: string;
  /** Normalised code unit → start of the original character it came from. */
  readonly start: Int32Array;
  /** Normalised code unit → end of the original character it came from. */
  readonly end: Int32Array;
}

const NON_ASCII = /[^\u0000-\u007f]/; // eslint-disable-line no-control-regex -- the ASCII range starts at U+0000
const NON_ASCII_RUN = /[^\u0000-\u007f]+/g; // eslint-disable-line no-control-regex -- as above
const NEEDS_FOLDING = /[\p{Nd}\p{Zs}\p{Cf}\p{Pd}\u2212]/u;
const DIGIT = /^\p{Nd}$/u;
const SPACE = /^\p{Zs}$/u;
const FORMAT = /^\p{Cf}$/u;
const DASH = /^[\p{Pd}\u2212]$/u;
const MARK = /^\p{M}$/u;

/** True when `text` has a character outside ASCII: the only text normalising can change. */
export function hasNonAscii(text: string): boolean {
  return NON_ASCII.test(text);
}

/**
 * The value of a decimal digit of any script. Unicode allocates every script's digits as runs of
 * ten from zero (some runs adjoin, as the mathematical digits do), so the distance back to the
 * start of its run of digits, modulo ten, is the digit's value.
 */
function digitValue(cp: number): number {
  let first = cp;
  while (cp - first < 60 && DIGIT.test(String.fromCodePoint(first - 1))) first--;
  return (cp - first) % 10;
}

const NUMBER_PART = /^[\p{Nd}\p{Zs}\p{Pd}\u2212 .]$/u;

/** A format character between two parts of one number (a digit on one side) is dropped; elsewhere it separates. */
function foldFormat(before: string, after: string): string {
  const digitBeside = DIGIT.test(before) || DIGIT.test(after);
  return digitBeside && NUMBER_PART.test(before) && NUMBER_PART.test(after) ? '' : ' ';
}

function fold(ch: string): string {
  if (SPACE.test(ch)) return ' ';
  if (DASH.test(ch)) return '-';
  const nfkc = ch.normalize('NFKC');
  if (nfkc.length === 1 || nfkc.length === 2) {
    const cp = nfkc.codePointAt(0) ?? 0;
    if (cp > 0x7f && String.fromCodePoint(cp) === nfkc && DIGIT.test(nfkc)) return String(digitValue(cp));
  }
  return nfkc;
}

/** The normalised reading of `original`, or null when it reads the same as it is written. */
export function normaliseForPii(original: string): NormalisedText | null {
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  let copied = 0;
  let changed = false;
  const copyThrough = (to: number): void => {
    for (let i = copied; i < to; i++) {
      start.push(i);
      end.push(i + 1);
    }
    text += original.slice(copied, to);
    copied = to;
  };
  NON_ASCII_RUN.lastIndex = 0;
  for (let run = NON_ASCII_RUN.exec(original); run !== null; run = NON_ASCII_RUN.exec(original)) {
    // A run that starts with a combining mark ("Garci\u0301a") is read with the ASCII letter it
    // combines with, so the two compose ("í") instead of the mark breaking the word.
    const runStart = run.index > copied && MARK.test(String.fromCodePoint(original.codePointAt(run.index) ?? 0)) ? run.index - 1 : run.index;
    const runEnd = run.index + run[0].length;
    const segment = original.slice(runStart, runEnd);
    // Letters with accents, CJK and the like read as written: only runs with something to fold are walked.
    if (!NEEDS_FOLDING.test(segment) && segment.normalize('NFKC') === segment) continue;
    copyThrough(runStart);
    for (let at = runStart; at < runEnd; ) {
      const ch = String.fromCodePoint(original.codePointAt(at) ?? 0);
      // A letter and the marks after it (one grapheme cluster) fold together; each unit maps to the whole cluster.
      let cluster = ch;
      while (at + cluster.length < runEnd && MARK.test(String.fromCodePoint(original.codePointAt(at + cluster.length) ?? 0))) {
        cluster += String.fromCodePoint(original.codePointAt(at + cluster.length) ?? 0);
      }
      const folded =
        cluster !== ch
          ? cluster.normalize('NFKC')
          : FORMAT.test(ch)
            ? foldFormat(String.fromCodePoint(original.codePointAt(at - 1) ?? 0x20), String.fromCodePoint(original.codePointAt(at + ch.length) ?? 0x20))
            : fold(ch);
      if (folded !== cluster) changed = true;
      for (let k = 0; k < folded.length; k++) {
        start.push(at);
        end.push(at + cluster.length);
      }
      text += folded;
      at += cluster.length;
    }
    copied = runEnd;
  }
  if (!changed) return null;
  copyThrough(original.length);
  return { text, start: Int32Array.from(start), end: Int32Array.from(end) };
}
