/**
 * Caller policy on responses: forbidden terms are redacted where they occur; forbidden topics
 * (keyword sets) are reported, since a topic has no single span to cut out.
 */

export interface ForbiddenTopic {
  readonly name: string;
  readonly keywords: readonly string[];
  /** Distinct keywords that must appear before the topic counts. Default 2. */
  readonly minMatches?: number;
}

export interface OutputPolicy {
  readonly forbiddenTerms?: readonly string[];
  readonly forbiddenTopics?: readonly ForbiddenTopic[];
}

export interface PolicyFinding {
  readonly detail: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function wordPattern(term: string, flags: string): RegExp {
  // \b only where the term itself starts or ends with a word character ("C++" has no end boundary).
  const start = /^\w/.test(term) ? '\\b' : '';
  const end = /\w$/.test(term) ? '\\b' : '';
  return new RegExp(`${start}${escapeRegExp(term)}${end}`, flags);
}

export function applyOutputPolicy(text: string, policy: OutputPolicy): { text: string; findings: PolicyFinding[] } {
  const findings: PolicyFinding[] = [];
  let out = text;
  for (const written of policy.forbiddenTerms ?? []) {
    // The term, not the spaces around it: "  Falcon  " must match "Falcon." at a sentence's end.
    const term = written.trim();
    if (term.length === 0) continue;
    let count = 0;
    out = out.replace(wordPattern(term, 'gi'), () => {
      count += 1;
      return '[REDACTED_TERM]';
    });
    if (count > 0) findings.push({ detail: `forbidden term "${term}" redacted (${count} occurrence${count === 1 ? '' : 's'})` });
  }
  for (const topic of policy.forbiddenTopics ?? []) {
    const hits = topic.keywords.filter((keyword) => wordPattern(keyword, 'i').test(out));
    if (hits.length >= (topic.minMatches ?? 2)) {
      findings.push({ detail: `forbidden topic "${topic.name}" (${hits.length} of its keywords)` });
    }
  }
  return { text: out, findings };
}
