/**
 * Opens an SQLite database encrypted by SQLite3 Multiple Ciphers with a raw 32-byte key: no per-open
 * KDF, WAL, synchronous=FULL, foreign keys on. Failures become typed errors and never modify the file.
 *
 * Page cipher: new databases use AEGIS-256 (an AEAD on the AES round, a fresh 256-bit nonce per page
 * write), which encrypts a page several times faster than ChaCha20-Poly1305 where the CPU has AES
 * instructions (x86-64 with AES-NI, ARMv8 with its crypto extension): a bare commit 51 → 17 µs, one
 * audit call record 0.31 → 0.23 ms and its p99 2.8–4.2 → 1.2 ms (test/bench/RESULTS.md, pipeline 10).
 * Without them SQLite3MC runs libaegis's portable AES, which reads every cache line of its table for
 * each lookup (built against cache-timing attacks, FAVOR_PERFORMANCE off): slower, not measured here.
 * Databases created before it stay ChaCha20-Poly1305 and keep opening: each cipher is tried in turn,
 * and only the one that authenticates page 1 opens the file.
 */
import { Database, type Database as Db } from './sqlite.ts';
import { existsSync, statSync } from 'node:fs';
import { PageCipherUnavailableError, TenantDbCorruptError, TenantDbKeyError } from './errors.ts';

/** A page cipher and the pragmas that select it, pinned (a library default that changed would lock databases out). */
export interface PageCipher {
  readonly name: string;
  readonly pragmas: readonly string[];
  /** Pragma values that must read back after `pragmas` (SQLite3MC ignores an unknown AEGIS variant silently). */
  readonly expect: Readonly<Record<string, string>>;
}

/**
 * New databases use the first this build of SQLite3 Multiple Ciphers supports; an existing one opens
 * under whichever of these authenticates it.
 */
export const PAGE_CIPHERS: readonly PageCipher[] = [
  { name: 'aegis-256', pragmas: ["cipher = 'aegis'", "algorithm = 'aegis-256'"], expect: { cipher: 'aegis', algorithm: 'aegis-256' } },
  { name: 'chacha20-poly1305', pragmas: ["cipher = 'chacha20'", 'legacy = 0'], expect: { cipher: 'chacha20' } },
];

export interface OpenOptions {
  /** Create the file when missing (only at tenant creation). Otherwise missing/empty is an error. */
  create?: boolean;
  /** The ciphers to try, in order (tests); default PAGE_CIPHERS. */
  ciphers?: readonly PageCipher[];
}

function sqliteCode(error: unknown): string {
  return (error as { code?: unknown }).code?.toString() ?? '';
}

/** Selects the cipher on a fresh connection; false when this build lacks it. */
function selects(db: Db, cipher: PageCipher): boolean {
  try {
    for (const pragma of cipher.pragmas) db.pragma(pragma);
  } catch {
    return false; // "Cipher '…' unknown"
  }
  return Object.entries(cipher.expect).every(([name, value]) => String(db.pragma(name, { simple: true })) === value);
}

/**
 * Keys a fresh connection with one cipher; undefined when this build lacks the cipher or when it (or
 * the key) does not authenticate page 1.
 */
function keyed(path: string, keyHex: string, cipher: PageCipher, mustExist: boolean): Db | 'unavailable' | undefined {
  const db = new Database(path, { fileMustExist: mustExist });
  if (!selects(db, cipher)) {
    db.close();
    return 'unavailable';
  }
  try {
    db.pragma(`key = "x'${keyHex}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db.close();
    const code = sqliteCode(error);
    if (code === 'SQLITE_NOTADB') return undefined;
    if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_IOERR')) throw new TenantDbCorruptError(path, code);
    throw error;
  }
}

export function openEncryptedDb(path: string, keyHex: string, options: OpenOptions = {}): Db {
  if (!/^[0-9a-f]{64}$/.test(keyHex)) throw new TypeError('raw SQLite key must be 64 hex digits');
  const exists = existsSync(path) && statSync(path).size > 0;
  if (!options.create && !exists) {
    throw new TenantDbCorruptError(path, existsSync(path) ? 'the file is empty' : 'the file is missing');
  }
  const ciphers = options.ciphers ?? PAGE_CIPHERS;
  let db: Db | undefined;
  const missing: string[] = [];
  // A new file takes the first cipher this build has; an existing one, the cipher that opens it.
  for (const cipher of ciphers) {
    const opened = keyed(path, keyHex, cipher, !options.create);
    if (opened === 'unavailable') missing.push(cipher.name);
    else if (opened) {
      db = opened;
      break;
    }
  }
  if (!db && missing.length > 0) throw new PageCipherUnavailableError(path, missing);
  if (!db) throw new TenantDbKeyError(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    if (!options.create) {
      let verdict: string;
      try {
        verdict = String(db.pragma('quick_check', { simple: true }));
      } catch (error) {
        throw new TenantDbCorruptError(path, sqliteCode(error) || 'quick_check failed');
      }
      if (verdict !== 'ok') throw new TenantDbCorruptError(path, 'integrity check failed');
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The page cipher an open database uses, as SQLite3 Multiple Ciphers reports it (e.g. "aegis", "chacha20"). */
export function pageCipherOf(db: Db): string {
  return String(db.pragma('cipher', { simple: true }));
}
