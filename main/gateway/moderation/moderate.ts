/**
 * Scores text against each moderation category and turns the scores into a verdict under the
 * tenant's packs. Pure and synchronous: the same code checks input (stage 4) and output (stage 8).
 */
import { foldForMatching } from '../injection/normalize.ts';
import type { ModerationCategory, WeightedPattern } from './categories.ts';
import { HOW_TO, LEXICONS, MODERATION_CATEGORIES, PHI_HEALTH, PHI_IDENTIFIERS, PHI_TOKEN_IDENTIFIER } from './categories.ts';
import { decodeEscapes, decodeTags, foldObfuscation, JOINED_SIGNS, SPACED_SIGNS } from './obfuscation.ts';
import { withStandIns } from './phi-tokens.ts';
import { SubstringSet } from './substring-set.ts';
import type { GovernancePacks } from './thresholds.ts';
import { thresholdsForPacks } from './thresholds.ts';

export { SubstringSet } from './substring-set.ts';

export type ModerationVerdict = 'clean' | 'flagged' | 'violation';

export interface CategoryResult {
  readonly category: ModerationCategory;
  readonly score: number;
  readonly level: ModerationVerdict;
  /** Fixed labels of the patterns that matched, for the audit entry. */
  readonly labels: readonly string[];
}

export interface ModerationResult {
  readonly scores: Readonly<Record<ModerationCategory, number>>;
  readonly categories: readonly CategoryResult[];
  readonly verdict: ModerationVerdict;
}

export interface ModerateOptions {
  readonly packs?: GovernancePacks;
}

/** Topic words without a how-to request count for this much of their weight. */
const TOPIC_ONLY_FACTOR = 0.5;
/**
 * Topic words together count for at most this much: below every pack's block threshold of a category
 * with topic words (the HIPAA pack's lowest is 0.6), so a clinical protocol naming overdose, suicide
 * and self-harm is flagged, never blocked. A violation needs a phrase: a request for or giving of harm.
 */
export const TOPIC_CEILING = 0.5;
/** Safeguarding, reporting and prevention material names the harm it fights. */
const SAFEGUARDING = /\b(?:safeguarding|prevention|report(?:ing)? (?:abuse|concerns)|awareness training|child protection|mandatory reporter|hotline)\b/i;
/**
 * A request to produce or fetch sexual material: naming safeguarding beside it ("… for prevention
 * training") does not make it a safeguarding text, so the cap below does not apply.
 */
const MATERIAL_REQUEST = /\b(?:write|generate|create|produce|draw|render|compose|make|send|share|find|post|upload|give me|show me|role-?play|describe)\b[^.?!\n]{0,60}?\b(?:stor(?:y|ies)|images?|photos?|pictures?|pics?|videos?|scenes?|scenarios?|role-?play|fan ?fic(?:tion)?|erotica|porn\w*|nudes?|drawings?|chats?|messages?|texts?|poems?|having sex|sex (?:with|between|involving))\b/i;

/** The gate words of a text, as matched() asks about them. */
type GateWords = Pick<ReadonlySet<string>, 'has'>;

/** Patterns that match; a pattern none of whose gate words occurs in the text is not run. */
function matched(patterns: readonly WeightedPattern[], text: string, present: GateWords): WeightedPattern[] {
  const out: WeightedPattern[] = [];
  for (const entry of patterns) {
    if (entry.gate.some((word) => present.has(word)) && entry.pattern.test(text)) out.push(entry);
  }
  return out;
}

/** "how to", "step by step", …: gate words of HOW_TO, so text without any skips the regex. */
const HOW_TO_GATE = ['how ', 'step', 'instruction', 'guide', 'recipe', 'tutorial', 'walk me', 'procedure', 'teach me', 'detailed'];
const SAFEGUARDING_GATE = ['safeguarding', 'prevention', 'report', 'awareness training', 'child protection', 'mandatory reporter', 'hotline'];

