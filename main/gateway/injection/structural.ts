/**
 * The five structural classes of reference 002. A marker alone is ordinary formatting —
 * markdown rules, XML configs, "System:" in a bug report — so a marker counts only when the
 * text it introduces instructs the model. Chat-template tokens are the exception: no business
 * document contains `<|im_start|>` or `<<SYS>>`, so they count on their own.
 */
import { sanitizeEvidence } from './evidence.ts';
import type { NormalizedText, TextSegment } from './normalize.ts';
import { normalizeForDetection, originalOffset } from './normalize.ts';
import { MARKER_DIRECTIVES, PHRASES, leetTolerant } from './phrases.ts';
import type { InjectionFinding, StructuralClass } from './types.ts';

interface MarkerRule {
  readonly class: StructuralClass;
  readonly pattern: RegExp;
  /** Counts without a directive after it. */
  readonly standalone?: boolean;
  /** Characters before the marker that belong to its window (JSON objects open before "role"). */
  readonly lookBehind?: number;
}

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

function* roleLabels(text: string): Generator<{ index: number; marker: string }> {
  for (const word of text.matchAll(ROLE_WORD)) {
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
  },
  // Mid-sentence, only when it is dressed as a label: bracketed, or shouted in capitals.
  {
    class: 'FAKE_SYSTEM_HEADER',
    pattern: new RegExp(String.raw`[\[(][ \t]*${ROLE_WORDS}${HEADER_SUFFIX}[ \t]*[\])]`, 'gi'),
  },
  {
    class: 'FAKE_SYSTEM_HEADER',
    pattern: /\b(?:SYSTEM|SYS|ADMIN|ADMINISTRATOR|DEVELOPER|ROOT|OPERATOR)(?:[ \t_-]+(?:PROMPT|MESSAGE|NOTE|OVERRIDE|INSTRUCTIONS?|UPDATE|NOTICE|ALERT|COMMAND|DIRECTIVE|MODE|MSG)){0,2}[ \t]*(?::|>>|->|=>)/g,
  },
  // DOCUMENT_BOUNDARY
  {
    class: 'DOCUMENT_BOUNDARY',
    pattern:
      /\b(?:end|close|closing|bottom)\s+of\s+(?:the\s+)?(?:document|file|context|text|input|email|e-mail|message|data|transcript|tool\s+output|tool\s+result|search\s+results?|page|article|content|user\s+input|conversation|excerpt|attachment|report)\b/gi,
  },
  {
    class: 'DOCUMENT_BOUNDARY',
    pattern:
      /\b(?:begin|start|beginning|opening)\s+(?:of\s+)?(?:the\s+)?(?:(?:new|user|system|admin|real|actual|hidden|secret|priority|updated|assistant|ai|model|true|override|developer)\s+)+(?:instructions?|prompt|commands|directives|task|orders)\b/gi,
  },
  {
    class: 'DOCUMENT_BOUNDARY',
    pattern:
      /<\/\s*(?:document|doc|documents|context|data|email|input|tool_output|tool_result|tool_response|function_result|search_results?|article|content|untrusted|untrusted_input|user_input|text|page|file|excerpt|source)\s*>/gi,
  },
  {
    class: 'DOCUMENT_BOUNDARY',
    pattern: /\b(?:document|context|input|file|data|email|content)\s+(?:ends?|ended|is over|terminated|closed)\b/gi,
  },
  // HR_SEPARATOR_OVERRIDE
  {
    class: 'HR_SEPARATOR_OVERRIDE',
    pattern: /(?:^|(?<=\s))(?:[-=*_~+]{3,}|#{5,}|(?:[-=*_~][ \t]+){2,}[-=*_~])(?=[ \t]*(?:\r?\n|$)|[ \t]+\S)/gm,
  },
  // XML_SECTION_TAG
  {
    class: 'XML_SECTION_TAG',
    pattern:
      /<\s*(?:system|sys|system[_-]?(?:prompt|message|instructions?)|instructions?|new[_-]?instructions?|admin|administrator|admin[_-]?(?:instructions?|override)|developer|developer[_-]?(?:message|instructions?)|assistant|prompt|override|important|root|operator|policy|rules|jailbreak|secret[_-]?instructions?|hidden[_-]?instructions?|priority|priority[_-]?instructions?|im_start|task)\b[^<>]{0,80}>/gi,
  },
  // JSON_ROLE_INJECTION
  {
    class: 'JSON_ROLE_INJECTION',
    pattern: /\brole["'\s]*[:=][\s"']*(?:system|developer|assistant|admin|administrator|root|operator|tool|function)\b["']?/gi,
    lookBehind: 120,
  },
];

const ROLE_LABEL_RULE: MarkerRule = { class: 'FAKE_SYSTEM_HEADER', pattern: ROLE_WORD };

/** How far after a marker its instructions may start. */
const WINDOW = 400;

// "Disregard the above" is ordinary in email; after a marker it still needs a real directive.
const DIRECTIVES: readonly RegExp[] = [
  ...Object.entries(PHRASES).flatMap(([signal, patterns]) => (signal === 'WEAK_OVERRIDE_PHRASING' ? [] : patterns)),
  ...MARKER_DIRECTIVES,
].map((pattern) => new RegExp(pattern.source, `${pattern.flags}g`));
const LEET_DIRECTIVES: readonly RegExp[] = DIRECTIVES.map(leetTolerant);

/**
 * Where directives start in the whole text, found once (lazily) and shared by every marker's
 * window: a document with fifty markdown rules costs one scan, not fifty.
 */
class DirectiveIndex {
  private starts: number[] | null = null;

  constructor(
    private readonly text: string,
    private readonly leet: readonly TextSegment[],
  ) {}

  anyWithin(from: number, to: number): boolean {
    const starts = this.compute();
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((starts[mid] ?? 0) < from) low = mid + 1;
      else high = mid;
    }
    return low < starts.length && (starts[low] ?? Number.POSITIVE_INFINITY) < to;
  }

  private compute(): number[] {
    if (this.starts !== null) return this.starts;
    const starts: number[] = [];
    const collect = (patterns: readonly RegExp[], text: string, offset: number): void => {
      for (const pattern of patterns) for (const match of text.matchAll(pattern)) starts.push(offset + match.index);
    };
    collect(DIRECTIVES, this.text, 0);
    // Leetspeak folding keeps length, so a segment's offset plus a match index is an offset in the text.
    for (const segment of this.leet) collect(LEET_DIRECTIVES, segment.text, segment.offset);
    this.starts = starts.sort((a, b) => a - b);
    return this.starts;
  }
}

/** A window ends at a line end, so a cut cannot split a phrase ("as an AI| vendor"). */
function windowEnd(text: string, markerEnd: number): number {
  const limit = markerEnd + WINDOW;
  const lineEnd = text.indexOf('\n', limit);
  return lineEnd < 0 ? limit + 120 : Math.min(lineEnd, limit + 120);
}

/** Cap per text, so a long hostile document cannot make the stage record unbounded. */
const MAX_FINDINGS = 32;

export function detectStructural(text: string, normalized: NormalizedText = normalizeForDetection(text)): InjectionFinding[] {
  const haystack = normalized.text;
  const findings: InjectionFinding[] = [];
  const seen = new Set<string>();
  const directives = new DirectiveIndex(haystack, normalized.leet);
  const candidates = function* (): Generator<{ rule: MarkerRule; start: number; marker: string }> {
    for (const label of roleLabels(haystack)) yield { rule: ROLE_LABEL_RULE, start: label.index, marker: label.marker };
    for (const rule of RULES) for (const match of haystack.matchAll(rule.pattern)) yield { rule, start: match.index, marker: match[0] };
  };
  for (const { rule, start, marker } of candidates()) {
    {
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
  }
  return findings;
}
