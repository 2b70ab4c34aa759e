import { scrypt as nodeScrypt } from 'node:crypto';
import scryptJsModule from 'scrypt-js';

const scryptJs = scryptJsModule.scrypt; // CommonJS module: named ESM imports fail under plain Node
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, MIN_SCRYPT_N, checkScryptParams, scryptMaxmem, scryptNode } from '../../../main/data/kdf.ts';

// RFC 7914 §12 test vectors (the N=2^20 one needs 1 GiB and is left out).
const VECTORS = [
  { P: '', S: '', N: 16, r: 1, p: 1, dk: '77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906' },
  { P: 'password', S: 'NaCl', N: 1024, r: 8, p: 16, dk: 'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640' },
  { P: 'pleaseletmein', S: 'SodiumChloride', N: 16384, r: 8, p: 1, dk: '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887' },
] as const;

const enc = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function viaNode(P: string, S: string, N: number, r: number, p: number, len: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) =>
    nodeScrypt(P, S, len, { N, r, p, maxmem: scryptMaxmem({ alg: 'scrypt', N, r, p, dkLen: 32 }) }, (e, k) => (e ? reject(e) : resolve(k))),
  );
}

describe('scrypt (RFC 7914)', () => {
  for (const v of VECTORS) {
    it(`scrypt-js matches the RFC 7914 vector N=${v.N} r=${v.r} p=${v.p}`, async () => {
      expect(hex(await scryptJs(enc(v.P), enc(v.S), v.N, v.r, v.p, 64))).toBe(v.dk);
    }, 30_000);
    it(`node:crypto.scrypt matches the RFC 7914 vector N=${v.N} r=${v.r} p=${v.p}`, async () => {
      expect(hex(await viaNode(v.P, v.S, v.N, v.r, v.p, 64))).toBe(v.dk);
    });
  }

  it('derives slot keys with node:crypto (first 32 bytes of the RFC vector)', async () => {
    const key = await scryptNode(enc('pleaseletmein'), enc('SodiumChloride'), { alg: 'scrypt', N: 16384, r: 8, p: 1, dkLen: 32 });
    expect(hex(key)).toBe(VECTORS[2].dk.slice(0, 64));
  });

  it('uses N ≥ 2^17, r 8, p 1 by default and both implementations agree there', async () => {
    expect(DEFAULT_SCRYPT.N).toBeGreaterThanOrEqual(2 ** 17);
    expect(DEFAULT_SCRYPT.r).toBe(8);
    expect(DEFAULT_SCRYPT.p).toBe(1);
    expect(Object.isFrozen(DEFAULT_SCRYPT)).toBe(true);
    const salt = new Uint8Array(32).fill(7);
    const [a, b] = await Promise.all([scryptNode(enc('agree at production cost'), salt, DEFAULT_SCRYPT), scryptJs(enc('agree at production cost'), salt, 2 ** 17, 8, 1, 32)]);
    expect(hex(a)).toBe(hex(b));
  }, 60_000);

  it('needs maxmem raised: node refuses N=2^17 with its default limit', async () => {
    await expect(new Promise((resolve, reject) => nodeScrypt('x', 'y', 32, { N: 2 ** 17, r: 8, p: 1 }, (e, k) => (e ? reject(e) : resolve(k))))).rejects.toThrow();
  });

  it('refuses parameters outside the accepted range (crafted key stores cannot downgrade or exhaust memory)', () => {
    expect(() => checkScryptParams({ alg: 'scrypt', N: MIN_SCRYPT_N / 2, r: 8, p: 1, dkLen: 32 })).toThrow(RangeError);
    expect(() => checkScryptParams({ alg: 'scrypt', N: 2 ** 22, r: 8, p: 1, dkLen: 32 })).toThrow(RangeError);
    expect(() => checkScryptParams({ alg: 'scrypt', N: 3000, r: 8, p: 1, dkLen: 32 })).toThrow(RangeError);
  });
});
