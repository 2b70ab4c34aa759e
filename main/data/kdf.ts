/**
 * Passphrase → slot key with scrypt (RFC 7914).
 *
 * We measured scrypt-js against node:crypto.scrypt at N=2^17, r=8, p=1 (test/bench/data-kdf.ts,
 * figures in test/bench/RESULTS.md): node:crypto (OpenSSL, libuv thread pool) is clearly faster, so it
 * does the work; a slower KDF would force weaker parameters for the same wait. Its trade-off:
 * OpenSSL's scrypt cannot report progress or be interrupted, so unlock reports progress as phases
 * and honours an AbortSignal before and after the derivation (the derived key is wiped if aborted).
 */
import { scrypt as nodeScrypt } from 'node:crypto';
import { z } from 'zod';
import { UnlockAbortedError } from './errors.ts';

export const ScryptParamsSchema = z.object({
  alg: z.literal('scrypt'),
  N: z.number().int(),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  dkLen: z.literal(32),
});
export type ScryptParams = z.infer<typeof ScryptParamsSchema>;

/** Production parameters. Never lower these; tests pass weaker ones explicitly. */
export const DEFAULT_SCRYPT: Readonly<ScryptParams> = Object.freeze({ alg: 'scrypt', N: 2 ** 17, r: 8, p: 1, dkLen: 32 });
/** Lowest N accepted from any caller or key store (tests use it to stay fast). */
export const MIN_SCRYPT_N = 2 ** 10;
/** Highest N accepted from a key store, so a crafted store cannot exhaust memory. */
export const MAX_SCRYPT_N = 2 ** 21;

export function checkScryptParams(params: ScryptParams): void {
  const { N } = params;
  if (N < MIN_SCRYPT_N || N > MAX_SCRYPT_N || (N & (N - 1)) !== 0) {
    throw new RangeError(`scrypt N must be a power of two in [2^10, 2^21], got ${N}`);
  }
}

/** Memory node:crypto needs (128·N·r·p) plus slack; its 32 MiB default is too small for N=2^17. */
export function scryptMaxmem(params: ScryptParams): number {
  return 128 * params.N * params.r * params.p + 32 * 1024 * 1024;
}

/** node:crypto.scrypt as a promise returning a fresh Uint8Array the caller owns (and must wipe). */
export function scryptNode(password: Uint8Array, salt: Uint8Array, params: ScryptParams): Promise<Uint8Array> {
  checkScryptParams(params);
  return new Promise((resolve, reject) => {
    nodeScrypt(password, salt, params.dkLen, { N: params.N, r: params.r, p: params.p, maxmem: scryptMaxmem(params) }, (error, key) => {
      if (error) reject(error);
      else {
        const out = new Uint8Array(key.length);
        out.set(key);
        key.fill(0);
        resolve(out);
      }
    });
  });
}

export interface KdfOptions {
  signal?: AbortSignal | undefined;
}

/** Derives a slot key; cancellation is checked before and after the (uninterruptible) KDF. */
export async function deriveSlotKey(
  passphrase: Uint8Array,
  salt: Uint8Array,
  params: ScryptParams,
  options: KdfOptions = {},
): Promise<Uint8Array> {
  if (options.signal?.aborted) throw new UnlockAbortedError();
  const key = await scryptNode(passphrase, salt, params);
  if (options.signal?.aborted) {
    key.fill(0);
    throw new UnlockAbortedError();
  }
  return key;
}
