/**
 * Anchored matching. Every lexicon pattern names the words a match can start with (its lead)
 * and the words it cannot match without (its gate). One alternation scan over the lower-cased
 * text records where those words start; a pattern then runs sticky (`y`) only at its lead
 * positions, and only when every gate group has a word somewhere in the text. The regex still
 * decides; lead and gate only say where it cannot match, so results equal a full scan.
 */
import type { NormalizedText, TextSegment } from './normalize.ts';

/** Each inner list is "any of these word starts"; every list must be satisfied. */
export type Gate = readonly (readonly string[])[];

export interface GatedPattern {
  /** The pattern as written (case-insensitive), for unanchored scans. */
  readonly pattern: RegExp;
  /** The same pattern, sticky: tried only where a lead word starts. */
  readonly sticky: RegExp;
  /** Word starts (lower case) a match begins with; entries not starting with a letter are literal substrings. */
  readonly lead: readonly string[];
  readonly gate: Gate;
}

const words = (list: string): string[] => list.split(' ').filter((word) => word.length > 0);

/** `lead` and each gate group are written as space-separated word starts: `gated(re, 'ignor forget', 'instruction rule')`. */
export function gated(pattern: RegExp, lead: string, ...groups: string[]): GatedPattern {
  return withPattern({ pattern, sticky: pattern, lead: words(lead), gate: groups.map(words) }, pattern);
}

/** The entry with its pattern replaced (spacing or leetspeak tolerance), sticky twin rebuilt. */
export function withPattern(entry: GatedPattern, pattern: RegExp): GatedPattern {
  const flags = pattern.flags.replace(/[gy]/g, '');
  return { ...entry, pattern: new RegExp(pattern.source, flags), sticky: new RegExp(pattern.source, `${flags}y`) };
}

const isLiteral = (lead: string): boolean => {
  const code = lead.charCodeAt(0);
  return code < 0x61 || code > 0x7a;
};

/** Where gate and lead words start in one text. */
export interface WordHits {
  readonly text: string;
  readonly at: ReadonlyMap<string, readonly number[]>;
  /** Positions of literal leads ("![", "<"), found on first use. */
  readonly literals: Map<string, readonly number[]>;
}

