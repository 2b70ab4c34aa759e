/**
 * Undo the cheap disguises attackers put on instructions before the detectors look: invisible
 * and tag characters are removed (tag characters are also decoded, since they smuggle ASCII),
 * compatibility forms and diacritics are folded (NFKD per code point), and a small table of
 * Cyrillic/Greek look-alikes maps to Latin. Every output character keeps the offset of the
 * original character it came from, so findings point into the text the caller holds.
 */

export interface HiddenCharacters {
  /** U+E0000–U+E007F: invisible, and U+E0020–U+E007E map one-to-one onto printable ASCII. */
  readonly tagCount: number;
  readonly tagText: string;
  readonly tagOffset: number;
  /** Zero-width characters between two letters (word splitting), not emoji joiners. */
  readonly zeroWidthInWord: number;
  readonly zeroWidthOffset: number;
  /** Bidi overrides (U+202D, U+202E), which reorder what a reviewer sees; other bidi controls are dropped silently. */
  readonly bidiControls: number;
  readonly bidiOffset: number;
}

/**
 * Normalised index → original index, piecewise: run k starts at normalised `norm[k]` and original
 * `orig[k]`; a copied run advances one to one, a folded character maps all its units to `orig[k]`.
 * Runs, not one entry per character: most text is copied through in a few long runs.
 */
export interface OffsetMap {
  readonly norm: readonly number[];
  readonly orig: readonly number[];
  readonly copy: readonly boolean[];
  readonly length: number;
}

export interface NormalizedText {
  readonly text: string;
  /** text index → original index; null when the two line up one to one. */
  readonly map: OffsetMap | null;
  readonly hidden: HiddenCharacters;
  /** Where leetspeak folding changed the text: the folded text there, with context. */
  readonly leet: readonly TextSegment[];
}

const NO_HIDDEN: HiddenCharacters = {
  tagCount: 0,
  tagText: '',
  tagOffset: -1,
  zeroWidthInWord: 0,
  zeroWidthOffset: -1,
  bidiControls: 0,
  bidiOffset: -1,
};

// Printable ASCII plus tab/newline: nothing to undo, the common case for business text.
const PLAIN_ASCII = /^[\t\n\r\x20-\x7e]*$/;

const CONFUSABLES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y',
  х: 'x', ѕ: 's', і: 'i', ї: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', ь: 'b', г: 'r', п: 'n',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X',
  Ѕ: 'S', І: 'I', Ј: 'J',
  // Greek
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', γ: 'y',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T',
  Υ: 'Y', Χ: 'X',
  // Latin look-alikes that NFKD leaves alone
  ı: 'i', ȷ: 'j', ɡ: 'g', ɑ: 'a', ʀ: 'R', ꞵ: 'b', ł: 'l', ø: 'o', Ø: 'O', đ: 'd', ß: 'ss',
};

