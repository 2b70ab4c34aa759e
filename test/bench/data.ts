/**
 * Data-layer benchmark (plain script): node --import tsx test/bench/data.ts
 *  1. unlock KDF: scrypt-js vs node:crypto.scrypt at N=2^17, r=8, p=1 (baseline: scrypt-js)
 *  2. envelope encrypt+decrypt MB/s vs the raw AEAD it uses (aead.ts seal/open under one key: baseline), and
 *     @noble/ciphers xchacha20poly1305, which produced the same bytes before aead.ts moved to node:crypto
 *  3. tenant database open time (unlock without KDF: keys, SQLite open + quick_check + migrations)
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import scryptJsModule from 'scrypt-js';

const scryptJs = scryptJsModule.scrypt; // CommonJS module: named ESM imports fail under plain Node
import { initAppliance, openAppliance, setFieldEncryptionRequirement } from '../../main/appliance.ts';
import { open as openSealed, seal } from '../../main/data/aead.ts';
import { DEFAULT_SCRYPT, scryptNode } from '../../main/data/kdf.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

const pass = new TextEncoder().encode('benchmark passphrase 123');
const salt = new Uint8Array(randomBytes(32));
const { N, r, p } = DEFAULT_SCRYPT;
const js = await time(3, () => scryptJs(pass, salt, N, r, p, 32));
const node = await time(5, () => scryptNode(pass, salt, DEFAULT_SCRYPT));
console.log(`KDF scrypt N=2^17 r=8 p=1: scrypt-js ${js.toFixed(0)} ms, node:crypto.scrypt ${node.toFixed(0)} ms, ratio scrypt-js/node = ${(js / node).toFixed(2)}x (median)`);

const dir = mkdtempSync(join(tmpdir(), 'airlock-bench-'));
try {
  const kdf = { alg: 'scrypt', N: 2 ** 10, r: 8, p: 1, dkLen: 32 } as const; // KDF measured above; keep it out of the rest
  const { appliance } = await initAppliance({ dir, tenant: 'bench', user: 'alice', passphrase: 'benchmark passphrase 123', kdf });
  const t = await appliance.unlockTenant('bench', 'alice', 'benchmark passphrase 123');
  setFieldEncryptionRequirement(t, true, 'bench');
  for (const size of [1024, 64 * 1024, 1024 * 1024]) {
    const data = new Uint8Array(randomBytes(size));
    const iterations = Math.max(20, Math.floor((32 * 1024 * 1024) / size));
    const dekId = t.envelope.createDataKey('bench');
    const ad = new TextEncoder().encode('bench-ad');
    const env = await time(5, () => {
      for (let i = 0; i < iterations; i++) t.envelope.decrypt(dekId, t.envelope.encrypt(dekId, data, ad), ad, 'bench');
    });
    const key = new Uint8Array(randomBytes(32));
    const raw = await time(5, () => {
      for (let i = 0; i < iterations; i++) openSealed(key, seal(key, data, ad), ad);
    });
    const noble = await time(5, () => {
      for (let i = 0; i < iterations; i++) {
        const nonce = new Uint8Array(randomBytes(24));
        xchacha20poly1305(key, nonce, ad).decrypt(xchacha20poly1305(key, nonce, ad).encrypt(data));
      }
    });
    const mb = (size * iterations) / (1024 * 1024);
    const rate = (ms: number): string => `${(mb / (ms / 1000)).toFixed(1)} MB/s`;
    console.log(
      `envelope encrypt+decrypt ${String(size / 1024).padStart(5)} KiB items: envelope ${rate(env)}, raw AEAD (aead.ts) ${rate(raw)}, ` +
        `ratio envelope/raw = ${(raw / env).toFixed(2)} (DEK unwrap + row lookup per item); @noble xchacha20poly1305 ${rate(noble)}`,
    );
  }
  // A database of realistic size for the open-time measurement.
  t.db.transaction(() => {
    for (let i = 0; i < 5000; i++) t.fieldEncryption.protect('memory.content', `m${i}`, 'x'.repeat(400));
  })();
  t.lock();
  appliance.close();
  const opened = openAppliance(dir, { kdf });
  const openMs = await time(7, async () => (await opened.unlockTenant('bench', 'alice', 'benchmark passphrase 123')).lock());
  const kdfOnly = await time(7, () => scryptNode(pass, salt, kdf));
  console.log(`tenant database open (5000 encrypted items, ~5 MB): unlock at N=2^10 ${openMs.toFixed(1)} ms, of which KDF ${kdfOnly.toFixed(1)} ms → open ≈ ${(openMs - kdfOnly).toFixed(1)} ms`);
  console.log(`production unlock ≈ node KDF ${node.toFixed(0)} ms + open ${(openMs - kdfOnly).toFixed(0)} ms`);
  opened.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
