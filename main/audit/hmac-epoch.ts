/**
 * Per-entry attribution MACs under a forward-evolving epoch key. The next epoch key is
 * HKDF-SHA256(current, info "airlock audit epoch <n+1>") and the current one is zeroed, so
 * whoever takes the machine later holds only the newest key and cannot forge earlier entries.
 */
import { createHmac } from 'node:crypto';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesEqual, utf8 } from './bytes.ts';
import { sha256Text, writeDigest, type DigestText } from './sha256.ts';

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

const HMAC_BLOCK = 64;

/**
 * HMAC-SHA256 under one epoch key for many entries: RFC 2104 with the key's inner and outer pads
 * computed once, so each MAC is two one-shot hashes instead of a new Hmac object (the verifier's
 * hot path). Equal to entryMac, pinned by a property test. Zero it with dispose().
 */
export class EntryMacer {
  #inner: Buffer;
  readonly #outer = Buffer.allocUnsafeSlow(HMAC_BLOCK + 32);

  constructor(epochKey: Uint8Array) {
    if (epochKey.length !== EPOCH_KEY_LENGTH) throw new RangeError('epoch key must be 32 bytes');
    this.#inner = Buffer.allocUnsafeSlow(HMAC_BLOCK + 1024);
    for (let i = 0; i < HMAC_BLOCK; i++) {
      const k = i < EPOCH_KEY_LENGTH ? (epochKey[i] as number) : 0;
      this.#inner[i] = k ^ 0x36;
      this.#outer[i] = k ^ 0x5c;
    }
  }

  macText(leaf: Uint8Array): DigestText {
    const need = HMAC_BLOCK + leaf.length;
    if (this.#inner.length < need) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(need, this.#inner.length * 2));
      this.#inner.copy(bigger, 0, 0, HMAC_BLOCK);
      this.#inner.fill(0);
      this.#inner = bigger;
    }
    this.#inner.set(leaf, HMAC_BLOCK);
    writeDigest(sha256Text(new Uint8Array(this.#inner.buffer, this.#inner.byteOffset, need)), this.#outer, HMAC_BLOCK);
    return sha256Text(this.#outer);
  }

  /** Constant-time comparison of the entry's MAC with the recomputed one. */
  verify(leaf: Uint8Array, mac: Uint8Array): boolean {
    if (mac.length !== 32) return false;
    const expected = this.macText(leaf);
    let diff = 0;
    for (let i = 0; i < 32; i++) diff |= expected.charCodeAt(i) ^ (mac[i] as number);
    return diff === 0;
  }

  dispose(): void {
    this.#inner.fill(0);
    this.#outer.fill(0);
  }
}

/** Replays evolution from the epoch-0 key (verifier side); the input is left untouched. */
export class EpochKeyReplayer {
  #epoch = 0;
  #key: Uint8Array;
  #macer: EntryMacer | null = null;

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
      this.#macer?.dispose();
      this.#macer = null;
    }
    return this.#key;
  }

  /** A MAC checker for `epoch`, kept until the epoch moves on. */
  macerFor(epoch: number): EntryMacer {
    const key = this.keyFor(epoch);
    this.#macer ??= new EntryMacer(key);
    return this.#macer;
  }

  dispose(): void {
    this.#key.fill(0);
    this.#macer?.dispose();
    this.#macer = null;
  }
}
