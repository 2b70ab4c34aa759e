/**
 * Features of stage 2's learned classifier, shared by the trainer and the gateway so both see a
 * text the same way. A word is a run of letters or digits (case folded, every digit read as 0);
 * each word gives its unigram and its bigram with the word before, hashed into 2^BITS buckets
 * (FNV-1a, then a finaliser), with no strings built per word.
 */

export const BITS = 18;
const MASK = (1 << BITS) - 1;

/** Features of one text: `bucket[k]` belongs to word `word[k]`, which starts at `wordStart[word[k]]`. */
export interface FeatureRun {
  count: number;
  words: number;
  bucket: Int32Array;
  word: Int32Array;
  wordStart: Int32Array;
  /** Scratch for bestWindow: the weight each word adds. */
  perWord: Float64Array;
}

/** Words [from, to) of the highest-scoring window, and its score (sum of its features' weights). */
export interface Window {
  readonly score: number;
  readonly from: number;
  readonly to: number;
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) & MASK;
}

/** ASCII: a letter folded to lower case, any digit as '0', anything else -1 (not part of a word). */
const ASCII = Int16Array.from({ length: 128 }, (_, c) => {
  if (c >= 0x61 && c <= 0x7a) return c;
  if (c >= 0x41 && c <= 0x5a) return c | 0x20;
  return c >= 0x30 && c <= 0x39 ? 0x30 : -1;
});

/** Letters and digits; code units from U+00C0 up are letters except ×, ÷, punctuation and symbol blocks, and surrogate halves (emoji and other astral characters). */
function wordCode(c: number): number {
  if (c < 0x80) return ASCII[c] as number;
  if (c < 0xc0 || c === 0xd7 || c === 0xf7) return -1;
  if ((c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xd800 && c <= 0xdfff) || c >= 0xfe00) return -1;
  return c;
}

function grow(run: FeatureRun, length: number): void {
  if (run.bucket.length >= length * 2 + 2) return;
  run.bucket = new Int32Array(length * 2 + 2);
  run.word = new Int32Array(length * 2 + 2);
  run.wordStart = new Int32Array(length + 1);
  run.perWord = new Float64Array(length + 1);
}

export function emptyRun(): FeatureRun {
  return { count: 0, words: 0, bucket: new Int32Array(0), word: new Int32Array(0), wordStart: new Int32Array(0), perWord: new Float64Array(0) };
}

/** Fills `run` (reusing its arrays when they are large enough) with the features of `text`. */
export function extractFeatures(text: string, run: FeatureRun = emptyRun()): FeatureRun {
  grow(run, text.length);
  const { bucket, word, wordStart } = run;
  const length = text.length;
  let count = 0;
  let words = 0;
  let previous = 0;
  let i = 0;
  while (i < length) {
    // Skip to the next word, then hash it to its end: two tight loops, one test per character.
    let code = wordCode(text.charCodeAt(i));
    while (code < 0 && ++i < length) code = wordCode(text.charCodeAt(i));
    if (code < 0) break;
    wordStart[words] = i;
    let h = 0x811c9dc5;
    do {
      h = Math.imul(h ^ code, 0x01000193);
      code = ++i < length ? wordCode(text.charCodeAt(i)) : -1;
    } while (code >= 0);
    bucket[count] = mix(h);
    word[count++] = words;
    if (words > 0) {
      bucket[count] = mix(Math.imul(previous, 0x9e3779b1) ^ h ^ 0x5bd1e995);
      word[count++] = words;
    }
    previous = h;
    words += 1;
  }
  run.count = count;
  run.words = words;
  return run;
}

/**
 * The window of `size` consecutive words whose features weigh most: an injection is a passage, and
 * a long document would otherwise dilute it (or add up to one by many small weights).
 */
export function bestWindow(run: FeatureRun, weights: Int8Array | Float64Array, size: number): Window {
  const { bucket, word, perWord, words } = run;
  if (words === 0) return { score: 0, from: 0, to: 0 };
  perWord.fill(0, 0, words);
  for (let k = 0; k < run.count; k++) {
    const w = word[k] as number;
    perWord[w] = (perWord[w] as number) + (weights[bucket[k] as number] as number);
  }
  const span = Math.min(size, words);
  let sum = 0;
  for (let i = 0; i < span; i++) sum += perWord[i] as number;
  let best = sum;
  let from = 0;
  for (let i = span; i < words; i++) {
    sum += (perWord[i] as number) - (perWord[i - span] as number);
    if (sum > best) {
      best = sum;
      from = i - span + 1;
    }
  }
  return { score: best, from, to: from + span };
}