const ALL_PATTERNS: readonly WeightedPattern[] = [
  ...Object.values(LEXICONS).flatMap((lexicon) => [...lexicon.phrases, ...lexicon.terms]),
  ...PHI_IDENTIFIERS,
  PHI_TOKEN_IDENTIFIER,
  ...PHI_HEALTH,
];
export const GATE_WORDS: readonly string[] = [...new Set([...ALL_PATTERNS.flatMap((entry) => entry.gate), ...HOW_TO_GATE, ...SAFEGUARDING_GATE, ...SPACED_SIGNS, ...JOINED_SIGNS])];

const GATE_SET = new SubstringSet(GATE_WORDS);

/** The gate words that occur in a lower-cased text. */
export function gateWordsIn(lower: string): Set<string> {
  return GATE_SET.in(lower);
}

function noisyOr(weights: readonly number[]): number {
  return 1 - weights.reduce((miss, weight) => miss * (1 - weight), 1);
}

function scoreCategory(category: ModerationCategory, text: string, present: ReadonlySet<string>, howTo: boolean): { score: number; labels: string[] } {
  if (category === 'phi_disclosure') {
    // Identifier tokens count as the values they stand for: the caller receives the values.
    const standIns = withStandIns(text);
    const idText = standIns?.text ?? text;
    // The stand-ins' gate words beside the text's, asked of both rather than copied into one set.
    const gates = standIns?.gates ?? [];
    const idPresent: GateWords = gates.length === 0 ? present : { has: (word) => gates.includes(word) || present.has(word) };
    let ids = matched(PHI_IDENTIFIERS, idText, idPresent);
    if (ids.length === 0) ids = matched([PHI_TOKEN_IDENTIFIER], text, present);
    // The score is a product: without an identifier it is zero whatever the health terms say.
    const health = ids.length === 0 ? [] : matched(PHI_HEALTH, text, present);
    // PHI is identity joined to health: either alone is not a disclosure of health information.
    const score = Math.sqrt(noisyOr(ids.map((e) => e.weight)) * noisyOr(health.map((e) => e.weight)));
    return { score, labels: [...ids, ...health].map((e) => e.label) };
  }
  const lexicon = LEXICONS[category];
  const phrases = matched(lexicon.phrases, text, present);
  const topics = matched(lexicon.terms, text, present);
  const factor = howTo ? 1 : TOPIC_ONLY_FACTOR;
  const topic = Math.min(TOPIC_CEILING, noisyOr(topics.map((e) => e.weight * factor)));
  let score = noisyOr([...phrases.map((e) => e.weight), topic]);
  if (category === 'sexual_minors' && score > 0.45 && SAFEGUARDING_GATE.some((word) => present.has(word)) && SAFEGUARDING.test(text) && !MATERIAL_REQUEST.test(text)) score = 0.45;
  return { score, labels: [...phrases, ...topics].map((e) => e.label) };
}

/** Whitespace other than a plain space, and runs of spaces: the phrases are written with single spaces. */
const OTHER_WHITESPACE = /[^\S ]/;
const OTHER_WHITESPACE_ALL = /[^\S ]/g;
const SPACE_RUN = / {2,}/g;

/** Line breaks, tabs and runs of spaces read as one space (two cheap passes; a single \s+ pass stops at every space). */
function singleSpaced(input: string): string {
  let text = OTHER_WHITESPACE.test(input) ? input.replace(OTHER_WHITESPACE_ALL, ' ') : input;
  if (text.includes('  ')) text = text.replace(SPACE_RUN, ' ');
  return text;
}

interface Scored {
  readonly score: number;
  readonly labels: readonly string[];
}

function scoreAll(text: string, present: ReadonlySet<string> = gateWordsIn(text.toLowerCase())): Scored[] {
  const howTo = HOW_TO_GATE.some((word) => present.has(word)) && HOW_TO.test(text);
  return MODERATION_CATEGORIES.map((category) => scoreCategory(category, text, present, howTo));
}