function isZeroWidth(cp: number): boolean {
  return (cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff || cp === 0x00ad || cp === 0x180e;
}

/** Soft hyphens are ordinary hyphenation hints in scraped text; the rest have no business inside a Latin word. */
function splitsWords(cp: number): boolean {
  return cp !== 0x00ad;
}

function isBidiControl(cp: number): boolean {
  return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

// Latin only: ZWNJ between Persian or Indic letters is correct spelling.
function isLatinLetter(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z]/.test(ch);
}

// Tool outputs are often JSON: `\n` and `\"` become a real newline and quote (and a space),
// which keeps the length, so offsets stay exact and line-start markers stay at line starts.
function unescapeJsonLike(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\([nrt"'])/g, (_escape, ch: string) => (ch === 'n' || ch === 'r' ? '\n ' : ch === 't' ? '  ' : `${ch} `));
}

export function normalizeForDetection(original: string): NormalizedText {
  if (PLAIN_ASCII.test(original)) {
    const text = unescapeJsonLike(original);
    return { text, map: null, hidden: NO_HIDDEN, leet: leetSegments(text) };
  }
  const normalized = normalizeUnicode(original);
  const text = unescapeJsonLike(normalized.text);
  return { ...normalized, text, leet: leetSegments(text) };
}

const NOT_PLAIN = /[^\t\n\r\x20-\x7e]/g;

function normalizeUnicode(original: string): Omit<NormalizedText, 'leet'> {
  const parts: string[] = [];
  const norm: number[] = [];
  const orig: number[] = [];
  const copy: boolean[] = [];
  let length = 0;
  const emit = (part: string, at: number, copied: boolean): void => {
    parts.push(part);
    norm.push(length);
    orig.push(at);
    copy.push(copied);
    length += part.length;
  };
  let tagCount = 0;
  let tagText = '';
  let tagOffset = -1;
  let zeroWidthInWord = 0;
  let zeroWidthOffset = -1;
  let bidiControls = 0;
  let bidiOffset = -1;

  let index = 0;
  while (index < original.length) {
    // Printable ASCII runs are copied whole; only the characters between them are looked at one by one.
    NOT_PLAIN.lastIndex = index;
    const special = NOT_PLAIN.exec(original);
    const runEnd = special === null ? original.length : special.index;
    if (runEnd > index) emit(original.slice(index, runEnd), index, true);
    if (special === null) break;
    const cp = original.codePointAt(runEnd) ?? 0;
    const ch = String.fromCodePoint(cp);
    const at = runEnd;
    index = runEnd + ch.length;

    if (cp >= 0xe0000 && cp <= 0xe007f) {
      tagCount += 1;
      if (tagOffset < 0) tagOffset = at;
      if (cp >= 0xe0020 && cp <= 0xe007e) tagText += String.fromCharCode(cp - 0xe0000);
      continue;
    }
    if (isZeroWidth(cp)) {
      const previous = original[at - 1];
      const next = original[at + ch.length];
      if (splitsWords(cp) && isLatinLetter(previous) && isLatinLetter(next)) {
        zeroWidthInWord += 1;
        if (zeroWidthOffset < 0) zeroWidthOffset = at;
      }
      continue;
    }
    if (isBidiControl(cp)) {
      if (cp === 0x202d || cp === 0x202e) {
        bidiControls += 1;
        if (bidiOffset < 0) bidiOffset = at;
      }
      continue;
    }
    if (cp < 0x80) {
      emit(ch, at, true);
      continue;
    }
    const folded = CONFUSABLES[ch] ?? ch.normalize('NFKD').replace(/\p{M}/gu, '');
    if (folded.length > 0) emit(folded, at, false);
  }

  return {
    text: parts.join(''),
    map: { norm, orig, copy, length },
    hidden: { tagCount, tagText, tagOffset, zeroWidthInWord, zeroWidthOffset, bidiControls, bidiOffset },
  };
}

/** Offset in the original text of a normalised index (an identity when only escapes were undone). */
export function originalOffset(normalized: NormalizedText, index: number): number {
  const map = normalized.map;
  if (map === null) return index;
  if (map.norm.length === 0) return 0;
  const at = Math.max(0, Math.min(index, map.length - 1));
  let low = 0;
  let high = map.norm.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((map.norm[mid] ?? 0) <= at) low = mid;
    else high = mid - 1;
  }
  const start = map.orig[low] ?? 0;
  return map.copy[low] === true ? start + (at - (map.norm[low] ?? 0)) : start;
}

const LEET: Readonly<Record<string, string>> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', $: 's',
};

/**
 * Folds leetspeak inside words that mix letters with digits or symbols ("1gn0re" → "ignore";
 * "1" folds to "i", so patterns run on folded text accept [li] for "l").
 * Length-preserving, so offsets survive. Plain numbers ("2024") are left alone.
 * Found from the letter/leet-character pairs, then widened to the word, so text without such a
 * pair costs one simple scan.
 */
const LEET_PAIR = /[A-Za-z][0134578@$]|[0134578@$][A-Za-z]/g;

function isLeetWordChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x40 || code === 0x24;
}

const EMAIL_HEAD = /^[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*@[A-Za-z][A-Za-z0-9]*$/;

function foldToken(token: string, next: string | undefined): string {
  // Only words spelt with leet characters: "1gn0re", not "01T09" (a timestamp) or "bob@example." (an address).
  if (!/^[A-Za-z0134578@$]+$/.test(token)) return token;
  if (!/[0134578]/.test(token) && next === '.') return token;
  // The user@domain part of an e-mail address ("ann34@example.com", "bob@acme-corp.com").
  if ((next === '.' || next === '-') && EMAIL_HEAD.test(token)) return token;
  return token.replace(/[0134578@$]/g, (c) => LEET[c] ?? c);
}

function isLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

function isLeetChar(code: number): boolean {
  return code === 0x30 || code === 0x31 || code === 0x33 || code === 0x34 || code === 0x35 || code === 0x37 || code === 0x38 || code === 0x40 || code === 0x24;
}

/** Index of the first letter/leet-character pair, or -1: character tests, cheaper than the regex on long text. */
function firstLeetPair(text: string): number {
  for (let i = 0; i + 1 < text.length; i += 1) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    if ((isLetter(a) && isLeetChar(b)) || (isLeetChar(a) && isLetter(b))) return i;
  }
  return -1;
}

function isHexOrSeparator(code: number): boolean {
  return isHexCode(code) || code === 0x3a || code === 0x2d || code === 0x2e;
}

function isHexCode(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66) || (code >= 0x41 && code <= 0x46);
}

