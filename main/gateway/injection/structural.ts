/**
 * The five structural classes of reference 002. A marker alone is ordinary formatting —
 * markdown rules, XML configs, "System:" in a bug report — so a marker counts only when the
 * text it introduces instructs the model. Chat-template tokens are the exception: no business
 * document contains `<|im_start|>` or `<<SYS>>`, so they count on their own.
 */
import { sanitizeEvidence } from './evidence.ts';
import type { NormalizedText, TextSegment } from './normalize.ts';
import { normalizeForDetection, originalOffset } from './normalize.ts';
import type { GatedPattern, TextHits, WordHits } from './gates.ts';
import { allAnchored, anchoredIn, hitsOf, positionsOf, withPattern } from './gates.ts';
import { GATE_SCANNER, MARKER_DIRECTIVES, MARKER_WORDS, PHRASES, leetTolerant } from './phrases.ts';
import type { InjectionFinding, StructuralClass } from './types.ts';

interface MarkerRule {
  readonly class: StructuralClass;
  readonly pattern: RegExp;
  /** Counts without a directive after it. */
  readonly standalone?: boolean;
  /** Characters before the marker that belong to its window (JSON objects open before "role"). */
  readonly lookBehind?: number;
  /** Cheap necessary condition on the lower-cased text and its word hits; the rule is skipped without it. */
  readonly when?: (lower: string, hits: WordHits | null) => boolean;
  /** Words (or literal substrings) a marker starts with: the rule is tried sticky there instead of scanning. */
  readonly lead?: readonly string[];
}

const anyWord =
  (list: readonly string[]) =>
  (_lower: string, hits: WordHits | null): boolean =>
    hits === null || list.some((word) => hits.at.has(word));
const HR_HINT = /[-=*_~+]{3}|#{5}|[-=*_~][ \t]+[-=*_~][ \t]+[-=*_~]/;

const ROLE_WORDS = '(?:system|sys|admin|administrator|developer|root|operator|assistant|supervisor)';
const HEADER_SUFFIX = '(?:[ \\t_-]+(?:prompt|message|note|override|instructions?|update|notice|alert|command|directive|mode|msg)){0,2}';

/**
 * A role label opening a line or a sentence, in any case ("System:", "### System", "**Admin:**").
 * Found by keying on the role word and checking the prefix in code: a regex that has to try the
 * optional prefix at every position is several times slower on long documents.
 */
