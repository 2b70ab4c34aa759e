/**
 * XChaCha20-Poly1305 sealing with associated data that binds tenant, purpose and key version.
 * Sealed form: 24-byte random nonce ‖ ciphertext ‖ 16-byte tag.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from 'node:crypto';
import { concatBytes, utf8 } from './bytes.ts';

export const NONCE_BYTES = 24;
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** Associated data: a fixed, unambiguous encoding of the binding fields. */
export function bindingAd(fields: { tenant: string; purpose: string; version: number | string; item?: string }): Uint8Array {
  const parts = [`airlock/v1`, `tenant=${fields.tenant}`, `purpose=${fields.purpose}`, `version=${fields.version}`];
  if (fields.item !== undefined) parts.push(`item=${fields.item}`);
  return utf8(JSON.stringify(parts));
}

export function seal(key: Uint8Array, plaintext: Uint8Array, ad: Uint8Array): Uint8Array {
  const nonce = new Uint8Array(randomBytes(NONCE_BYTES));
  return concatBytes(nonce, xchacha20poly1305(key, nonce, ad).encrypt(plaintext));
}

/** Returns the plaintext, or undefined when authentication fails (callers raise their typed error). */
export function open(key: Uint8Array, sealed: Uint8Array, ad: Uint8Array): Uint8Array | undefined {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) return undefined;
  try {
    return xchacha20poly1305(key, sealed.subarray(0, NONCE_BYTES), ad).decrypt(sealed.subarray(NONCE_BYTES));
  } catch {
    return undefined; // authentication failure is the only failure for well-formed input
  }
}

export function randomKey(): Uint8Array {
  return new Uint8Array(randomBytes(KEY_BYTES));
}
