import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CanonicalEncodingError, decodeEntry, encodeEntry, type AuditEntry } from '../../../main/audit/canonical.ts';
import { chainHash, GENESIS_CHAIN_HASH } from '../../../main/audit/chain.ts';
import { createHash } from 'node:crypto';

const entry: AuditEntry = {
  seq: 1,
  timeMs: 2,
  tenant: 't',
  actor: 'a',
  action: 'x',
  subject: '',
  outcome: 'ok',
  payloadDigest: new Uint8Array(32).fill(0xdd),
  epoch: 3,
  prevChainHash: new Uint8Array(32).fill(0xcc),
  fields: { z: '1', b: 'é' },
};

describe('canonical entry encoding', () => {
  it('encodes a known entry to the documented bytes', () => {
    const expected = Buffer.concat([
      Buffer.from('01' + '0000000000000001' + '0000000000000002' + '00000003', 'hex'),
      Buffer.alloc(32, 0xcc),
      Buffer.alloc(32, 0xdd),
      Buffer.from('0001' + '74' + '0001' + '61' + '0001' + '78' + '0000' + '0002' + '6f6b', 'hex'),
      // two fields, sorted: b="é" (c3 a9), z="1"
      Buffer.from('0002' + '0001' + '62' + '0002' + 'c3a9' + '0001' + '7a' + '0001' + '31', 'hex'),
    ]);
    expect(Buffer.from(encodeEntry(entry)).toString('hex')).toBe(expected.toString('hex'));
    // chain vector: SHA-256(prev || leaf)
    const leaf = encodeEntry(entry);
    const expectedChain = createHash('sha256').update(GENESIS_CHAIN_HASH).update(leaf).digest('hex');
    expect(Buffer.from(chainHash(GENESIS_CHAIN_HASH, leaf)).toString('hex')).toBe(expectedChain);
  });

  it('round-trips any representable entry and encodes field order independently (property)', () => {
    const str = fc.string({ unit: 'grapheme', maxLength: 20 });
    const key = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9._-]{0,10}$/);
    fc.assert(
      fc.property(
        fc.record({
          seq: fc.nat(),
          timeMs: fc.nat(),
          epoch: fc.nat(),
          tenant: str,
          actor: str,
          action: str,
          subject: str,
          outcome: str,
          fields: fc.dictionary(key, str, { maxKeys: 5 }),
          payloadDigest: fc.uint8Array({ minLength: 32, maxLength: 32 }),
          prevChainHash: fc.uint8Array({ minLength: 32, maxLength: 32 }),
        }),
        (e) => {
          const bytes = encodeEntry(e);
          const back = decodeEntry(bytes);
          expect({ ...back, fields: { ...back.fields } }).toEqual({ ...e, fields: { ...e.fields } });
          const reversed = Object.fromEntries(Object.entries(e.fields).reverse());
          expect(Buffer.from(encodeEntry({ ...e, fields: reversed })).equals(Buffer.from(bytes))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects non-canonical bytes: trailing data, unsorted fields, bad UTF-8, unknown version', () => {
    const good = Buffer.from(encodeEntry(entry));
    expect(() => decodeEntry(Buffer.concat([good, Buffer.of(0)]))).toThrow(CanonicalEncodingError);
    const version = Buffer.from(good);
    version[0] = 2;
    expect(() => decodeEntry(version)).toThrow(CanonicalEncodingError);
    const unsorted = Buffer.from(good.toString('hex').replace('0001620002c3a900017a000131', '00017a00013100016200' + '02c3a9'), 'hex');
    expect(() => decodeEntry(unsorted)).toThrow(/canonical order/);
    const badUtf8 = Buffer.from(good.toString('hex').replace('0002c3a9', '0002c328'), 'hex');
    expect(() => decodeEntry(badUtf8)).toThrow(/UTF-8/);
    expect(() => decodeEntry(good.subarray(0, good.length - 1))).toThrow(CanonicalEncodingError);
  });

  it('refuses values it cannot encode canonically', () => {
    expect(() => encodeEntry({ ...entry, timeMs: 1.5 })).toThrow(CanonicalEncodingError);
    expect(() => encodeEntry({ ...entry, seq: -1 })).toThrow(CanonicalEncodingError);
    expect(() => encodeEntry({ ...entry, actor: '\uD800' })).toThrow(CanonicalEncodingError);
    expect(() => encodeEntry({ ...entry, fields: { '1bad': 'x' } })).toThrow(CanonicalEncodingError);
    expect(() => encodeEntry({ ...entry, subject: 'x'.repeat(70_000) })).toThrow(CanonicalEncodingError);
  });

  it('never throws anything but CanonicalEncodingError on random bytes (fuzz)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          decodeEntry(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(CanonicalEncodingError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
