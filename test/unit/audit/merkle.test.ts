import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import {
  CompactRange,
  consistencyProofFromCompactRange,
  consistencyProofRanges,
  EMPTY_ROOT,
  inclusionProofRanges,
  leafHash,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
  type LeafRange,
} from '../../../main/audit/merkle.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const sha = (...parts: Uint8Array[]): Uint8Array => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** Independent, deliberately naive RFC 6962 MTH (recursive, straight from §2.1). */
function naiveMth(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return sha(Uint8Array.of(0), leaves[0] as Uint8Array);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(Uint8Array.of(1), naiveMth(leaves.slice(0, k)), naiveMth(leaves.slice(k)));
}

// Leaves and roots of the certificate-transparency / Go tlog RFC 6962 test data.
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) =>
  Buffer.from(h, 'hex'),
);
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const leavesOf = (n: number): Uint8Array[] => Array.from({ length: n }, (_, i) => Buffer.from(`leaf ${i}`));
const resolver = (leaves: Uint8Array[]) => (r: LeafRange) => naiveMth(leaves.slice(r.start, r.end));

describe('RFC 6962 Merkle tree', () => {
  it('hashes the empty tree to SHA-256 of the empty string', () => {
    expect(hex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(new CompactRange().root())).toBe(hex(EMPTY_ROOT));
  });

  it('reproduces the published CT tree heads for 1..8 leaves', () => {
    for (let n = 1; n <= 8; n++) {
      expect(hex(rootFromLeafHashes(CT_LEAVES.slice(0, n).map(leafHash)))).toBe(CT_ROOTS[n - 1]);
      expect(hex(naiveMth(CT_LEAVES.slice(0, n)))).toBe(CT_ROOTS[n - 1]);
    }
  });

  it('computes the same root streaming as the naive recursion, for every size up to 70', () => {
    const leaves = leavesOf(70);
    const range = new CompactRange();
    for (let n = 1; n <= 70; n++) {
      range.appendLeaf(leaves[n - 1] as Uint8Array);
      expect(hex(range.root())).toBe(hex(naiveMth(leaves.slice(0, n))));
      expect(hex(CompactRange.deserialize(range.serialize()).root())).toBe(hex(range.root()));
    }
  });

  it('clones a compact range that grows independently of the original', () => {
    const leaves = leavesOf(9);
    const range = new CompactRange();
    for (const l of leaves.slice(0, 5)) range.appendLeaf(l);
    const copy = range.clone();
    for (const l of leaves.slice(5)) copy.appendLeaf(l);
    expect(hex(range.root())).toBe(hex(naiveMth(leaves.slice(0, 5))));
    expect(hex(copy.root())).toBe(hex(naiveMth(leaves)));
    expect(hex(copy.root())).toBe(hex(rootFromLeafHashes(leaves.map(leafHash))));
  });

  it('proves and verifies inclusion of every leaf in every tree up to 40 leaves', () => {
    const leaves = leavesOf(40);
    for (let n = 1; n <= 40; n++) {
      const root = naiveMth(leaves.slice(0, n));
      for (let m = 0; m < n; m++) {
        const proof = inclusionProofRanges(m, n).map(resolver(leaves));
        expect(verifyInclusion(m, n, leafHash(leaves[m] as Uint8Array), proof, root)).toBe(true);
      }
    }
  });

  it('proves and verifies consistency for every 0 < m <= n <= 40', () => {
    const leaves = leavesOf(40);
    for (let n = 1; n <= 40; n++) {
      const newRoot = naiveMth(leaves.slice(0, n));
      const range = new CompactRange();
      for (let m = 1; m <= n; m++) {
        range.appendLeaf(leaves[m - 1] as Uint8Array);
        const oldRoot = naiveMth(leaves.slice(0, m));
        const proof = consistencyProofRanges(m, n).map(resolver(leaves));
        expect(verifyConsistency(m, n, oldRoot, newRoot, proof)).toBe(true);
        // The compact-range form (what the log uses before signing) gives the same proof.
        const fromRange = consistencyProofFromCompactRange(range, n, resolver(leaves));
        expect(fromRange.map(hex)).toEqual(proof.map(hex));
      }
    }
  });

  it('rejects any altered inclusion proof, index or root (property)', () => {
    const leaves = leavesOf(40);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), (n, mRaw, pick, bit) => {
        const m = mRaw % n;
        const root = naiveMth(leaves.slice(0, n));
        const proof = inclusionProofRanges(m, n).map(resolver(leaves));
        const lh = leafHash(leaves[m] as Uint8Array);
        const i = pick % proof.length;
        const bad = proof.map((p) => new Uint8Array(p));
        (bad[i] as Uint8Array)[bit % 32]! ^= 1 << bit % 8;
        expect(verifyInclusion(m, n, lh, bad, root)).toBe(false);
        expect(verifyInclusion((m + 1) % n, n, lh, proof, root)).toBe(false);
        expect(verifyInclusion(m, n, lh, proof.slice(0, -1), root)).toBe(false);
        expect(verifyInclusion(m, n, lh, [...proof, root], root)).toBe(false);
        const badRoot = new Uint8Array(root);
        badRoot[0]! ^= 1;
        expect(verifyInclusion(m, n, lh, proof, badRoot)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects any altered consistency proof or a root from a different history (property)', () => {
    const leaves = leavesOf(40);
    const other = leaves.map((l, i) => (i === 3 ? Buffer.from('forged') : l));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.nat(), fc.nat(255), (a, b, pick, bit) => {
        const [m, n] = a <= b ? [a, b] : [b, a];
        const oldRoot = naiveMth(leaves.slice(0, m));
        const newRoot = naiveMth(leaves.slice(0, n));
        const proof = consistencyProofRanges(m, n).map(resolver(leaves));
        if (proof.length > 0) {
          const bad = proof.map((p) => new Uint8Array(p));
          (bad[pick % bad.length] as Uint8Array)[bit % 32]! ^= 1 << bit % 8;
          expect(verifyConsistency(m, n, oldRoot, newRoot, bad)).toBe(false);
        }
        if (m > 3) expect(verifyConsistency(m, n, naiveMth(other.slice(0, m)), newRoot, proof)).toBe(false);
        if (m < n) {
          const forgedNew = naiveMth(other.slice(0, n));
          if (m > 3 || n > 3) expect(verifyConsistency(m, n, oldRoot, forgedNew, proof)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('treats equal sizes as consistent only with equal roots and an empty proof', () => {
    const r = naiveMth(leavesOf(5));
    expect(verifyConsistency(5, 5, r, r, [])).toBe(true);
    expect(verifyConsistency(5, 5, r, EMPTY_ROOT, [])).toBe(false);
    expect(verifyConsistency(5, 5, r, r, [r])).toBe(false);
    expect(verifyConsistency(6, 5, r, r, [])).toBe(false);
  });
});
