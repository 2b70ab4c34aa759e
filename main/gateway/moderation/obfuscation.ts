/**
 * Moderation's second reading of a text written around its words, after the Unicode fold: JSON
 * escapes ("\u0062omb"), invisible tag characters (decodeTags), letters spaced out by one separator
 * ("p-i-p-e", "b.o.m.b", "k i l l"), words joined by hyphens, underscores, dots or camelCase
 * ("how-to-build-a-pipe-bomb", "how.to.build", "howToBuildAPipeBomb", "h0wT0Build", "HOWToBUILDAPipe") and digits or "@" for letters inside a word
 * ("b0mb", "det0nator"). For matching only: moderate()
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

/** A run of tag characters (U+E0000–U+E007F, each the surrogate pair \uDB40 \uDC00–\uDC7F). */
const TAG_RUN = /(?:\uDB40[\uDC00-\uDC7F])+/g;

/**
 * The text with its tag characters read as the ASCII they encode (U+E0020–U+E007E is U+0020–U+007E
 * + 0xE0000; the begin and cancel tags U+E0001 and U+E007F and the unassigned rest spell nothing),
 * or undefined when it has none that spell. A run of them holding a space is a hidden text of its own, so it is
 * read between spaces: "Summarise this" + hidden "how to …" is not "thishow to …"; a run between two letters, or
 * a spaceless run beside one, is read in place as part of that word ("b" + hidden "o" + "mb"). One indexOf on text
 * without the tags' lead surrogate; moderate() does not even ask for plain ASCII text.
 */
