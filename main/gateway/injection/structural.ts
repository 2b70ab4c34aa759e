/**
 * The five structural classes of reference 002. A marker alone is ordinary formatting —
 * markdown rules, XML configs, "System:" in a bug report — so a marker counts only when the
 * text it introduces instructs the model. Chat-template tokens are the exception: no business
 * document contains `<|im_start|>` or `<<SYS>>`, so they count on their own.
 */
import { sanitizeEvidence } from './evidence.ts';
import type { NormalizedText } from './normalize.ts';
import { foldLeetspeak, normalizeForDetection, originalOffset } from './normalize.ts';
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

const RULES: readonly MarkerRule[] = [
  // FAKE_SYSTEM_HEADER
  {
    class: 'FAKE_SYSTEM_HEADER',
    pattern:
      /<\|\s*(?:im_start|im_end|start_header_id|end_header_id|eot_id|endoftext|system|assistant|developer)\s*\|>|<<\s*\/?\s*SYS\s*>>|\[\s*\/?\s*INST\s*\]|<\/?start_of_turn>|<\/?end_of_turn>/gi,
    standalone: true,
  },
  // A role label opening a line or a sentence, in any case ("System:", "### System", "[ADMIN]").
  {
    class: 'FAKE_SYSTEM_HEADER',
    pattern: new RegExp(
      String.raw`(?:^|(?<=[.!?:;]\s{1,3}))[ \t>]*(?:#{1,6}[ \t]*|\*\*|__)?[ \t]*[\[(]?[ \t]*${ROLE_WORDS}${HEADER_SUFFIX}[ \t]*[\])]?[ \t]*(?:\*\*|__)?[ \t]*(?::|>>|->|=>|\n)`,
      'gim',
    ),
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

/** How far after a marker its instructions may start. */
const WINDOW = 400;

// "Disregard the above" is ordinary in email; after a marker it still needs a real directive.
const DIRECTIVES: readonly RegExp[] = [
  ...Object.entries(PHRASES).flatMap(([signal, patterns]) => (signal === 'WEAK_OVERRIDE_PHRASING' ? [] : patterns)),
  ...MARKER_DIRECTIVES,
];
const LEET_DIRECTIVES: readonly RegExp[] = DIRECTIVES.map(leetTolerant);

function instructsTheModel(window: string): boolean {
  if (DIRECTIVES.some((pattern) => pattern.test(window))) return true;
  const folded = foldLeetspeak(window);
  return folded !== window && LEET_DIRECTIVES.some((pattern) => pattern.test(folded));
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
  for (const rule of RULES) {
    for (const match of haystack.matchAll(rule.pattern)) {
      if (findings.length >= MAX_FINDINGS) return findings;
      const start = match.index;
      const end = start + match[0].length;
      const key = `${rule.class}:${start}`;
      if (seen.has(key)) continue;
      if (rule.standalone !== true) {
        const window = haystack.slice(Math.max(0, start - (rule.lookBehind ?? 0)), windowEnd(haystack, end));
        if (!instructsTheModel(window)) continue;
      }
      seen.add(key);
      findings.push({ class: rule.class, evidence: sanitizeEvidence(match[0]), offset: originalOffset(normalized, start) });
    }
  }
  return findings;
}
