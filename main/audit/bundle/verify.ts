/**
 * The offline bundle verifier: needs only the bundle folder and the SHA-256 fingerprint of the
 * tenant's first signing key — no passphrase, no appliance, no network. Streams entries.bin once
 * (constant memory) through the same pure LogVerifier the appliance uses on its database.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bytesEqual, fromBase64, fromHex, toHex, utf8Strict } from '../bytes.ts';
import { bundleFailureAdvice } from '../failure-advice.ts';
import { keyFingerprint, parseSignedCheckpoint, type SignedCheckpoint } from '../checkpoint.ts';
import { verifyConsistency } from '../merkle.ts';
import { parseNote, verifyNoteSignature } from '../signed-note.ts';
import { sha256 } from '../sha256.ts';
import { rotationFromFields, verifyRotation } from '../signing-key.ts';
import { LogVerifier, type VerificationFailure } from '../stream-verifier.ts';
import {
  CHECKPOINTS_DIR,
  consistencySchema,
  CONSISTENCY_FILE,
  ENTRIES_FILE,
  ENTRIES_MAGIC,
  KEY_ROTATIONS_FILE,
  keyRotationsSchema,
  MANIFEST_FILE,
  MANIFEST_SIG_FILE,
  manifestSchema,
  manifestSignatureText,
  MAX_LEAF_BYTES,
  PAYLOADS_FILE,
  type Manifest,
} from './format.ts';

export interface BundleReport {
  readonly ok: boolean;
  readonly path: string;
  readonly tenant: string | null;
  readonly origin: string | null;
  /** The fingerprint the auditor trusts (as given). */
  readonly trustedFingerprint: string;
  /** The fingerprint of the first key this bundle was actually signed under. */
  readonly fingerprint: string | null;
  readonly treeSize: number;
  /** Hex root recomputed from the entries. */
  readonly root: string;
  readonly entriesVerified: number;
  readonly checkpointsVerified: number;
  readonly signingKeys: readonly string[];
  readonly gatewayCallsVerified: number;
  /** Gateway calls whose pipeline hash was recomputed from the stage verdicts in their payload (bundles with payloads). */
  readonly pipelineHashesRecomputed: number;
  readonly payloadsVerified: number | null;
  readonly consistency: { readonly from: { size: number; root: string } | null; readonly to: { size: number; root: string }; readonly ok: boolean } | null;
  /** The first bad entry, when any entry-level check failed. */
  readonly failure: VerificationFailure | null;
  /** File-level problems (manifest, signatures, missing or extra files). */
  readonly problems: readonly string[];
  readonly notes: readonly string[];
}

export interface VerifyBundleOptions {
  readonly onProgress?: (entriesDone: number) => void;
}

const MAX_SMALL_FILE = 64 * 1024 * 1024;

function readSmall(dir: string, name: string): Buffer | null {
  try {
    const file = path.join(dir, name);
    if (fs.statSync(file).size > MAX_SMALL_FILE) return null;
    return fs.readFileSync(file);
  } catch {
    return null;
  }
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      for (const f of fs.readdirSync(path.join(dir, e.name), { withFileTypes: true })) out.push(`${e.name}/${f.name}${f.isDirectory() ? '/' : ''}`);
    } else {
      out.push(e.name);
    }
  }
  return out.sort();
}

/**
 * A file read forward through one growing buffer, hashed as it is read: the unread bytes are
 * buf[start, end). Both bundle readers below sit on it, so each file is read, and hashed, once.
 */
class HashingFileBuffer {
  readonly #fd: number;
  readonly #hash = createHash('sha256');
  buf: Buffer;
  start = 0;
  end = 0;
  eof = false;

