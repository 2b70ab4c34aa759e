/** Real parts for audit tests: Ed25519 signers, an AES-256-GCM sealer, encrypted WAL SQLite. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import type { Database } from 'better-sqlite3';
import type { AuditSigner, PayloadSealer } from '../../../main/audit/ports.ts';
import { PAGE_CIPHERS } from '../../../main/data/encrypted-db.ts';

import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);
// By absolute path: tsconfig `paths` maps the package name to its .d.ts, which tsx applies at runtime.
const Sqlite = require(new URL('../../../node_modules/better-sqlite3-multiple-ciphers/lib/index.js', import.meta.url).pathname) as typeof BetterSqlite3;

export function makeSigner(seed: Uint8Array = randomBytes(32)): AuditSigner & { seed: Uint8Array } {
  const secret = new Uint8Array(seed);
  return { seed: secret, publicKey: ed25519.getPublicKey(secret), sign: (m) => ed25519.sign(m, secret) };
}

export function makeSealer(key: Uint8Array = randomBytes(32)): PayloadSealer & { key: Uint8Array } {
  return {
    key,
    seal(plaintext) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plaintext), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    open(sealed) {
      const b = Buffer.from(sealed);
      const d = createDecipheriv('aes-256-gcm', key, b.subarray(0, 12));
      d.setAuthTag(b.subarray(12, 28));
      return Buffer.concat([d.update(b.subarray(28)), d.final()]);
    },
  };
}

export function tempDir(prefix = 'airlock-audit-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Opens an encrypted database the way the data layer does for a new one: its page cipher, raw key, WAL, synchronous=FULL. */
export function openEncryptedDb(file: string, keyHex: string): Database {
  const db = new Sqlite(file);
  for (const pragma of PAGE_CIPHERS[0]?.pragmas ?? []) db.pragma(pragma);
  db.pragma(`key="x'${keyHex}'"`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}

export interface TenantParts {
  dir: string;
  file: string;
  dbKeyHex: string;
  signer: ReturnType<typeof makeSigner>;
  sealer: ReturnType<typeof makeSealer>;
  epochZeroKey: Uint8Array;
}

export function tenantParts(): TenantParts {
  const dir = tempDir();
  return {
    dir,
    file: path.join(dir, 'tenant.db'),
    dbKeyHex: randomBytes(32).toString('hex'),
    signer: makeSigner(),
    sealer: makeSealer(),
    epochZeroKey: new Uint8Array(randomBytes(32)),
  };
}
