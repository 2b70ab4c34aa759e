/**
 * Opens an SQLite database encrypted by SQLite3 Multiple Ciphers (ChaCha20-Poly1305) with a raw
 * 32-byte key: no per-open KDF, WAL, synchronous=FULL, foreign keys on. Failures become typed errors
 * and never modify the file.
 */
import { Database, type Database as Db } from './sqlite.ts';
import { existsSync, statSync } from 'node:fs';
import { TenantDbCorruptError, TenantDbKeyError } from './errors.ts';

export interface OpenOptions {
  /** Create the file when missing (only at tenant creation). Otherwise missing/empty is an error. */
  create?: boolean;
}

function sqliteCode(error: unknown): string {
  return (error as { code?: unknown }).code?.toString() ?? '';
}

export function openEncryptedDb(path: string, keyHex: string, options: OpenOptions = {}): Db {
  if (!/^[0-9a-f]{64}$/.test(keyHex)) throw new TypeError('raw SQLite key must be 64 hex digits');
  if (!options.create && (!existsSync(path) || statSync(path).size === 0)) {
    throw new TenantDbCorruptError(path, existsSync(path) ? 'the file is empty' : 'the file is missing');
  }
  const db = new Database(path, { fileMustExist: !options.create });
  try {
    db.pragma(`cipher = 'chacha20'`);
    db.pragma(`key = "x'${keyHex}'"`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      const code = sqliteCode(error);
      if (code === 'SQLITE_NOTADB') throw new TenantDbKeyError(path);
      if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_IOERR')) throw new TenantDbCorruptError(path, code);
      throw error;
    }
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
