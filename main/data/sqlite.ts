/**
 * better-sqlite3-multiple-ciphers, typed (see native/better-sqlite3-multiple-ciphers.d.ts for why
 * the types are @types/better-sqlite3's). Other layers import `Database` from here.
 */
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

export const Database = BetterSqlite3;
export type Database = BetterSqlite3.Database;
