/**
 * Exports the tenant's log as a bundle folder for removable media. Everything is written into a
 * temporary sibling directory, fsynced, re-read and verified, and only then renamed into place,
 * so a failure never leaves a half bundle that looks complete.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toBase64, toHex } from '../bytes.ts';
import { decodeEntry } from '../canonical.ts';
import { parseSignedCheckpoint, type SignedCheckpoint } from '../checkpoint.ts';
import type { AuditLog } from '../log.ts';
import { CompactRange, consistencyProofFromCompactRange, verifyConsistency, type LeafRange } from '../merkle.ts';
import { rotationFromFields } from '../signing-key.ts';
import {
  BUNDLE_FORMAT,
  checkpointFileName,
  CHECKPOINTS_DIR,
  CONSISTENCY_FILE,
  ENTRIES_FILE,
  ENTRIES_MAGIC,
  KEY_ROTATIONS_FILE,
  MANIFEST_FILE,
  MANIFEST_SIG_FILE,
  PAYLOADS_FILE,
  type ConsistencyFile,
  type KeyRotationsFile,
  type Manifest,
} from './format.ts';
import { verifyBundle, type BundleReport } from './verify.ts';

export type BundleTargetProblem = 'not-empty' | 'not-a-directory' | 'read-only' | 'vanished' | 'no-parent';

/** The export target cannot take a bundle; nothing was left behind. */
export class BundleTargetError extends Error {
  override readonly name = 'BundleTargetError';
  constructor(
    readonly problem: BundleTargetProblem,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The export could not be completed or did not verify; nothing was left behind. */
export class BundleExportError extends Error {
  override readonly name = 'BundleExportError';
}

export interface ExportProgress {
  readonly phase: 'checkpoint' | 'entries' | 'payloads' | 'proof' | 'verify' | 'done';
  readonly done: number;
  readonly total: number;
}

export interface ExportOptions {
  /** The bundle folder to create (absent, or an empty directory). */
  readonly out: string;
  /** Size of an earlier checkpoint (or the path of its note) to prove consistency from. */
  readonly since?: number | string;
  /** Export payload contents too (auditor role; until roles land, an explicit flag). */
  readonly withPayloads?: boolean;
  readonly actor?: string;
  readonly onProgress?: (p: ExportProgress) => void;
}

export interface ExportResult {
  readonly path: string;
  readonly treeSize: number;
  readonly root: string;
  readonly fingerprint: string;
  readonly manifestSha256: string;
  readonly report: BundleReport;
}

const CHUNK = 4 * 1024 * 1024;

class DigestingWriter {
  readonly #fd: number;
  readonly #hash = createHash('sha256');
  #buf = Buffer.allocUnsafe(CHUNK);
  #used = 0;
  constructor(file: string) {
    this.#fd = fs.openSync(file, 'wx', 0o644);
  }
  write(bytes: Uint8Array): void {
    if (this.#used + bytes.length > this.#buf.length) this.#spill();
    if (bytes.length > this.#buf.length) {
      this.#hash.update(bytes);
      fs.writeSync(this.#fd, bytes);
      return;
    }
    this.#buf.set(bytes, this.#used);
    this.#used += bytes.length;
  }
  #spill(): void {
    if (this.#used === 0) return;
    const chunk = this.#buf.subarray(0, this.#used);
    this.#hash.update(chunk);
    let off = 0;
    while (off < chunk.length) off += fs.writeSync(this.#fd, chunk, off);
    this.#used = 0;
  }
  /** Flushes, fsyncs and closes; returns the file's SHA-256 hex. */
  finish(): string {
    this.#spill();
    fs.fsyncSync(this.#fd);
    fs.closeSync(this.#fd);
    return this.#hash.digest('hex');
  }
}

function writeSmallFile(file: string, text: string): string {
  const w = new DigestingWriter(file);
  w.write(Buffer.from(text, 'utf8'));
  return w.finish();
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function targetError(error: unknown, out: string): BundleTargetError | null {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new BundleTargetError('read-only', `cannot write to ${path.dirname(out)}: the medium is read-only or not writable (${code})`, { cause: error });
  }
  if (code === 'ENOENT' || code === 'EIO' || code === 'ENODEV' || code === 'ENXIO') {
    return new BundleTargetError('vanished', `the export target ${out} disappeared while writing (${code}); reinsert the medium and export again`, { cause: error });
  }
  if (code === 'ENOTEMPTY' || code === 'EEXIST') {
    return new BundleTargetError('not-empty', `${out} is not empty; choose an empty or new folder`, { cause: error });
  }
  if (code === 'ENOSPC') return new BundleTargetError('read-only', `the medium at ${path.dirname(out)} is full`, { cause: error });
  return null;
}

function checkTarget(out: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw targetError(error, out) ?? error;
    try {
      if (!fs.statSync(path.dirname(out)).isDirectory()) throw new Error('not a directory', { cause: error });
    } catch (cause) {
      throw new BundleTargetError('no-parent', `the folder ${path.dirname(out)} does not exist; is the medium mounted?`, { cause });
    }
    return;
  }
  if (!stat.isDirectory()) throw new BundleTargetError('not-a-directory', `${out} exists and is not a folder`);
  if (fs.readdirSync(out).length > 0) throw new BundleTargetError('not-empty', `${out} is not empty; choose an empty or new folder`);
}

function resolveSince(log: AuditLog, since: number | string | undefined, size: number): { size: number; root: Uint8Array; range: CompactRange } | null {
  const bySize = (s: number): { size: number; root: Uint8Array; range: CompactRange } | null => {
    const row = log.db.prepare('SELECT note, compact_range FROM audit_checkpoints WHERE size = ?').get(s) as
      | { note: string; compact_range: Uint8Array }
      | undefined;
    if (!row) return null;
    return { size: s, root: parseSignedCheckpoint(row.note).root, range: CompactRange.deserialize(row.compact_range) };
  };
  if (since === undefined) {
    const row = log.db.prepare('SELECT max(size) AS s FROM audit_checkpoints WHERE size < ?').get(size) as { s: number | null };
    return row.s === null ? null : bySize(row.s);
  }
  if (typeof since === 'number') {
    const found = bySize(since);
    if (!found) throw new BundleExportError(`there is no checkpoint of size ${since} in this log; list them with \`airlock audit verify\``);
    return found;
  }
  let given: SignedCheckpoint;
  try {
    given = parseSignedCheckpoint(fs.readFileSync(since, 'utf8'));
  } catch (cause) {
    throw new BundleExportError(`${since} is not a signed checkpoint note`, { cause });
  }
  const found = bySize(given.size);
  if (!found || toBase64(found.root) !== toBase64(given.root)) {
    throw new BundleExportError(`the checkpoint in ${since} (size ${given.size}) is not one this log signed; it may be from another log or forged`);
  }
  return found;
}

/** Writes, verifies and publishes a bundle of `log` at `options.out`. */
export async function exportBundle(log: AuditLog, options: ExportOptions): Promise<ExportResult> {
  const out = path.resolve(options.out);
  const progress = options.onProgress ?? (() => {});
  checkTarget(out);
  progress({ phase: 'checkpoint', done: 0, total: 1 });
  const checkpoint = await log.checkpoint('export');
  const n = checkpoint.size;
  const since = resolveSince(log, options.since, n);

  let temp: string;
  try {
    temp = fs.mkdtempSync(path.join(path.dirname(out), `.${path.basename(out)}.partial-`));
  } catch (error) {
    throw targetError(error, out) ?? error;
  }
  try {
    const files: Record<string, string> = {};
    const db = log.db;

    // Entries, streamed with progress.
    const entries = new DigestingWriter(path.join(temp, ENTRIES_FILE));
    entries.write(ENTRIES_MAGIC);
    const header = Buffer.alloc(4);
    let done = 0;
    const rotations: KeyRotationsFile['rotations'] = [];
    const step = Math.max(1, Math.floor(n / 100));
    // One blob per row, leaf || chain_hash: SQLite concatenates blobs byte for byte, and every
    // value handed to JS costs a native Buffer. A chain hash of any other length drops its row,
    // which the count check below turns into a refusal.
    const records = db
      .prepare('SELECT CAST(leaf || chain_hash AS BLOB) FROM audit_entries WHERE seq < ? AND length(chain_hash) = 32 ORDER BY seq')
      .pluck(true)
      .iterate(n) as Iterable<Uint8Array>;
    for (const record of records) {
      header.writeUInt32BE(record.length - 32, 0);
      entries.write(header);
      entries.write(record);
      done++;
      if (done % step === 0) progress({ phase: 'entries', done, total: n });
    }
    files[ENTRIES_FILE] = entries.finish();
    if (done !== n) throw new BundleExportError(`expected ${n} entries, read ${done}; run \`airlock audit verify\``);
    progress({ phase: 'entries', done, total: n });

    // Signing-key chain, from the log's own rotation entries.
    const keys = db.prepare('SELECT seq, public_key FROM audit_signing_keys WHERE seq < ? ORDER BY seq').all(n) as { seq: number; public_key: Uint8Array }[];
    const first = keys[0];
    if (!first || first.seq !== 0) throw new BundleExportError('the log has no first signing key on record');
    for (const k of keys.slice(1)) {
      const leaf = (db.prepare('SELECT leaf FROM audit_entries WHERE seq = ?').get(k.seq) as { leaf: Uint8Array }).leaf;
      const r = rotationFromFields(k.seq, decodeEntry(leaf).fields);
      rotations.push({ seq: k.seq, publicKey: toHex(r.publicKey), oldKeySignature: toBase64(r.oldKeySignature), newKeySignature: toBase64(r.newKeySignature) });
    }
    const rotationFile: KeyRotationsFile = { origin: log.origin, firstPublicKey: toHex(first.public_key), rotations };
    files[KEY_ROTATIONS_FILE] = writeSmallFile(path.join(temp, KEY_ROTATIONS_FILE), `${JSON.stringify(rotationFile, null, 2)}\n`);

    // Checkpoints.
    fs.mkdirSync(path.join(temp, CHECKPOINTS_DIR));
    for (const row of db.prepare('SELECT size, note FROM audit_checkpoints WHERE size <= ? ORDER BY size').all(n) as { size: number; note: string }[]) {
      const name = checkpointFileName(row.size);
      files[name] = writeSmallFile(path.join(temp, name), row.note);
    }
    fsyncDir(path.join(temp, CHECKPOINTS_DIR));

    // Consistency proof from the earlier checkpoint; checked before it is written.
    progress({ phase: 'proof', done: 0, total: 1 });
    const consistency: ConsistencyFile = { from: null, to: { size: n, root: toBase64(checkpoint.root) }, proof: [] };
    if (since) {
      const rangeHash = (r: LeafRange): Uint8Array => {
        const range = new CompactRange();
        for (const row of db.prepare('SELECT leaf FROM audit_entries WHERE seq >= ? AND seq < ? ORDER BY seq').iterate(r.start, r.end) as Iterable<{ leaf: Uint8Array }>) {
          range.appendLeaf(row.leaf);
        }
        return range.root();
      };
      const proof = consistencyProofFromCompactRange(since.range, n, rangeHash);
      if (!verifyConsistency(since.size, n, since.root, checkpoint.root, proof)) {
        throw new BundleExportError(`the log at size ${n} is not consistent with its checkpoint of size ${since.size}; run \`airlock audit verify\``);
      }
      consistency.from = { size: since.size, root: toBase64(since.root) };
      consistency.proof = proof.map(toBase64);
    }
    files[CONSISTENCY_FILE] = writeSmallFile(path.join(temp, CONSISTENCY_FILE), `${JSON.stringify(consistency, null, 2)}\n`);

    if (options.withPayloads) {
      const w = new DigestingWriter(path.join(temp, PAYLOADS_FILE));
      let count = 0;
      for (const p of log.payloads(n)) {
        w.write(Buffer.from(`${JSON.stringify({ seq: p.seq, payload: toBase64(p.payload) })}\n`, 'utf8'));
        if (++count % 1000 === 0) progress({ phase: 'payloads', done: count, total: count });
      }
      files[PAYLOADS_FILE] = w.finish();
    }

    const manifest: Manifest = {
      format: BUNDLE_FORMAT,
      origin: log.origin,
      tenant: log.tenant,
      createdMs: Date.now(),
      treeSize: n,
      root: toBase64(checkpoint.root),
      fingerprint: log.fingerprint,
      withPayloads: options.withPayloads === true,
      checkpoint: checkpoint.note,
      files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))),
    };
    const manifestSha256 = writeSmallFile(path.join(temp, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    const sig = log.signBundleManifest(manifestSha256);
    writeSmallFile(path.join(temp, MANIFEST_SIG_FILE), sig);
    fsyncDir(temp);

    // Re-read from the medium and verify before calling it a bundle.
    progress({ phase: 'verify', done: 0, total: n });
    const report = verifyBundle(temp, log.fingerprint, { onProgress: (d) => progress({ phase: 'verify', done: d, total: n }) });
    if (!report.ok) {
      throw new BundleExportError(`the written bundle did not verify: ${report.failure?.message ?? report.problems.join('; ')}`);
    }
    try {
      fs.renameSync(temp, out);
      fsyncDir(path.dirname(out));
    } catch (error) {
      throw targetError(error, out) ?? error;
    }
    progress({ phase: 'done', done: n, total: n });
    await log.recordExport(options.actor ?? 'airlock/cli', n, manifestSha256, checkpoint.note, out);
    return { path: out, treeSize: n, root: toHex(checkpoint.root), fingerprint: log.fingerprint, manifestSha256, report: { ...report, path: out } };
  } catch (error) {
    fs.rmSync(temp, { recursive: true, force: true });
    if (error instanceof BundleTargetError || error instanceof BundleExportError) throw error;
    const typed = targetError(error, out);
    if (typed) throw typed;
    throw error;
  }
}
