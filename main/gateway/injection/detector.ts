/**
 * Stage 2's detector: structural markers and the semantic score, combined into one verdict.
 * Tool outputs and retrieved documents (indirect injection) get lower thresholds: nobody at the
 * keyboard wrote them, so instructions inside them have no business being there.
 */
import { hitsOf } from './gates.ts';
import { normalizeForDetection } from './normalize.ts';
import { GATE_SCANNER } from './phrases.ts';
import { semanticScore } from './semantic.ts';
import { detectStructural } from './structural.ts';
import type { InjectionDetection, InjectionSource, InjectionVerdict } from './types.ts';
import { isIndirect } from './types.ts';

export interface InjectionThresholds {
  readonly suspicious: number;
  readonly injection: number;
}

export const THRESHOLDS: Readonly<Record<'user' | 'indirect', InjectionThresholds>> = {
  user: { suspicious: 0.5, injection: 0.8 },
  indirect: { suspicious: 0.4, injection: 0.55 },
};

export interface DetectOptions {
  readonly source: InjectionSource;
}

export function thresholdsFor(source: InjectionSource): InjectionThresholds {
  return THRESHOLDS[isIndirect(source) ? 'indirect' : 'user'];
}

export function detectInjection(text: string, options: DetectOptions): InjectionDetection {
  const normalized = normalizeForDetection(text);
  const hits = hitsOf(normalized, GATE_SCANNER);
  const structural = detectStructural(text, normalized, hits);
  const semantic = semanticScore(text, options.source, normalized, hits);
  const thresholds = thresholdsFor(options.source);

  let verdict: InjectionVerdict = 'clean';
  if (structural.length > 0 || semantic.score >= thresholds.injection) verdict = 'injection';
  else if (semantic.score >= thresholds.suspicious) verdict = 'suspicious';

  const findings = [...structural, ...semantic.findings].sort((a, b) => a.offset - b.offset);
  return { findings, semanticScore: semantic.score, verdict };
}
