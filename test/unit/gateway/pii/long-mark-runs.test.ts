// A long run of combining marks is read in work linear in its length. NFKC reorders the marks of
// one grapheme cluster by their combining class, which costs the cluster's length squared: 'a' +
// '\u0301\u0323' × 16,000 took 0.8 s to redact and × 32,000 took 3.7 s, holding the thread every
// tenant's call shares. Following Unicode's Stream-Safe Text Format (UAX #15 §13), a base keeps at
// most 30 marks for matching; the rest are dropped there but stay in the span a redaction covers.
// The work is counted, not timed: String.prototype.normalize is wrapped to record what it is given.
import { describe, expect, it } from 'vitest';
import { found, US } from './found.ts';
import { normaliseForPii } from '../../../../main/gateway/pii/normalise.ts';
import { createRedactionSession } from '../../../../main/gateway/pii/redaction.ts';

/** The strings String.prototype.normalize is called on while `fn` runs. */
function normalised(fn: () => unknown): string[] {
  const seen: string[] = [];
  const original = String.prototype.normalize;
  String.prototype.normalize = function (this: string, form?: string): string {
    seen.push(String(this));
    return original.call(this, form);
  };
  try {
    fn();
  } finally {
    String.prototype.normalize = original;
  }
  return seen;
}

const codePoints = (s: string): number => [...s].length;
/** The longest run of combining marks in `s`, in code points. */
const longestMarkRun = (s: string): number => Math.max(0, ...(s.match(/\p{M}+/gu) ?? []).map(codePoints));
const marks = (n: number): string => '\u0301\u0323'.repeat(n / 2);

describe('a long run of combining marks', () => {
  it('a value with a few marks on its digits is still found and redacted whole', () => {
    const value = '1\u03232\u03233-45-6789';
    expect(found(`Please store my data: ${value} thanks`)).toEqual([['SSN', value]]);
    const s = createRedactionSession(US);
    expect(s.redact(`SSN ${value} ok`)).toBe('SSN [SSN_1] ok');
    expect(s.restorer(true).restore('It is [SSN_1].')).toBe(`It is ${value}.`);
  });

  it('a value followed by 10,000 marks is found, and its redaction takes the marks on its last digit in', () => {
    const text = `SSN 123-45-6789${marks(10_000)} ok`;
    expect(found(text)).toEqual([['SSN', `123-45-6789${marks(10_000)}`]]);
    expect(createRedactionSession(US).redact(text)).toBe('SSN [SSN_1] ok');
  });

  it('a value preceded by 10,000 marks is found', () => {
    const text = `SSN x${marks(10_000)} 123-45-6789 ok`;
    expect(found(text)).toEqual([['SSN', '123-45-6789']]);
    expect(createRedactionSession(US).redact(text)).toBe(`SSN x${marks(10_000)} [SSN_1] ok`);
  });

  it('keeps the first 30 marks of a cluster for matching, and maps every unit to the whole cluster', () => {
    const text = `a${marks(100)}b`;
    const m = normaliseForPii(text);
    expect(m?.text).toBe(`a${marks(30)}`.normalize('NFKC') + 'b');
    expect(m?.start[0]).toBe(0);
    expect(m?.end[0]).toBe(101);
    expect(m?.start[m.text.length - 1]).toBe(101);
    expect(normaliseForPii(`a${marks(30)}`)?.text).toBe(`a${marks(30)}`.normalize('NFKC'));
  });

  for (const [name, make] of [
    ['after a letter', (n: number) => `a${marks(n)}`],
    ['after a digit of an SSN', (n: number) => `SSN 123-45-6789${marks(n)} ok`],
    ['at the start of the text', (n: number) => `${marks(n)} 123-45-6789`],
  ] as Array<[string, (n: number) => string]>) {
    it(`${name}: normalize never sees more than 31 code points of one cluster, and twice the run is at most twice the work`, () => {
      const redact = (n: number): string[] => normalised(() => createRedactionSession(US).redact(make(n)));
      const once = redact(8_000);
      const twice = redact(16_000);
      for (const s of [...once, ...twice]) expect(longestMarkRun(s)).toBeLessThanOrEqual(31);
      const total = (seen: string[]): number => seen.reduce((sum, s) => sum + codePoints(s), 0);
      expect(total(twice)).toBeLessThanOrEqual(2 * total(once) + 64);
      expect(total(once)).toBeLessThan(8_000);
    });
  }
});