export function decodeTags(text: string): string | undefined {
  if (!text.includes('\uDB40')) return undefined;
  let spelt = false;
  const out = text.replace(TAG_RUN, (run: string, at: number) => {
    let ascii = '';
    for (let k = 1; k < run.length; k += 2) {
      const code = run.charCodeAt(k) - 0xdc00;
      if (code >= 0x20 && code <= 0x7e) ascii += String.fromCharCode(code);
    }
    if (ascii === '') return '';
    spelt = true;
    // A run inside a word, or a piece of one (no space) at its edge, is part of that word: "h" + hidden "o" + "w" is "how",
    // "t" + hidden "o" + " " is "to ", not "h o w" or "t o".
    const before = isLetter(text.charCodeAt(at - 1));
    const after = isLetter(text.charCodeAt(at + run.length));
    if (before && after) return ascii;
    if ((before || after) && !ascii.includes(' ')) return `${before ? '' : ' '}${ascii}${after ? '' : ' '}`;
    return ` ${ascii} `;
  });
  return spelt ? out : undefined;
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

/**
 * Words joined into one token: words of letters (a leet character may stand for a letter) joined by
 * hyphens, underscores or dots between letters, or a word with a lower-case letter or digit before a capital
 * (camelCase: "howToBuild", "h0wT0Build", "howTo2Build", "HOWToBUILDAPipe").
 *
 * Every joined token is read apart: two words are enough. A request cut into two-word tokens
 * ("how-to build-a pipe-bomb", "howTo buildA pipeBomb") passed when three were needed, and reading
 * compounds and identifiers apart ("follow-up", "state-of-the-art", "get_user_by_id",
 * "kill-switch", "die-cast", "bomb-proof") changed no verdict of the regulated-text,
 * tool-definition, bench benign or PII-dense corpora at two, three or four words; at two, 19 of
 * those 5,265 benign texts have a second reading scored (6 before joined tokens were read, 10 at
 * three). The reading is scored only when a fold spells a word the lexicons look for.
 * (The injection detector's own split, normalize.ts, needs three: it rewrites the text it scores.)
 */
const JOINED_RUN = /(?<![A-Za-z0-9@])(?:[A-Za-z0-9@]+(?:(?:[-_]+|(?<=[A-Za-z])\.(?=[A-Za-z013457])|(?<=[013457])\.(?=[A-Za-z]))[A-Za-z0-9@]+)+|[A-Za-z0-9@]*[a-z0-9@][A-Z][A-Za-z0-9@]*)(?![A-Za-z0-9@])/g;
/**
 * Hyphens and underscores, and a dot between two letters (or a letter and a leet character): "how.to.build.a.pipe.bomb",
 * "h0w.t0.build". Not a dot between digits ("1.0.3", "3.14"). In a token holding "@" the dots stay: an e-mail address
 * ("ann.lee@example.com") is read as written.
 */
const JOINERS = /[-_]+|(?<=[A-Za-z])\.(?=[A-Za-z013457])|(?<=[013457])\.(?=[A-Za-z])/g;
const JOINERS_NOT_DOTS = /[-_]+/g;
const HUMP_SIGN = /[a-z0-9@][A-Z]/;
const WORD_OF_LETTERS_OR_NOT = /[A-Za-z0-9@]+/g;
/**
 * Where a camelCase word splits: "howTo", "APipe" (a one-letter hump before a capitalised word), "HOWTo" (an upper-case
 * run before a capitalised word).
 */
const CAMEL_HUMP = /([a-z])(?=[A-Z])|([A-Z])(?=[A-Z][a-z])/g;
/** Where a word of letters and other digits splits: "howTo2Build" is "how To 2 Build". */
const DIGIT_EDGE = /([A-Za-z])(?=[0-9])|([0-9])(?=[A-Za-z])/g;
const LETTERS_ONLY = /^[A-Za-z]+$/;
/** A leet word with no "@" (an address is spellLeet's to read): spelt before its humps are split. */
const LEET_DIGITS_WORD = /^[A-Za-z013457]*[A-Za-z][A-Za-z013457]*$/;
/** An upper-case run ending in "A" or "I" before a capitalised word: "BUILDA Pipe" is "BUILD A Pipe" when "BUILD" reveals. */
const CAPS_ARTICLE = /\b([A-Z]{3,})([AI]) (?=[A-Z][a-z])/g;

/** A gate word and the same words joined as a token joins them ("kill all": "kill-all", "kill_all", "killall"). */
function asJoined(word: string): string[] {
  return /[ -]/.test(word) ? [word, ...['-', '_', ''].map((joiner) => word.replace(/[ -]+/g, joiner))] : [word];
}

const LEXICON_GATES: readonly string[] = Object.values(LEXICONS).flatMap((lexicon) => [...lexicon.phrases, ...lexicon.terms]).flatMap((entry) => entry.gate);
/** A joined token is read apart only beside a word some lexicon pattern needs, as written or joined: text without one pays nothing for tokens. */
const JOIN_GATE_SET: ReadonlySet<string> = new Set(LEXICON_GATES.flatMap(asJoined));
/** The revealing words, as written or joined: what a joined token must hold for its reading to be scored. */
const REVEALING_JOINED_WORDS: readonly string[] = [...new Set(REVEALING_WORDS.flatMap(asJoined))];
/** Those a token can hold: letters, digits, "@" and joiners only ("how", "kill_all"; not "kill all"). */
const REVEALING_IN_TOKEN: ReadonlySet<string> = new Set(REVEALING_JOINED_WORDS.filter((word) => /^[a-z0-9@_-]+$/.test(word)));
const REVEALING_JOINED = new SubstringSet(REVEALING_JOINED_WORDS);
/**
 * Gate words for moderate()'s gate-word pass: the revealing words as written or joined (the lexicon
 * gates among them). Found there at no extra scan, they say where a joined token that matters can be.
 */
export const JOINED_SIGNS: readonly string[] = REVEALING_JOINED_WORDS;

/** Whether the gate words found hold one a lexicon pattern needs, as written or joined: a look at the few words found. */
function hasJoinGate(present: ReadonlySet<string>): boolean {
  for (const word of present) if (JOIN_GATE_SET.has(word)) return true;
  return false;
}

/**
 * A leet word spelt in letters of the case around them: a leet character after a capital and before a capital or
 * the word's end is a capital ("T0B" is "TOB", "B0MB" is "BOMB"), so spelling adds no hump of its own.
 */
function spellCased(word: string): string {
  const spelt = unleet(word);
  if (spelt === word) return word;
  const out: string[] = [];
  let upperBefore = false;
  for (let k = 0; k < spelt.length; k++) {
    let c = spelt[k] ?? '';
    const was = word.charCodeAt(k);
    if (!isLetter(was)) {
      const next = word.charCodeAt(k + 1);
      if (upperBefore && (k + 1 >= word.length || (next >= 0x41 && next <= 0x5a) || isLeetDigit(next))) c = c.toUpperCase();
    }
    const code = c.charCodeAt(0);
    upperBefore = code >= 0x41 && code <= 0x5a;
    out.push(c);
  }
  return out.join('');
}

/** A word of a joined token with its humps apart; undefined when it has none to split. */
function humpsApart(word: string): string | undefined {
  if (LETTERS_ONLY.test(word)) return HUMP_SIGN.test(word) ? word.replace(CAMEL_HUMP, '$1$2 ') : undefined;
  if (LEET_DIGITS_WORD.test(word)) {
    // "h0wT0Build": spelt first ("howTOBuild"), then split.
    const spelt = spellCased(word);
    return HUMP_SIGN.test(spelt) ? spelt.replace(CAMEL_HUMP, '$1$2 ') : undefined;
  }
  // "howTo2Build": other digits stand apart as words of their own.
  if (word.includes('@') || !HUMP_SIGN.test(word)) return undefined;
  return word.replace(DIGIT_EDGE, '$1$2 ').replace(CAMEL_HUMP, '$1$2 ');
}

/**
 * A joined token read apart: its joiners as spaces, and camelCase humps apart ("howToBuild", "HOWTo", "h0wT0Build",
 * "howTo2Build"). Whether the reading reveals is told by `found`: a leet word spelt here is not spelt again by spellLeet.
 */
function apart(run: string, found: { revealed: boolean }): string {
  const spaced = run.replace(run.includes('@') ? JOINERS_NOT_DOTS : JOINERS, ' ');
  if (!HUMP_SIGN.test(spaced)) return spaced;
  let spelt = false;
  const split = spaced.replace(WORD_OF_LETTERS_OR_NOT, (word: string) => {
    const out = humpsApart(word);
    if (out === undefined) return word;
    if (!LETTERS_ONLY.test(word)) spelt = true;
    return out;
  });
  const out = split.includes(' ') ? split.replace(CAPS_ARTICLE, (whole: string, head: string, article: string) => (reveals(head) ? `${head} ${article} ` : whole)) : split;
  if (spelt && !found.revealed && reveals(out)) found.revealed = true;
  return out;
}

/** Whether a joined token, read apart, spells a revealing word: asked of the token as written, so no token is rewritten to ask. */
function tokenReveals(run: string): boolean {
  return REVEALING_JOINED.occursIn(run.toLowerCase());
}

function splitJoined(run: string, found: { revealed: boolean }): string {
  if (!found.revealed && tokenReveals(run)) found.revealed = true;
  return apart(run, found);
}

function isJoiner(code: number): boolean {
  return code === 0x2d || code === 0x5f;
}

function isLeetDigit(code: number): boolean {
  return code === 0x30 || code === 0x31 || code === 0x33 || code === 0x34 || code === 0x35 || code === 0x37;
}

/** Whether text[k] joins words as JOINERS reads it: a hyphen or underscore, or a dot between a letter and a letter or leet digit. */
function joinsAt(text: string, k: number): boolean {
  const code = text.charCodeAt(k);
  if (code !== 0x2e) return isJoiner(code);
  const before = text.charCodeAt(k - 1);
  const after = text.charCodeAt(k + 1);
  return (isLetter(before) && (isLetter(after) || isLeetDigit(after))) || (isLeetDigit(before) && isLetter(after));
}

/**
 * Whether text[start, end) lies inside a token JOINED_RUN matches: the run of word characters and
 * joiners around it, less joiners at its ends, holds a joiner, or is letters only with a lower-case
 * letter before a capital. One look along the token, no copy of it. True, or else where the run ends:
 * when text[start] and text[end - 1] are not joiners the answer is the run's, the same for every word inside it.
 */
function inJoinedToken(text: string, start: number, end: number): true | number {
  let from = start;
  while (from > 0 && (isWordChar(text.charCodeAt(from - 1)) || joinsAt(text, from - 1))) from -= 1;
  let to = end;
  while (to < text.length && (isWordChar(text.charCodeAt(to)) || joinsAt(text, to))) to += 1;
  const runEnd = to;
  while (from < start && isJoiner(text.charCodeAt(from))) from += 1;
  while (to > end && isJoiner(text.charCodeAt(to - 1))) to -= 1;
  // The word itself begins or ends with a joiner the token leaves out: not inside it.
  if (isJoiner(text.charCodeAt(from)) || isJoiner(text.charCodeAt(to - 1))) return runEnd;
  let hump = false;
  for (let k = from; k < to; k++) {
    const code = text.charCodeAt(k);
    if (!isWordChar(code)) return true; // a joiner
    if (code >= 0x41 && code <= 0x5a && k > from) {
      const prev = text.charCodeAt(k - 1);
      if ((prev >= 0x61 && prev <= 0x7a) || (prev >= 0x30 && prev <= 0x39) || prev === 0x40) hump = true;
    }
  }
  return hump || runEnd;
}

/**
 * Whether splitJoined would reveal a word in `text`, without writing the reading: a JOINED_RUN token
 * holds a revealing word. Asked from the revealing words the gate-word pass found, at each place they
 * occur, not by a scan of the text for tokens. hot-path-equivalence.test.ts holds it to writtenReading.
 * Each run is read once: a run found not joined is noted (each of its places holds where it ends), and
 * the words inside it are not asked again ("bombbomb…" read once, not once a word: quadratic). A word
 * at either end of it a joiner is asked at each place, and not noted: its answer is not the run's.
 */
function revealsJoined(text: string, present: ReadonlySet<string>, lowerCase: string | undefined): boolean {
  let lower = lowerCase;
  let notJoined: Int32Array | undefined;
  for (const word of present) {
    if (!REVEALING_IN_TOKEN.has(word)) continue;
    lower ??= text.toLowerCase();
    const notes = !isJoiner(word.charCodeAt(0)) && !isJoiner(word.charCodeAt(word.length - 1));
    for (let at = lower.indexOf(word); at !== -1; ) {
      let runEnd = notJoined?.[at] ?? 0;
      if (runEnd === 0) {
        const answer = inJoinedToken(text, at, at + word.length);
        if (answer === true) return true;
        if (notes) {
          runEnd = answer;
          notJoined ??= new Int32Array(text.length);
          // The run holds text[at, runEnd) and what lies before `at` back to its start; places before `at` are noted too.
          let from = at;
          while (from > 0 && (isWordChar(text.charCodeAt(from - 1)) || joinsAt(text, from - 1))) from -= 1;
          notJoined.fill(runEnd, from, runEnd);
        }
      }
      at = lower.indexOf(word, Math.max(at + 1, runEnd));
    }
  }
  return false;
}

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
 * joined words read apart, leet words spelt in letters. Undefined when no fold spells a word the lexicons look for.
 * `present` is the text's gate words: without a spaced sign among them the runs are not looked
 * for, without a lexicon gate word joined tokens are not, and text without a leet character beside
 * a letter costs one regex scan. `lower` is the text lower-cased, when the caller has it.
 */
export function foldObfuscation(text: string, present: ReadonlySet<string>, lower?: string): string | undefined {
  // Nearly every text has a leet pair ("Q3", an e-mail, a MAC address) and none spells a word: find that out before writing a reading.
  // Joined tokens are looked for only beside a word some lexicon pattern needs; without spaced runs the written reading splits them in `text` itself.
  if (!hasSpacedSign(present) && !spellsLeetWord(text) && !(hasJoinGate(present) && revealsJoined(text, present, lower))) return undefined;
  return writtenReading(text, present);
}

/** foldObfuscation without the look ahead: the reading written out, then kept if a fold revealed a word. Exported for the differential test. */
export function writtenReading(text: string, present: ReadonlySet<string>): string | undefined {
  const found = { revealed: false };
  let out = text;
  if (hasSpacedSign(present)) out = out.replace(SPACED_RUN, (run: string, separator: string) => joinSpaced(run, separator, found));
  // After the spaced runs ("p-i-p-e" is a word spaced out, not four words joined), before leet (which reads each word alike,
  // joined or apart). Beside a lexicon word, or in a reading another fold may keep: "h0w-t0-build-a-pipe-b0mb" has no lexicon
  // word until leet spells one. Only a text foldObfuscation() already reads, or the differential test, gets here.
  if (hasJoinGate(present) || hasSpacedSign(present) || spellsLeetWord(text)) out = out.replace(JOINED_RUN, (run: string) => splitJoined(run, found));
  out = spellLeet(out, found);
  return found.revealed ? out : undefined;
}
