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
const REVEALING = new SubstringSet([
  ...Object.values(LEXICONS).flatMap((lexicon) => [...lexicon.phrases, ...lexicon.terms]).flatMap((entry) => entry.gate),
  ...['how', 'step', 'instruction', 'guide', 'recipe', 'tutorial', 'teach', 'make', 'build', 'assemble', 'construct', 'write', 'create', 'cook', 'synthes', 'produce'],
]);

function reveals(word: string): boolean {
  return REVEALING.in(word.toLowerCase()).size > 0;
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

/** A leet character beside a letter, led by the (rarer) leet character. */
const LEET_PAIR = /[013457@](?:(?<=[A-Za-z].)|(?=[A-Za-z]))/g;

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
  const found = { revealed: false };
  let out = text;
  if (SPACED_SIGNS.some((sign) => present.has(sign))) out = out.replace(SPACED_RUN, (run: string, separator: string) => joinSpaced(run, separator, found));
  out = spellLeet(out, found);
  return found.revealed ? out : undefined;
}
