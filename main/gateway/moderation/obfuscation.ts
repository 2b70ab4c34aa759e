/**
 * Moderation's second reading of a text written around its words, after the Unicode fold: JSON
 * escapes ("\u0062omb"), letters spaced out by one separator ("p-i-p-e", "b.o.m.b", "k i l l") and
 * digits or "@" for letters inside a word ("b0mb", "det0nator"). For matching only: moderate()
 * scores this reading beside the text and keeps each category's higher score, so it can add a
 * finding, never hide one. Text with none of them costs one scan of character codes; the reading is
 * scored only when a fold spells a word the lexicons look for, so "Q3", "10mg" or "U.S.A." cost
 * the scan and a look at those words, not a second scoring.
 */
import { LEXICONS } from './categories.ts';
import { SubstringSet } from './substring-set.ts';

/** What a fold must spell for its reading to be scored: the lexicons' gate words, and the asking and making words of their phrases. */
const REVEALING_WORDS: readonly string[] = [
  ...Object.values(LEXICONS).flatMap((lexicon) => [...lexicon.phrases, ...lexicon.terms]).flatMap((entry) => entry.gate),
  ...['how', 'step', 'instruction', 'guide', 'recipe', 'tutorial', 'teach', 'make', 'build', 'assemble', 'construct', 'write', 'create', 'cook', 'synthes', 'produce'],
];
const REVEALING = new SubstringSet(REVEALING_WORDS);

/** The fewest letters a word must have to spell one of them. */
const SHORTEST_REVEALING = Math.min(...REVEALING_WORDS.map((word) => word.length));

function reveals(word: string): boolean {
  return REVEALING.occursIn(word.toLowerCase());
}

function isLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

function isWordChar(code: number): boolean {
  return isLetter(code) || (code >= 0x30 && code <= 0x39) || code === 0x40;
}

