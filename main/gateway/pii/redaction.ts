// Per-request redaction: PII values become stable tokens ([EMAIL_1]) in a map owned by one session
// object, so concurrent requests never share values. Restoring is explicit and needs authorisation.
import { DEFAULT_PII_OPTIONS, PII_CATEGORIES, type PiiCategory, type PiiOptions } from './categories.ts';
import { detectPii } from './detector.ts';
import { keyLabel } from './key-labels.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface StreamRestorer {
  /** Returns the text that is safe to emit now; holds back a suffix that may be the start of a token. */
  push(chunk: string): string;
  /** Returns whatever is still held back, restored where it forms a whole token. */
  flush(): string;
}

export interface Restorer {
  readonly authorised: boolean;
  /** Replaces this session's tokens with their values when authorised; otherwise returns text unchanged. */
  restore(text: string): string;
  /** restore() applied to every string and key inside a JSON value; a token issued for a whole number gives the number back. */
  restoreValue<T extends JsonValue>(value: T): T;
  createStreamRestorer(): StreamRestorer;
}

export interface RedactionSession {
  redact(text: string): string;
  /**
   * Redacts a JSON value (tool-call arguments): every string, every number whose digits are PII (it
   * becomes its token, a string), and every object key. A value is read with its key as its label,
   * so `{"ssn": "123456789"}` is read as "ssn: 123456789".
   */
  redactValue<T extends JsonValue>(value: T): T;
  /**
   * Notes token-shaped text in input not yet redacted ("[EMAIL_1]" written by the caller), so no
   * token issued later is spelled the same. Stage 3 calls it on every message before redacting any.
   */
  noteForeignTokens(text: string): void;
  /**
   * Marks the tokens whose values `withhold` flags (a credential, a forbidden term): no restorer
   * puts them back, so restore can never carry into the output what stage 7 would have removed
   * from it. Call once the request is redacted, before any output is restored.
   */
  withholdValues(withhold: (value: string, token: string) => boolean): number;
  /** Tool-call arguments as a JSON string: redacted structurally when they parse, as text otherwise. */
  redactToolArguments(argumentsJson: string): string;
  restorer(authorised: boolean): Restorer;
  /** Distinct values redacted per category, for the stage verdict record (never the values). */
  counts(): Partial<Record<PiiCategory, number>>;
}

