/**
 * A regular expression read as the texts it spells, for the PII check of a schema's `pattern`: a
 * caller's pattern goes to the model as written, and a value hidden in regex syntax
 * (`^jane[.]doe\x40corp\.example$`, `^12[3x]-45-6789$`, `^(?:123|x)-45-6789$`) must be seen.
 *
 * Each reading is one way through the pattern: escapes decoded, lookarounds dropped with what they
 * hold, every branch of an alternation (and of a class of two to four characters) a reading of its
 * own (at most MAX_READINGS in all), an optional literal read both with and without it, a group's
 * count written out, a literal's count spelt out,
 * a wildcard that may match nothing dropped, and one that must match something read as a space so
 * it joins no two words (`^.+@acme\.com$` reads ` @acme.com`: no address, only its domain).
 * A heuristic, not a parser: what it cannot read it leaves as written.
 */

/** Readings past this are not made: a pattern of many alternations is checked on its first ones. */
export const MAX_READINGS = 64;

// Escaped metacharacters stand in the private-use area while groups and classes are taken apart.
const ESCAPED_META: Readonly<Record<string, string>> = { '(': '\uE000', ')': '\uE001', '|': '\uE002', '[': '\uE003', ']': '\uE004', '{': '\uE005', '}': '\uE006' };
const UNESCAPE_META = new Map(Object.entries(ESCAPED_META).map(([meta, stand]) => [stand, `\\${meta}`]));

const CODE_ESCAPE = /\\x([0-9A-Fa-f]{2})|\\u([0-9A-Fa-f]{4})|\\u\{([0-9A-Fa-f]{1,6})\}/g;
const LOOKAROUND = /\(\?<?[=!][^()]*\)/g;
/** `(?i)`: a flag for what follows, no text of its own. */
const INLINE_FLAGS = /\(\?[imsx-]+\)/g;
/** The innermost group: `(…)`, `(?:…)`, `(?<name>…)` or `(?i:…)` around text without a parenthesis. */
const INNERMOST_GROUP = /\((?:\?:|\?<[A-Za-z][A-Za-z0-9_]*>|\?[imsx-]+:)?([^()]*)\)/;
/** A class of two to four literal characters (`[3x]`): read as an alternation of them. */
const SMALL_CLASS = /\[([^\]\\^\-[]{2,4})\]/g;
const QUANTIFIER = /(?:[?*+]|\{(\d{1,4})(?:,(\d{0,4}))?\})[?+]?/y;

function decodeCodes(pattern: string): string {
  return pattern.replace(CODE_ESCAPE, (whole, x?: string, u?: string, braced?: string) => {
    const code = parseInt(x ?? u ?? braced ?? '', 16);
    if (code > 0x10ffff) return whole;
    const char = String.fromCodePoint(code);
    // A decoded metacharacter is a literal, as its escape was.
    return ESCAPED_META[char] ?? char;
  });
}

/** `text` split at each `|` outside a class. */
function branches(text: string): string[] {
  const out: string[] = [];
  let inClass = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '|' && !inClass) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/**
 * A literal (a character, an escaped one, a one-character class) that may be left out (`x?`,
 * `x*`, `x{0}`, `x{0,n}`) as an alternation of it and nothing: `123-45x?-6789` reads both ways.
 */
const OPTIONAL_LITERAL = /(\\[^dDwWsSbBk\d]|\[[^\]\\^]\]|(?<!\\)[^\\()[\]|?*+{}^$.])(?:[?*]|\{0(?:,\d{0,4})?\})[?+]?/g;
/** A group repeated a set number of times, `(?:1111 ){2}`: written out, at most 16 times. */
const COUNTED_GROUP = /(\((?:\?:)?[^()]*\))\{(\d{1,2})\}/g;

