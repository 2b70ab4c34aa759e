import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { digestBytes, digestMatches, digestText, sha256, sha256Text, writeDigest } from '../../../main/audit/sha256.ts';

describe('SHA-256 digests as bytes and as DigestText', () => {
  it('gives the FIPS 180-2 digest of "abc" both ways', () => {
    const abc = Buffer.from('abc');
    const expected = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(Buffer.from(sha256(abc)).toString('hex')).toBe(expected);
    expect(Buffer.from(digestBytes(sha256Text(abc))).toString('hex')).toBe(expected);
  });

  it('round-trips every byte value through DigestText and compares in place (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.nat({ max: 8 }), fc.nat({ max: 31 }), (bytes, offset, flip) => {
        const text = digestText(bytes);
        expect(text).toHaveLength(32);
        expect(Buffer.from(digestBytes(text)).equals(Buffer.from(bytes))).toBe(true);
        const out = new Uint8Array(offset + 32);
        writeDigest(text, out, offset);
        expect(digestMatches(text, out, offset)).toBe(true);
        out[offset + flip] = (out[offset + flip] as number) ^ 1;
        expect(digestMatches(text, out, offset)).toBe(false);
        expect(digestMatches(text, out.subarray(0, offset + 31), offset)).toBe(false);
        expect(sha256Text(bytes)).toBe(createHash('sha256').update(bytes).digest('binary'));
      }),
      { numRuns: 300 },
    );
  });
});
