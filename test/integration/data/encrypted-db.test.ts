import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEncryptedDb, PAGE_CIPHERS, pageCipherOf, type PageCipher } from '../../../main/data/encrypted-db.ts';
import { PageCipherUnavailableError, TenantDbKeyError } from '../../../main/data/errors.ts';
import { Database } from '../../../main/data/sqlite.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function freshFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-encrypted-db-'));
  dirs.push(dir);
  return join(dir, 'tenant.db');
}
const newKey = (): string => randomBytes(32).toString('hex');

/** A database as the opener before AEGIS made it: ChaCha20-Poly1305 pages, raw key, WAL. */
function legacyChaCha20(file: string, keyHex: string, marker: string): void {
  const db = new Database(file);
  db.pragma(`cipher = 'chacha20'`);
  db.pragma(`key = "x'${keyHex}'"`);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE notes (body TEXT NOT NULL)');
  db.prepare('INSERT INTO notes (body) VALUES (?)').run(marker);
  db.close();
}

/** Opens `file` with exactly one cipher and the key, outside the data layer: does page 1 authenticate? */
function opensWith(file: string, keyHex: string, pragmas: string[]): boolean {
  const db = new Database(file, { fileMustExist: true, readonly: true });
  try {
    for (const p of pragmas) db.pragma(p);
    db.pragma(`key = "x'${keyHex}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch (error) {
    expect((error as { code?: string }).code).toBe('SQLITE_NOTADB');
    return false;
  } finally {
    db.close();
  }
}

describe('openEncryptedDb: the page cipher', () => {
  it('creates new databases under AEGIS-256, which ChaCha20 cannot open, with no plaintext in the file', () => {
    const file = freshFile();
    const key = newKey();
    const marker = `marker-${randomBytes(8).toString('hex')}`;
    const db = openEncryptedDb(file, key, { create: true });
    expect(pageCipherOf(db)).toBe('aegis');
    db.exec('CREATE TABLE notes (body TEXT NOT NULL)');
    db.prepare('INSERT INTO notes (body) VALUES (?)').run(marker);
    db.close();
    expect(readFileSync(file).includes(Buffer.from(marker))).toBe(false);
    expect(opensWith(file, key, ["cipher = 'aegis'", "algorithm = 'aegis-256'"])).toBe(true);
    expect(opensWith(file, key, ["cipher = 'chacha20'"])).toBe(false);
    expect(opensWith(file, key, ["cipher = 'aegis'", "algorithm = 'aegis-128l'"])).toBe(false);
    const again = openEncryptedDb(file, key);
    expect((again.prepare('SELECT body FROM notes').get() as { body: string }).body).toBe(marker);
    again.close();
  });

  it('keeps opening a ChaCha20-Poly1305 database made before AEGIS: reads, writes and stays ChaCha20', () => {
    const file = freshFile();
    const key = newKey();
    legacyChaCha20(file, key, 'written by the old opener');
    const db = openEncryptedDb(file, key);
    expect(pageCipherOf(db)).toBe('chacha20');
    expect((db.prepare('SELECT body FROM notes').get() as { body: string }).body).toBe('written by the old opener');
    db.prepare('INSERT INTO notes (body) VALUES (?)').run('written after the change');
    db.close();
    expect(opensWith(file, key, ["cipher = 'chacha20'"])).toBe(true);
    expect(opensWith(file, key, ["cipher = 'aegis'", "algorithm = 'aegis-256'"])).toBe(false);
    const again = openEncryptedDb(file, key);
    expect(again.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: 2 });
    again.close();
  });

  it('refuses a wrong key under either cipher with a typed error, and leaves the file as it was', () => {
    const aegisFile = freshFile();
    const key = newKey();
    const created = openEncryptedDb(aegisFile, key, { create: true });
    created.exec('CREATE TABLE notes (body TEXT)');
    created.close();
    const chachaFile = freshFile();
    legacyChaCha20(chachaFile, key, 'x');
    for (const file of [aegisFile, chachaFile]) {
      const before = readFileSync(file);
      expect(() => openEncryptedDb(file, newKey())).toThrow(TenantDbKeyError);
      expect(readFileSync(file).equals(before)).toBe(true);
      openEncryptedDb(file, key).close();
    }
  });

  it('reports a damaged first page as unreadable with this key (typed), not as another cipher', () => {
    const file = freshFile();
    const key = newKey();
    const db = openEncryptedDb(file, key, { create: true });
    db.exec('CREATE TABLE notes (body TEXT)');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    bytes[200] = (bytes[200] as number) ^ 0xff;
    writeFileSync(file, bytes);
    expect(() => openEncryptedDb(file, key)).toThrow(TenantDbKeyError);
  });

  /** A cipher this build does not have, and an AEGIS variant name it does not know (ignored silently by SQLite3MC). */
  const unknownCipher: PageCipher = { name: 'rot13', pragmas: ["cipher = 'rot13'"], expect: { cipher: 'rot13' } };
  const unknownVariant: PageCipher = { name: 'aegis-999', pragmas: ["cipher = 'aegis'", "algorithm = 'aegis-999'"], expect: { cipher: 'aegis', algorithm: 'aegis-999' } };
  const [aegis, chacha] = PAGE_CIPHERS as [PageCipher, PageCipher];

  it('creates with the first cipher the build has, passing over one it lacks or a variant it ignores', () => {
    const file = freshFile();
    const key = newKey();
    const db = openEncryptedDb(file, key, { create: true, ciphers: [unknownCipher, unknownVariant, chacha, aegis] });
    expect(pageCipherOf(db)).toBe('chacha20');
    db.close();
    expect(opensWith(file, key, ["cipher = 'chacha20'"])).toBe(true);
  });

  it('says which cipher the build lacks when nothing it has opens the file', () => {
    const file = freshFile();
    const key = newKey();
    openEncryptedDb(file, key, { create: true }).close();
    const before = readFileSync(file);
    const error = (() => {
      try {
        openEncryptedDb(file, key, { ciphers: [unknownCipher, chacha] });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(PageCipherUnavailableError);
    expect((error as Error).message).toMatch(/lacks the page cipher rot13.*npm ci/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(() => openEncryptedDb(file, key, { ciphers: [chacha] })).toThrow(TenantDbKeyError);
    openEncryptedDb(file, key).close();
  });
});
