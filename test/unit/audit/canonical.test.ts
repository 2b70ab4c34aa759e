import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CanonicalEncodingError, decodeEntry, encodeEntry, LeafLayout, scanLeaf, type AuditEntry } from '../../../main/audit/canonical.ts';
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

  it('scanLeaf accepts exactly what decodeEntry accepts, with the same first error, and locates seq, epoch, tenant and action (property)', () => {
    const str = fc.string({ unit: 'grapheme', maxLength: 8 });
    const key = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9._-]{0,6}$/);
    const leaf = fc
      .record({
        seq: fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)),
        timeMs: fc.nat(),
        epoch: fc.oneof(fc.nat(), fc.constant(0xffffffff)),
        tenant: str,
        actor: str,
        action: str,
        subject: str,
        outcome: str,
        fields: fc.dictionary(key, str, { maxKeys: 4 }),
        payloadDigest: fc.uint8Array({ minLength: 32, maxLength: 32 }),
        prevChainHash: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      })
      .map((e) => Buffer.from(encodeEntry(e)));
    const edit = fc.record({
      at: fc.nat(),
      byte: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x00, 0x20, 0x2e, 0x41, 0x5f, 0x61, 0x7a, 0x80, 0xc3, 0xe2, 0xff)),
      kind: fc.constantFrom('set', 'insert', 'delete'),
    });
    const layout = new LeafLayout();
    fc.assert(
      fc.property(leaf, fc.array(edit, { maxLength: 3 }), (good, edits) => {
        let b = good;
        for (const e of edits) {
          const at = b.length === 0 ? 0 : e.at % b.length;
          if (e.kind === 'set' && b.length > 0) {
            b = Buffer.from(b);
            b[at] = e.byte;
          } else if (e.kind === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.of(e.byte), b.subarray(at)]);
          else b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1)]);
        }
        let reference: AuditEntry | string;
        try {
          reference = decodeEntry(b);
        } catch (error) {
          reference = (error as Error).message;
        }
        const why = scanLeaf(b, layout);
        if (typeof reference === 'string') {
          expect(why).toBe(reference);
        } else {
          expect(why).toBeNull();
          expect(layout.seq).toBe(reference.seq);
          expect(layout.epoch).toBe(reference.epoch);
          expect(b.toString('utf8', layout.tenantStart, layout.tenantEnd)).toBe(reference.tenant);
          expect(b.toString('utf8', layout.actionStart, layout.actionEnd)).toBe(reference.action);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('scanLeaf and decodeEntry agree on hand-made field lists: duplicates, key length limits, bad key characters', () => {
    const base = Buffer.from(encodeEntry({ ...entry, fields: {} }));
    const str = (b: Buffer): Buffer => Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
    const withFields = (pairs: [Buffer, Buffer][]): Buffer =>
      Buffer.concat([base.subarray(0, base.length - 2), Buffer.from([0, pairs.length]), ...pairs.flatMap(([k, v]) => [str(k), str(v)])]);
    const b = (s: string): Buffer => Buffer.from(s, 'utf8');
    const cases: [Buffer, string | null][] = [
      [withFields([[b('a'), b('1')], [b('a'), b('2')]]), 'fields not in canonical order'],
      [withFields([[b('ab'), b('1')], [b('a'), b('2')]]), 'fields not in canonical order'],
      [withFields([[b('a'), b('1')], [b('ab'), b('2')]]), null],
      [withFields([[b('B'), b('1')], [b('a'), b('2')]]), null],
      [withFields([[b('k'.repeat(64)), b('1')]]), null],
      [withFields([[b('k'.repeat(65)), b('1')]]), 'bad field name'],
      [withFields([[b(''), b('1')]]), 'bad field name'],
      [withFields([[b('1a'), b('1')]]), 'bad field name'],
      [withFields([[b('_a'), b('1')]]), 'bad field name'],
      [withFields([[b('a b'), b('1')]]), 'bad field name'],
      [withFields([[b('é'), b('1')]]), 'bad field name'],
      [withFields([[Buffer.of(0x61, 0xc3), b('1')]]), 'string is not UTF-8'],
      [withFields([[b('a'), Buffer.of(0xed, 0xa0, 0x80)]]), 'string is not UTF-8'],
    ];
    const layout = new LeafLayout();
    for (const [leaf, expected] of cases) {
      let reference: string | null = null;
      try {
        decodeEntry(leaf);
      } catch (error) {
        reference = (error as Error).message;
      }
      expect(reference).toBe(expected);
      expect(scanLeaf(leaf, layout)).toBe(expected);
    }
  });
});
