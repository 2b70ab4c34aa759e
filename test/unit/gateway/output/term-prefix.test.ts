/**
 * The stream holds back the end of its window that may begin a forbidden term. TermMatcher.prefixLength
 * finds it from term starts only; it must agree with the plain reading (every term, every length,
 * longest first) it replaced, which cost one slice per character of each term per piece of answer.
 * foldCase folds as stage 7's case-insensitive match does.
 */
import { describe, expect, it } from 'vitest';
import { foldCase, TermMatcher } from '../../../../main/gateway/output-stream.ts';

const termPrefixLength = (text: string, terms: readonly string[]): number => new TermMatcher(terms).prefixLength(text);
const holdsTerm = (text: string, terms: readonly string[], from: number): boolean => new TermMatcher(terms).holds(text, from);

/** Where a term may start, as stage 7's wordPattern decides it: after no ASCII word character, or anywhere for a term that starts with none. */
const mayStart = (term: string, previous: string | undefined): boolean => previous === undefined || !/[A-Za-z0-9_]/.test(term.charAt(0)) || !/[A-Za-z0-9_]/.test(previous);

/**
 * The plain reading (every term, every length, longest first: the loop the stream had before
 * session 14), with stage 7's term starts and the hold-back reaching back to its word's start.
 */
function plain(text: string, terms: readonly string[]): number {
  let earliest = text.length;
  for (const term of terms) {
    for (let k = Math.min(term.length - 1, text.length); k > 0; k--) {
      const at = text.length - k;
      if (at < earliest && mayStart(term, at === 0 ? undefined : text[at - 1]) && text.endsWith(term.slice(0, k))) {
        earliest = at;
        break;
      }
    }
  }
  if (earliest === text.length) return 0;
  let start = earliest;
  while (start > 0 && !/\s/.test(text[start - 1] ?? '')) start--;
  return text.length - start;
}

describe('termPrefixLength', () => {
  it('agrees with the plain reading on generated windows and term lists', () => {
    let seed = 11;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = 'ab c\tde\nf"([_.é';
    const word = (max: number): string => Array.from({ length: 1 + rnd(max) }, () => alphabet[rnd(alphabet.length)]).join('');
    for (let round = 0; round < 20_000; round++) {
      const terms = Array.from({ length: rnd(5) }, () => word(8).trim()).filter((t) => t !== '');
      const lower = word(24);
      expect(termPrefixLength(lower, terms), JSON.stringify({ lower, terms })).toBe(plain(lower, terms));
    }
  });

  it('holds back "PROJECT " of "PROJECT FALCON" wherever stage 7 may match it, from its word\'s start', () => {
    const terms = ['PROJECT FALCON'];
    expect(termPrefixLength('THE PLAN FOR PROJECT ', terms)).toBe('PROJECT '.length);
    expect(termPrefixLength('CODENAME "PROJECT ', terms)).toBe('"PROJECT '.length);
    expect(termPrefixLength('SEE [PROJECT ', terms)).toBe('[PROJECT '.length);
    expect(termPrefixLength('使用PROJECT ', terms)).toBe('使用PROJECT '.length);
    expect(termPrefixLength('THE PLAN FOR SUPERPROJECT ', terms)).toBe(0);
    expect(termPrefixLength('WE USE ASP.', ['.NET CORE'])).toBe('ASP.'.length);
    expect(termPrefixLength('ANYTHING', [])).toBe(0);
  });

  it('folds as a case-insensitive regular expression does (the micro sign and mu alike), keeping the length', () => {
    for (const [a, b] of [['µLab', 'μlab'], ['Κρόνοσ', 'κρόνος'], ['ϐ-test', 'β-TEST'], ['Falcon', 'fALCON']] as const) {
      expect(foldCase(a)).toBe(foldCase(b));
      expect(new RegExp(b, 'i').test(a)).toBe(true);
    }
    for (const text of ['straße', 'ıi', 'ﬁle', 'İzmir', 'plain ascii']) expect(foldCase(text)).toHaveLength(text.length);
  });

  it('holdsTerm agrees with a search for each term (includes) from any start, on generated texts', () => {
    let seed = 29;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = ['A', 'B', ' ', '.', '#', '[', 'É', '\u{1D49C}', 'AB'];
    const text = (max: number): string => Array.from({ length: rnd(max) }, () => alphabet[rnd(alphabet.length)]).join('');
    for (let round = 0; round < 20_000; round++) {
      const terms = Array.from({ length: 1 + rnd(4) }, () => text(6)).filter((t) => t !== '');
      const folded = text(30);
      const from = rnd(folded.length + 1);
      const expected = terms.some((term) => folded.indexOf(term, from) >= 0);
      expect(holdsTerm(folded, terms, from), JSON.stringify({ folded, terms, from })).toBe(expected);
    }
  });
});
