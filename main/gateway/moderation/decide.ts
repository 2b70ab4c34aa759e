/**
 * Stages 4 and 8 act on a moderation result by enforcement mode: in enforce a violation is
 * blocked; in warn it is flagged; in audit it passes and is recorded. The message names the
 * categories, never the text.
 */
import type { EnforcementMode } from '../injection/types.ts';
import type { ModerationCategory } from './categories.ts';
import type { ModerationResult } from './moderate.ts';

export type ModerationDirection = 'input' | 'output';
export type ModerationAction = 'allow' | 'flag' | 'block';

export interface ModerationDecision {
  readonly action: ModerationAction;
  /** Recorded in the audit log as a moderation event. */
  readonly recorded: boolean;
  readonly categories: readonly ModerationCategory[];
  readonly message: string;
}

export function decideModeration(
  result: ModerationResult,
  mode: EnforcementMode,
  direction: ModerationDirection,
): ModerationDecision {
  const over = result.categories.filter((c) => c.level !== 'clean').map((c) => c.category);
  if (result.verdict === 'clean') return { action: 'allow', recorded: false, categories: [], message: '' };
  const what = direction === 'input' ? 'The request' : "The model's response";
  if (result.verdict === 'violation' && mode === 'enforce') {
    return {
      action: 'block',
      recorded: true,
      categories: over,
      message:
        `${what} was blocked by content moderation (${over.join(', ')}). ` +
        (direction === 'input' ? 'Rephrase the request or ask an administrator to review the policy.' : 'The response was withheld.'),
    };
  }
  if (mode === 'audit') return { action: 'allow', recorded: true, categories: over, message: '' };
  return {
    action: 'flag',
    recorded: true,
    categories: over,
    message: `${what} was flagged by content moderation (${over.join(', ')}) and recorded for review.`,
  };
}
