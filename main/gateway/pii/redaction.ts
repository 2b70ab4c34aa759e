// Per-request redaction: PII values become stable tokens ([EMAIL_1]) in a map owned by one session
// object, so concurrent requests never share values. Restoring is explicit and needs authorisation.
import { DEFAULT_PII_OPTIONS, PII_CATEGORIES, type PiiCategory, type PiiOptions } from './categories.ts';
import { detectPii } from './detector.ts';

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
  /** restore() applied to every string inside a JSON value. */
  restoreValue<T extends JsonValue>(value: T): T;
  createStreamRestorer(): StreamRestorer;
}

export interface RedactionSession {
  redact(text: string): string;
  /** Redacts every string inside a JSON value (tool-call arguments); object keys are left as they are. */
  redactValue<T extends JsonValue>(value: T): T;
  /** Tool-call arguments as a JSON string: redacted structurally when they parse, as text otherwise. */
  redactToolArguments(argumentsJson: string): string;
  restorer(authorised: boolean): Restorer;
  /** Distinct values redacted per category, for the stage verdict record (never the values). */
  counts(): Partial<Record<PiiCategory, number>>;
}

/** Shape of every token this module issues; anything else in brackets is ordinary text. */
export const TOKEN_PATTERN = /\[[A-Z][A-Z_]*_\d+\]/g;

function mapStrings(value: JsonValue, f: (s: string) => string, depth: number): JsonValue {
  if (depth > 256) throw new RangeError('PII redaction: JSON value nested deeper than 256 levels; refusing it.');
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, f, depth + 1);
    return out;
  }
  return value;
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

  function issue(category: PiiCategory, value: string): string {
    const known = tokenByValue.get(value);
    if (known !== undefined) return known;
    let n = nextNumber.get(category) ?? 1;
    let token = `[${category}_${n}]`;
    while (foreignTokens.has(token)) token = `[${category}_${++n}]`;
    nextNumber.set(category, n + 1);
    tokenByValue.set(value, token);
    valueByToken.set(token, value);
    categoryCounts.set(category, (categoryCounts.get(category) ?? 0) + 1);
    return token;
  }

  function redact(text: string): string {
    if (text.includes('[')) for (const m of text.matchAll(TOKEN_PATTERN)) if (!valueByToken.has(m[0])) foreignTokens.add(m[0]);
    const findings = detectPii(text, options);
    if (findings.length === 0) return text;
    let out = '';
    let at = 0;
    for (const f of findings) {
      out += text.slice(at, f.start) + issue(f.category, f.value);
      at = f.end;
    }
    return out + text.slice(at);
  }

  function restoreText(text: string): string {
    if (valueByToken.size === 0 || !text.includes('[')) return text;
    return text.replace(TOKEN_PATTERN, (token) => valueByToken.get(token) ?? token);
  }

  function couldStartToken(suffix: string): boolean {
    if (suffix.includes(']')) return false;
    for (const token of valueByToken.keys()) if (token.startsWith(suffix)) return true;
    return false;
  }

  function restorer(authorised: boolean): Restorer {
    const restore = authorised ? restoreText : (text: string): string => text;
    return {
      authorised,
      restore,
      restoreValue: <T extends JsonValue>(value: T): T => mapStrings(value, restore, 0) as T,
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
    redact,
    redactValue: <T extends JsonValue>(value: T): T => mapStrings(value, redact, 0) as T,
    redactToolArguments(argumentsJson: string): string {
      let parsed: JsonValue;
      try {
        parsed = JSON.parse(argumentsJson) as JsonValue;
      } catch {
        return redact(argumentsJson); // not JSON: the model wrote free text, scan it as text
      }
      return JSON.stringify(mapStrings(parsed, redact, 0));
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
