// The text the recognisers read when the input has anything outside ASCII: digits of any script
// become ASCII digits, compatibility forms fold (NFKC: fullwidth "４１１１" reads "4111"), every
// space separator becomes ' ', dashes become '-', tag characters read as the ASCII they encode,
// marks on a digit are dropped, and a Cyrillic or Greek capital that looks Latin reads as that
// letter inside an otherwise Latin word ("DЕ89…"). Invisible characters (format characters such as
// the zero-width space and soft hyphen, variation selectors, U+034F) are dropped inside a value
// ("co\u200drp", "123\ufe0f-45") and read as a space anywhere else, so they never join a value to
// its label ("SSN\u200b123-45-6789"). Each normalised code unit keeps the span of the original
// character it came from, so findings are cut out of the text the caller holds, invisible
// characters inside them included. ASCII text is never normalised (see hasNonAscii).

export interface NormalisedText {
  readonly text: string;
  /** Normalised code unit → start of the original character it came from. */
  readonly start: Int32Array;
  /** Normalised code unit → end of the original character it came from. */
  readonly end: Int32Array;
}

const NON_ASCII = /[^\u0000-\u007f]/; // eslint-disable-line no-control-regex -- the ASCII range starts at U+0000
const NON_ASCII_RUN = /[^\u0000-\u007f]+/g; // eslint-disable-line no-control-regex -- as above
const DIGIT = /^\p{Nd}$/u;
const SPACE = /^\p{Zs}$/u;
const DASH = /^[\p{Pd}\u2212]$/u;
const MARK = /^\p{M}$/u;
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
const LATIN = /^\p{Script=Latin}$/u;
const ASCII_ALNUM = /^[A-Za-z0-9]$/;
// Invisible characters that carry nothing a value needs: format characters (zero-width space and
// joiners, soft hyphen, BOM, invisible operators, bidi controls) and the other default-ignorable
// code points (variation selectors, the combining grapheme joiner U+034F, Hangul fillers).
const IGNORABLE = /^[\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;
/** Characters an address is built from besides letters and digits: an invisible one beside them sits inside the value. */
const ADDRESS_PART = /^[@._+%-]$/;
const NUMBER_PART = /^[\p{Nd}\p{Zs}\p{Pd}\u2212 .]$/u;

/**
 * Cyrillic and Greek capitals drawn as a Latin capital (UTS #39 confusables), read as that Latin
 * letter only inside a run of Latin letters and digits ("DЕ89 3704…", "WЕST"): a word written in
 * Cyrillic or Greek reads as written. Kept here rather than shared with the injection normaliser's
 * wider table, which folds lower case and other scripts too and belongs to that stage.
 */
const LOOKALIKE_CAPITALS: Readonly<Record<string, string>> = {
  // Cyrillic
  А: 'A', В: 'B', С: 'C', Е: 'E', Н: 'H', І: 'I', Ӏ: 'I', Ј: 'J', К: 'K', М: 'M', О: 'O', Р: 'P', Ԛ: 'Q', Ѕ: 'S', Т: 'T',
  У: 'Y', Ү: 'Y', Ԝ: 'W', Х: 'X',
  // Greek
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};
const NEEDS_FOLDING = /[\p{Nd}\p{Zs}\p{Cf}\p{Pd}\u2212\p{Default_Ignorable_Code_Point}]/u;
const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKE_CAPITALS).join('')}]`);
/** How far either side of a look-alike capital its word is read, in code units. */
const WORD_REACH = 64;

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

/** A tag character (U+E0020–U+E007E) spells the ASCII character 0xE0000 below it. */
function tagAscii(cp: number): string | null {
  return cp >= 0xe0020 && cp <= 0xe007e ? String.fromCharCode(cp - 0xe0000) : null;
}

function isIgnorable(ch: string): boolean {
  return tagAscii(ch.codePointAt(0) ?? 0) === null && IGNORABLE.test(ch);
}

/** The character at `at` (a whole code point), or at the one ending just before `at`. */
function charAt(text: string, at: number): string {
  return String.fromCodePoint(text.codePointAt(at) ?? 0x20);
}
function charBefore(text: string, at: number): string {
  if (at <= 0) return ' ';
  const low = text.charCodeAt(at - 1);
  const high = at >= 2 ? text.charCodeAt(at - 2) : 0;
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? text.slice(at - 2, at) : text.slice(at - 1, at);
}

/** How a neighbouring character reads: a tag character as its ASCII, anything else through NFKC. */
function reading(ch: string, last: boolean): string {
  const tagged = tagAscii(ch.codePointAt(0) ?? 0);
  if (tagged !== null) return tagged;
  if (ch.charCodeAt(0) < 0x80) return ch;
  if (SPACE.test(ch)) return ' ';
  if (DASH.test(ch)) return '-';
  const chars = [...ch.normalize('NFKC')];
  return (last ? chars[chars.length - 1] : chars[0]) ?? ' ';
}

/** The nearest visible characters either side of the invisible one at [from, to), as they read. */
function neighbours(text: string, from: number, to: number): [string, string] {
  let before = charBefore(text, from);
  for (let at = from; at > 0 && isIgnorable(before); ) {
    at -= before.length;
    before = charBefore(text, at);
  }
  let after = to < text.length ? charAt(text, to) : ' ';
  for (let at = to; at < text.length && isIgnorable(after); ) {
    at += after.length;
    after = at < text.length ? charAt(text, at) : ' ';
  }
  return [reading(before, true), reading(after, false)];
}

const isWordChar = (ch: string): boolean => DIGIT.test(ch) || LETTER_OR_MARK.test(ch);

/**
 * An invisible character inside a value is dropped: between two parts of one number (a digit on
 * one side), between two letters, or between a letter or digit and the punctuation of an address
 * ("co\u200drp", "doe\u200b@"). Elsewhere it separates, as a space would, so it never joins a
 * value to its label ("SSN\u200b123-45-6789") or a letter to a digit.
 */
function foldIgnorable(before: string, after: string): string {
  const digitBeside = DIGIT.test(before) || DIGIT.test(after);
  if (digitBeside && NUMBER_PART.test(before) && NUMBER_PART.test(after)) return '';
  if (LETTER_OR_MARK.test(before) && LETTER_OR_MARK.test(after)) return '';
  if ((isWordChar(before) && ADDRESS_PART.test(after)) || (ADDRESS_PART.test(before) && isWordChar(after))) return '';
  return ' ';
}

/**
 * True when the look-alike capital at `at` sits in a run of letters and digits that is otherwise
 * Latin: some ASCII letter or digit in it, and no letter of another script but look-alike capitals.
 */
function inLatinRun(text: string, at: number, length: number): boolean {
  let latin = false;
  const accepts = (ch: string): boolean | null => {
    if (ASCII_ALNUM.test(ch)) {
      latin = true;
      return true;
    }
    if (ch in LOOKALIKE_CAPITALS || isIgnorable(ch) || MARK.test(ch) || DIGIT.test(ch)) return true;
    if (LETTER_OR_MARK.test(ch)) return LATIN.test(ch);
    return null; // not part of the word: the run ends here
  };
  for (let i = at, steps = 0; i > 0 && steps < WORD_REACH; steps++) {
    const ch = charBefore(text, i);
    const ok = accepts(ch);
    if (ok === null) break;
    if (!ok) return false;
    i -= ch.length;
  }
  for (let i = at + length, steps = 0; i < text.length && steps < WORD_REACH; steps++) {
    const ch = charAt(text, i);
    const ok = accepts(ch);
    if (ok === null) break;
    if (!ok) return false;
    i += ch.length;
  }
  return latin;
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

/** A combining mark a cluster takes in: not the invisible ones (variation selectors, U+034F), which are read on their own. */
function joinsCluster(ch: string): boolean {
  return MARK.test(ch) && !IGNORABLE.test(ch);
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
    // A run that starts with a combining mark ("Garci\u0301a", "4\u0301111") is read with the ASCII
    // character it combines with, so the two compose ("í") instead of the mark breaking the word.
    const runStart = run.index > copied && joinsCluster(charAt(original, run.index)) ? run.index - 1 : run.index;
    const runEnd = run.index + run[0].length;
    const segment = original.slice(runStart, runEnd);
    // A look-alike capital can fold only in a word with an ASCII letter or digit in it, and the
    // run ends at ASCII: so only a run with one beside it ("D|Е|89") is looked at for them.
    const lookalikes = (ASCII_ALNUM.test(original.charAt(runStart - 1)) || ASCII_ALNUM.test(original.charAt(runEnd))) && LOOKALIKE.test(segment);
    // Letters with accents, CJK and the like read as written: only runs with something to fold are walked.
    if (!lookalikes && !NEEDS_FOLDING.test(segment) && segment.normalize('NFKC') === segment) continue;
    copyThrough(runStart);
    for (let at = runStart; at < runEnd; ) {
      const ch = charAt(original, at);
      // A character and the marks after it (one grapheme cluster) fold together; each unit maps to the whole cluster.
      let cluster = ch;
      while (at + cluster.length < runEnd && joinsCluster(charAt(original, at + cluster.length))) {
        cluster += charAt(original, at + cluster.length);
      }
      const tagged = tagAscii(ch.codePointAt(0) ?? 0);
      let folded: string;
      if (cluster !== ch) {
        // Marks on a digit ("1\u0323") are dropped: the digit is what a number is read from.
        folded = DIGIT.test(ch) ? fold(ch) : cluster.normalize('NFKC');
      } else if (tagged !== null) {
        folded = tagged;
      } else if (isIgnorable(ch)) {
        folded = foldIgnorable(...neighbours(original, at, at + ch.length));
      } else if (lookalikes && ch in LOOKALIKE_CAPITALS && inLatinRun(original, at, ch.length)) {
        folded = LOOKALIKE_CAPITALS[ch] ?? ch;
      } else {
        folded = fold(ch);
      }
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