/** Shape of every token this module issues; anything else in brackets is ordinary text. */
export const TOKEN_PATTERN = /\[[A-Z][A-Z_]*_\d+\]/g;
/** The start of a token, cut anywhere before its closing bracket. */
const TOKEN_PREFIX = /^\[(?:[A-Z][A-Z_]*\d*)?$/;

/** A JSON integer whose source digits no double holds (beyond 2^53): read from its source, never from the rounded value. */
class ExactInteger {
  constructor(readonly source: string) {}
}

const INTEGER_SOURCE = /^-?\d+$/;
// JSON.rawJSON (Node 21+) writes digits back exactly; without it they are kept as a string rather than rounded.
const rawJson = (JSON as unknown as { rawJSON?: (text: string) => JsonValue }).rawJSON;

/** JSON.parse, with integers a double would round kept as their source digits (the reviver's context.source, Node 22). */
function parseKeepingExactIntegers(json: string): JsonValue {
  return JSON.parse(json, (_key: string, value: unknown, context?: { source?: string }) => {
    const source = context?.source;
    return typeof value === 'number' && source !== undefined && String(value) !== source && INTEGER_SOURCE.test(source) ? new ExactInteger(source) : value;
  }) as JsonValue;
}

/**
 * Sets an own property, whatever its name: a plain assignment of "__proto__" sets the object's
 * prototype instead, and the key would vanish from the arguments the model (or the tool) sees.
 */
function define(target: { [key: string]: JsonValue }, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function createRedactionSession(options: PiiOptions = DEFAULT_PII_OPTIONS): RedactionSession {
  const tokenByValue = new Map<string, string>();
  const valueByToken = new Map<string, string>();
  const nextNumber = new Map<PiiCategory, number>();
  // A Map, not an object: a fresh object given categories as keys in a different order per request made
  // every store a slow keyed store (≈ 0.5 µs a value inside the gateway).
  const categoryCounts = new Map<PiiCategory, number>();
  // Token-shaped text that arrived in the input: never issued, so restore cannot confuse it with ours.
  const foreignTokens = new Set<string>();
  // Tokens issued for digits read from a JSON number: their own tokens, never shared with the same
  // digits written as text, so restoreValue gives a number back only where a number was redacted.
  const numericTokens = new Set<string>();
  // Distinct values per category, for counts(): a value seen as a number and as text is one value.
  const countedValues = new Set<string>();
  // Tokens whose values no restorer puts back (withholdValues): they stay tokens in every output.
  const withheld = new Set<string>();

  function issue(category: PiiCategory, value: string, fromNumber: boolean): string {
    const mapKey = fromNumber ? `#${value}` : value;
    const known = tokenByValue.get(mapKey);
    if (known !== undefined) return known;
    let n = nextNumber.get(category) ?? 1;
    let token = `[${category}_${n}]`;
    while (foreignTokens.has(token)) token = `[${category}_${++n}]`;
    nextNumber.set(category, n + 1);
    tokenByValue.set(mapKey, token);
    valueByToken.set(token, value);
    if (fromNumber) numericTokens.add(token);
    if (!countedValues.has(`${category}:${value}`)) {
      countedValues.add(`${category}:${value}`);
      categoryCounts.set(category, (categoryCounts.get(category) ?? 0) + 1);
    }
    return token;
  }

  function noteForeignTokens(text: string): void {
    if (text.includes('[')) for (const m of text.matchAll(TOKEN_PATTERN)) if (!valueByToken.has(m[0])) foreignTokens.add(m[0]);
    // Written with escapes ("[EMAIL\\u005f1]" in tool-call JSON) a token reads as one once decoded:
    // note the decoded spelling too (noting too much only skips a number).
    if (text.includes('\\')) {
      const decoded = text.replace(/\\+u([0-9A-Fa-f]{4})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))).replace(/\\+/g, '');
      if (decoded !== text && decoded.includes('[')) for (const m of decoded.matchAll(TOKEN_PATTERN)) if (!valueByToken.has(m[0])) foreignTokens.add(m[0]);
    }
  }

  /** A token no one holds yet for `value` (a key whose redacted form another key of its object already has). */
  function issueFresh(like: string, value: string): string {
    // `like` differs from the key it came from, so it holds one of our tokens: the fresh one takes its category.
    const category = (/\[([A-Z][A-Z_]*)_\d+\]/.exec(like)?.[1] ?? 'KEY') as PiiCategory;
    let n = nextNumber.get(category) ?? 1;
    let token = `[${category}_${n}]`;
    while (foreignTokens.has(token) || valueByToken.has(token)) token = `[${category}_${++n}]`;
    nextNumber.set(category, n + 1);
    valueByToken.set(token, value);
    return token;
  }

  function redact(text: string, fromNumber = false): string {
    noteForeignTokens(text);
    const findings = detectPii(text, options);
    if (findings.length === 0) return text;
    let out = '';
    let at = 0;
    for (const f of findings) {
      out += text.slice(at, f.start) + issue(f.category, f.value, fromNumber);
      at = f.end;
    }
    return out + text.slice(at);
  }

  /** Redacts `value` read after its JSON key, so labelled recognisers see the key as their label. */
  function redactLabelled(key: string | undefined, value: string, fromNumber: boolean): string {
    const label = key === undefined ? '' : keyLabel(key, value);
    if (label === '') return redact(value, fromNumber);
    noteForeignTokens(value);
    const findings = detectPii(label + value, options);
    let out = '';
    let at = 0;
    for (const f of findings) {
      if (f.end <= label.length) continue; // inside the key: the key is redacted on its own
      const start = Math.max(f.start, label.length) - label.length;
      const end = f.end - label.length;
      out += value.slice(at, start) + issue(f.category, value.slice(start, end), fromNumber);
      at = end;
    }
    return out + value.slice(at);
  }

  function redactJson(value: JsonValue | ExactInteger, key: string | undefined, depth: number): JsonValue {
    if (depth > 256) throw new RangeError('PII redaction: JSON value nested deeper than 256 levels; refusing it.');
    if (typeof value === 'string') return redactLabelled(key, value, false);
    if (value instanceof ExactInteger) {
      const redacted = redactLabelled(key, value.source, true);
      if (redacted !== value.source) return redacted;
      return rawJson === undefined ? value.source : rawJson(value.source);
    }
    // A number's digits are as much PII as a string's ({"card_number": 4111111111111111}): a number
    // that is (or holds) a value becomes its token, a string; any other number stays a number.
    if (typeof value === 'number') {
      const digits = String(value);
      const redacted = redactLabelled(key, digits, true);
      return redacted === digits ? value : redacted;
    }
    // An array's items keep the key that labels the array: {"phones": ["4156511672"]}.
    if (Array.isArray(value)) return value.map((v) => redactJson(v, key, depth + 1));
    if (value !== null && typeof value === 'object') {
      const out: { [key: string]: JsonValue } = {};
      // Two keys of one object must never become one: the redacted key of one may already be spelled by another.
      const originalKey = new Map<string, string>();
      for (const [k, v] of Object.entries(value)) {
        let redactedKey = redact(k);
        const earlier = originalKey.get(redactedKey);
        if (earlier !== undefined) {
          if (redactedKey !== k) redactedKey = issueFresh(redactedKey, k);
          else {
            // This key is written as it is: the earlier, redacted key moves to a token of its own.
            const moved = issueFresh(redactedKey, earlier);
            define(out, moved, out[redactedKey] ?? null);
            originalKey.set(moved, earlier);
          }
        }
        define(out, redactedKey, redactJson(v, k, depth + 1));
        originalKey.set(redactedKey, k);
      }
      return out;
    }
    return value;
  }

  function restoreText(text: string): string {
    if (valueByToken.size === 0 || !text.includes('[')) return text;
    return text.replace(TOKEN_PATTERN, (token) => (withheld.has(token) ? token : (valueByToken.get(token) ?? token)));
  }

  function couldStartToken(suffix: string): boolean {
    // Only token-shaped text ("[", "[EMAIL", "[EMAIL_1") can be one; this settles "[x " at once,
    // however many tokens the request issued.
    if (!TOKEN_PREFIX.test(suffix)) return false;
    for (const token of valueByToken.keys()) if (token.startsWith(suffix)) return true;
    return false;
  }

  /** restore() over a JSON value's strings and keys; a token that stood for a whole number becomes that number again. */
  function restoreJson(value: JsonValue, restore: (text: string) => string, depth: number): JsonValue {
    if (depth > 256) throw new RangeError('PII restore: JSON value nested deeper than 256 levels; refusing it.');
    if (typeof value === 'string') {
      const original = restore === restoreText && numericTokens.has(value) && !withheld.has(value) ? valueByToken.get(value) : undefined;
      if (original === undefined) return restore(value);
      // Digits no double holds exactly (beyond 2^53) come back as the string of those digits, never rounded.
      return String(Number(original)) === original ? Number(original) : original;
    }
    if (Array.isArray(value)) return value.map((v) => restoreJson(v, restore, depth + 1));
    if (value !== null && typeof value === 'object') {
      const out: { [key: string]: JsonValue } = {};
      for (const [k, v] of Object.entries(value)) define(out, restore(k), restoreJson(v, restore, depth + 1));
      return out;
    }
    return value;
  }

  function restorer(authorised: boolean): Restorer {
    const restore = authorised ? restoreText : (text: string): string => text;
    return {
      authorised,
      restore,
      restoreValue: <T extends JsonValue>(value: T): T => restoreJson(value, restore, 0) as T,
      createStreamRestorer(): StreamRestorer {
        let held = '';
        return {
          push(chunk: string): string {
            if (!authorised) return chunk;
            const buffer = held + chunk;
            const open = buffer.lastIndexOf('[');
            if (open !== -1 && couldStartToken(buffer.slice(open))) {
              held = buffer.slice(open);
              return restoreText(buffer.slice(0, open));
            }
            held = '';
            return restoreText(buffer);
          },
          flush(): string {
            const rest = held;
            held = '';
            return restore(rest);
          },
        };
      },
    };
  }

  return {
    redact: (text: string): string => redact(text),
    redactValue: <T extends JsonValue>(value: T): T => redactJson(value, undefined, 0) as T,
    noteForeignTokens,
    withholdValues(withhold: (value: string, token: string) => boolean): number {
      for (const [token, value] of valueByToken) if (!withheld.has(token) && withhold(value, token)) withheld.add(token);
      return withheld.size;
    },
    redactToolArguments(argumentsJson: string): string {
      // Before any token is issued: a key or value written as "[EMAIL_1]" must not meet an issued [EMAIL_1].
      noteForeignTokens(argumentsJson);
      let parsed: JsonValue;
      try {
        parsed = parseKeepingExactIntegers(argumentsJson);
      } catch {
        return redact(argumentsJson); // not JSON: the model wrote free text, scan it as text
      }
      return JSON.stringify(redactJson(parsed, undefined, 0));
    },
    restorer,
    counts: () => {
      // In the categories' own order, so every call builds its object the same way (fast stores).
      const out: Partial<Record<PiiCategory, number>> = {};
      for (const category of PII_CATEGORIES) {
        const n = categoryCounts.get(category);
        if (n !== undefined) out[category] = n;
      }
      return out;
    },
  };
}
