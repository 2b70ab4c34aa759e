import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ed25519 } from '@noble/curves/ed25519.js';
import { verifyEd25519 } from '../../../main/audit/ed25519-verify.ts';

// RFC 8032 §7.1, TEST 2.
const RFC_KEY = Buffer.from('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c', 'hex');
const RFC_MESSAGE = Buffer.from('72', 'hex');
const RFC_SIGNATURE = Buffer.from(
  '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  'hex',
);
// The group order L, little-endian: S + L is the same signature spelled non-canonically.
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

function addL(signature: Uint8Array): Uint8Array {
  const s = BigInt(`0x${Buffer.from(signature.subarray(32)).reverse().toString('hex')}`) + L;
  const out = new Uint8Array(signature);
  out.set(Buffer.from(s.toString(16).padStart(64, '0'), 'hex').reverse(), 32);
  return out;
}

describe('Ed25519 verification via node:crypto', () => {
  it('verifies the RFC 8032 test vector and refuses it altered', () => {
    expect(verifyEd25519(RFC_SIGNATURE, RFC_MESSAGE, RFC_KEY)).toBe(true);
    expect(verifyEd25519(RFC_SIGNATURE, Buffer.from('73', 'hex'), RFC_KEY)).toBe(false);
    expect(verifyEd25519(addL(RFC_SIGNATURE), RFC_MESSAGE, RFC_KEY)).toBe(false);
    expect(verifyEd25519(RFC_SIGNATURE.subarray(0, 63), RFC_MESSAGE, RFC_KEY)).toBe(false);
    expect(verifyEd25519(RFC_SIGNATURE, RFC_MESSAGE, RFC_KEY.subarray(0, 31))).toBe(false);
    expect(verifyEd25519(RFC_SIGNATURE, RFC_MESSAGE, new Uint8Array(32).fill(0xff))).toBe(false);
  });

  it('never accepts what @noble/curves refuses, and accepts every honest signature (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 100 }),
        fc.nat({ max: 63 }),
        fc.integer({ min: 1, max: 255 }),
        (secret, message, at, xor) => {
          const publicKey = ed25519.getPublicKey(secret);
          const signature = ed25519.sign(message, secret);
          expect(verifyEd25519(signature, message, publicKey)).toBe(true);
          const bad = new Uint8Array(signature);
          bad[at] = (bad[at] as number) ^ xor;
          let nobleAccepts: boolean;
          try {
            nobleAccepts = ed25519.verify(bad, message, publicKey);
          } catch {
            nobleAccepts = false;
          }
          if (!nobleAccepts) expect(verifyEd25519(bad, message, publicKey)).toBe(false);
          expect(verifyEd25519(addL(signature), message, publicKey)).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });
});
