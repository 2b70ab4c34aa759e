/** Slots of the trigram table (a power of two: the hash is masked). */
const SLOTS = 16384;

/**
 * Which of a fixed set of words occur anywhere in a text, in one pass over it: every word of
 * three or more characters is filed under a hash of its first three, and at each position of the
 * text only the words filed under that position's three characters are compared. Shorter words
 * are looked up directly. The answer is exactly the words `text.includes(word)` finds. It replaced
 * one alternation of every word tried at every position, which V8 ran at ≈ 13 ns a character: the
 * largest single regex of a gateway call (RESULTS.md §Gateway: pipeline 6). The table has 16,384
 * slots: at 4,096 the 338 gate words shared slots with common trigrams of ordinary text, and each
 * such false hit cost a bucket comparison (≈ 420 hits per 4 KB of the bench's PII-dense prompts,
 * ≈ 270 now, ≈ 90 of them compared after the fourth-character test; RESULTS.md §Moderation:
 * obfuscation fold and PHI tokens).
 */
export class SubstringSet {
  readonly #short: string[] = [];
  readonly #table = new Int16Array(SLOTS).fill(-1);
  readonly #buckets: string[][] = [];
  /**
   * Per bucket, 128 bits in four int32s: the fourth characters of its words (all bits for a word
   * of three, or of a fourth character past ASCII). Most trigram hits are of a common trigram
   * ("pre", "rep", "det") that begins a gate word; the next character tells most of them apart
   * without comparing a word.
   */
  readonly #fourth: Int32Array;

  constructor(words: Iterable<string>) {
    const fourth: number[] = [];
    for (const word of new Set(words)) {
      if (word.length < 3) {
        this.#short.push(word);
        continue;
      }
      const h = SubstringSet.#hash(word.charCodeAt(0), word.charCodeAt(1), word.charCodeAt(2));
      let bucket = this.#table[h] ?? -1;
      if (bucket === -1) {
        bucket = this.#buckets.push([]) - 1;
        this.#table[h] = bucket;
        fourth.push(0, 0, 0, 0);
      }
      this.#buckets[bucket]?.push(word);
      const d = word.length === 3 ? 128 : word.charCodeAt(3);
      for (let k = 0; k < 4; k++) fourth[bucket * 4 + k] = (fourth[bucket * 4 + k] ?? 0) | (d >= 128 ? -1 : d >> 5 === k ? 1 << (d & 31) : 0);
    }
    this.#fourth = Int32Array.from(fourth);
  }

  /** Whether a word of `bucket` may start at `at`: its fourth character is one of theirs (or the text ends before it). */
  #mayStart(text: string, at: number, bucket: number): boolean {
    const d = text.charCodeAt(at + 3);
    // NaN past the end, where a word of three may still end: not `d < 128`, so compared.
    return !(d < 128) || ((this.#fourth[bucket * 4 + (d >> 5)] ?? 0) & (1 << (d & 31))) !== 0;
  }

  static #hash(a: number, b: number, c: number): number {
    return (a * 961 + b * 31 + c) & (SLOTS - 1);
  }

  #compare(text: string, at: number, bucket: number, found: Set<string>): void {
    for (const word of this.#buckets[bucket] ?? []) if (!found.has(word) && text.startsWith(word, at)) found.add(word);
  }

  /** The words that occur in `text`. */
  in(text: string): Set<string> {
    const found = new Set<string>();
    const table = this.#table;
    const n = text.length;
    // The three characters at i, rolled along.
    let a = text.charCodeAt(0);
    let b = text.charCodeAt(1);
    for (let i = 0; i + 2 < n; i++) {
      const c = text.charCodeAt(i + 2);
      const bucket = table[SubstringSet.#hash(a, b, c)] ?? -1;
      if (bucket !== -1 && this.#mayStart(text, i, bucket)) this.#compare(text, i, bucket, found);
      a = b;
      b = c;
    }
    for (const word of this.#short) if (text.includes(word)) found.add(word);
    return found;
  }

  /** Whether any of the words occurs in `text`: `in(text).size > 0`, stopping at the first. */
  occursIn(text: string): boolean {
    const table = this.#table;
    const n = text.length;
    let a = text.charCodeAt(0);
    let b = text.charCodeAt(1);
    for (let i = 0; i + 2 < n; i++) {
      const c = text.charCodeAt(i + 2);
      const bucket = table[SubstringSet.#hash(a, b, c)] ?? -1;
      if (bucket !== -1 && this.#mayStart(text, i, bucket)) for (const word of this.#buckets[bucket] ?? []) if (text.startsWith(word, i)) return true;
      a = b;
      b = c;
    }
    return this.#short.some((word) => text.includes(word));
  }
}
