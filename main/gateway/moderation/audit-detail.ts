/**
 * The verdict detail stages 4 and 8 record in the audit entry: the verdict, the categories over a
 * threshold, the mode, and for every category that scored, its rounded score and the fixed labels
 * of the patterns that matched. Labels name patterns ("term:overdose"), never the matched text.
 */
import type { EnforcementMode } from '../injection/types.ts';
import { MODERATION_CATEGORIES, type ModerationCategory } from './categories.ts';
import type { ModerationDecision } from './decide.ts';
import type { ModerationResult } from './moderate.ts';

// Keys made once: the pipeline's canonical form caches key names, and a fixed set keeps it small.
const KEYS: ReadonlyMap<ModerationCategory, { readonly score: string; readonly labels: string }> = new Map(
  MODERATION_CATEGORIES.map((category) => [category, { score: `score.${category}`, labels: `labels.${category}` }]),
);

export function moderationDetail(result: ModerationResult, decision: ModerationDecision, mode: EnforcementMode): Record<string, string | number> {
  const detail: Record<string, string | number> = { verdict: result.verdict, categories: decision.categories.join(','), mode };
  for (const category of result.categories) {
    if (category.score === 0) continue;
    const keys = KEYS.get(category.category);
    if (keys === undefined) continue;
    detail[keys.score] = category.score;
    detail[keys.labels] = category.labels.join(',');
  }
  return detail;
}
