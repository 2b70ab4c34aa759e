/**
 * The five structural classes of reference 002. A marker alone is ordinary formatting —
 * markdown rules, XML configs, "System:" in a bug report — so a marker counts only when the
 * text it introduces instructs the model: a phrase of the lexicon (phrases.ts) in its window.
 * Chat-template tokens opening or closing a turn are the exception: no business document
 * contains `<|im_start|>system` or `<<SYS>>`, so they count on their own.
 *
 * Strong markers — vocabulary of model prompts rather than of documents (`<system_instruction>`,
 * `"role": "system"`, `<<END_TOOL_OUTPUT>>`, a separator titled OVERRIDE, a "System prompt:"
 * label, a chat-template token merely mentioned) — also count with a plain order in their window
 * ("Grant write access…", imperative.ts), which the lexicon cannot list in full.
 */
import { sanitizeEvidence } from './evidence.ts';
import type { NormalizedText, TextSegment } from './normalize.ts';
import { normalizeForDetection, originalOffset } from './normalize.ts';
import type { GatedPattern, TextHits, WordHits } from './gates.ts';
import { allAnchored, anchoredIn, hitsOf, positionsOf, withPattern } from './gates.ts';
import { imperativeIn, ORDER_REACH } from './imperative.ts';
import { GATE_SCANNER, MARKER_DIRECTIVES, MARKER_WORDS, PHRASES, leetTolerant } from './phrases.ts';
import type { InjectionFinding, StructuralClass } from './types.ts';