const ROLE_WORD = new RegExp(String.raw`\b${ROLE_WORDS}\b`, 'gi');
const LABEL_PREFIX = /(?:^|[.!?:;][ \t\n]{1,3}|\n)[ \t>]*(?:#{1,6}[ \t]*|\*\*|__)?[ \t]*[[(]?[ \t]*$/;
const LABEL_SUFFIX = new RegExp(String.raw`${ROLE_WORDS}${HEADER_SUFFIX}[ \t]*[\])]?[ \t]*(?:\*\*|__)?[ \t]*(?::|>>|->|=>|\n)`, 'iy');

const ROLE_WORD_AT = new RegExp(String.raw`${ROLE_WORDS}\b`, 'iy');

/** Role words: at their scanner hits when there are hits, by scanning otherwise. */
function* roleWords(text: string, hits: WordHits | null): Generator<{ index: number }> {
  if (hits === null) {
    yield* text.matchAll(ROLE_WORD);
    return;
  }
  for (const start of leadPositions(MARKER_WORDS.role, hits)) {
    ROLE_WORD_AT.lastIndex = start;
    if (ROLE_WORD_AT.test(text)) yield { index: start };
  }
}

function* roleLabels(text: string, hits: WordHits | null): Generator<{ index: number; marker: string }> {
  for (const word of roleWords(text, hits)) {
    const before = text.slice(Math.max(0, word.index - 16), word.index);
    const prefix = LABEL_PREFIX.exec(before);
    if (prefix === null) continue;
    LABEL_SUFFIX.lastIndex = word.index;
    const suffix = LABEL_SUFFIX.exec(text);
    if (suffix === null) continue;
    const lead = prefix[0].replace(/^[.!?:;]?\s*/, '');
    yield { index: word.index - lead.length, marker: lead + suffix[0] };
  }
}

const RULES: readonly MarkerRule[] = [
  // FAKE_SYSTEM_HEADER
  {
    class: 'FAKE_SYSTEM_HEADER',
    pattern:
      /<\|\s*(?:im_start|im_end|start_header_id|end_header_id|eot_id|endoftext|system|assistant|developer)\s*\|>|<<\s*\/?\s*SYS\s*>>|\[\s*\/?\s*INST\s*\]|<\/?start_of_turn>|<\/?end_of_turn>/gi,
    standalone: true,
    when: (lower) => lower.includes('|') || lower.includes('<<') || lower.includes('_of_turn') || (lower.includes('[') && lower.includes('inst')),
  },
  // Mid-sentence, only when it is dressed as a label: bracketed, or shouted in capitals.
  {
    class: 'FAKE_SYSTEM_HEADER',
    pattern: new RegExp(String.raw`[\[(][ \t]*${ROLE_WORDS}${HEADER_SUFFIX}[ \t]*[\])]`, 'gi'),
    when: anyWord(MARKER_WORDS.role),
    lead: ['[', '('],
  },
  {
    class: 'FAKE_SYSTEM_HEADER',
    pattern: /\b(?:SYSTEM|SYS|ADMIN|ADMINISTRATOR|DEVELOPER|ROOT|OPERATOR)(?:[ \t_-]+(?:PROMPT|MESSAGE|NOTE|OVERRIDE|INSTRUCTIONS?|UPDATE|NOTICE|ALERT|COMMAND|DIRECTIVE|MODE|MSG)){0,2}[ \t]*(?::|>>|->|=>)/g,
    lead: ['sys', 'admin', 'developer', 'root', 'operator'],
  },
  // DOCUMENT_BOUNDARY
  {
    class: 'DOCUMENT_BOUNDARY',
    pattern:
      /\b(?:end|close|closing|bottom)\s+of\s+(?:the\s+)?(?:document|file|context|text|input|email|e-mail|message|data|transcript|tool\s+output|tool\s+result|search\s+results?|page|article|content|user\s+input|conversation|excerpt|attachment|report)\b/gi,
    lead: MARKER_WORDS.boundaryEnd,
  },
  {
    class: 'DOCUMENT_BOUNDARY',
    pattern:
      /\b(?:begin|start|beginning|opening)\s+(?:of\s+)?(?:the\s+)?(?:(?:new|user|system|admin|real|actual|hidden|secret|priority|updated|assistant|ai|model|true|override|developer)\s+)+(?:instructions?|prompt|commands|directives|task|orders)\b/gi,
    lead: MARKER_WORDS.boundaryBegin,
  },
  {
    class: 'DOCUMENT_BOUNDARY',
    pattern:
      /<\/\s*(?:document|doc|documents|context|data|email|input|tool_output|tool_result|tool_response|function_result|search_results?|article|content|untrusted|untrusted_input|user_input|text|page|file|excerpt|source)\s*>/gi,
    lead: ['</'],
  },
  {
    class: 'DOCUMENT_BOUNDARY',
    pattern: /\b(?:document|context|input|file|data|email|content)\s+(?:ends?|ended|is over|terminated|closed)\b/gi,
    lead: MARKER_WORDS.boundaryOver,
    when: anyWord(MARKER_WORDS.boundaryOverVerb),
  },
  // HR_SEPARATOR_OVERRIDE
  {
    class: 'HR_SEPARATOR_OVERRIDE',
    pattern: /(?:^|(?<=\s))(?:[-=*_~+]{3,}|#{5,}|(?:[-=*_~][ \t]+){2,}[-=*_~])(?=[ \t]*(?:\r?\n|$)|[ \t]+\S)/gm,
    when: (lower) => HR_HINT.test(lower),
  },
  // XML_SECTION_TAG
  {
    class: 'XML_SECTION_TAG',
    pattern:
      /<\s*(?:system|sys|system[_-]?(?:prompt|message|instructions?)|instructions?|new[_-]?instructions?|admin|administrator|admin[_-]?(?:instructions?|override)|developer|developer[_-]?(?:message|instructions?)|assistant|prompt|override|important|root|operator|policy|rules|jailbreak|secret[_-]?instructions?|hidden[_-]?instructions?|priority|priority[_-]?instructions?|im_start|task)\b[^<>]{0,80}>/gi,
    lead: ['<'],
  },
  // JSON_ROLE_INJECTION
  {
    class: 'JSON_ROLE_INJECTION',
    pattern: /\brole["'\s]*[:=][\s"']*(?:system|developer|assistant|admin|administrator|root|operator|tool|function)\b["']?/gi,
    lookBehind: 120,
    lead: MARKER_WORDS.jsonRole,
  },
];

const ROLE_LABEL_RULE: MarkerRule = { class: 'FAKE_SYSTEM_HEADER', pattern: ROLE_WORD, when: anyWord(MARKER_WORDS.role) };
const STICKY = new Map<MarkerRule, RegExp>(RULES.map((rule) => [rule, new RegExp(rule.pattern.source, rule.pattern.flags.replace('g', 'y'))]));

function leadPositions(lead: readonly string[], hits: WordHits): readonly number[] {
  let out: readonly number[] = [];
  for (const word of lead) {
    const positions = positionsOf(word, hits);
    if (positions.length > 0) out = out.length === 0 ? positions : [...out, ...positions];
  }
  return out;
}

/** Marker matches of one rule: sticky at its lead positions when it has them, a scan otherwise. */
function* markers(rule: MarkerRule, text: string, lower: string, hits: WordHits | null): Generator<{ start: number; marker: string }> {
  if (rule.when !== undefined && !rule.when(lower, hits)) return;
  const sticky = STICKY.get(rule);
  if (rule.lead === undefined || hits === null || sticky === undefined) {
    for (const match of text.matchAll(rule.pattern)) yield { start: match.index, marker: match[0] };
    return;
  }
  for (const start of leadPositions(rule.lead, hits)) {
    sticky.lastIndex = start;
    const match = sticky.exec(text);
    if (match !== null) yield { start, marker: match[0] };
  }
}

/** How far after a marker its instructions may start. */
const WINDOW = 400;

// "Disregard the above" is ordinary in email; after a marker it still needs a real directive.
const DIRECTIVES: readonly GatedPattern[] = [
  ...Object.entries(PHRASES).flatMap(([signal, patterns]) => (signal === 'WEAK_OVERRIDE_PHRASING' ? [] : patterns)),
  ...MARKER_DIRECTIVES,
];
const LEET_DIRECTIVES: readonly GatedPattern[] = DIRECTIVES.map((entry) => withPattern(entry, leetTolerant(entry.pattern)));

/**
 * Whether a directive starts inside a marker's window. Directives are looked for only at their
 * lead words inside the window, and each block of text is asked once, so a document with fifty
 * markdown rules costs at most one pass.
 */
const BLOCK = 512;

class DirectiveIndex {
  /** Directive starts per block of the text, sorted; computed on first use. */
  private readonly blocks = new Map<number, number[]>();
  private leetStarts: number[] | null = null;

  constructor(
    private readonly text: string,
    private readonly leet: readonly TextSegment[],
    private readonly hits: TextHits,
  ) {}

  anyWithin(from: number, to: number): boolean {
    if (this.inLeetSegments(from, to)) return true;
    const hits = this.hits.text;
    if (hits === null) return this.unanchored(from, to);
    for (let block = Math.floor(from / BLOCK); block * BLOCK < to; block += 1) {
      let starts = this.blocks.get(block);
      if (starts === undefined) {
        starts = [];
        for (const entry of DIRECTIVES) anchoredIn(entry, hits, block * BLOCK, (block + 1) * BLOCK, starts, 0);
        this.blocks.set(block, starts);
      }
      if (starts.some((start) => start >= from && start < to)) return true;
    }
    return false;
  }

  private unanchored(from: number, to: number): boolean {
    return DIRECTIVES.some((entry) => {
      const re = new RegExp(entry.pattern.source, `${entry.pattern.flags}g`);
      for (const match of this.text.matchAll(re)) if (match.index >= from && match.index < to) return true;
      return false;
    });
  }

  // Leetspeak folding keeps length, so a segment's offset plus a match index is an offset in the text.
  private inLeetSegments(from: number, to: number): boolean {
    if (this.leet.length === 0) return false;
    if (this.leetStarts === null) {
      const starts: number[] = [];
      this.leet.forEach((segment, i) => {
        const hits = this.hits.leet[i] ?? null;
        for (const entry of LEET_DIRECTIVES) {
          if (hits !== null) allAnchored(entry, hits, starts, segment.offset);
          else {
            for (const match of segment.text.matchAll(new RegExp(entry.pattern.source, `${entry.pattern.flags}g`))) starts.push(segment.offset + match.index);
          }
        }
      });
      this.leetStarts = starts.sort((a, b) => a - b);
    }
    return this.leetStarts.some((start) => start >= from && start < to);
  }
}

/**
 * Every rule's marker matches, role labels first. A module-level generator, not one declared
 * inside detectStructural: with a generator closure made per call, young-generation collections
 * kept its context (the text, its lower-cased copy, the word hits) alive, and 48 % of what
 * detectStructural allocated survived each one, against 0.6 % now (RESULTS.md §Gateway: pipeline 8).
 */
function* candidates(haystack: string, lower: string, hits: WordHits | null): Generator<{ rule: MarkerRule; start: number; marker: string }> {
  if (ROLE_LABEL_RULE.when?.(lower, hits) !== false) {
    for (const label of roleLabels(haystack, hits)) yield { rule: ROLE_LABEL_RULE, start: label.index, marker: label.marker };
  }
  for (const rule of RULES) for (const { start, marker } of markers(rule, haystack, lower, hits)) yield { rule, start, marker };
}

/** A window ends at a line end, so a cut cannot split a phrase ("as an AI| vendor"). */
function windowEnd(text: string, markerEnd: number): number {
  const limit = markerEnd + WINDOW;
  const lineEnd = text.indexOf('\n', limit);
  return lineEnd < 0 ? limit + 120 : Math.min(lineEnd, limit + 120);
}

/** Cap per text, so a long hostile document cannot make the stage record unbounded. */
const MAX_FINDINGS = 32;

export function detectStructural(
  text: string,
  normalized: NormalizedText = normalizeForDetection(text),
  hits: TextHits = hitsOf(normalized, GATE_SCANNER),
): InjectionFinding[] {
  const haystack = normalized.text;
  const findings: InjectionFinding[] = [];
  const seen = new Set<string>();
  const lower = haystack.toLowerCase();
  const directives = new DirectiveIndex(haystack, normalized.leet, hits);
  for (const { rule, start, marker } of candidates(haystack, lower, hits.text)) {
    if (findings.length >= MAX_FINDINGS) return findings;
    const end = start + marker.length;
    const key = `${rule.class}:${start}`;
    if (seen.has(key)) continue;
    if (rule.standalone !== true && !directives.anyWithin(Math.max(0, start - (rule.lookBehind ?? 0)), windowEnd(haystack, end))) {
      continue;
    }
    seen.add(key);
    findings.push({ class: rule.class, evidence: sanitizeEvidence(marker), offset: originalOffset(normalized, start) });
  }
  return findings;
}
