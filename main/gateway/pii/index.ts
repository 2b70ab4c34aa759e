// Public surface of PII redaction and restore for the gateway's stages 3 and 9.
export {
  CHECKSUM_BACKED,
  DEFAULT_PII_OPTIONS,
  PII_CATEGORIES,
  type PiiCategory,
  type PiiOptions,
} from './categories.ts';
export { detectPii, type PiiFinding } from './detector.ts';
export {
  createRedactionSession,
  TOKEN_PATTERN,
  type JsonValue,
  type RedactionSession,
  type Restorer,
  type StreamRestorer,
} from './redaction.ts';
