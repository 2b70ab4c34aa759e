/**
 * Credentials inside a parsed structured response. The JSON text is scanned too, but what the
 * caller receives is the parsed value (and stage 9 writes the text from it): a key written with
 * escapes ("\u0041KIA…", ":\/\/") is a key again once parsed. Every object key and string is read
 * as the caller will read it, each on its own line of one text (one scan, not one per string),
 * and redacted where a credential is found. Every string is read a second time after the name of
 * the key it belongs to, `key=value`, since some credentials are known only by their name
 * (`aws_secret_access_key`) and a value wrapped in an array or an object lost it in the JSON text.
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

/**
 * Key names that make the value after them a credential for a detector (the secretlint AWS rules
 * and npm's `_authToken=`), in the cases those rules match. A string is read after the nearest
 * enclosing key with each of these names as well as after its own key, so that
 * {"aws_secret_access_key": {"v": ["…"]}} is read as `aws_secret_access_key=…`. One per name,
 * the nearest: any key with the name reads the value the same way, and the text stays bounded.
 */
const CREDENTIAL_NAMES: readonly RegExp[] = [
  /secret[\s_-]?access[\s_-]?key["']?$/i,
  /(?:ACCOUNT|account|Account)_?(?:ID|id|Id)?["']?$/,
  /_authToken$/,
];

/** The keys a string is read after: its own (nearest) key, and the nearest one of each credential name. */
interface KeyContext {
  readonly nearest: string | undefined;
  readonly named: readonly (string | undefined)[];
}

const NO_KEY: KeyContext = { nearest: undefined, named: CREDENTIAL_NAMES.map(() => undefined) };

function within(context: KeyContext, key: string): KeyContext {
  return { nearest: key, named: context.named.map((outer, i) => (CREDENTIAL_NAMES[i]?.test(key) === true ? key : outer)) };
}

/** A string value and the keys it is read after (distinct). */
interface Leaf {
  /** Its index among the keys and strings. */
  readonly index: number;
  readonly keys: readonly string[];
}

/** Keys and strings in document order (a key before its value), and each string value with its keys. */
function collectStrings(value: unknown, out: string[], leaves: Leaf[], context: KeyContext): void {
  if (typeof value === 'string') {
    const keys = [...new Set([context.nearest, ...context.named].filter((key): key is string => key !== undefined))];
    if (keys.length > 0) leaves.push({ index: out.length, keys });
    out.push(value);
  } else if (Array.isArray(value)) for (const item of value) collectStrings(item, out, leaves, context);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      collectStrings(item, out, leaves, within(context, key));
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

/** Where a string is read in the scanned text: [start, end), and the index of the string it belongs to. */
interface Reading {
  readonly start: number;
  readonly end: number;
  readonly owner: number;
}

/**
 * Each string's share of the spans, moved to start at 0; a span over a line break (a PEM block)
 * covers each string it reaches. `readings` are in text order and do not overlap, so each span
 * finds its first reading by binary search: not every string against every span.
 */
function sharesOf(found: readonly SecretSpan[], readings: readonly Reading[], strings: number): SecretSpan[][] {
  const shares: SecretSpan[][] = Array.from({ length: strings }, () => []);
  for (const span of found) {
    let low = 0;
    let high = readings.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((readings[mid]?.end ?? 0) <= span.start) low = mid + 1;
      else high = mid;
    }
    for (let at = low; at < readings.length; at++) {
      const reading = readings[at];
      if (reading === undefined || reading.start >= span.end) break;
      shares[reading.owner]?.push({ ...span, start: Math.max(span.start, reading.start) - reading.start, end: Math.min(span.end, reading.end) - reading.start });
    }
  }
  return shares;
}

export async function redactStructured(value: unknown): Promise<StructuredRedaction> {
  const strings: string[] = [];
  const leaves: Leaf[] = [];
  collectStrings(value, strings, leaves, NO_KEY);
  if (strings.length === 0) return { value, spans: [], keysCollided: false };
  // One text: every key and string on its own line, then every string after each of its keys.
  const lines = [...strings];
  for (const leaf of leaves) for (const key of leaf.keys) lines.push(`${key}=${strings[leaf.index] ?? ''}`);
  const found = await findCredentials(lines.join('\n'));
  if (found.length === 0) return { value, spans: [], keysCollided: false };

  const readings: Reading[] = [];
  let start = 0;
  for (const [owner, text] of strings.entries()) {
    readings.push({ start, end: start + text.length, owner });
    start += text.length + 1;
  }
  // A span over a `key=value` line counts for the value only: the key is read (and redacted) on its own line.
  for (const leaf of leaves) {
    const length = strings[leaf.index]?.length ?? 0;
    for (const key of leaf.keys) {
      const valueStart = start + key.length + 1;
      readings.push({ start: valueStart, end: valueStart + length, owner: leaf.index });
      start = valueStart + length + 1;
    }
  }
  const mine = sharesOf(found, readings, strings.length);
  const redacted: string[] = [];
  const spans: SecretSpan[] = [];
  for (const [index, text] of strings.entries()) {
    const result = (mine[index]?.length ?? 0) > 0 ? redactSpans(text, mine[index] ?? []) : { text, spans: [] };
    redacted.push(result.text);
    spans.push(...result.spans);
  }
  let index = 0;
  const collided = { value: false };
  const replaced = replaceStrings(value, () => redacted[index++] ?? '', collided);
  return { value: replaced, spans, keysCollided: collided.value };
}
