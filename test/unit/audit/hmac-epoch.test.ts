import { describe, expect, it } from 'vitest';
import { hkdfSync } from 'node:crypto';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { deriveNextEpochKey, entryMac, EntryMacer, EpochKeyReplayer, evolveEpochKey, verifyEntryMac } from '../../../main/audit/hmac-epoch.ts';

const key0 = Uint8Array.from({ length: 32 }, (_, i) => i);
const leaf = new TextEncoder().encode('leaf bytes');

describe('epoch MACs and key evolution', () => {
  it('MACs with HMAC-SHA256 (cross-checked against @noble/hashes)', () => {
    expect(Buffer.from(entryMac(key0, leaf)).toString('hex')).toBe(Buffer.from(hmac(sha256, key0, leaf)).toString('hex'));
    expect(verifyEntryMac(key0, leaf, entryMac(key0, leaf))).toBe(true);
    expect(verifyEntryMac(key0, new TextEncoder().encode('leaf bytez'), entryMac(key0, leaf))).toBe(false);
  });

  it('derives the next key as HKDF-SHA256(current, info "airlock audit epoch <n+1>") (cross-checked against node:crypto)', () => {
    const expected = Buffer.from(hkdfSync('sha256', key0, Buffer.alloc(0), 'airlock audit epoch 1', 32));
    expect(Buffer.from(deriveNextEpochKey(key0, 0)).equals(expected)).toBe(true);
    const expected2 = Buffer.from(hkdfSync('sha256', expected, Buffer.alloc(0), 'airlock audit epoch 2', 32));
    expect(Buffer.from(deriveNextEpochKey(expected, 1)).equals(expected2)).toBe(true);
  });

  it('zeroes the old key when evolving', () => {
    const current = new Uint8Array(key0);
    const next = evolveEpochKey(current, 0);
    expect(current.every((b) => b === 0)).toBe(true);
    expect(next.some((b) => b !== 0)).toBe(true);
  });

  it('forward security: a later epoch key cannot produce a valid MAC for an earlier epoch entry', () => {
    const epoch0Mac = entryMac(key0, leaf);
    let k: Uint8Array = new Uint8Array(key0);
    for (let e = 0; e < 5; e++) {
      k = evolveEpochKey(k, e);
      expect(verifyEntryMac(k, leaf, epoch0Mac)).toBe(false);
    }
    // The verifier can only walk forwards from epoch 0.
    const replay = new EpochKeyReplayer(key0);
    replay.keyFor(3);
    expect(() => replay.keyFor(2)).toThrow(RangeError);
  });

  it('replays evolution deterministically from the epoch-0 key without touching it', () => {
    const input = new Uint8Array(key0);
    const replay = new EpochKeyReplayer(input);
    const k2 = new Uint8Array(replay.keyFor(2));
    expect(Buffer.from(input).equals(Buffer.from(key0))).toBe(true);
    expect(Buffer.from(k2).equals(Buffer.from(deriveNextEpochKey(deriveNextEpochKey(key0, 0), 1)))).toBe(true);
  });

  it('EntryMacer computes entryMac for any leaf, reusing one key, and rejects any other MAC (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(fc.uint8Array({ maxLength: 3000 }), { minLength: 1, maxLength: 4 }),
        fc.nat({ max: 31 }),
        (key, leaves, flip) => {
          const macer = new EntryMacer(key);
          for (const leaf of leaves) {
            const mac = entryMac(key, leaf);
            expect(Buffer.from(macer.macText(leaf), 'latin1').equals(Buffer.from(mac))).toBe(true);
            expect(macer.verify(leaf, mac)).toBe(true);
            const bad = new Uint8Array(mac);
            bad[flip] = (bad[flip] as number) ^ 0x80;
            expect(macer.verify(leaf, bad)).toBe(false);
            expect(macer.verify(leaf, mac.subarray(0, 31))).toBe(false);
          }
          macer.dispose();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('hands out a MAC checker per epoch that follows the replayed key', () => {
    const k0 = new Uint8Array(32).fill(7);
    const replayer = new EpochKeyReplayer(k0);
    const leaf = new Uint8Array([1, 2, 3]);
    const k2 = deriveNextEpochKey(deriveNextEpochKey(k0, 0), 1);
    expect(replayer.macerFor(0).verify(leaf, entryMac(k0, leaf))).toBe(true);
    expect(replayer.macerFor(2).verify(leaf, entryMac(k2, leaf))).toBe(true);
    expect(replayer.macerFor(2).verify(leaf, entryMac(k0, leaf))).toBe(false);
    replayer.dispose();
  });
});
