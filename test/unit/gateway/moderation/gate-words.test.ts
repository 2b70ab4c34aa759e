import { describe, expect, it } from 'vitest';
import { seededBelow } from '../../../../models/seeded-random.ts';
import { GATE_WORDS, gateWordsIn, SubstringSet } from '../../../../main/gateway/moderation/moderate.ts';
import { generateBenign, generateSemanticAttacks } from '../../../bench/injection-corpus.ts';
import { piiDensePrompt } from '../../../bench/pii-corpus.ts';

/** The definition: every gate word that occurs anywhere in the text. */
const reference = (lower: string): string[] => GATE_WORDS.filter((word) => lower.includes(word)).sort();

describe('moderation gate words found in one pass', () => {
  it('finds exactly the gate words that occur, on business text, PII-dense text and every gate word in context', () => {
    const random = seededBelow(3);
    const texts = [
      ...[...generateBenign(11, 400), ...generateSemanticAttacks(12, 200)].map((sample) => sample.text.toLowerCase()),
      ...[1, 4, 16].map((kb) => piiDensePrompt(7, kb * 1024).toLowerCase()),
      // Every word alone, at the very start and end, run into other words, and several overlapping.
      ...GATE_WORDS.flatMap((word) => [word, `${word}x`, `x${word}`, `the ${word}, said`]),
      GATE_WORDS.join(''),
    ];
    for (let i = 0; i < 2000; i++) {
      const parts = Array.from({ length: 1 + random(6) }, () => (random(3) === 0 ? (GATE_WORDS[random(GATE_WORDS.length)] ?? '') : 'and the ').slice(random(3)));
      texts.push(parts.join(random(2) === 0 ? ' ' : ''));
    }
    let hits = 0;
    for (const text of texts) {
      const expected = reference(text);
      expect([...gateWordsIn(text)].sort(), text.slice(0, 80)).toEqual(expected);
      hits += expected.length;
    }
    expect(hits).toBeGreaterThan(2_000);
  });

  it('handles texts shorter than three characters and words of one or two', () => {
    const set = new SubstringSet(['-', 'mg', 'dose', 'do']);
    expect([...set.in('')]).toEqual([]);
    expect([...set.in('m')]).toEqual([]);
    expect([...set.in('mg')].sort()).toEqual(['mg']);
    expect([...set.in('a-dose')].sort()).toEqual(['-', 'do', 'dose']);
    expect([...set.in('dos')].sort()).toEqual(['do']);
  });
});
