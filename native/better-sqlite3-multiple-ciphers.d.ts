// better-sqlite3-multiple-ciphers ships typings that its package "exports" map hides from
// NodeNext resolution. Its API is better-sqlite3's, so type it with @types/better-sqlite3.
declare module 'better-sqlite3-multiple-ciphers' {
  import Database from 'better-sqlite3';
  export = Database;
}