function gateHolds(gate: Gate, hits: WordHits): boolean {
  for (const group of gate) {
    let any = false;
    for (const word of group) {
      if (hits.at.has(word)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}

function literalPositions(text: string, literal: string): readonly number[] {
  const out: number[] = [];
  for (let at = text.indexOf(literal); at !== -1; at = text.indexOf(literal, at + 1)) out.push(at);
  return out;
}

export function positionsOf(lead: string, hits: WordHits): readonly number[] {
  if (!isLiteral(lead)) return hits.at.get(lead) ?? [];
  let positions = hits.literals.get(lead);
  if (positions === undefined) {
    positions = literalPositions(hits.text, lead);
    hits.literals.set(lead, positions);
  }
  return positions;
}

/** First index in ascending `positions` at or after `from`. */
function lowerBound(positions: readonly number[], from: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((positions[mid] ?? 0) < from) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The leftmost match of the pattern in `hits.text`, as an unanchored exec would find it. */
export function firstAnchored(entry: GatedPattern, hits: WordHits): RegExpExecArray | null {
  if (!gateHolds(entry.gate, hits)) return null;
  const { sticky } = entry;
  let best: RegExpExecArray | null = null;
  for (const lead of entry.lead) {
    for (const start of positionsOf(lead, hits)) {
      if (best !== null && start >= best.index) break;
      sticky.lastIndex = start;
      const match = sticky.exec(hits.text);
      if (match !== null) {
        best = match;
        break;
      }
    }
  }
  return best;
}

/** Positions in [from, to) where the pattern matches, offset by `offset`. */
export function anchoredIn(entry: GatedPattern, hits: WordHits, from: number, to: number, out: number[], offset: number): void {
  if (!gateHolds(entry.gate, hits)) return;
  const { sticky } = entry;
  for (const lead of entry.lead) {
    const positions = positionsOf(lead, hits);
    for (let i = lowerBound(positions, from); i < positions.length; i += 1) {
      const start = positions[i] ?? to;
      if (start >= to) break;
      sticky.lastIndex = start;
      if (sticky.test(hits.text)) out.push(offset + start);
    }
  }
}

/** Every position where the pattern matches, offset by `offset`. */
export function allAnchored(entry: GatedPattern, hits: WordHits, out: number[], offset: number): void {
  anchoredIn(entry, hits, 0, hits.text.length, out, offset);
}

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

/**
 * One scanner per vocabulary. The leetspeak variant reads folded text, where a folded "1"
 * reads as "i": an `l` in a word also accepts `i`, and a hit maps back to the words it may be.
 */
export class GateScanner {
  private readonly plain: RegExp;
  private readonly leet: RegExp;
  /** A hit on "override" is also a hit on the shorter word "overr". */
  private readonly withPrefixes = new Map<string, string[]>();
  /** A leet hit (its `l` read as `i`) → every word it may be, with their prefixes: built once, not per hit. */
  private readonly byLeetKey = new Map<string, readonly string[]>();

  constructor(vocabulary: Iterable<string>) {
    // Longest first, so a hit names the most specific word.
    const sorted = [...new Set(vocabulary)].filter((word) => !isLiteral(word)).sort((a, b) => b.length - a.length);
    this.plain = new RegExp(String.raw`\b(?:${sorted.map(escape).join('|')})`, 'g');
    this.leet = new RegExp(String.raw`\b(?:${sorted.map((word) => escape(word).replace(/l/g, '[li]')).join('|')})`, 'g');
    const wordsByLeetKey = new Map<string, string[]>();
    for (const word of sorted) {
      this.withPrefixes.set(word, sorted.filter((other) => word.startsWith(other)));
      const key = word.replace(/l/g, 'i');
      const list = wordsByLeetKey.get(key);
      if (list === undefined) wordsByLeetKey.set(key, [word]);
      else list.push(word);
    }
    for (const [key, list] of wordsByLeetKey) this.byLeetKey.set(key, list.flatMap((word) => this.withPrefixes.get(word) ?? []));
  }

  /** Word hits in `text`. Lower-casing must keep offsets; when it would not, null (scan unanchored). */
  hits(text: string): WordHits | null {
    const lower = text.toLowerCase();
    if (lower.length !== text.length) return null;
    return { text, at: this.collect(this.plain, lower, (word) => this.withPrefixes.get(word)), literals: new Map() };
  }

  /** The same for leetspeak-folded text. */
  leetHits(text: string): WordHits | null {
    const lower = text.toLowerCase();
    if (lower.length !== text.length) return null;
    return {
      text,
      at: this.collect(this.leet, lower, (hit) => this.byLeetKey.get(hit.includes('l') ? hit.replace(/l/g, 'i') : hit)),
      literals: new Map(),
    };
  }

  private collect(re: RegExp, lower: string, expand: (hit: string) => readonly string[] | undefined): Map<string, number[]> {
    const at = new Map<string, number[]>();
    re.lastIndex = 0;
    for (let match = re.exec(lower); match !== null; match = re.exec(lower)) {
      for (const word of expand(match[0]) ?? []) {
        const list = at.get(word);
        if (list === undefined) at.set(word, [match.index]);
        else list.push(match.index);
      }
    }
    return at;
  }
}

/** Word hits of a normalised text and of its leetspeak segments, computed once for both passes. */
export interface TextHits {
  readonly text: WordHits | null;
  readonly leet: readonly (WordHits | null)[];
}

/**
 * The hits of a normalised text. The detector computes them once and hands them to the structural
 * and the semantic pass. Not memoised in a WeakMap keyed by the text: young-generation
 * collections kept its entries (each call's text and hits) alive, and 12 % of a gateway call's
 * allocation survived each one, against 0.4–5 % without it (RESULTS.md §Gateway: pipeline 8).
 */
export function hitsOf(normalized: NormalizedText, scanner: GateScanner): TextHits {
  return {
    text: scanner.hits(normalized.text),
    leet: normalized.leet.map((segment: TextSegment) => scanner.leetHits(segment.text)),
  };
}

/** First match of the first pattern that matches; unanchored full scans when `hits` is null. */
export function firstMatch(patterns: readonly GatedPattern[], text: string, hits: WordHits | null): RegExpExecArray | null {
  for (const entry of patterns) {
    const match = hits === null ? entry.pattern.exec(text) : firstAnchored(entry, hits);
    if (match !== null) return match;
  }
  return null;
}
