/** What the PII tests detect with: every pack on, US region; findings as [category, value] pairs. */
import type { PiiCategory, PiiOptions } from '../../../../main/gateway/pii/categories.ts';
import { detectPii } from '../../../../main/gateway/pii/detector.ts';

export const US: PiiOptions = { packs: { hipaa: true, gdpr: true }, region: 'US' };

export function found(text: string, options: PiiOptions = US): Array<[PiiCategory, string]> {
  return detectPii(text, options).map((f) => [f.category, f.value]);
}