// Three or more groups of 1–4 hex digits joined by ':', '-' or '.': a MAC, Cisco MAC or IPv6 address.
const ADDRESS_GROUPS = /^[0-9A-Fa-f]{1,4}(?:(?::{1,2}|[-.])[0-9A-Fa-f]{1,4}){2,}:{0,2}$|^::(?:[0-9A-Fa-f]{1,4}:{1,2}){1,}[0-9A-Fa-f]{1,4}$/;
// A country code and check digits followed by a group of four: the head of a printed IBAN ("DE17 1234").
const IBAN_HEAD = /^[A-Z]{2}\d{2}$/;
const IBAN_GROUP_AFTER = /^ [A-Z0-9]{4}/;

/**
 * Where the address or IBAN head that the token [start, end) belongs to ends, or -1 when it is not
 * one: a group of a hardware or IPv6 address, or the head of an IBAN. Digits among hex letters
 * there are not leetspeak and no instruction word can be spelt across them, so folding them would
 * only make the leetspeak pass rescan most of a PII-heavy text for nothing.
 */
function addressEnd(text: string, start: number, end: number): number {
  if (IBAN_HEAD.test(text.slice(start, end))) return IBAN_GROUP_AFTER.test(text.slice(end, end + 5)) ? end : -1;
  let from = start;
  while (from > 0 && isHexOrSeparator(text.charCodeAt(from - 1))) from -= 1;
  let to = end;
  while (to < text.length && isHexOrSeparator(text.charCodeAt(to))) to += 1;
  // Sentence punctuation around the address is not part of it.
  while (to > end && (text.charCodeAt(to - 1) === 0x2e || text.charCodeAt(to - 1) === 0x2d)) to -= 1;
  while (from < start && (text.charCodeAt(from) === 0x2e || text.charCodeAt(from) === 0x2d)) from += 1;
  // The address must be a whole token: a letter or digit beyond the hex run joins it to a word.
  if (isLeetWordChar(text.charCodeAt(from - 1)) || isLeetWordChar(text.charCodeAt(to))) return -1;
  return ADDRESS_GROUPS.test(text.slice(from, to)) ? to : -1;
}

/** Folded words as [start, end) ranges with their folded text. */
function leetWords(text: string): { start: number; end: number; folded: string }[] {
  const words: { start: number; end: number; folded: string }[] = [];
  const first = firstLeetPair(text);
  if (first < 0) return words;
  LEET_PAIR.lastIndex = first;
  for (let pair = LEET_PAIR.exec(text); pair !== null; pair = LEET_PAIR.exec(text)) {
    let start = pair.index;
    while (start > 0 && isLeetWordChar(text.charCodeAt(start - 1))) start -= 1;
    let end = pair.index + 2;
    while (end < text.length && isLeetWordChar(text.charCodeAt(end))) end += 1;
    // Every group of an address belongs to the same address: skip to its end.
    const address = addressEnd(text, start, end);
    if (address >= 0) {
      LEET_PAIR.lastIndex = Math.max(end, address);
      continue;
    }
    const token = text.slice(start, end);
    const folded = foldToken(token, text[end]);
    if (folded !== token) words.push({ start, end, folded });
    LEET_PAIR.lastIndex = end;
  }
  return words;
}

/** The text with the words `leetWords` found replaced by their folded form (same length). */
function foldWords(text: string, words: readonly { start: number; end: number; folded: string }[]): string {
  let out = '';
  let last = 0;
  for (const word of words) {
    out += text.slice(last, word.start) + word.folded;
    last = word.end;
  }
  return last === 0 ? text : out + text.slice(last);
}

export interface TextSegment {
  readonly offset: number;
  readonly text: string;
}

/** Context kept around a folded word, so phrases that span it are still whole. */
const LEET_CONTEXT = 200;

/**
 * The folded text only where folding changed something (plus context), so the leetspeak pass
 * costs nothing on text without leetspeak and little on text with a stray "Q3".
 */
export function leetSegments(text: string): TextSegment[] {
  const words = leetWords(text);
  if (words.length === 0) return [];
  const folded = foldWords(text, words);
  const segments: TextSegment[] = [];
  let start = -1;
  let end = -1;
  for (const word of words) {
    const from = Math.max(0, word.start - LEET_CONTEXT);
    const to = Math.min(text.length, word.end - 1 + LEET_CONTEXT);
    if (start >= 0 && from <= end) {
      end = Math.max(end, to);
      continue;
    }
    if (start >= 0) segments.push({ offset: start, text: folded.slice(start, end) });
    start = from;
    end = to;
  }
  if (start >= 0) segments.push({ offset: start, text: folded.slice(start, end) });
  return segments;
}

/** Joins letter-spaced words ("i g n o r e" → "ignore"). Not length-preserving. */
export function collapseLetterSpacing(text: string): string {
  return text.replace(/\b(?:[A-Za-z][ ._\-*]){2,}[A-Za-z]\b/g, (run) => run.replace(/[ ._\-*]/g, ''));
}
