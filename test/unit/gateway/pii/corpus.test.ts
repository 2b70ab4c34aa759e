import { describe, expect, it } from 'vitest';
import { CHECKSUM_BACKED, type PiiOptions } from '../../../../main/gateway/pii/categories.ts';
import { detectPii } from '../../../../main/gateway/pii/detector.ts';
import { generatePiiCorpus, scoreCorpus } from '../../../bench/pii-corpus.ts';

const OPTIONS: PiiOptions = { packs: { hipaa: true, gdpr: true }, region: 'US' };
const SEED = 20260501;

describe('PII detection on the synthetic corpus', () => {
  // The acceptance figure is on the standard templates; the context-free hard cases are reported by the bench.
  const docs = generatePiiCorpus({ seed: SEED, documents: 300, hardRate: 0 });
  const scores = scoreCorpus(docs, (text) => detectPii(text, OPTIONS));

  it('is deterministic for a seed', () => {
    expect(generatePiiCorpus({ seed: SEED, documents: 3 })).toEqual(generatePiiCorpus({ seed: SEED, documents: 3 }));
    expect(generatePiiCorpus({ seed: SEED + 1, documents: 3 })).not.toEqual(generatePiiCorpus({ seed: SEED, documents: 3 }));
  });

  it('labels spans that slice back to their values, and contains near-misses', () => {
    for (const d of docs) for (const e of [...d.entities, ...d.nearMisses]) expect(d.text.slice(e.start, e.end)).toBe(e.value);
    expect(docs.reduce((n, d) => n + d.nearMisses.length, 0)).toBeGreaterThan(500);
  });

  for (const category of CHECKSUM_BACKED) {
    it(`reaches precision and recall of at least 0.95 for ${category}`, () => {
      const s = scores.get(category);
      expect(s, `${category} has no samples`).toBeDefined();
      expect(s?.truePositives).toBeGreaterThan(40);
      expect(s?.precision).toBeGreaterThanOrEqual(0.95);
      expect(s?.recall).toBeGreaterThanOrEqual(0.95);
    });
  }
});