/** Marks a category whose score came from the second reading (obfuscation.ts) in the audit entry. */
const OBFUSCATED = 'obfuscated';

export function moderate(input: string, options: ModerateOptions = {}): ModerationResult {
  // "how to make a\npipe bomb" is the same request as on one line, and "b\u200bomb" or "bоmb" with
  // a Cyrillic о the same word as "bomb".
  const folded = foldForMatching(input);
  const text = singleSpaced(folded);
  const thresholds = thresholdsForPacks(options.packs);
  const lower = text.toLowerCase();
  const present = gateWordsIn(lower);
  const scored = scoreAll(text, present);
  // Tag characters read as the ASCII they encode: the fold drops them, so text it left as it was (all plain ASCII) has none.
  const hidden = folded === input ? undefined : decodeTags(input);
  const visible = hidden === undefined ? text : singleSpaced(foldForMatching(hidden));
  // "\u0062omb", "p-i-p-e b-o-m-b", "how-to-build-a-pipe-bomb" and "b0mb" read as the words they spell; plain text has no second reading.
  const decoded = decodeEscapes(visible);
  const base = decoded === undefined ? visible : singleSpaced(foldForMatching(decoded));
  const reread = hidden !== undefined || decoded !== undefined;
  const baseLower = reread ? base.toLowerCase() : lower;
  const second = foldObfuscation(base, reread ? gateWordsIn(baseLower) : present, baseLower) ?? (reread ? base : undefined);
  const other = second === undefined ? undefined : scoreAll(second);
  const scores = {} as Record<ModerationCategory, number>;
  const categories: CategoryResult[] = [];
  let verdict: ModerationVerdict = 'clean';
  MODERATION_CATEGORIES.forEach((category, i) => {
    const first = scored[i] ?? { score: 0, labels: [] };
    const alt = other?.[i];
    const { score, labels } = alt !== undefined && alt.score > first.score ? { score: alt.score, labels: [...alt.labels, OBFUSCATED] } : first;
    const rounded = Math.round(score * 1000) / 1000;
    const threshold = thresholds[category];
    const level: ModerationVerdict = rounded >= threshold.block ? 'violation' : rounded >= threshold.flag ? 'flagged' : 'clean';
    scores[category] = rounded;
    categories.push({ category, score: rounded, level, labels });
    if (level === 'violation') verdict = 'violation';
    else if (level === 'flagged' && verdict === 'clean') verdict = 'flagged';
  });
  return { scores, categories, verdict };
}

/** The text of a parsed value, and whether the walk read all of it (plain JSON data, nothing a schema transformed). */
export interface StructuredText {
  readonly text: string;
  readonly complete: boolean;
}

/**
 * Every key and string (and number) leaf of a parsed value, one per line: the strings as the
 * caller will read them, decoded (a JSON "\u0062omb" is "bomb"), not their JSON, where a line
 * break inside a value is the two characters "\n" and would split a phrase past the whitespace
 * folding. `complete` is false when the value holds something JSON cannot (a Date a zod schema
 * made): its text is not all here, so the caller must read the raw text too.
 */
export function structuredText(value: unknown): StructuredText {
  const out: string[] = [];
  let complete = true;
  const walk = (v: unknown, depth: number): void => {
    if (depth > 256) {
      complete = false;
      return;
    }
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
    else if (Array.isArray(v)) for (const item of v) walk(item, depth + 1);
    else if (v !== null && typeof v === 'object') {
      const proto: unknown = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) complete = false;
      for (const [key, item] of Object.entries(v)) {
        out.push(key);
        walk(item, depth + 1);
      }
    } else if (v !== null) complete = false;
  };
  walk(value, 0);
  return { text: out.join('\n'), complete };
}

/**
 * The text inside function-call arguments, as moderation must read it (see `structuredText`).
 * `json` is arguments as sent (text that may be JSON) or as parsed.
 */
export function argumentText(json: unknown): string {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch {
      return json; // not JSON: read as it is
    }
  }
  return structuredText(value).text;
}
