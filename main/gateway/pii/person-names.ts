// Person names. compromise's full parse costs about a millisecond per sentence, far over the gateway's
// budget, so the default path reads compromise's own name lexicon (the data its #FirstName/#LastName
// tagger uses) together with honorific and label context; 'nlp' mode adds people() on candidate sentences.
import nlp from 'compromise';

export interface NameSpan {
  start: number;
  value: string;
}

type Lexicon = Record<string, string | string[]>;

function loadLexicon(): { first: ReadonlySet<string>; last: ReadonlySet<string>; other: ReadonlySet<string> } {
  const lexicon = (nlp.model() as { one?: { lexicon?: Lexicon } }).one?.lexicon ?? {};
  const first = new Set<string>();
  const last = new Set<string>();
  const other = new Set<string>();
  for (const [word, tag] of Object.entries(lexicon)) {
    const tags = Array.isArray(tag) ? tag : [tag];
    if (tags.some((t) => t === 'FirstName' || t === 'MaleName' || t === 'FemaleName')) first.add(word);
    else if (tags.includes('LastName')) last.add(word);
    else other.add(word);
  }
  return { first, last, other };
}

// Immutable reference data, built once; no request data is ever stored at module level.
const NAMES = loadLexicon();

/** Capitalised words that start sentences or titles far more often than they name a person. */
const NOT_A_NAME = new Set([
  'the', 'a', 'an', 'and', 'or', 'but', 'please', 'dear', 'hi', 'hello', 'thanks', 'regards', 'best',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february',
  'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'street', 'road', 'avenue', 'lane', 'bank', 'inc', 'ltd', 'llc', 'corp', 'group', 'team', 'hospital',
  'clinic', 'university', 'department', 'office', 'city', 'county', 'state', 'north', 'south', 'east', 'west',
  'station', 'park', 'square', 'bridge', 'hall', 'house', 'centre', 'center', 'school', 'college', 'church',
  'new', 'san', 'los', 'las', 'st', 'mount', 'lake', 'fort', 'port', 'account', 'invoice', 'order', 'ticket',
]);

