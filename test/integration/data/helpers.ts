import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScryptParams } from '../../../main/data/kdf.ts';

/** Test-only low work factor: passed explicitly, never a default (the default is asserted ≥ 2^17). */
export const TEST_KDF: ScryptParams = { alg: 'scrypt', N: 2 ** 10, r: 8, p: 1, dkLen: 32 };

export const PASS_ALICE = 'alice correct horse staple 7';
export const PASS_BOB = 'bob tangerine lighthouse 42';

export function tempDir(prefix = 'airlock-data-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Every (file, needle label) pair where the needle's bytes occur in the raw file. */
export function findInFiles(dirs: string[], needles: { label: string; bytes: Uint8Array }[]): string[] {
  const hits: string[] = [];
  for (const dir of dirs) {
    for (const file of listFiles(dir)) {
      if (statSync(file).size === 0) continue;
      const content = readFileSync(file);
      for (const needle of needles) if (content.indexOf(Buffer.from(needle.bytes)) >= 0) hits.push(`${file}: ${needle.label}`);
    }
  }
  return hits;
}