  constructor(file: string, initialBytes: number) {
    this.#fd = fs.openSync(file, 'r');
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  /**
   * One read: moves the unread bytes to the front, grows the buffer when `need` unread bytes would
   * not fit (to at least twice its size; RangeError past `maxBytes`), then reads what fits.
   */
  readMore(need: number, maxBytes = Infinity): void {
    if (this.start > 0) {
      this.buf.copy(this.buf, 0, this.start, this.end);
      this.end -= this.start;
      this.start = 0;
    }
    if (need > this.buf.length) {
      if (this.buf.length >= maxBytes) throw new RangeError('payload line is too long'); // only the payload reader sets a limit
      const bigger = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
      this.buf.copy(bigger, 0, 0, this.end);
      this.buf = bigger;
    }
    const n = fs.readSync(this.#fd, this.buf, this.end, this.buf.length - this.end, null);
    if (n === 0) this.eof = true;
    else {
      this.#hash.update(this.buf.subarray(this.end, this.end + n));
      this.end += n;
    }
  }

  /** Reads to the end (hashing), closes the file and returns its SHA-256 hex. */
  finish(): string {
    while (!this.eof) {
      this.start = this.end;
      this.readMore(this.buf.length);
    }
    fs.closeSync(this.#fd);
    return this.#hash.digest('hex');
  }
}

/** Streams entries.bin records: u32 length | leaf | 32-byte chain hash. */
class EntryReader {
  readonly #file: HashingFileBuffer;
  error: string | null = null;

  constructor(file: string) {
    this.#file = new HashingFileBuffer(file, 4 * 1024 * 1024);
  }

  #fill(need: number): boolean {
    const f = this.#file;
    while (f.end - f.start < need && !f.eof) f.readMore(need);
    return f.end - f.start >= need;
  }

  readMagic(): boolean {
    if (!this.#fill(ENTRIES_MAGIC.length)) return false;
    const f = this.#file;
    const ok = f.buf.subarray(f.start, f.start + ENTRIES_MAGIC.length).equals(ENTRIES_MAGIC);
    f.start += ENTRIES_MAGIC.length;
    return ok;
  }

  /** The next record, null at a clean end; sets `error` on a torn or oversized record. */
  next(): { leaf: Buffer; chainHash: Buffer } | null {
    const f = this.#file;
    if (!this.#fill(4)) {
      if (f.end !== f.start) this.error = 'entries.bin ends inside a record header';
      return null;
    }
    const length = f.buf.readUInt32BE(f.start);
    if (length > MAX_LEAF_BYTES) {
      this.error = 'entries.bin holds an oversized record';
      return null;
    }
    if (!this.#fill(4 + length + 32)) {
      this.error = 'entries.bin ends inside a record';
      return null;
    }
    const s = f.start + 4;
    const leaf = f.buf.subarray(s, s + length);
    const chainHash = f.buf.subarray(s + length, s + length + 32);
    f.start = s + length + 32;
    return { leaf, chainHash };
  }

  /** Reads to the end (hashing) and returns the file's SHA-256 hex. */
  finish(): string {
    return this.#file.finish();
  }
}

function countRecords(file: string): number {
  const r = new EntryReader(file);
  let n = 0;
  if (r.readMagic()) while (r.next()) n++;
  r.finish();
  return n;
}

const PAYLOAD_CHUNK = 1024 * 1024;

/** Streams payloads.jsonl line by line, in order, hashing the file as it goes (constant memory). */
class PayloadReader {
  readonly #file: HashingFileBuffer;
  peeked: { seq: number; payload: Uint8Array } | null | undefined;

  constructor(file: string) {
    this.#file = new HashingFileBuffer(file, PAYLOAD_CHUNK);
  }

  /** The next non-empty line, or null at the end of the file. */
  #nextLine(): string | null {
    const f = this.#file;
    for (;;) {
      const newline = f.buf.indexOf(0x0a, f.start);
      if (newline >= 0 && newline < f.end) {
        const line = f.buf.toString('utf8', f.start, newline);
        f.start = newline + 1;
        if (line.length > 0) return line;
        continue;
      }
      if (f.eof) {
        if (f.start === f.end) return null;
        const line = f.buf.toString('utf8', f.start, f.end);
        f.start = f.end;
        return line;
      }
      // A line longer than 64 MiB is refused (RangeError), as a whole file that size would be.
      f.readMore(f.end - f.start + 1, MAX_SMALL_FILE);
    }
  }

  peek(): { seq: number; payload: Uint8Array } | null {
    if (this.peeked === undefined) {
      const line = this.#nextLine();
      if (line === null) this.peeked = null;
      else {
        const parsed = JSON.parse(line) as { seq: number; payload: string };
        this.peeked = { seq: parsed.seq, payload: fromBase64(parsed.payload) };
      }
    }
    return this.peeked;
  }

  take(): void {
    this.peeked = undefined;
  }

  /** Reads to the end (hashing) and returns the file's SHA-256 hex. */
  finish(): string {
    return this.#file.finish();
  }
}

/** Verifies the bundle at `dir` against the trusted SHA-256 hex fingerprint of the tenant's first key. */
export function verifyBundle(dir: string, fingerprintHex: string, options: VerifyBundleOptions = {}): BundleReport {
  const problems: string[] = [];
  const notes: string[] = [];
  const trusted = fingerprintHex.trim().toLowerCase();
  const base = {
    path: dir,
    trustedFingerprint: trusted,
    tenant: null as string | null,
    origin: null as string | null,
    fingerprint: null as string | null,
    treeSize: 0,
    root: '',
    entriesVerified: 0,
    checkpointsVerified: 0,
    signingKeys: [] as string[],
    gatewayCallsVerified: 0,
    pipelineHashesRecomputed: 0,
    payloadsVerified: null as number | null,
    consistency: null as BundleReport['consistency'],
    failure: null as VerificationFailure | null,
  };
  const stop = (problem: string): BundleReport => ({ ...base, ok: false, problems: [...problems, problem], notes });
  if (!/^[0-9a-f]{64}$/.test(trusted)) return stop('the fingerprint must be the 64-character SHA-256 hex of the tenant\'s first public key');
  try {
    if (!fs.statSync(dir).isDirectory()) return stop(`${dir} is not a folder`);
  } catch {
    return stop(`${dir} does not exist or cannot be read`);
  }

  // Manifest and its digest.
  const manifestBytes = readSmall(dir, MANIFEST_FILE);
  let manifest: Manifest | null = null;
  if (!manifestBytes) problems.push(`${MANIFEST_FILE} is missing or unreadable`);
  else {
    try {
      manifest = manifestSchema.parse(JSON.parse(utf8Strict.decode(manifestBytes)));
    } catch {
      problems.push(`${MANIFEST_FILE} is not a valid bundle manifest`);
    }
  }

  // Key chain: from the trusted fingerprint through every rotation.
  const rotationsBytes = readSmall(dir, KEY_ROTATIONS_FILE);
  let rotationsFile: ReturnType<typeof keyRotationsSchema.parse> | null = null;
  try {
    if (rotationsBytes) rotationsFile = keyRotationsSchema.parse(JSON.parse(utf8Strict.decode(rotationsBytes)));
  } catch {
    /* reported below */
  }
  if (!rotationsFile) return stop(`${KEY_ROTATIONS_FILE} is missing or malformed; the signing keys cannot be established`);
  const origin = rotationsFile.origin;
  if (!origin.startsWith('airlock/')) return stop(`${KEY_ROTATIONS_FILE} names origin ${origin}, not an Airlock log`);
  const tenant = origin.slice('airlock/'.length);
  base.tenant = tenant;
  base.origin = origin;
  if (manifest && (manifest.origin !== origin || manifest.tenant !== tenant)) problems.push('the manifest and the key chain name different logs');
  const firstKey = fromHex(rotationsFile.firstPublicKey, 32);
  base.fingerprint = keyFingerprint(firstKey);
  if (base.fingerprint !== trusted) {
    return {
      ...base,
      ok: false,
      failure: { seq: 0, kind: 'untrusted-key', message: `this bundle's first signing key has fingerprint ${base.fingerprint}, not the trusted ${trusted}` },
      problems: [...problems, `NOT TRUSTED: the bundle was signed under key ${base.fingerprint}, not under the fingerprint you gave (${trusted}). It is from another tenant or appliance, or forged.`],
      notes,
    };
  }
  const keyChain: { seq: number; key: Uint8Array }[] = [{ seq: 0, key: firstKey }];
  for (const r of rotationsFile.rotations) {
    const prev = keyChain[keyChain.length - 1] as { seq: number; key: Uint8Array };
    let ok: boolean;
    try {
      ok = r.seq > prev.seq && verifyRotation(origin, prev.key, rotationFromFields(r.seq, { newPublicKey: r.publicKey, oldKeySignature: r.oldKeySignature, newKeySignature: r.newKeySignature }));
    } catch {
      ok = false;
    }
    if (!ok) return stop(`${KEY_ROTATIONS_FILE}: the rotation at entry ${r.seq} is not signed by both the old and the new key`);
    keyChain.push({ seq: r.seq, key: fromHex(r.publicKey, 32) });
  }
  const finalKey = (keyChain[keyChain.length - 1] as { key: Uint8Array }).key;

  // The manifest signature binds every digest in it.
  const sigBytes = readSmall(dir, MANIFEST_SIG_FILE);
  let manifestTrusted = false;
  if (!sigBytes) problems.push(`${MANIFEST_SIG_FILE} is missing`);
  else if (manifestBytes) {
    try {
      const note = parseNote(utf8Strict.decode(sigBytes));
      const expectedText = manifestSignatureText(origin, toHex(sha256(manifestBytes)));
      if (note.text !== expectedText) problems.push(`${MANIFEST_SIG_FILE} does not sign this ${MANIFEST_FILE} (digest differs)`);
      else if (!verifyNoteSignature(note, origin, finalKey)) problems.push(`${MANIFEST_SIG_FILE} is not signed by the tenant's current key`);
      else manifestTrusted = manifest !== null;
    } catch {
      problems.push(`${MANIFEST_SIG_FILE} is not a signed note`);
    }
  }

  // File set and digests of the small files.
  const listed = new Set(Object.keys(manifest?.files ?? {}));
  const present = listFiles(dir).filter((f) => f !== MANIFEST_FILE && f !== MANIFEST_SIG_FILE && f !== `${CHECKPOINTS_DIR}/`);
  for (const f of present) {
    if (f === CHECKPOINTS_DIR + '/') continue;
    if (manifest && !listed.has(f)) problems.push(`${f} is not listed in the manifest`);
  }
  for (const f of listed) {
    if (!present.includes(f)) problems.push(`${f} is listed in the manifest but missing`);
    else if (f !== ENTRIES_FILE && f !== PAYLOADS_FILE) {
      // entries.bin and payloads.jsonl are hashed while they are streamed below.
      const bytes = readSmall(dir, f);
      if (!bytes || toHex(sha256(bytes)) !== manifest?.files[f]) problems.push(`${f} does not match its manifest digest`);
    }
  }

  // Checkpoints: the files plus the export checkpoint embedded in the signed manifest.
  const checkpoints: SignedCheckpoint[] = [];
  const badCheckpoints: string[] = [];
  for (const f of present.filter((p) => p.startsWith(`${CHECKPOINTS_DIR}/`))) {
    try {
      const c = parseSignedCheckpoint(utf8Strict.decode(fs.readFileSync(path.join(dir, f))));
      if (path.basename(f) !== `${String(c.size).padStart(16, '0')}.note`) badCheckpoints.push(`${f} holds a checkpoint of size ${c.size}`);
      checkpoints.push(c);
    } catch {
      badCheckpoints.push(`${f} is not a signed checkpoint`);
    }
  }
  let exportCheckpoint: SignedCheckpoint | null = null;
  if (manifest) {
    try {
      exportCheckpoint = parseSignedCheckpoint(manifest.checkpoint);
      if (manifestTrusted) checkpoints.push(exportCheckpoint);
      if (exportCheckpoint.size !== manifest.treeSize || manifest.root !== Buffer.from(exportCheckpoint.root).toString('base64')) {
        problems.push('the manifest\'s tree size or root differs from its checkpoint');
      }
    } catch {
      problems.push('the manifest carries no valid checkpoint');
    }
  }

  // Entries, streamed once.
  const entriesFile = path.join(dir, ENTRIES_FILE);
  if (!fs.existsSync(entriesFile)) return stop(`${ENTRIES_FILE} is missing`);
  const verifier = new LogVerifier({
    tenant,
    checkpoints,
    expectedFingerprint: trusted,
    rowCount: () => countRecords(entriesFile),
  });
  for (const b of badCheckpoints) verifier.fail(0, 'bad-signature', b);
  const reader = new EntryReader(entriesFile);
  let payloadFile: PayloadReader | null = null;
  if (listed.has(PAYLOADS_FILE) || present.includes(PAYLOADS_FILE)) {
    try {
      if (present.includes(PAYLOADS_FILE)) payloadFile = new PayloadReader(path.join(dir, PAYLOADS_FILE));
    } catch {
      problems.push(`${PAYLOADS_FILE} cannot be read`);
    }
    base.payloadsVerified = 0;
  }
  /** The payload stream while it is still being checked (dropped once found malformed). */
  let payloads = payloadFile;
  if (!reader.readMagic()) verifier.fail(0, 'altered', `${ENTRIES_FILE} does not start with the bundle magic`);
  let seq = 0;
  let payloadCount = 0;
  const step = 65536;
  while (!verifier.failed) {
    const rec = reader.next();
    if (!rec) {
      if (reader.error) verifier.fail(seq, 'altered', reader.error);
      break;
    }
    // This entry's payload, when the bundle carries one (read before the entry is checked: a gateway
    // call's pipeline hash is recomputed from it).
    let current: Uint8Array | null = null;
    if (payloads) {
      try {
        const p = payloads.peek();
        if (p && p.seq === seq) current = p.payload;
      } catch {
        problems.push(`${PAYLOADS_FILE} is malformed`);
        payloads = null;
      }
    }
    const withPayload = payloadFile !== null;
    if (!verifier.push({ leaf: rec.leaf, chainHash: rec.chainHash, ...(withPayload && { payload: () => current }) })) break;
    if (payloads) {
      try {
        const p = payloads.peek();
        if (p && p.seq === seq) {
          if (!bytesEqual(sha256(p.payload), rec.leaf.subarray(53, 85))) verifier.fail(seq, 'altered', `the payload of entry ${seq} does not match its digest`);
          payloads.take();
          payloadCount++;
        } else if (p && p.seq < seq) {
          problems.push(`${PAYLOADS_FILE} is out of order at entry ${p.seq}`);
          payloads = null;
        }
      } catch {
        problems.push(`${PAYLOADS_FILE} is malformed`);
        payloads = null;
      }
    }
    seq++;
    if (seq % step === 0) options.onProgress?.(seq);
  }
  const stoppedEarly = verifier.failed;
  const entriesDigest = reader.finish();
  if (manifest && listed.has(ENTRIES_FILE) && entriesDigest !== manifest.files[ENTRIES_FILE]) problems.push(`${ENTRIES_FILE} does not match its manifest digest`);
  try {
    if (payloads && !stoppedEarly && payloads.peek() !== null) problems.push(`${PAYLOADS_FILE} holds payloads for entries that do not exist`);
  } catch {
    problems.push(`${PAYLOADS_FILE} is malformed`);
  }
  if (payloadFile) {
    let payloadsDigest: string | null = null;
    try {
      payloadsDigest = payloadFile.finish();
    } catch {
      /* reported as a digest mismatch */
    }
    if (manifest && listed.has(PAYLOADS_FILE) && payloadsDigest !== manifest.files[PAYLOADS_FILE]) problems.push(`${PAYLOADS_FILE} does not match its manifest digest`);
  }
  if (base.payloadsVerified !== null) base.payloadsVerified = payloadCount;
  const result = verifier.finish();
  options.onProgress?.(result.entriesVerified);

  // The rotation file must tell the same story as the rotation entries.
  if (!stoppedEarly && result.signingKeys.join(',') !== keyChain.map((k) => toHex(k.key)).join(',')) {
    problems.push(`${KEY_ROTATIONS_FILE} does not match the signing-key rotations recorded in the entries`);
  }

  // Consistency proof from the earlier checkpoint.
  let consistency: BundleReport['consistency'] = null;
  const proofBytes = readSmall(dir, CONSISTENCY_FILE);
  if (proofBytes) {
    try {
      const c = consistencySchema.parse(JSON.parse(utf8Strict.decode(proofBytes)));
      const toRoot = fromBase64(c.to.root);
      let ok = exportCheckpoint !== null && c.to.size === exportCheckpoint.size && bytesEqual(toRoot, exportCheckpoint.root);
      if (c.from) {
        const from = c.from;
        const fromRoot = fromBase64(from.root);
        const signedFrom = checkpoints.some((k) => k.size === from.size && bytesEqual(k.root, fromRoot));
        ok = ok && signedFrom && verifyConsistency(from.size, c.to.size, fromRoot, toRoot, c.proof.map(fromBase64));
      }
      consistency = { from: c.from ? { size: c.from.size, root: toHex(fromBase64(c.from.root)) } : null, to: { size: c.to.size, root: toHex(toRoot) }, ok };
      if (!ok) {
        verifier.fail(c.from?.size ?? 0, 'inconsistent-checkpoint', 'the consistency proof does not link the earlier checkpoint to the exported one');
        problems.push(`${CONSISTENCY_FILE} does not prove the exported tree extends checkpoint ${c.from?.size ?? '(none)'}`);
      }
    } catch {
      problems.push(`${CONSISTENCY_FILE} is malformed`);
    }
  } else {
    problems.push(`${CONSISTENCY_FILE} is missing`);
  }
  if (!manifestTrusted && problems.length === 0) problems.push('the manifest is not trusted');

  const failure = result.failure ?? (consistency && !consistency.ok ? { seq: consistency.from?.size ?? 0, kind: 'inconsistent-checkpoint' as const, message: 'consistency proof failed' } : null);
  return {
    ...base,
    ok: failure === null && problems.length === 0,
    treeSize: result.treeSize,
    root: result.root,
    entriesVerified: result.entriesVerified,
    checkpointsVerified: result.checkpointsVerified,
    signingKeys: result.signingKeys,
    gatewayCallsVerified: result.gatewayCallsVerified,
    pipelineHashesRecomputed: result.pipelineHashesRecomputed,
    consistency,
    failure,
    problems,
    notes: [...notes, ...result.notes.filter((n) => !n.startsWith('entry MACs'))],
  };
}

/** The human-readable report: what was checked, and "the math" an auditor can re-run. */
export function formatBundleReport(r: BundleReport): string {
  const lines: string[] = [];
  lines.push(r.ok ? 'BUNDLE VERIFIED' : 'BUNDLE FAILED VERIFICATION');
  lines.push(`  bundle:        ${r.path}`);
  if (r.origin) lines.push(`  log:           ${r.origin}`);
  lines.push(`  trusted key:   ${r.trustedFingerprint}`);
  if (r.fingerprint && r.fingerprint !== r.trustedFingerprint) lines.push(`  signed under:  ${r.fingerprint}  (DIFFERENT)`);
  lines.push(`  entries:       ${r.entriesVerified} verified (chain, canonical encoding, sequence)`);
  lines.push(`  tree:          size ${r.treeSize}, RFC 6962 root ${r.root}`);
  lines.push(`  checkpoints:   ${r.checkpointsVerified} signatures verified (Ed25519, C2SP signed notes)`);
  lines.push(`  signing keys:  ${r.signingKeys.length} (${Math.max(0, r.signingKeys.length - 1)} rotation(s), each signed by old and new key)`);
  lines.push(`  gateway calls: ${r.gatewayCallsVerified} with all 10 pipeline stages in order`);
  if (r.payloadsVerified !== null) lines.push(`  pipelines:     ${r.pipelineHashesRecomputed} pipeline hashes recomputed from their stage verdicts`);
  if (r.payloadsVerified !== null) lines.push(`  payloads:      ${r.payloadsVerified} matched their digests`);
  if (r.consistency) {
    lines.push(
      r.consistency.from
        ? `  consistency:   size ${r.consistency.from.size} → ${r.consistency.to.size}: ${r.consistency.ok ? 'proved' : 'FAILED'}`
        : `  consistency:   no earlier checkpoint to prove from`,
    );
  }
  if (r.failure) lines.push(`  FIRST BAD SEQ: ${r.failure.seq} (${r.failure.kind}): ${r.failure.message}`);
  if (!r.ok) lines.push(`  WHAT TO DO:    ${bundleFailureAdvice(r.failure?.kind ?? 'altered')}`);
  for (const p of r.problems) lines.push(`  problem:       ${p}`);
  for (const n of r.notes) lines.push(`  note:          ${n}`);
  return `${lines.join('\n')}\n`;
}
