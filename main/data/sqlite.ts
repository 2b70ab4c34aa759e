/**
 * better-sqlite3-multiple-ciphers, typed. Its package.json `exports` hides its bundled typings from
 * NodeNext resolution, so types come from the identical @types/better-sqlite3 API. The module is
 * loaded by its resolved file path: a tsconfig `paths` entry that maps the bare name to typings (for
 * tsc) must not redirect the runtime load (tsx honours `paths`). Other layers import `Database` here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'better-sqlite3-multiple-ciphers';

function packageEntry(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', PACKAGE, 'package.json');
    if (existsSync(manifest)) {
      const { exports, main } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Record<string, unknown>; main?: string };
      const entry = typeof exports?.['.'] === 'string' ? exports['.'] : (main ?? 'lib/index.js');
      return join(dirname(manifest), entry);
    }
    if (dirname(dir) === dir) return PACKAGE; // not found on disk: let Node resolve the bare name
  }
}

const require = createRequire(import.meta.url);

export const Database = require(packageEntry()) as typeof import('better-sqlite3');
export type Database = import('better-sqlite3').Database;