// Name words are capitalised in any script ("José García", "Zoë", "Müller"); after a label they may
// also be written in capitals ("Patient: JOHN SMITH"), which fromContext checks against the lexicon.
// A capital inside a name word comes only after an apostrophe or hyphen ("O'Brien", "Anne-Marie") or a
// surname prefix that starts the word ("McDonald", "MacArthur", "DeShawn", "FitzGerald"), and the word
// must end there: "PowerPoint" or "JavaScript" is no name word, and no fragment of it ("Power") is one.
// The loop's alternatives start with different characters, so it never backtracks into itself; an inner
// capital is matched before its lookbehind runs, so a word ending at a space pays nothing for it.
const NAME_WORD = String.raw`\p{Lu}(?:\p{Ll}|['’-]|\p{Lu}(?<=(?:['’-]|(?<!\p{L})(?:Ma?c|Fitz|Van|Von|De|Di|Da|Du|La|Le))\p{Lu}))+(?![\p{L}'’-])`;
// Lower-case particles inside a name ("Pieter van der Berg", "Maria da Silva"), never at its end.
const PARTICLES = String.raw`(?:(?:van|von|der|den|de|del|della|di|da|du|dos|das|la|le|ter|ten)[ \t]+){0,2}`;
const NAME_GAP = String.raw`[ \t]+${PARTICLES}`;
const HONORIFIC_RE = new RegExp(
  String.raw`\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Rev|Lord|Lady)\.?[ \t]+(${PARTICLES}${NAME_WORD}(?:${NAME_GAP}${NAME_WORD}){0,2})`,
  'gu',
);
const LABEL_RE = new RegExp(
  String.raw`\b(?:[Nn]ame|[Pp]atient|[Cc]ustomer|[Cc]lient|[Ee]mployee|[Aa]pplicant|[Cc]ardholder|[Aa]ccount holder|[Bb]eneficiary|(?:[Aa]pproved|[Ss]igned|[Ss]ubmitted|[Rr]eported|[Rr]equested|[Rr]eviewed|[Aa]uthori[sz]ed|[Rr]eferred) by|[Cc]ontact|[Aa]ttn|[Aa]ttention|[Gg]uardian|[Nn]ext of kin)\b[ \t]*(?:is[ \t]+|:[ \t]*|,[ \t]*|-[ \t]*)?` +
    String.raw`(${NAME_WORD}(?:${NAME_GAP}${NAME_WORD}){1,2}|\p{Lu}{2,}(?:[ \t]+\p{Lu}[\p{Lu}'’-]+){1,2}(?![\p{L}\p{N}]))`,
  'gu',
);
const CAPITALISED_RUN_RE = new RegExp(String.raw`(?<![\p{L}\p{N}_'’-])${NAME_WORD}(?:${NAME_GAP}(?:\p{Lu}\.[ \t]+)?${NAME_WORD})+`, 'gu');
const WORD_RE = new RegExp(String.raw`${NAME_WORD}|\p{Lu}\.`, 'gu');
const QUICK_PAIR_RE = /\p{Lu}\p{Ll}+[ \t]+(?:(?:van|von|der|den|de|del|della|di|da|du|dos|das|la|le|ter|ten)[ \t]+)?\p{Lu}|\p{Lu}{2}[ \t]+\p{Lu}['’]?\p{Lu}/u;
const ALL_CAPITALS = /^[\p{Lu}'’ \t-]+$/u;
const NON_ASCII = /[^\u0020-\u007e]/;
const MARKS = /\p{M}/gu;

/** The lexicon key of a word: lower case, without a possessive "'s" (what `.replace(/['’]s$/, '')` removes). */
function key(w: string): string {
  // The lexicon spells names without diacritics: "garcía" is looked up as "garcia".
  const lower = NON_ASCII.test(w) ? w.toLowerCase().normalize('NFD').replace(MARKS, '') : w.toLowerCase();
  const n = lower.length;
  return n >= 2 && lower.charCodeAt(n - 1) === 0x73 && (lower[n - 2] === "'" || lower[n - 2] === '’') ? lower.slice(0, -2) : lower;
}

// Each takes a word's key (key(w)), computed once per word of a run.
function isFirst(k: string): boolean {
  return NAMES.first.has(k) && !NOT_A_NAME.has(k);
}

function isLast(k: string): boolean {
  return NAMES.last.has(k);
}

function isUnknownOrName(k: string): boolean {
  return !NOT_A_NAME.has(k) && (!NAMES.other.has(k) || NAMES.first.has(k) || NAMES.last.has(k));
}

/** The lexicon knows the first word as a first name or any word as a surname ("JOHN SMITH", not "IT SUPPORT"). */
export function isLexiconName(value: string): boolean {
  return value.split(/[ \t]+/).some((w, i) => (i === 0 && isFirst(key(w))) || isLast(key(w)));
}

function fromLexicon(text: string, out: NameSpan[]): void {
  CAPITALISED_RUN_RE.lastIndex = 0;
  for (let run = CAPITALISED_RUN_RE.exec(text); run !== null; run = CAPITALISED_RUN_RE.exec(text)) {
    const words: Array<{ w: string; k: string; at: number; initial: boolean }> = [];
    WORD_RE.lastIndex = 0;
    for (let m = WORD_RE.exec(run[0]); m !== null; m = WORD_RE.exec(run[0])) words.push({ w: m[0], k: key(m[0]), at: run.index + m.index, initial: m[0].endsWith('.') });
    for (let i = 0; i + 1 < words.length; i++) {
      const a = words[i];
      const b = words[i + 1];
      if (a === undefined || b === undefined || a.initial) continue;
      // After a known first name, any capitalised word that is not a place or organisation word is a surname.
      const bIsSurname = !b.initial && !NOT_A_NAME.has(b.k);
      const starts = (isFirst(a.k) && bIsSurname) || (isUnknownOrName(a.k) && !NAMES.other.has(a.k) && isLast(b.k) && !isFirst(b.k));
      if (!starts) continue;
      let j = i + 1;
      // Middle initial or middle name, then surname: "John F. Kennedy", "Mary Ann Evans".
      while (j + 1 < words.length && j - i < 3) {
        const next = words[j + 1];
        if (next === undefined || next.initial || !(isLast(next.k) || isFirst(next.k) || words[j]?.initial === true)) break;
        j++;
      }
      const end = words[j];
      if (end === undefined) continue;
      out.push({ start: a.at, value: text.slice(a.at, end.at + end.w.length) });
      i = j;
    }
  }
}

function fromContext(re: RegExp, text: string, out: NameSpan[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const name = m[1];
    if (name === undefined) continue;
    let value = name;
    // Trim trailing words that are clearly not part of a name ("Name: Ana Lima Street" keeps "Ana Lima").
    for (let cut = value.search(/[ \t]+\S+$/); cut !== -1; cut = value.search(/[ \t]+\S+$/)) {
      if (!NOT_A_NAME.has(key(value.slice(cut).trim()))) break;
      value = value.slice(0, cut);
    }
    if (NOT_A_NAME.has(key(value.split(/[ \t]/)[0] ?? ''))) continue;
    // Words in capitals are a name only when the lexicon knows one of them as one ("JOHN SMITH", not "IT SUPPORT").
    if (ALL_CAPITALS.test(value) && !isLexiconName(value)) continue;
    out.push({ start: m.index + m[0].length - name.length, value });
  }
}

const HONORIFIC_ONLY = /^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Rev|Lord|Lady)\.?$/;
const SENTENCE_RE = /[^.!?\n]+[.!?]?/g;

interface CompromisePerson {
  text: string;
  offset: { start: number; length: number };
}

function fromCompromise(text: string, known: NameSpan[], out: NameSpan[]): void {
  SENTENCE_RE.lastIndex = 0;
  for (let s = SENTENCE_RE.exec(text); s !== null; s = SENTENCE_RE.exec(text)) {
    const sentence = s[0];
    if (!QUICK_PAIR_RE.test(sentence) && !/\b(?:Mr|Mrs|Ms|Dr)\b/.test(sentence)) continue;
    const base = s.index;
    const people = nlp(sentence).people().json({ offset: true }) as CompromisePerson[];
    for (const p of people) {
      let value = p.text.replace(/[\s,;:.!?]+$/, '');
      let start = base + p.offset.start;
      const honorific = /^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame)\.?\s+/.exec(value);
      if (honorific !== null) {
        start += honorific[0].length;
        value = value.slice(honorific[0].length);
      }
      if (value.length < 2 || HONORIFIC_ONLY.test(value) || text.slice(start, start + value.length) !== value) continue;
      if (known.some((k) => k.start < start + value.length && start < k.start + k.value.length)) continue;
      out.push({ start, value });
    }
  }
}

export function findPersonNames(text: string, mode: 'lexicon' | 'nlp'): NameSpan[] {
  const out: NameSpan[] = [];
  if (!QUICK_PAIR_RE.test(text) && !/\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Rev|Lord|Lady)\b/.test(text)) return out;
  fromContext(HONORIFIC_RE, text, out);
  fromContext(LABEL_RE, text, out);
  fromLexicon(text, out);
  if (mode === 'nlp') fromCompromise(text, out.slice(), out);
  return out;
}
