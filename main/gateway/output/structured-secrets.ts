/**
 * Credentials inside a parsed structured response. The JSON text is scanned too, but what the
 * caller receives is the parsed value (and stage 9 writes the text from it): a key written with
 * escapes ("\u0041KIA…", ":\/\/") is a key again once parsed. Every object key and string is read
 * as the caller will read it, each on its own line of one text (one scan, not one per string),
 * and redacted where a credential is found.
 */
import { findCredentials } from './credentials.ts';
import { redactSpans, type SecretSpan } from './spans.ts';

export interface StructuredRedaction {
  /** The value with every credential replaced by `[REDACTED_SECRET:<kind>]` (the same value when none was found). */
  readonly value: unknown;
  readonly spans: readonly SecretSpan[];
  /** Two keys of one object redacted to the same placeholder: the value lost one of them. */
  readonly keysCollided: boolean;
}

/** Keys and strings in document order (a key before its value). */
function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      collectStrings(item, out);
    }
  }
}

/** `value` with its keys and strings replaced, in the order collectStrings gave them. */
function replaceStrings(value: unknown, next: () => string, collided: { value: boolean }): unknown {
  if (typeof value === 'string') return next();
  if (Array.isArray(value)) return value.map((item) => replaceStrings(item, next, collided));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.values(value).map((item): [string, unknown] => [next(), replaceStrings(item, next, collided)]);
  if (new Set(entries.map(([key]) => key)).size < entries.length) collided.value = true;
  // fromEntries defines own properties: a "__proto__" key stays a key, as JSON.parse made it.
  return Object.fromEntries(entries);
}

export async function redactStructured(value: unknown): Promise<StructuredRedaction> {
  const strings: string[] = [];
  collectStrings(value, strings);
  if (strings.length === 0) return { value, spans: [], keysCollided: false };
  const joined = strings.join('\n');
  const found = await findCredentials(joined);
  if (found.length === 0) return { value, spans: [], keysCollided: false };

  // Each string's share of the spans; a span over a line break (a PEM block) covers each string it reaches.
  const redacted: string[] = [];
  const spans: SecretSpan[] = [];
  let start = 0;
  for (const text of strings) {
    const end = start + text.length;
    const mine = found
      .filter((span) => span.start < end && span.end > start)
      .map((span) => ({ ...span, start: Math.max(span.start, start) - start, end: Math.min(span.end, end) - start }));
    const result = mine.length > 0 ? redactSpans(text, mine) : { text, spans: [] };
    redacted.push(result.text);
    spans.push(...result.spans);
    start = end + 1;
  }
  let index = 0;
  const collided = { value: false };
  const replaced = replaceStrings(value, () => redacted[index++] ?? '', collided);
  return { value: replaced, spans, keysCollided: collided.value };
}
