// Finds PII spans in text: every enabled recogniser proposes candidates, then overlaps are resolved
// in favour of the better-validated, then the longer, span.
import {
  DEFAULT_PII_OPTIONS,
  NUMERIC_RECOGNISERS,
  TEXTUAL_RECOGNISERS,
  type PiiCandidate,
  type PiiCategory,
  type PiiOptions,
} from './categories.ts';
import { hasNonAscii, normaliseForPii } from './normalise.ts';

export interface PiiFinding {
  category: PiiCategory;
  start: number;
  end: number;
  value: string;
}

const HAS_DIGIT = /\d/;
// Format characters and the other invisible ones (variation selectors, U+034F) the normaliser reads.
const FORMAT_CHARACTER = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;

function better(a: PiiCandidate, b: PiiCandidate): number {
  return b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start;
}

/** A loop rather than `subarray(…).includes(1)`, which made a typed-array view per candidate. */
function overlapsTaken(taken: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (taken[i] === 1) return true;
  return false;
}

/**
 * Non-overlapping findings in text order. Text with characters outside ASCII is read through its
 * normalised form ("４１１１ １１１１…", Arabic-Indic digits, no-break spaces, soft hyphens), and the
 * findings are cut out of the original text; ASCII text pays one scan for a non-ASCII character.
 */
export function detectPii(text: string, options: PiiOptions = DEFAULT_PII_OPTIONS): PiiFinding[] {
  if (text.length === 0) return [];
  const normalised = hasNonAscii(text) ? normaliseForPii(text) : null;
  if (normalised === null) return resolve(candidatesIn(text, options), text.length);
  const candidates = candidatesIn(normalised.text, options).map((c) => {
    const start = normalised.start[c.start] ?? 0;
    const end = normalised.end[c.end - 1] ?? text.length;
    return { ...c, start, end, value: text.slice(start, end) };
  });
  // An invisible character may end a value as well as sit inside one ("4111…1111\u200b7"):
  // the text as written is read too, and the better reading of each span wins.
  if (FORMAT_CHARACTER.test(text)) candidates.push(...candidatesIn(text, options));
  return resolve(candidates, text.length);
}

function candidatesIn(text: string, options: PiiOptions): PiiCandidate[] {
  const candidates: PiiCandidate[] = [];
  for (const r of TEXTUAL_RECOGNISERS) if (r.enabled(options)) r.find(text, options, candidates);
  if (HAS_DIGIT.test(text)) {
    for (const r of NUMERIC_RECOGNISERS) if (r.enabled(options)) r.find(text, options, candidates);
  }
  return candidates;
}

/** Non-overlapping findings in text order: the better-validated, then the longer, candidate wins an overlap. */
function resolve(candidates: PiiCandidate[], length: number): PiiFinding[] {
  if (candidates.length === 0) return [];

  candidates.sort(better);
  const accepted: PiiCandidate[] = [];
  // Characters already claimed by an accepted finding: an overlap test costs the span's length, not the findings'.
  const taken = new Uint8Array(length);
  for (const c of candidates) {
    if (c.end <= c.start || overlapsTaken(taken, c.start, c.end)) continue;
    taken.fill(1, c.start, c.end);
    accepted.push(c);
  }
  accepted.sort((a, b) => a.start - b.start);
  return accepted.map(({ category, start, end, value }) => ({ category, start, end, value }));
}
