/**
 * better-sqlite3-multiple-ciphers, typed. Its package.json `exports` hides its bundled typings from
 * NodeNext resolution, so we load it through require and borrow the identical @types/better-sqlite3
 * API. Other layers import `Database` from here (no global module declaration to collide with).
 */
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);

export const Database = require('better-sqlite3-multiple-ciphers') as typeof BetterSqlite3;
export type Database = BetterSqlite3.Database;
