// A run of invisible characters is read in time linear in its length. Each invisible character is
// read by its visible neighbours; a review found them looked up by walking the whole run again for
// every character of it, so 'a' + 16,000 zero-width spaces + 'b' took seconds and one 100 K message
// held a gateway call for minutes. The work is counted rather than timed: the string and regex
// primitives the normaliser reads with are wrapped to count calls, and doubling the run must no
// more than double them (a quadratic walk quadruples them).
import { describe, expect, it } from 'vitest';
import { found } from './found.ts';
import { normaliseForPii } from '../../../../main/gateway/pii/normalise.ts';
import { detectPii } from '../../../../main/gateway/pii/detector.ts';

type Counted = [object, string];
const COUNTED: Counted[] = [
  [String.prototype, 'codePointAt'],
  [String.prototype, 'charCodeAt'],
  [String.prototype, 'charAt'],
  [String.prototype, 'slice'],
  [String.prototype, 'normalize'],
  [RegExp.prototype, 'test'],
  [RegExp.prototype, 'exec'],
];

/** Calls of the string and regex primitives made while `fn` runs. */
function work(fn: () => unknown): number {
  let calls = 0;
  const saved = COUNTED.map(([owner, name]) => {
    const table = owner as Record<string, (...args: unknown[]) => unknown>;
    const original = table[name];
    if (original === undefined) throw new Error(`no ${name}`);
    table[name] = function (this: unknown, ...args: unknown[]): unknown {
      calls++;
      return original.apply(this, args);
    };
    return original;
  });
  try {
    fn();
  } finally {
    COUNTED.forEach(([owner, name], i) => {
      (owner as Record<string, unknown>)[name] = saved[i];
    });
  }
  return calls;
}

const tag = (ascii: string): string => [...ascii].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');

const RUNS: Array<[string, (n: number) => string, string]> = [
  ['zero-width spaces between letters', (n) => `a${'\u200b'.repeat(n)}b`, 'ab'],
  ['variation selectors after a digit', (n) => `1${'\ufe0f'.repeat(n)}2`, '12'],
  ['language tags (U+E0001)', (n) => `x${'\u{e0001}'.repeat(n)}y`, 'xy'],
  ['mixed invisibles inside an email domain', (n) => `jane@co${'\u200b\u00ad\u2060\ufe0f'.repeat(n / 4)}rp.example`, 'jane@corp.example'],
  ['cancel tags after a flag', (n) => `\u{1f3f4}${tag('gbsct')}${'\u{e007f}'.repeat(n)}z`, '\u{1f3f4}z'],
];

describe('a run of invisible characters costs work linear in its length', () => {
  for (const [name, make, reads] of RUNS) {
    it(`${name}: twice the run, at most about twice the work`, () => {
      expect(normaliseForPii(make(4_000))?.text).toBe(reads);
      const once = work(() => normaliseForPii(make(4_000)));
      const twice = work(() => normaliseForPii(make(8_000)));
      expect(once).toBeGreaterThan(4_000);
      expect(twice / once).toBeLessThan(2.5);
      expect(once).toBeLessThan(4_000 * 40);
    });
  }

  it('a run of lowercase look-alikes beside an address is read once, not once per letter', () => {
    const make = (n: number): string => `a${'\u043e'.repeat(n)}@corp.example`;
    const once = work(() => normaliseForPii(make(4_000)));
    const twice = work(() => normaliseForPii(make(8_000)));
    expect(twice / once).toBeLessThan(2.5);
    expect(normaliseForPii(make(10))?.text).toBe(`a${'o'.repeat(10)}@corp.example`);
  });

  it('detects through 64,000 invisible characters and still finds the value they sit in', () => {
    expect(detectPii(`a${'\u200b'.repeat(64_000)}b`)).toEqual([]);
    expect(detectPii(`1${'\ufe0f'.repeat(64_000)}2`)).toEqual([]);
    expect(detectPii(`x${'\u{e0001}'.repeat(64_000)}y`)).toEqual([]);
    const hidden = `jane.doe@co${'\u200b'.repeat(64_000)}rp.example`;
    expect(found(`Please store ${hidden} thanks`)).toEqual([['EMAIL', hidden]]);
  }, 60_000);
});
