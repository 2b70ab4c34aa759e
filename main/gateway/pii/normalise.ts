// The text the recognisers read when the input has anything outside ASCII: digits of any script
// become ASCII digits, compatibility forms fold (NFKC: fullwidth "４１１１" reads "4111"), every
// space separator becomes ' ', dashes become '-', tag characters read as the ASCII they encode,
// marks on a digit are dropped, a Cyrillic or Greek letter that looks Latin reads as that letter
// inside an otherwise Latin word or address ("DЕ89…", "jоhn.doe@…"), and a flag's subdivision tags
// (🏴 + "gbsct" in tag characters + cancel tag) read as part of the flag. Invisible characters (format characters such as
// the zero-width space and soft hyphen, variation selectors, U+034F) are dropped inside a value
// ("co\u200drp", "123\ufe0f-45") and read as a space anywhere else, so they never join a value to
// its label ("SSN\u200b123-45-6789"). Each normalised code unit keeps the span of the original
// character it came from, so findings are cut out of the text the caller holds, invisible
// characters inside them included. A base keeps at most 30 of the marks after it (Unicode's
// Stream-Safe Text Format, UAX #15 §13): the rest are dropped for matching but stay in the base's
// span, so NFKC never reorders a cluster longer than 31 (a run of thousands of marks made it
// quadratic). ASCII text is never normalised (see hasNonAscii).

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
 * Cyrillic and Greek letters drawn as a Latin letter (UTS #39 confusables), read as that Latin
 * letter only inside a word that is otherwise Latin ("DЕ89 3704…", "WЕST", "jоhn.doe@…"): a word
 * written in Cyrillic or Greek reads as written. Kept here rather than shared with the injection
 * normaliser's wider table, which folds other scripts too and belongs to that stage.
 */
const LOOKALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  А: 'A', В: 'B', С: 'C', Е: 'E', Н: 'H', І: 'I', Ӏ: 'I', Ј: 'J', К: 'K', М: 'M', О: 'O', Р: 'P', Ԛ: 'Q', Ѕ: 'S', Т: 'T',
  У: 'Y', Ү: 'Y', Ԝ: 'W', Х: 'X',
  а: 'a', с: 'c', ԁ: 'd', е: 'e', һ: 'h', і: 'i', ј: 'j', ӏ: 'l', о: 'o', р: 'p', ԛ: 'q', ѕ: 's', у: 'y', ү: 'y', ԝ: 'w',
  х: 'x',
  // Greek
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  α: 'a', ϲ: 'c', ι: 'i', ϳ: 'j', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', υ: 'u', χ: 'x', γ: 'y',
};
const NEEDS_FOLDING = /[\p{Nd}\p{Zs}\p{Cf}\p{Pd}\u2212\p{Default_Ignorable_Code_Point}]/u;
const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`);
/** A flag's subdivision code spelled in tag characters after its emoji ("gbsct" for Scotland). */
const SUBDIVISION = /^[a-z]{2}[a-z0-9]{1,4}$/;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const CANCEL_TAG = 0xe007f;

/** An ASCII character a look-alike's word can take in: a letter, a digit, an address's punctuation. */
function beginsWord(ch: string): boolean {
  return ASCII_ALNUM.test(ch) || ADDRESS_PART.test(ch);
}

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

/** An invisible run: where it ends, and how its nearest visible neighbours read. */
interface InvisibleRun {
  readonly end: number;
  readonly fold: string;
}

/**
 * The run of invisible characters that holds the one at `from`: its end, and what each of its
 * characters folds to. Every character of a run has the same visible neighbours, so a run is
 * walked once, not once per character (which made a long run cost its length squared).
 */
function invisibleRun(text: string, from: number): InvisibleRun {
  let before = charBefore(text, from);
  for (let at = from; at > 0 && isIgnorable(before); ) {
    at -= before.length;
    before = charBefore(text, at);
  }
  let end = from;
  let after = charAt(text, end);
  while (end < text.length && isIgnorable(after)) {
    end += after.length;
    after = end < text.length ? charAt(text, end) : ' ';
  }
  return { end, fold: foldIgnorable(reading(before, true), reading(after, false)) };
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

/** The word around a look-alike letter: where it ends, and whether its look-alikes read as Latin. */
interface LookalikeWord {
  readonly end: number;
  readonly folds: boolean;
}

/**
 * The word holding the look-alike at [at, at + length): letters, digits, marks and invisible
 * characters, and with `address` the punctuation of an address ("jоhn.doe@corp.example") too. Its
 * look-alikes read as Latin when it has an ASCII letter or digit, no letter of another script but
 * look-alikes, and (an address) an '@'. The whole word is walked once, for all its look-alikes.
 */
function lookalikeWord(text: string, at: number, length: number, address: boolean): LookalikeWord {
  let ascii = false;
  let foreign = false;
  let hasAt = false;
  const accepts = (ch: string): boolean => {
    if (ASCII_ALNUM.test(ch)) {
      ascii = true;
      return true;
    }
    if (ch in LOOKALIKES || isIgnorable(ch) || MARK.test(ch) || DIGIT.test(ch)) return true;
    if (LETTER_OR_MARK.test(ch)) {
      if (!LATIN.test(ch)) foreign = true;
      return true;
    }
    if (address && ADDRESS_PART.test(ch)) {
      if (ch === '@') hasAt = true;
      return true;
    }
    return false; // not part of the word: it ends here
  };
  for (let i = at; i > 0; ) {
    const ch = charBefore(text, i);
    if (!accepts(ch)) break;
    i -= ch.length;
  }
  let end = at + length;
  for (let ch = charAt(text, end); end < text.length && accepts(ch); ch = charAt(text, end)) end += ch.length;
  return { end, folds: ascii && !foreign && (hasAt || !address) };
}

/**
 * Where the emoji tag sequence whose tags start at `at` ends (an emoji, then a subdivision code in
 * tag characters, then the cancel tag: 🏴 + "gbsct" + U+E007F is Scotland's flag), or -1. Those
 * tags are part of the flag, not ASCII text, so a value written right after it does not take them in.
 */
function emojiTagsEnd(text: string, at: number): number {
  let base = charBefore(text, at);
  // What may sit between an emoji and its tags: the emoji presentation selector, a skin tone.
  const cp = base.codePointAt(0) ?? 0;
  if (cp === 0xfe0f || (cp >= 0x1f3fb && cp <= 0x1f3ff)) base = charBefore(text, at - base.length);
  if (!PICTOGRAPHIC.test(base)) return -1;
  let spec = '';
  let end = at;
  for (let t = tagAscii(text.codePointAt(end) ?? 0); t !== null && spec.length < 7; t = tagAscii(text.codePointAt(end) ?? 0)) {
    spec += t;
    end += 2;
  }
  return text.codePointAt(end) === CANCEL_TAG && SUBDIVISION.test(spec) ? end + 2 : -1;
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

/**
 * The most marks a cluster keeps for matching (UAX #15 §13, Stream-Safe Text Format). Every
 * character with a canonical combining class other than 0 is a mark (\p{M}), so a capped cluster
 * is never reordered beyond 31 code points; the invisible marks a cluster does not take in
 * (variation selectors, U+034F) have class 0 and end a run, as U+034F does in that format.
 */
const MAX_MARKS = 30;

/** True when [from, to) of `text` has more than MAX_MARKS marks in a row: one pass, no normalising. */
function hasLongMarkRun(text: string, from: number, to: number): boolean {
  let marks = 0;
  for (let at = from; at < to; ) {
    const ch = charAt(text, at);
    marks = joinsCluster(ch) ? marks + 1 : 0;
    if (marks > MAX_MARKS) return true;
    at += ch.length;
  }
  return false;
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
  // Each invisible run, look-alike word and emoji tag sequence is walked once, when its first
  // character is reached, and read from here for the rest of its characters: linear time.
  let invisible: InvisibleRun = { end: -1, fold: ' ' };
  let word: LookalikeWord = { end: -1, folds: false };
  let address: LookalikeWord = { end: -1, folds: false };
  let emojiTags = -1;
  const foldsLookalike = (at: number, length: number): boolean => {
    if (at >= word.end) word = lookalikeWord(original, at, length, false);
    if (word.folds) return true;
    if (at >= address.end) address = lookalikeWord(original, at, length, true);
    return address.folds;
  };
  NON_ASCII_RUN.lastIndex = 0;
  for (let run = NON_ASCII_RUN.exec(original); run !== null; run = NON_ASCII_RUN.exec(original)) {
    // A run that starts with a combining mark ("Garci\u0301a", "4\u0301111") is read with the ASCII
    // character it combines with, so the two compose ("í") instead of the mark breaking the word.
    const runStart = run.index > copied && joinsCluster(charAt(original, run.index)) ? run.index - 1 : run.index;
    const runEnd = run.index + run[0].length;
    const segment = original.slice(runStart, runEnd);
    // A look-alike can fold only in a word with an ASCII letter or digit in it, and the run ends
    // at ASCII: so only a run with one (or an address's punctuation) beside it ("D|Е|89",
    // "j|о|hn", "doe.|о|@") is looked at for them.
    const lookalikes = (beginsWord(original.charAt(runStart - 1)) || beginsWord(original.charAt(runEnd))) && LOOKALIKE.test(segment);
    // Letters with accents, CJK and the like read as written: only runs with something to fold are
    // walked. A run with more marks in a row than a cluster keeps is walked without normalising it whole.
    const longMarks = hasLongMarkRun(original, runStart, runEnd);
    if (!longMarks && !lookalikes && !NEEDS_FOLDING.test(segment) && segment.normalize('NFKC') === segment) continue;
    copyThrough(runStart);
    for (let at = runStart; at < runEnd; ) {
      const ch = charAt(original, at);
      // A character and the marks after it (one grapheme cluster) fold together; each unit maps to
      // the whole cluster. Marks past the first MAX_MARKS are dropped but stay in its span.
      let cluster = ch;
      let clusterEnd = at + ch.length;
      for (let marks = 0; clusterEnd < runEnd; marks++) {
        const mark = charAt(original, clusterEnd);
        if (!joinsCluster(mark)) break;
        if (marks < MAX_MARKS) cluster += mark;
        clusterEnd += mark.length;
      }
      const tagged = tagAscii(ch.codePointAt(0) ?? 0);
      let folded: string;
      if (cluster !== ch) {
        // Marks on a digit ("1\u0323") are dropped: the digit is what a number is read from.
        folded = DIGIT.test(ch) ? fold(ch) : cluster.normalize('NFKC');
      } else if (at < emojiTags || (tagged !== null && (emojiTags = emojiTagsEnd(original, at)) > at)) {
        folded = ''; // a flag's tags and cancel tag: the emoji before them is what they read as
      } else if (tagged !== null) {
        folded = tagged;
      } else if (isIgnorable(ch)) {
        if (at >= invisible.end) invisible = invisibleRun(original, at);
        folded = invisible.fold;
      } else if (lookalikes && ch in LOOKALIKES && foldsLookalike(at, ch.length)) {
        folded = LOOKALIKES[ch] ?? ch;
      } else {
        folded = fold(ch);
      }
      if (folded !== cluster || at + cluster.length !== clusterEnd) changed = true;
      for (let k = 0; k < folded.length; k++) {
        start.push(at);
        end.push(clusterEnd);
      }
      text += folded;
      at = clusterEnd;
    }
    copied = runEnd;
  }
  if (!changed) return null;
  copyThrough(original.length);
  return { text, start: Int32Array.from(start), end: Int32Array.from(end) };
}
