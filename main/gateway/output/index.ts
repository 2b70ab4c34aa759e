export { findsCredential, validateOutput } from './validate.ts';
export type { OutputValidation, OutputValidationOptions, OutputViolation, OutputViolationKind } from './validate.ts';
export type { ForbiddenTopic, OutputPolicy } from './policy.ts';
export type { JsonSchema, OutputSchema } from './structured.ts';
export { mayHoldSecret, secretSuspicion } from './secretlint-scan.ts';
export { findCredentialPatterns } from './credential-patterns.ts';
export { credentialSuspicion, findCredentials } from './credentials.ts';
export type { SecretSuspicion } from './secretlint-scan.ts';
