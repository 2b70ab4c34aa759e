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

export interface NormalizedText {
  readonly text: string;
  /** text index → original index; null when the two line up one to one. */
  readonly map: readonly number[] | null;
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

function normalizeUnicode(original: string): Omit<NormalizedText, 'leet'> {
  const out: string[] = [];
  const map: number[] = [];
  let tagCount = 0;
  let tagText = '';
  let tagOffset = -1;
  let zeroWidthInWord = 0;
  let zeroWidthOffset = -1;
  let bidiControls = 0;
  let bidiOffset = -1;

  let index = 0;
  for (const ch of original) {
    const cp = ch.codePointAt(0) ?? 0;
    const at = index;
    index += ch.length;

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
      out.push(ch);
      map.push(at);
      continue;
    }
    const folded = CONFUSABLES[ch] ?? ch.normalize('NFKD').replace(/\p{M}/gu, '');
    for (const unit of folded) {
      out.push(unit);
      map.push(at);
    }
  }

  return {
    text: out.join(''),
    map,
    hidden: { tagCount, tagText, tagOffset, zeroWidthInWord, zeroWidthOffset, bidiControls, bidiOffset },
  };
}

/** Offset in the original text of a normalised index (an identity when only escapes were undone). */
export function originalOffset(normalized: NormalizedText, index: number): number {
  if (normalized.map === null) return index;
  return normalized.map[Math.min(index, normalized.map.length - 1)] ?? 0;
}

const LEET: Readonly<Record<string, string>> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', $: 's',
};

/**
 * Folds leetspeak inside words that mix letters with digits or symbols ("1gn0re" → "ignore";
 * "1" folds to "i", so patterns run on folded text accept [li] for "l").
 * Length-preserving, so offsets survive. Plain numbers ("2024") are left alone.
 */
const LEET_WORD = /[A-Za-z0-9@$]*(?:[A-Za-z][0134578@$]|[0134578@$][A-Za-z])[A-Za-z0-9@$]*/g;

export function foldLeetspeak(text: string): string {
  return text.replace(LEET_WORD, (token, offset: number) => {
    // Only words spelt with leet characters: "1gn0re", not "01T09" (a timestamp) or "bob@example." (an address).
    if (!/^[A-Za-z0134578@$]+$/.test(token)) return token;
    if (!/[0134578]/.test(token) && text[offset + token.length] === '.') return token;
    return token.replace(/[0134578@$]/g, (c) => LEET[c] ?? c);
  });
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
  const folded = foldLeetspeak(text);
  if (folded === text) return [];
  const segments: TextSegment[] = [];
  let start = -1;
  let end = -1;
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) === folded.charCodeAt(i)) continue;
    const from = Math.max(0, i - LEET_CONTEXT);
    const to = Math.min(text.length, i + LEET_CONTEXT);
    if (start >= 0 && from <= end) {
      end = to;
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
