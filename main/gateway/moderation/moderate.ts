/**
 * Scores text against each moderation category and turns the scores into a verdict under the
 * tenant's packs. Pure and synchronous: the same code checks input (stage 4) and output (stage 8).
 */
import type { ModerationCategory, WeightedPattern } from './categories.ts';
import { HOW_TO, LEXICONS, MODERATION_CATEGORIES, PHI_HEALTH, PHI_IDENTIFIERS } from './categories.ts';
import type { GovernancePacks } from './thresholds.ts';
import { thresholdsForPacks } from './thresholds.ts';

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
/** Safeguarding, reporting and prevention material names the harm it fights. */
const SAFEGUARDING = /\b(?:safeguarding|prevention|report(?:ing)? (?:abuse|concerns)|awareness training|child protection|mandatory reporter|hotline)\b/i;

function matched(patterns: readonly WeightedPattern[], text: string): WeightedPattern[] {
  return patterns.filter((entry) => entry.pattern.test(text));
}

function noisyOr(weights: readonly number[]): number {
  return 1 - weights.reduce((miss, weight) => miss * (1 - weight), 1);
}

function scoreCategory(category: ModerationCategory, text: string, howTo: boolean): { score: number; labels: string[] } {
  if (category === 'phi_disclosure') {
    const ids = matched(PHI_IDENTIFIERS, text);
    const health = matched(PHI_HEALTH, text);
    // PHI is identity joined to health: either alone is not a disclosure of health information.
    const score = Math.sqrt(noisyOr(ids.map((e) => e.weight)) * noisyOr(health.map((e) => e.weight)));
    return { score, labels: [...ids, ...health].map((e) => e.label) };
  }
  const lexicon = LEXICONS[category];
  const phrases = matched(lexicon.phrases, text);
  const topics = matched(lexicon.terms, text);
  const factor = howTo ? 1 : TOPIC_ONLY_FACTOR;
  let score = noisyOr([...phrases.map((e) => e.weight), ...topics.map((e) => e.weight * factor)]);
  if (category === 'sexual_minors' && SAFEGUARDING.test(text)) score = Math.min(score, 0.45);
  return { score, labels: [...phrases, ...topics].map((e) => e.label) };
}

export function moderate(text: string, options: ModerateOptions = {}): ModerationResult {
  const thresholds = thresholdsForPacks(options.packs);
  const howTo = HOW_TO.test(text);
  const scores = {} as Record<ModerationCategory, number>;
  const categories: CategoryResult[] = [];
  let verdict: ModerationVerdict = 'clean';
  for (const category of MODERATION_CATEGORIES) {
    const { score, labels } = scoreCategory(category, text, howTo);
    const rounded = Math.round(score * 1000) / 1000;
    const threshold = thresholds[category];
    const level: ModerationVerdict = rounded >= threshold.block ? 'violation' : rounded >= threshold.flag ? 'flagged' : 'clean';
    scores[category] = rounded;
    categories.push({ category, score: rounded, level, labels });
    if (level === 'violation') verdict = 'violation';
    else if (level === 'flagged' && verdict === 'clean') verdict = 'flagged';
  }
  return { scores, categories, verdict };
}
