export { argumentText, moderate, structuredText } from './moderate.ts';
export type { CategoryResult, ModerateOptions, ModerationResult, ModerationVerdict, StructuredText } from './moderate.ts';
export { decideModeration } from './decide.ts';
export { moderationDetail } from './audit-detail.ts';
export type { ModerationAction, ModerationDecision, ModerationDirection } from './decide.ts';
export { MODERATION_CATEGORIES } from './categories.ts';
export type { ModerationCategory } from './categories.ts';
export { BASE_THRESHOLDS, thresholdsForPacks } from './thresholds.ts';
export type { CategoryThreshold, GovernancePacks, ModerationThresholds } from './thresholds.ts';
