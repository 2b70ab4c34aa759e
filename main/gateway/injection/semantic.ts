/**
 * The semantic half of stage 2: weighted signals of an attempt to re-instruct the model,
 * combined by noisy-OR into a score in 0..1. Obfuscation is undone first (normalisation,
 * leetspeak, letter spacing, tag characters, base64/hex), and the undoing is itself a signal.
 */
import { classifyInjection } from './classifier.ts';
import { findDecodableBlobs } from './encoded.ts';
import { imperativeIn, ORDER_REACH } from './imperative.ts';
import { sanitizeEvidence } from './evidence.ts';
import type { NormalizedText, TextSegment } from './normalize.ts';
import { collapseLetterSpacing, joinedWordsView, leetSegments, normalizeForDetection, originalOffset, viewOffset } from './normalize.ts';
import type { GatedPattern, WordHits } from './gates.ts';
import { firstMatch, hitsOf, type TextHits } from './gates.ts';
import type { PhraseSignal } from './phrases.ts';
import { GATE_SCANNER, PHRASES, leetTolerant, mapLexicon } from './phrases.ts';
import type { InjectionFinding, InjectionSource, SemanticSignal } from './types.ts';
import { isIndirect } from './types.ts';

/**
 * Weight of each signal by source. Text addressed to "the AI", or asking it to send data
 * somewhere, is ordinary from the person at the keyboard and suspicious inside a document.
 */
export const SIGNAL_WEIGHTS: Readonly<Record<SemanticSignal, { readonly user: number; readonly indirect: number }>> = {
  OVERRIDE_PHRASING: { user: 0.85, indirect: 0.9 },
  WEAK_OVERRIDE_PHRASING: { user: 0.3, indirect: 0.35 },
  NEW_INSTRUCTIONS: { user: 0.45, indirect: 0.6 },
  ROLE_PLAY: { user: 0.8, indirect: 0.85 },
  PROMPT_EXTRACTION: { user: 0.65, indirect: 0.8 },
  EXFILTRATION: { user: 0.2, indirect: 0.6 },
  CONCEALMENT: { user: 0.35, indirect: 0.6 },
  ADDRESSES_THE_MODEL: { user: 0, indirect: 0.45 },
  // Addressed to the model and then an order ("AI models reading this: disregard the requirements…").
  INSTRUCTS_THE_MODEL: { user: 0, indirect: 0.6 },
  // The learned classifier's best window passed its threshold (classifier.ts): phrasing no rule names.
  LEARNED_CLASSIFIER: { user: 0.5, indirect: 0.6 },
  TAG_CHARACTERS: { user: 0.6, indirect: 0.7 },
  BIDI_OVERRIDE: { user: 0.3, indirect: 0.4 },
  ZERO_WIDTH_SPLIT: { user: 0.3, indirect: 0.4 },
  ENCODED_INSTRUCTIONS: { user: 0.6, indirect: 0.7 },
  OBFUSCATED_TEXT: { user: 0.35, indirect: 0.45 },
};

const PHRASE_SIGNALS = Object.keys(PHRASES) as PhraseSignal[];
const LEET_PHRASES = mapLexicon(PHRASES, leetTolerant);

/** Rescans of decoded text stop here: base64 in hex in base64 is already an answer. */
const MAX_DEPTH = 2;
/** A decoded blob counts as smuggled instructions at this inner score. */
const DECODED_INSTRUCTION_SCORE = 0.3;

export interface SemanticResult {
  readonly score: number;
  readonly findings: readonly InjectionFinding[];
}

function firstSegmentMatch(
  patterns: readonly GatedPattern[],
  segments: readonly TextSegment[],
  hits: readonly (WordHits | null)[],
): { match: string; index: number } | null {
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i];
    if (segment === undefined) continue;
    const match = firstMatch(patterns, segment.text, hits[i] ?? null);
    if (match !== null) return { match: match[0], index: segment.offset + match.index };
  }
  return null;
}

function combine(weights: Iterable<number>): number {
  let miss = 1;
  for (const weight of weights) miss *= 1 - weight;
  return 1 - miss;
}

/** A text the phrase rules read: the normalised text, or a view of it with more joined words split. */
interface PhraseView {
  readonly text: string;
  hits(): WordHits | null;
  offset(index: number): number;
  leet(): readonly TextSegment[];
  leetHits(): readonly (WordHits | null)[];
}

/**
 * The normalised text, then the views with more joined words split (normalize.ts): sentences in
 * one token in any context, then any chain of three words or more. The caller's own text is not
 * read in the last: a name of three or four words ("overrideSystemPromptCache",
 * "act_as_admin_user") or a chain in code is an identifier when a person asks about it, and
 * splitting it alone must not block nor warn them. Text nobody typed (tool outputs, documents,
 * function definitions) is read in all: an order hidden in an identifier is still an order there.
 */
function viewsOf(normalized: NormalizedText, hits: TextHits, indirect: boolean): PhraseView[] {
  const views: PhraseView[] = [
    {
      text: normalized.text,
      hits: () => hits.text,
      offset: (index) => originalOffset(normalized, index),
      leet: () => normalized.leet,
      leetHits: () => hits.leet,
    },
  ];
  const extra = indirect ? [normalized.sentences, normalized.chains] : [normalized.sentences];
  for (const view of extra) {
    if (view === undefined) continue;
    let viewHits: WordHits | null | undefined;
    let leet: readonly TextSegment[] | undefined;
    views.push({
      text: view.text,
      hits: () => (viewHits ??= GATE_SCANNER.hits(view.text)),
      offset: (index) => viewOffset(view, index),
      leet: () => (leet ??= leetSegments(view.text)),
      leetHits: () => [],
    });
  }
  return views;
}