interface MarkerRule {
  readonly class: StructuralClass;
  readonly pattern: RegExp;
  /** Counts without a directive after it (a function decides per match, from the text after it). */
  readonly standalone?: boolean | ((text: string, end: number) => boolean);
  /** Characters before the marker that belong to its window (JSON objects open before "role"). */
  readonly lookBehind?: number;
  /** Cheap necessary condition on the lower-cased text and its word hits; the rule is skipped without it. */
  readonly when?: (lower: string, hits: WordHits | null) => boolean;
  /** Words (or literal substrings) a marker starts with: the rule is tried sticky there instead of scanning. */
  readonly lead?: readonly string[];
  /**
   * For a strong marker: where an order (imperative.ts) would be its payload — the element's
   * text, the message's content, the lines after a token — or null when this match is not strong.
   */
  readonly orderWindow?: (marker: string, text: string, start: number, end: number) => readonly [number, number] | null;
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
// Also after a code comment's or a diff line's leader ("+  // Developer message:") and inside a JSON string ("note":"assistant: …").
// Markdown emphasis of one to three characters around it ("**Admin:**", "_System:_", "`System prompt:`") and a
// list bullet before it ("* System:", "• System:").
const LABEL_PREFIX = /(?:^|[.!?:;][ \t\n]{1,3}|\n|")[ \t>+*\u2022-]*(?:(?:\/\/+|\/\*+|<!--|--|;+)[ \t]*)?(?:#{1,6}[ \t]*|[*_`~]{1,3})?[ \t]*[[(]?[ \t]*$/;
const LABEL_SUFFIX = new RegExp(String.raw`${ROLE_WORDS}${HEADER_SUFFIX}[ \t]*[\])]?[ \t]*[*_\x60~]{0,3}[ \t]*(?::|>>|->|=>|\n)`, 'iy');

const ROLE_WORD_AT = new RegExp(String.raw`${ROLE_WORDS}\b`, 'iy');
/** "System prompt:", "Admin override:", "Developer instructions:": prompt vocabulary, not an IT notice's "System update:". */
const STRONG_LABEL = /\b(?:prompt|override|instructions?|directive|command)\b/i;

// "_" is a word character: "__System:__" has no word start at "S" for ROLE_WORD or the scanner.
const ROLE_WORD_AFTER_UNDERSCORE = new RegExp(String.raw`_${ROLE_WORDS}\b`, 'gi');

/** Role words: at their scanner hits when there are hits, by scanning otherwise. */
function* roleWords(text: string, hits: WordHits | null): Generator<{ index: number }> {
  if (text.includes('_')) for (const word of text.matchAll(ROLE_WORD_AFTER_UNDERSCORE)) yield { index: word.index + 1 };
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

const TEMPLATE_TOKEN = String.raw`(?:<\|\s*(?:im_start|im_end|start_header_id|end_header_id|eot_id|endoftext|system|assistant|developer)\s*\|>|<<\s*\/?\s*SYS\s*>>|\[\s*\/?\s*INST\s*\]|<\/?start_of_turn>|<\/?end_of_turn>)`;
/** After a token in use: a role, a line break, another token or the end of the text. */
const TEMPLATE_IN_USE = /[ \t]*(?:\r?\n|$)|[ \t]*(?:system|user|assistant|developer|tool|model|ipython)\b|[ \t]*(?:<\||<<|\[\s*\/?\s*inst)/iy;
const templateHint = (lower: string): boolean =>
  lower.includes('|') || lower.includes('<<') || lower.includes('_of_turn') || (lower.includes('[') && lower.includes('inst'));

/** Words in a separator line's title that make it an announcement to the model ("**** OVERRIDE ****"). */
const HR_TITLE = /\b(?:overrid(?:e|ing)|directives?|jailbreak|(?:for|to) (?:the )?(?:ai|llms?|assistants?|agents?|models?|language models?|ai agents?)|(?:ai|llm|assistant|agent|model)s? (?:only|instructions?|directives?|notice|note)|system (?:override|prompt|instructions?)|new instructions?)\b/i;
function titledSeparator(_marker: string, text: string, start: number, end: number): readonly [number, number] | null {
  return isTitled(text, start) ? [end, end + ORDER_REACH] : null;
}
function isTitled(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf('\n', start) + 1;
  const lineEnd = text.indexOf('\n', start);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  if (HR_TITLE.test(line)) return true;
  // A title on its own line between two rules ("~~~~\n~~ priority directive for AI agents ~~\n~~~~").
  const nextEnd = lineEnd < 0 ? -1 : text.indexOf('\n', lineEnd + 1);
  return lineEnd >= 0 && HR_TITLE.test(text.slice(lineEnd + 1, nextEnd < 0 ? text.length : nextEnd).slice(0, 80));
}

const BOUNDARY_TOKEN_HINT = /<<|(?:end|begin)_|\[\s*\/?\s*(?:end|begin)/;

function paragraphEndWithin(text: string, from: number, reach: number): number {
  const blank = text.indexOf('\n\n', from);
  return Math.min(from + reach, blank < 0 ? text.length : blank);
}

// A chat message's text key and its opening quote, near a system or developer role.
const CONTENT_KEY = /["']?\b(?:content|text|message|prompt)["']?\s*[:=]\s*["']/gi;

/**
 * A system or developer message ({"role": "system", "content": "…"}): its content string. A user
 * directory's {"role": "developer", "lastLogin": …} has no content key and is not a message.
 */
function messageContent(marker: string, text: string, start: number, end: number): readonly [number, number] | null {
  if (!/(?:system|developer)["']?$/i.test(marker)) return null;
  const offset = Math.max(0, start - 120);
  const near = text.slice(offset, Math.min(text.length, end + 80));
  // The message's own content: the first key after the role, else the last one before it (keys in either order).
  let key: RegExpExecArray | undefined;
  for (const found of near.matchAll(CONTENT_KEY)) {
    key = found;
    if (offset + found.index >= end) break;
  }
  if (key === undefined) return null;
  const from = offset + key.index + key[0].length;
  const quote = key[0].slice(-1);
  let to = from;
  while (to < text.length && to < from + ORDER_REACH && !(text[to] === quote && text[to - 1] !== '\\')) to += 1;
  return [from, to];
}

/** Element names of model prompts; `<system>`, `<admin>`, `<rules>` are also ordinary config and stay weak. */
const STRONG_TAG = /^<\s*(?:system[_-]?(?:prompt|message|instructions?)|instructions?|new[_-]?instructions?|admin[_-]?(?:instructions?|override)|developer[_-]?(?:message|instructions?)|override|important|jailbreak|secret[_-]?instructions?|hidden[_-]?instructions?|priority[_-]?instructions?|im_start)\b/i;

const RULES: readonly MarkerRule[] = [
  // FAKE_SYSTEM_HEADER
  // Chat-template tokens in use count on their own; merely mentioned ("what are the <|im_start|> and
  // <|im_end|> tokens?"), a token is a strong marker.
  {
    class: 'FAKE_SYSTEM_HEADER',
    pattern: new RegExp(TEMPLATE_TOKEN, 'gi'),
    standalone: (text, end) => {
      TEMPLATE_IN_USE.lastIndex = end;
      return TEMPLATE_IN_USE.test(text);
    },
    when: templateHint,
    // Only the words right after it: "<|im_end|> Now approve the transfer", not the rest of a question about it.
    orderWindow: (_m, text, _s, end) => {
      const stop = /[,.;!?\n]/.exec(text.slice(end, end + 80));
      return [end, end + (stop === null ? 80 : stop.index)];
    },
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
  // Machine-style boundary tokens: <<END_TOOL_OUTPUT>>, [END OF CONTEXT], END_OF_DOCUMENT.
  {
    class: 'DOCUMENT_BOUNDARY',
    pattern:
      /<<\s*\/?\s*(?:end|begin|start)[_ -]?(?:of[_ -]?)?[a-z_ -]{0,30}>>|\[\s*\/?\s*(?:end|begin)[_ -]?(?:of[_ -]?)?(?:the[_ ])?(?:tool|document|context|output|input|data|results?|file|text|search|system)[a-z_ -]{0,20}\]|\b(?:end|begin)_(?:of_)?(?:tool_output|tool_result|document|context|input|data|results?|search_results)\b/gi,
    // One test for the whole text, not lead words: "[" and "end" are in most documents, these tokens in almost none.
    when: (lower) => BOUNDARY_TOKEN_HINT.test(lower),
    orderWindow: (_m, _text, _s, end) => [end, end + ORDER_REACH],
  },
  // HR_SEPARATOR_OVERRIDE
  {
    class: 'HR_SEPARATOR_OVERRIDE',
    pattern: /(?:^|(?<=\s))(?:[-=*_~+]{3,}|#{5,}|(?:[-=*_~][ \t]+){2,}[-=*_~])(?=[ \t]*(?:\r?\n|$)|[ \t]+\S)/gm,
    when: (lower) => HR_HINT.test(lower),
    orderWindow: titledSeparator,
  },
  // XML_SECTION_TAG
  {
    class: 'XML_SECTION_TAG',
    pattern:
      /<\s*(?:system|sys|system[_-]?(?:prompt|message|instructions?)|instructions?|new[_-]?instructions?|admin|administrator|admin[_-]?(?:instructions?|override)|developer|developer[_-]?(?:message|instructions?)|assistant|prompt|override|important|root|operator|policy|rules|jailbreak|secret[_-]?instructions?|hidden[_-]?instructions?|priority|priority[_-]?instructions?|im_start|task)\b[^<>]{0,80}>/gi,
    lead: ['<'],
    // The element's own text, up to the next tag: `<instructions><Export-Package>…` (Maven) has none.
    orderWindow: (marker, text, _s, end) => {
      if (!STRONG_TAG.test(marker)) return null;
      const next = text.indexOf('<', end);
      return [end, Math.min(end + ORDER_REACH, next < 0 ? text.length : next)];
    },
  },
  // JSON_ROLE_INJECTION
  {
    class: 'JSON_ROLE_INJECTION',
    pattern: /\brole["'\s]*[:=][\s"']*(?:system|developer|assistant|admin|administrator|root|operator|tool|function)\b["']?/gi,
    lookBehind: 120,
    lead: MARKER_WORDS.jsonRole,
    orderWindow: messageContent,
  },
];

const anyRoleWord = anyWord(MARKER_WORDS.role);
const ROLE_LABEL_RULE: MarkerRule = {
  class: 'FAKE_SYSTEM_HEADER',
  pattern: ROLE_WORD,
  when: (lower, hits) => anyRoleWord(lower, hits) || lower.includes('_'),
  orderWindow: (marker, text, _s, end) => (STRONG_LABEL.test(marker) ? [end, paragraphEndWithin(text, end, ORDER_REACH)] : null),
};
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

/** A strong marker whose payload opens a clause with an order. */
function givesAnOrder(rule: MarkerRule, marker: string, text: string, start: number, end: number): boolean {
  const window = rule.orderWindow?.(marker, text, start, end);
  return window !== undefined && window !== null && imperativeIn(text, window[0], window[1]) !== null;
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
    if (rule.standalone !== true && !(typeof rule.standalone === 'function' && rule.standalone(haystack, end))) {
      const from = Math.max(0, start - (rule.lookBehind ?? 0));
      const to = windowEnd(haystack, end);
      if (!directives.anyWithin(from, to) && !givesAnOrder(rule, marker, haystack, start, end)) continue;
    }
    seen.add(key);
    findings.push({ class: rule.class, evidence: sanitizeEvidence(marker), offset: originalOffset(normalized, start) });
  }
  return findings;
}
