/**
 * The stream holds back the end of its window that may begin a forbidden term. termPrefixLength
 * finds it from term starts only; it must agree with the plain reading (every term, every length,
 * longest first) it replaced, which cost one slice per character of each term per piece of answer.
 * foldCase folds as stage 7's case-insensitive match does.
 */
import { describe, expect, it } from 'vitest';
import { foldCase, termPrefixLength } from '../../../../main/gateway/output-stream.ts';

/** Where a term may start, as the stream decides it: after white space or punctuation other than `[`. */
const startsTerm = (previous: string): boolean => /\s/.test(previous) || (!/[\p{L}\p{N}_]/u.test(previous) && previous !== '[');

/** The plain reading it replaced (output-stream.ts before session 14), with the term starts it has now. */
function plain(lower: string, terms: readonly string[]): number {
  let longest = 0;
  for (const term of terms) {
    for (let k = Math.min(term.length - 1, lower.length); k > longest; k--) {
      const at = lower.length - k;
      if ((at === 0 || startsTerm(lower[at - 1] ?? '')) && lower.endsWith(term.slice(0, k))) {
        longest = k;
        break;
      }
    }
  }
  return longest;
}

describe('termPrefixLength', () => {
  it('agrees with the plain reading on generated windows and term lists', () => {
    let seed = 11;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = 'ab c\tde\nf"([_';
    const word = (max: number): string => Array.from({ length: 1 + rnd(max) }, () => alphabet[rnd(alphabet.length)]).join('');
    for (let round = 0; round < 20_000; round++) {
      const terms = Array.from({ length: rnd(5) }, () => word(8).trim()).filter((t) => t !== '');
      const lower = word(24);
      const longest = Math.max(0, ...terms.map((t) => t.length));
      expect(termPrefixLength(lower, terms, longest), JSON.stringify({ lower, terms })).toBe(plain(lower, terms));
    }
  });

  it('holds back "project " of "project falcon", after a quote or a bracket too, and nothing inside a word or a token', () => {
    expect(termPrefixLength('the plan for project ', ['project falcon'], 14)).toBe('project '.length);
    expect(termPrefixLength('codename "project ', ['project falcon'], 14)).toBe('project '.length);
    expect(termPrefixLength('codename (project ', ['project falcon'], 14)).toBe('project '.length);
    expect(termPrefixLength('the plan for superproject ', ['project falcon'], 14)).toBe(0);
    expect(termPrefixLength('see [email', ['email_1 list'], 12)).toBe(0);
    expect(termPrefixLength('anything', [], 0)).toBe(0);
  });

  it('folds as a case-insensitive regular expression does (the micro sign and mu alike), keeping the length', () => {
    for (const [a, b] of [['µLab', 'μlab'], ['Κρόνοσ', 'κρόνος'], ['ϐ-test', 'β-TEST'], ['Falcon', 'fALCON']] as const) {
      expect(foldCase(a)).toBe(foldCase(b));
      expect(new RegExp(b, 'i').test(a)).toBe(true);
    }
    for (const text of ['straße', 'ıi', 'ﬁle', 'İzmir', 'plain ascii']) expect(foldCase(text)).toHaveLength(text.length);
  });
});
