/**
 * Which of a fixed set of words occur anywhere in a text, in one pass over it: every word of
 * three or more characters is filed under a hash of its first three, and at each position of the
 * text only the words filed under that position's three characters are compared. Shorter words
 * are looked up directly. The answer is exactly the words `text.includes(word)` finds. It replaced
 * one alternation of every word tried at every position, which V8 ran at ≈ 13 ns a character: the
 * largest single regex of a gateway call (RESULTS.md §Gateway: pipeline 6).
 */
export class SubstringSet {
  readonly #short: string[] = [];
  readonly #table = new Int16Array(4096).fill(-1);
  readonly #buckets: string[][] = [];

  constructor(words: Iterable<string>) {
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
      }
      this.#buckets[bucket]?.push(word);
    }
  }

  static #hash(a: number, b: number, c: number): number {
    return (a * 961 + b * 31 + c) & 4095;
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
      if (bucket !== -1) this.#compare(text, i, bucket, found);
      a = b;
      b = c;
    }
    for (const word of this.#short) if (text.includes(word)) found.add(word);
    return found;
  }
}
