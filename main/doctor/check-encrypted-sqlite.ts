import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { openEncryptedDb, pageCipherOf } from '../data/encrypted-db.ts';
import type { DoctorCheck } from './report.ts';

const NAME = 'encrypted SQLite';

/**
 * Proves the cipher really encrypts: writes a keyed database with a planted marker through the data
 * layer's own opener (so the page cipher tenants get), shows the marker is absent from every file's
 * bytes, reopens with the key, and fails to open without it.
 */
export async function checkEncryptedSqlite(): Promise<DoctorCheck> {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-doctor-'));
  const file = join(dir, 'probe.db');
  const key = randomBytes(32);
  const marker = `airlock-marker-${randomBytes(8).toString('hex')}`;
  try {
    const db = openEncryptedDb(file, key.toString('hex'), { create: true });
    db.exec('CREATE TABLE probe (value TEXT NOT NULL)');
    db.prepare('INSERT INTO probe (value) VALUES (?)').run(marker);
    const cipher = pageCipherOf(db);
    const leaked = filesContaining(dir, marker);
    db.close();
    const leakedAfterClose = filesContaining(dir, marker);
    if (leaked.length > 0 || leakedAfterClose.length > 0) {
      return fail(`marker found in clear in ${[...leaked, ...leakedAfterClose].join(', ')}`);
    }

    const reopened = openEncryptedDb(file, key.toString('hex'));
    const row = reopened.prepare('SELECT value FROM probe').get() as { value: string } | undefined;
    reopened.close();
    if (row?.value !== marker) return fail('reopened with the key but the marker row was not read back');

    if (opensWithoutKey(file)) return fail('the database opened without its key');
    return { name: NAME, status: 'pass', detail: `cipher ${cipher}: marker absent from file bytes, key required` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function opensWithoutKey(file: string): boolean {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.prepare('SELECT count(*) FROM probe').get();
    return true;
  } catch {
    return false; // "file is not a database": exactly what a missing key must cause
  } finally {
    db.close();
  }
}

function filesContaining(dir: string, marker: string): string[] {
  const needle = Buffer.from(marker);
  return readdirSync(dir).filter((name) => readFileSync(join(dir, name)).includes(needle));
}

function fail(detail: string): DoctorCheck {
  return {
    name: NAME,
    status: 'fail',
    detail,
    remedy: 'Reinstall dependencies with `npm ci`; better-sqlite3-multiple-ciphers must load its prebuilt cipher build.',
  };
}