/** Every way through the pattern's groups and alternations, up to MAX_READINGS. */
function alternatives(pattern: string): string[] {
  const prepared = pattern
    .replace(COUNTED_GROUP, (_, group: string, times: string) => group.repeat(Math.min(Number(times), 16)))
    .replace(OPTIONAL_LITERAL, (_, literal: string) => `(?:${literal}|)`)
    .replace(SMALL_CLASS, (_, chars: string) => `(${[...chars].join('|')})`);
  let readings = [prepared];
  for (let round = 0; round < 256; round++) {
    let changed = false;
    const next: string[] = [];
    for (const reading of readings) {
      const group = INNERMOST_GROUP.exec(reading);
      if (group === null) {
        next.push(reading);
        continue;
      }
      changed = true;
      for (const branch of branches(group[1] ?? '')) next.push(reading.slice(0, group.index) + branch + reading.slice(group.index + group[0].length));
    }
    readings = next.slice(0, MAX_READINGS);
    if (!changed) break;
  }
  return readings.flatMap(branches).slice(0, MAX_READINGS);
}

/**
 * Where the class opened at `open` closes (its `]`), or the text's end. JavaScript's rules: a `]`
 * right after `[` or `[^` closes it (`[]` matches nothing, `[^]` any character).
 */
function classEnd(text: string, open: number): number {
  let i = open + 1;
  if (text[i] === '^') i++;
  for (; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === ']') return i;
  }
  return text.length;
}

/** The one character a class body admits (`.`, `\.`, `9-9`), or undefined. */
function classSingle(body: string): string | undefined {
  if (body.length === 1 && body !== '^') return body;
  if (body.length === 2 && body[0] === '\\' && !'dDwWsS'.includes(body[1] ?? '')) return body[1];
  if (body.length === 3 && body[1] === '-' && body[0] === body[2]) return body[0];
  return undefined;
}

/** One reading (no groups left) as text. */
function spell(reading: string): string {
  let out = '';
  for (let i = 0; i < reading.length; ) {
    const c = reading[i] ?? '';
    let atom: string;
    let wild: boolean;
    if (c === '^' || c === '$') {
      i++;
      continue;
    }
    if (c === '\\') {
      const e = reading[i + 1] ?? '';
      i += 2;
      if (e === 'b' || e === 'B') continue;
      wild = 'dDwWsS'.includes(e);
      atom = wild ? ' ' : e;
    } else if (c === '[') {
      const end = classEnd(reading, i);
      const body = reading.slice(i + 1, end);
      const single = classSingle(body);
      i = end + 1;
      // `[]` matches nothing: it can stand only where it may be left out, and is.
      wild = single === undefined;
      atom = body === '' ? '' : (single ?? ' ');
    } else {
      wild = c === '.';
      atom = wild ? ' ' : c;
      i++;
    }
    QUANTIFIER.lastIndex = i;
    const q = QUANTIFIER.exec(reading);
    if (q !== null) {
      i += q[0].length;
      const least = q[1] === undefined ? (q[0][0] === '+' ? 1 : 0) : Number(q[1]);
      // A wildcard that may match nothing is left out; a literal that may is read as there once.
      if (wild) atom = least === 0 ? '' : ' ';
      else atom = atom.repeat(Math.min(Math.max(least, 1), 16));
    }
    out += atom;
  }
  return out;
}

/** The texts `pattern` spells (see the module comment); the escaped metacharacters as themselves. */
export function patternReadings(pattern: string): string[] {
  let text = pattern.replace(/\\([()|[\]{}])/g, (_, meta: string) => ESCAPED_META[meta] ?? meta);
  text = decodeCodes(text);
  text = text.replace(INLINE_FLAGS, '');
  // Nested lookarounds come off from the inside out.
  for (let round = 0; round < 16; round++) {
    const next = text.replace(LOOKAROUND, '');
    if (next === text) break;
    text = next;
  }
  const readings = alternatives(text).map((reading) => {
    let spelt = spell(reading);
    for (const [stand, escaped] of UNESCAPE_META) spelt = spelt.replaceAll(stand, escaped.slice(1));
    return spelt;
  });
  return [...new Set(readings)];
}
