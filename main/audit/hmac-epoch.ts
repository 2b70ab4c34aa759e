/**
 * Per-entry attribution MACs under a forward-evolving epoch key. The next epoch key is
 * HKDF-SHA256(current, info "airlock audit epoch <n+1>") and the current one is zeroed, so
 * whoever takes the machine later holds only the newest key and cannot forge earlier entries.
 */
import { createHmac } from 'node:crypto';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesEqual, utf8 } from './bytes.ts';

export const EPOCH_KEY_LENGTH = 32;
export const EPOCH_ROTATE_ACTION = 'audit.epoch.rotate';

/** HMAC-SHA256(epochKey, leafBytes). */
export function entryMac(epochKey: Uint8Array, leaf: Uint8Array): Uint8Array {
  if (epochKey.length !== EPOCH_KEY_LENGTH) throw new RangeError('epoch key must be 32 bytes');
  return createHmac('sha256', epochKey).update(leaf).digest();
}

export function verifyEntryMac(epochKey: Uint8Array, leaf: Uint8Array, mac: Uint8Array): boolean {
  return bytesEqual(entryMac(epochKey, leaf), mac);
}

export function epochInfo(nextEpoch: number): Uint8Array {
  return utf8.encode(`airlock audit epoch ${nextEpoch}`);
}

/** Derives the key of epoch `currentEpoch + 1`. Pure: does not touch `current`. */
export function deriveNextEpochKey(current: Uint8Array, currentEpoch: number): Uint8Array {
  if (current.length !== EPOCH_KEY_LENGTH) throw new RangeError('epoch key must be 32 bytes');
  return hkdf(nobleSha256, current, undefined, epochInfo(currentEpoch + 1), EPOCH_KEY_LENGTH);
}

/** Advances an epoch key in place of the caller's copy: returns the next key, zeroes `current`. */
export function evolveEpochKey(current: Uint8Array, currentEpoch: number): Uint8Array {
  const next = deriveNextEpochKey(current, currentEpoch);
  current.fill(0);
  return next;
}

/** Replays evolution from the epoch-0 key (verifier side); the input is left untouched. */
export class EpochKeyReplayer {
  #epoch = 0;
  #key: Uint8Array;

  constructor(epochZeroKey: Uint8Array) {
    if (epochZeroKey.length !== EPOCH_KEY_LENGTH) throw new RangeError('epoch key must be 32 bytes');
    this.#key = new Uint8Array(epochZeroKey);
  }

  get epoch(): number {
    return this.#epoch;
  }

  /** The key of `epoch`; epochs only move forward. */
  keyFor(epoch: number): Uint8Array {
    if (epoch < this.#epoch) throw new RangeError('epoch keys cannot be derived backwards');
    while (this.#epoch < epoch) {
      this.#key = evolveEpochKey(this.#key, this.#epoch);
      this.#epoch += 1;
    }
    return this.#key;
  }

  dispose(): void {
    this.#key.fill(0);
  }
}
