import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KEY_BYTES, NONCE_BYTES, open, randomKey, seal, TAG_BYTES } from '../../../main/data/aead.ts';
import { concatBytes as concat } from '../../../main/data/bytes.ts';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const bytes = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

// draft-irtf-cfrg-xchacha-03, A.3.1 (AEAD_XChaCha20_Poly1305): ciphertext ‖ tag.
const VECTOR = {
  key: hex('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f'),
  nonce: hex('404142434445464748494a4b4c4d4e4f5051525354555657'),
  ad: hex('50515253c0c1c2c3c4c5c6c7'),
  plaintext: new TextEncoder().encode("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it."),
  box: hex(`bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb
    731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452
    2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9
    21f9664c97637da9768812f615c68b13b52e c0875924c1c7987947deafd8780acf49`),
};

describe('XChaCha20-Poly1305 sealing (node:crypto AEAD under an HChaCha20 subkey)', () => {
  it('opens the draft test vector, which @noble/ciphers also produces', () => {
    expect(xchacha20poly1305(VECTOR.key, VECTOR.nonce, VECTOR.ad).encrypt(VECTOR.plaintext)).toEqual(VECTOR.box);
    expect(open(VECTOR.key, concat(VECTOR.nonce, VECTOR.box), VECTOR.ad)).toEqual(VECTOR.plaintext);
  });

  it('seals to the same bytes as @noble/ciphers, and each opens the other, over random sizes', () => {
    for (const size of [0, 1, 15, 16, 17, 63, 64, 65, 127, 128, 1000, 4099, 70_000]) {
      for (const adSize of [0, 1, 90]) {
        const key = bytes(KEY_BYTES);
        const ad = bytes(adSize);
        const plaintext = bytes(size);
        const sealed = seal(key, plaintext, ad);
        expect(sealed.length).toBe(NONCE_BYTES + size + TAG_BYTES);
        const nonce = sealed.subarray(0, NONCE_BYTES);
        expect(sealed.subarray(NONCE_BYTES)).toEqual(xchacha20poly1305(key, nonce, ad).encrypt(plaintext));
        expect(open(key, sealed, ad)).toEqual(plaintext);
        const byNoble = concat(nonce, xchacha20poly1305(key, nonce, ad).encrypt(plaintext));
        expect(open(key, byNoble, ad)).toEqual(plaintext);
      }
    }
  });

  it('draws a fresh nonce for every seal', () => {
    const key = bytes(KEY_BYTES);
    const nonces = new Set(Array.from({ length: 200 }, () => Buffer.from(seal(key, bytes(8), bytes(4)).subarray(0, NONCE_BYTES)).toString('hex')));
    expect(nonces.size).toBe(200);
  });

  it('refuses every tamper: a flipped bit anywhere, another key, other associated data, a cut', () => {
    const key = bytes(KEY_BYTES);
    const ad = bytes(40);
    const plaintext = bytes(300);
    const sealed = seal(key, plaintext, ad);
    for (const at of [0, 15, 16, 23, NONCE_BYTES, NONCE_BYTES + 150, sealed.length - TAG_BYTES, sealed.length - 1]) {
      const bad = new Uint8Array(sealed);
      bad[at] = (bad[at] as number) ^ 0x01;
      expect(open(key, bad, ad), `bit flipped at byte ${at}`).toBeUndefined();
    }
    expect(open(bytes(KEY_BYTES), sealed, ad)).toBeUndefined();
    const otherAd = new Uint8Array(ad);
    otherAd[0] = (otherAd[0] as number) ^ 0x80;
    expect(open(key, sealed, otherAd)).toBeUndefined();
    expect(open(key, sealed.subarray(0, sealed.length - 1), ad)).toBeUndefined();
    expect(open(key, sealed.subarray(0, NONCE_BYTES + TAG_BYTES - 1), ad)).toBeUndefined();
    expect(open(key, sealed, ad)).toEqual(plaintext);
  });

  it('refuses a key of the wrong length instead of sealing under it', () => {
    expect(() => seal(bytes(16), bytes(8), bytes(0))).toThrow(RangeError);
    expect(() => open(bytes(31), seal(bytes(KEY_BYTES), bytes(8), bytes(0)), bytes(0))).toThrow(RangeError);
  });

  it('opens to a plain Uint8Array, so a slice is a copy that wiping the original does not reach', () => {
    const key = bytes(KEY_BYTES);
    const opened = open(key, seal(key, bytes(32), bytes(0)), bytes(0));
    expect(opened).toBeDefined();
    expect(Buffer.isBuffer(opened)).toBe(false);
    const copy = (opened as Uint8Array).slice();
    (opened as Uint8Array).fill(0);
    expect(copy.some((b) => b !== 0)).toBe(true);
  });

  it('writes a random key into the buffer it is given (e.g. locked memory)', () => {
    const into = new Uint8Array(KEY_BYTES);
    expect(randomKey(into)).toBe(into);
    expect(into.some((b) => b !== 0)).toBe(true);
    expect(randomKey()).not.toEqual(randomKey());
    expect(() => randomKey(new Uint8Array(16))).toThrow(RangeError);
  });
});