function scan(
  normalized: NormalizedText,
  original: string,
  source: InjectionSource,
  depth: number,
  baseOffset: number | null,
  hits: TextHits = hitsOf(normalized, GATE_SCANNER),
): SemanticResult {
  const indirect = isIndirect(source);
  const weightOf = (signal: SemanticSignal): number => SIGNAL_WEIGHTS[signal][indirect ? 'indirect' : 'user'];
  const signals = new Map<SemanticSignal, InjectionFinding>();
  const add = (signal: SemanticSignal, evidence: string, offset: number): void => {
    if (weightOf(signal) > 0 && !signals.has(signal)) {
      signals.set(signal, { class: signal, evidence: sanitizeEvidence(evidence), offset: baseOffset ?? offset });
    }
  };

  const text = normalized.text;
  const folded = normalized.leet;
  const collapsed = collapseLetterSpacing(text);
  const collapsedHits = collapsed === text ? undefined : GATE_SCANNER.hits(collapsed);
  const views = viewsOf(normalized, hits, indirect);
  let obfuscated = false;
  for (const signal of PHRASE_SIGNALS) {
    let found = false;
    for (const view of views) {
      const direct = firstMatch(PHRASES[signal], view.text, view.hits());
      if (direct === null) continue;
      add(signal, direct[0], view.offset(direct.index));
      // Matched only once invisible characters or look-alikes were undone: words joined into one
      // token ("IgnoreAllPrevious…") are split in both, since splitting is no evidence on its own.
      if (normalized.map !== null && firstMatch(PHRASES[signal], original, null) === null && firstMatch(PHRASES[signal], joinedWordsView(original), null) === null) {
        obfuscated = true;
      }
      found = true;
      break;
    }
    if (found) continue;
    for (const view of folded.length === 0 ? [] : views) {
      const viaLeet = firstSegmentMatch(LEET_PHRASES[signal], view.leet(), view.leetHits());
      if (viaLeet === null) continue;
      add(signal, viaLeet.match, view.offset(viaLeet.index));
      obfuscated = true;
      found = true;
      break;
    }
    if (found) continue;
    const viaSpacing = collapsedHits === undefined ? null : firstMatch(PHRASES[signal], collapsed, collapsedHits);
    if (viaSpacing !== null) {
      // Collapsing changes lengths, so the offset is that of the text, not of the phrase.
      add(signal, viaSpacing[0], 0);
      obfuscated = true;
    }
  }
  // Addressed to the model and then an order, in the first view that has both.
  if (signals.has('ADDRESSES_THE_MODEL') && weightOf('INSTRUCTS_THE_MODEL') > 0) {
    for (const view of views) {
      const address = firstMatch(PHRASES.ADDRESSES_THE_MODEL, view.text, view.hits());
      if (address === null) continue;
      const after = address.index + address[0].length;
      const order = imperativeIn(view.text, after, after + ORDER_REACH);
      if (order === null) continue;
      add('INSTRUCTS_THE_MODEL', order.match, view.offset(order.index));
      break;
    }
  }
  if (obfuscated) add('OBFUSCATED_TEXT', 'instruction hidden by look-alike characters', 0);
  const learned = classifyInjection(text, indirect);
  // The evidence names the passage, never quotes it: the window is ordinary text around the attack and may hold personal data.
  if (learned.flagged) add('LEARNED_CLASSIFIER', `passage scored ${learned.score.toFixed(2)} by the learned classifier`, originalOffset(normalized, learned.start));

  const hidden = normalized.hidden;
  if (hidden.tagCount > 0) add('TAG_CHARACTERS', `${hidden.tagCount} Unicode tag characters`, hidden.tagOffset);
  if (hidden.bidiControls > 0) add('BIDI_OVERRIDE', `${hidden.bidiControls} bidi override characters`, hidden.bidiOffset);
  if (hidden.zeroWidthInWord >= 2) {
    add('ZERO_WIDTH_SPLIT', `${hidden.zeroWidthInWord} zero-width characters inside words`, hidden.zeroWidthOffset);
  }

  const inner: SemanticResult[] = [];
  if (depth < MAX_DEPTH) {
    if (hidden.tagText.length > 0) {
      inner.push(scan(normalizeForDetection(hidden.tagText), hidden.tagText, source, depth + 1, hidden.tagOffset));
    }
    for (const blob of findDecodableBlobs(text)) {
      const at = baseOffset ?? originalOffset(normalized, blob.offset);
      const decoded = scan(normalizeForDetection(blob.text), blob.text, source, depth + 1, at);
      if (decoded.score >= DECODED_INSTRUCTION_SCORE) {
        add('ENCODED_INSTRUCTIONS', `${blob.encoding} blob decoding to instructions`, at);
        inner.push(decoded);
      }
    }
  }

  const weights = [...signals.keys()].map(weightOf);
  for (const result of inner) weights.push(result.score);
  const findings = [...signals.values(), ...inner.flatMap((result) => result.findings)];
  return { score: Math.round(combine(weights) * 1000) / 1000, findings };
}

export function semanticScore(
  text: string,
  source: InjectionSource,
  normalized = normalizeForDetection(text),
  hits: TextHits = hitsOf(normalized, GATE_SCANNER),
): SemanticResult {
  return scan(normalized, text, source, 0, null, hits);
}
