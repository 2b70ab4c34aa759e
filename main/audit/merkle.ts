/**
 * RFC 6962 / RFC 9162 Merkle tree maths: leaf and node hashes, the tree head of n leaves,
 * inclusion and consistency proofs, and a streaming builder (compact range) so a verifier
 * never holds more than O(log n) hashes.
 *
 * Proof generation is expressed as a list of subtree *ranges* whose hashes a caller resolves,
 * so storage (a database, a file, an array) stays outside the maths.
 */
import { digestBytes, digestText, sha256, sha256Text, writeDigest, type DigestText } from './sha256.ts';
import { bytesEqual } from './bytes.ts';

export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));

let leafScratch = Buffer.allocUnsafeSlow(1024);

/** The leaf hash as DigestText; one reused buffer holds 0x00 || leaf. */
export function leafHashText(leaf: Uint8Array): DigestText {
  const need = 1 + leaf.length;
  if (leafScratch.length < need) leafScratch = Buffer.allocUnsafeSlow(Math.max(need, leafScratch.length * 2));
  leafScratch[0] = 0;
  leafScratch.set(leaf, 1);
  return sha256Text(new Uint8Array(leafScratch.buffer, leafScratch.byteOffset, need));
}

/** Leaf hash: SHA-256(0x00 || leaf). */
export function leafHash(leaf: Uint8Array): Uint8Array {
  return digestBytes(leafHashText(leaf));
}

const nodeScratch = Buffer.allocUnsafeSlow(65);

/** Interior node hash: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  nodeScratch[0] = 1;
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 33);
  return sha256(nodeScratch);
}

/** nodeHash on DigestText (the tree's hot path). */
export function nodeHashText(left: DigestText, right: DigestText): DigestText {
  nodeScratch[0] = 1;
  writeDigest(left, nodeScratch, 1);
  writeDigest(right, nodeScratch, 33);
  return sha256Text(nodeScratch);
}

/** Largest power of two strictly less than n (n >= 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function checkSize(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer`);
}

/** MTH(D[n]) over already-hashed leaves. */
export function rootFromLeafHashes(hashes: readonly Uint8Array[]): Uint8Array {
  const range = new CompactRange();
  for (const h of hashes) range.appendLeafHash(h);
  return range.root();
}

/** Streaming tree builder: a stack of the perfect subtrees that make up [0, size). */
export class CompactRange {
  #size = 0;
  /** Roots of perfect subtrees, largest (leftmost) first; sizes follow the bits of #size. */
  readonly #hashes: DigestText[] = [];

  get size(): number {
    return this.#size;
  }

  appendLeaf(leaf: Uint8Array): void {
    this.appendLeafHashText(leafHashText(leaf));
  }

  appendLeafHash(hash: Uint8Array): void {
    this.appendLeafHashText(digestText(hash));
  }

