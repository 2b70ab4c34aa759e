import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUTHORS, trainingTexts } from '../../../models/injection-classifier/corpus.ts';
import { buildWeightsFile, WEIGHTS_FILE } from '../../../models/injection-classifier/train.ts';

describe('the injection classifier model', () => {
  it('is exactly what the trainer makes from the corpus: nobody edited the weights by hand', () => {
    expect(buildWeightsFile()).toBe(readFileSync(WEIGHTS_FILE, 'utf8'));
  });

  it('trains on nine hand-written sets, each with all three sources and as many benign texts as attacks', () => {
    const texts = trainingTexts();
    expect(AUTHORS).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']);
    for (const author of AUTHORS) {
      const own = texts.filter((t) => t.author === author);
      const size = author === 'E' ? 100 : author === 'F' ? 60 : 120;
      expect(own.filter((t) => t.label === 1)).toHaveLength(size);
      expect(own.filter((t) => t.label === 0)).toHaveLength(size);
      expect(new Set(own.map((t) => t.source))).toEqual(new Set(['user', 'tool-output', 'retrieved-document']));
    }
    // A text in both classes would teach the model nothing but noise.
    const attacks = new Set(texts.filter((t) => t.label === 1).map((t) => t.text));
    expect(texts.filter((t) => t.label === 0 && attacks.has(t.text))).toEqual([]);
  });
});