const JSON_ESCAPE = /\\(?:u([0-9A-Fa-f]{4})|(["\\/bfnrt]))/g;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: ' ', f: ' ', n: '\n', r: '\n', t: ' ' };

/** The text with JSON escapes decoded (an escaped escape too, three levels deep), or undefined when it has no "\u". */
export function decodeEscapes(text: string): string | undefined {
  if (!text.includes('\\u')) return undefined;
  let out = text;
  for (let level = 0; level < 3 && out.includes('\\'); level += 1) {
    const next = out.replace(JSON_ESCAPE, (_m, hex: string | undefined, simple: string | undefined) => (hex !== undefined ? String.fromCharCode(Number.parseInt(hex, 16)) : (SIMPLE_ESCAPES[simple ?? ''] ?? '')));
    if (next === out) break;
    out = next;
  }
  return out === text ? undefined : out;
}

const LEET_LETTER: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a' };
const LEET_WORD = /^[A-Za-z013457@]*[A-Za-z][A-Za-z013457@]*$/;

/** A word spelt with leet characters, as letters; "1" is "i" unless only "l" spells a word the lexicons know ("ki11"). */
function unleet(word: string): string {
  if (!LEET_WORD.test(word)) return word; // "20mg", "b12", "x86": other digits make it a code, not a word
  const withI = word.replace(/[013457@]/g, (c) => LEET_LETTER[c] ?? c);
  if (!word.includes('1') || reveals(withI)) return withI;
  const withL = withI.replace(/i/g, (c, at: number) => (word[at] === '1' ? 'l' : c));
  return reveals(withL) ? withL : withI;
}

/** Single characters joined by one repeated separator, at least three, alone between non-word characters. */
const SPACED_RUN = /(?<![A-Za-z0-9@])[A-Za-z0-9@]([-. _*])[A-Za-z0-9@](?:\1[A-Za-z0-9@])+(?![A-Za-z0-9@])/g;
/**
 * Its signs, found by moderate()'s gate-word pass at no extra scan: a single letter between two
 * hyphens, dots, underscores or asterisks ("-i-" of "p-i-p-e"; not the ".2." of a version number),
 * or between spaces, other than the words "a" and "i" (" o " of "b o m b"). Lower case, as the gate words are.
 */
export const SPACED_SIGNS: readonly string[] = [
  ...['-', '.', '_', '*'].flatMap((separator) => [...'abcdefghijklmnopqrstuvwxyz'].map((c) => `${separator}${c}${separator}`)),
  ...[...'bcdefghjklmnopqrstuvwxyz'].map((c) => ` ${c} `),
];

const SPACED_SIGN_SET: ReadonlySet<string> = new Set(SPACED_SIGNS);

/** Whether the gate words found hold a spaced sign: a look at the few words found, not at every sign. */
function hasSpacedSign(present: ReadonlySet<string>): boolean {
  for (const word of present) if (word.length === 3 && SPACED_SIGN_SET.has(word)) return true;
  return false;
}

/**
 * Whether spellLeet would spell a word the lexicons look for in `text`: the same words, read the
 * same way, without writing the reading. Most are codes ("Q3", "4d", "J0341337"): too short to
 * hold a revealing word, or holding a digit no letter is written as. hot-path-equivalence.test.ts
 * holds it to spellLeet.
 */
function spellsLeetWord(text: string): boolean {
  LEET_PAIR_AHEAD.lastIndex = 0;
  // test(), not exec(): no match array for each of the ≈ 30 pairs of a PII-dense 4 KB text.
  while (LEET_PAIR_AHEAD.test(text)) {
    // The match is the leet character, or it and the letter after it.
    let at = LEET_PAIR_AHEAD.lastIndex - 1;
    if (isLetter(text.charCodeAt(at))) at -= 1;
    let start = at;
    while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start -= 1;
    let end = at + 1;
    while (end < text.length && isWordChar(text.charCodeAt(end))) end += 1;
    LEET_PAIR_AHEAD.lastIndex = end;
    if (end - start < SHORTEST_REVEALING) continue;
    const word = text.slice(start, end);
    // spellLeet's e-mail test ("@" after the word's start, "." after its end), read within the word.
    if (text.charCodeAt(end) === 0x2e && word.lastIndexOf('@') > 0) continue;
    if (LEET_WORD.test(word) && spellsRevealing(word)) return true;
  }
  return false;
}

/** Whether unleet(word) reveals, for a word of letters and leet characters: "1" read as "i", else as "l". */
function spellsRevealing(word: string): boolean {
  const lower = word.toLowerCase();
  let withI = '';
  let withL = '';
  for (let k = 0; k < lower.length; k++) {
    const c = lower[k] ?? '';
    withI += LEET_LETTER[c] ?? c;
    withL += c === '1' ? 'l' : (LEET_LETTER[c] ?? c);
  }
  return REVEALING.occursIn(withI) || (withL !== withI && REVEALING.occursIn(withL));
}

/** A leet character beside a letter, led by the (rarer) leet character. */
const LEET_PAIR = /[013457@](?:(?<=[A-Za-z].)|(?=[A-Za-z]))/g;
/** The same pairs, with the letter after taken rather than looked at: ≈ 12 % faster on PII-dense text. */
const LEET_PAIR_AHEAD = /[013457@](?:[A-Za-z]|(?<=[A-Za-z].))/g;

function joinSpaced(run: string, separator: string, found: { revealed: boolean }): string {
  const chars = run.split(separator);
  if (!chars.some((c) => isLetter(c.charCodeAt(0)))) return run; // "1.0.3": a version, not a word
  // "a b o m b": the article stays a word of its own.
  const [first = '', ...rest] = chars;
  const tail = unleet(rest.join(''));
  const spelt = separator === ' ' && /^[aAiI]$/.test(first) && rest.length >= 3 && reveals(tail) ? `${first} ${tail}` : unleet(chars.join(''));
  if (reveals(spelt)) found.revealed = true;
  return spelt;
}

/** The text with its leet words spelt in letters. An e-mail address ("ann34@example.com") is left as it is. */
function spellLeet(text: string, found: { revealed: boolean }): string {
  let out = '';
  let last = 0;
  LEET_PAIR.lastIndex = 0;
  for (let pair = LEET_PAIR.exec(text); pair !== null; pair = LEET_PAIR.exec(text)) {
    let start = pair.index;
    while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start -= 1;
    let end = pair.index + 1;
    while (end < text.length && isWordChar(text.charCodeAt(end))) end += 1;
    LEET_PAIR.lastIndex = end;
    if (text.charCodeAt(end) === 0x2e && text.lastIndexOf('@', end) > start) continue;
    const word = text.slice(start, end);
    const spelt = unleet(word);
    if (spelt === word) continue;
    if (!found.revealed && reveals(spelt)) found.revealed = true;
    out += text.slice(last, start) + spelt;
    last = end;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * The second reading of a text already Unicode-folded and single-spaced: spaced letters joined,
 * leet words spelt in letters. Undefined when no fold spells a word the lexicons look for.
 * `present` is the text's gate words: without a spaced sign among them the runs are not looked
 * for, and text without a leet character beside a letter costs one regex scan.
 */
export function foldObfuscation(text: string, present: ReadonlySet<string>): string | undefined {
  // Nearly every text has a leet pair ("Q3", an e-mail, a MAC address) and none spells a word: find that out before writing a reading.
  if (!hasSpacedSign(present) && !spellsLeetWord(text)) return undefined;
  return writtenReading(text, present);
}

/** foldObfuscation without the look ahead: the reading written out, then kept if a fold revealed a word. Exported for the differential test. */
export function writtenReading(text: string, present: ReadonlySet<string>): string | undefined {
  const found = { revealed: false };
  let out = text;
  if (hasSpacedSign(present)) out = out.replace(SPACED_RUN, (run: string, separator: string) => joinSpaced(run, separator, found));
  out = spellLeet(out, found);
  return found.revealed ? out : undefined;
}