  appendLeafHashText(hash: DigestText): void {
    let h = hash;
    let n = this.#size;
    while (n % 2 === 1) {
      h = nodeHashText(this.#hashes.pop() as DigestText, h);
      n = (n - 1) / 2;
    }
    this.#hashes.push(h);
    this.#size += 1;
  }

  root(): Uint8Array {
    if (this.#size === 0) return new Uint8Array(EMPTY_ROOT);
    let r = this.#hashes[this.#hashes.length - 1] as DigestText;
    for (let i = this.#hashes.length - 2; i >= 0; i--) r = nodeHashText(this.#hashes[i] as DigestText, r);
    return digestBytes(r);
  }

  /** The subtree roots with their ranges, leftmost first. */
  nodes(): { start: number; end: number; hash: Uint8Array }[] {
    const out: { start: number; end: number; hash: Uint8Array }[] = [];
    let start = 0;
    let bit = 2 ** Math.floor(Math.log2(Math.max(this.#size, 1)) + 1);
    let i = 0;
    while (bit >= 1) {
      if (Math.floor(this.#size / bit) % 2 === 1) {
        out.push({ start, end: start + bit, hash: digestBytes(this.#hashes[i] as DigestText) });
        start += bit;
        i++;
      }
      bit /= 2;
    }
    return out;
  }

  /** Serialised form: u64 size followed by the subtree hashes. */
  serialize(): Uint8Array {
    const out = Buffer.alloc(8 + 32 * this.#hashes.length);
    out.writeBigUInt64BE(BigInt(this.#size), 0);
    this.#hashes.forEach((h, i) => writeDigest(h, out, 8 + 32 * i));
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  }

  static deserialize(bytes: Uint8Array): CompactRange {
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (b.length < 8) throw new RangeError('compact range is too short');
    const size = Number(b.readBigUInt64BE(0));
    const range = new CompactRange();
    let expected = 0;
    for (let n = size; n > 0; n = Math.floor(n / 2)) expected += n % 2;
    if (b.length !== 8 + 32 * expected) throw new RangeError('compact range has the wrong length');
    range.#size = size;
    for (let i = 0; i < expected; i++) range.#hashes.push(b.toString('latin1', 8 + 32 * i, 40 + 32 * i));
    return range;
  }

  clone(): CompactRange {
    const copy = new CompactRange();
    copy.#size = this.#size;
    copy.#hashes.push(...this.#hashes);
    return copy;
  }
}

/** A half-open range of leaves [start, end) whose MTH is one element of a proof. */
export interface LeafRange {
  readonly start: number;
  readonly end: number;
}

/** RFC 6962 §2.1.1 PATH(m, D[n]) as ranges, bottom-up (the order a verifier consumes them). */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  checkSize(index, 'index');
  checkSize(size, 'size');
  if (index >= size) throw new RangeError('index must be smaller than size');
  const out: LeafRange[] = [];
  const walk = (m: number, start: number, n: number): void => {
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, k);
      out.push({ start: start + k, end: start + n });
    } else {
      walk(m - k, start + k, n - k);
      out.push({ start, end: start + k });
    }
  };
  walk(index, 0, size);
  return out;
}

/** RFC 6962 §2.1.2 PROOF(m, D[n]) as ranges, in proof order. Empty when m == n or m == 0. */
export function consistencyProofRanges(oldSize: number, newSize: number): LeafRange[] {
  checkSize(oldSize, 'oldSize');
  checkSize(newSize, 'newSize');
  if (oldSize > newSize) throw new RangeError('oldSize must not exceed newSize');
  const out: LeafRange[] = [];
  if (oldSize === 0 || oldSize === newSize) return out;
  const sub = (m: number, start: number, n: number, complete: boolean): void => {
    if (m === n) {
      if (!complete) out.push({ start, end: start + n });
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, start, k, complete);
      out.push({ start: start + k, end: start + n });
    } else {
      sub(m - k, start + k, n - k, false);
      out.push({ start, end: start + k });
    }
  };
  sub(oldSize, 0, newSize, true);
  return out;
}

/** Resolves proof ranges to hashes with any MTH-of-range function. */
export function resolveRanges(ranges: readonly LeafRange[], rangeHash: (r: LeafRange) => Uint8Array): Uint8Array[] {
  return ranges.map(rangeHash);
}

const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

/** RFC 9162 §2.1.3.2: verifies that `leafHashValue` is at `index` in the tree with `root`. */
export function verifyInclusion(
  index: number,
  size: number,
  leafHashValue: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHashValue;
  for (const p of proof) {
    if (p.length !== 32 || sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(r, root);
}

/** RFC 9162 §2.1.4.2: verifies that the tree (oldSize, oldRoot) is a prefix of (newSize, newRoot). */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || oldSize > newSize) return false;
  if (proof.some((p) => p.length !== 32)) return false;
  if (oldSize === newSize) return proof.length === 0 && bytesEqual(oldRoot, newRoot);
  if (oldSize === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  let path = proof;
  if (Number.isInteger(Math.log2(oldSize)) && 2 ** Math.log2(oldSize) === oldSize) path = [oldRoot, ...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] as Uint8Array;
  let sr = path[0] as Uint8Array;
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return bytesEqual(fr, oldRoot) && bytesEqual(sr, newRoot) && sn === 0;
}

/**
 * A consistency proof from the tree summarised by `oldRange` to size `newSize`, where
 * `rightRangeHash` yields MTH of ranges lying wholly in [oldRange.size, newSize). Left-hand
 * elements of such a proof are always nodes of the old compact range, so no old leaf is needed.
 */
export function consistencyProofFromCompactRange(
  oldRange: CompactRange,
  newSize: number,
  rightRangeHash: (r: LeafRange) => Uint8Array,
): Uint8Array[] {
  const m = oldRange.size;
  const nodes = oldRange.nodes();
  return consistencyProofRanges(m, newSize).map((r) => {
    if (r.start >= m) return rightRangeHash(r);
    const node = nodes.find((n) => n.start === r.start && n.end === r.end);
    if (!node) throw new RangeError(`range [${r.start}, ${r.end}) is not a node of the old compact range`);
    return node.hash;
  });
}

/** MTH of a list of leaf hashes (any length). */
export function rangeRoot(leafHashes: readonly Uint8Array[], start = 0, end = leafHashes.length): Uint8Array {
  const range = new CompactRange();
  for (let i = start; i < end; i++) range.appendLeafHash(leafHashes[i] as Uint8Array);
  return range.root();
}
