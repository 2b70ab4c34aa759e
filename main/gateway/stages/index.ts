/** The ten stages of reference 002, in order: the pipeline's default stage list. */
import type { Stage } from '../stage.ts';
import { billingPostCallAudit } from './billing-post-call-audit.ts';
import { budgetCheck } from './budget-check.ts';
import { inputModeration } from './input-moderation.ts';
import { llmCall } from './llm-call.ts';
import { outputModeration } from './output-moderation.ts';
import { outputValidation } from './output-validation.ts';
import { piiRedaction } from './pii-redaction.ts';
import { piiRestore } from './pii-restore.ts';
import { preCallAudit } from './pre-call-audit.ts';
import { promptInjection } from './prompt-injection.ts';

export const GATEWAY_STAGE_MODULES: readonly Stage[] = Object.freeze([
  budgetCheck,
  promptInjection,
  piiRedaction,
  inputModeration,
  preCallAudit,
  llmCall,
  outputValidation,
  outputModeration,
  piiRestore,
  billingPostCallAudit,
]);

export {
  billingPostCallAudit,
  budgetCheck,
  inputModeration,
  llmCall,
  outputModeration,
  outputValidation,
  piiRedaction,
  piiRestore,
  preCallAudit,
  promptInjection,
};
