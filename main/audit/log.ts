/**
 * AuditLog: the tenant's append-only, MAC'd, hash-chained, Merkle-committed log over SQLite.
 *
 * Appends are group-committed: every append queued while a commit is pending is written in the
 * next single transaction (one fsync under WAL + synchronous=FULL), and each promise resolves
 * only after that transaction commits. If the commit fails, every append in it rejects and the
 * in-memory state is rolled back with the database (fail closed: the caller's action must fail).
 */
import type { Database, Statement, Transaction } from 'better-sqlite3';
import { bytesEqual, toHex, utf8 } from './bytes.ts';
import { encodeEntry, CanonicalEncodingError, decodeEntry, type AuditEntry } from './canonical.ts';
import { chainHash, GENESIS_CHAIN_HASH } from './chain.ts';
import {
  keyFingerprint,
  originFor,
  parseSignedCheckpoint,
  signCheckpoint,
  type SignedCheckpoint,
} from './checkpoint.ts';
import { entryMac, EPOCH_KEY_LENGTH, EPOCH_ROTATE_ACTION, evolveEpochKey } from './hmac-epoch.ts';
import {
  CompactRange,
  consistencyProofFromCompactRange,
  leafHash,
  rangeRoot,
  verifyConsistency,
  type LeafRange,
} from './merkle.ts';
import { migrate } from './schema.ts';
import { sha256 } from './sha256.ts';
import { LOG_CREATE_ACTION, rotationFields, rotationStatement, SIGNING_KEY_ROTATE_ACTION } from './signing-key.ts';
import { encodeStages, GATEWAY_CALL_ACTION } from './gateway-stages.ts';
import type { AuditSigner, Clock, PayloadSealer } from './ports.ts';
import { signNote } from './signed-note.ts';
import { manifestSignatureText } from './bundle/format.ts';

export const AUDIT_ACTOR = 'airlock/audit';
export const PAYLOAD_SHRED_ACTION = 'audit.payload.shred';

export interface AuditEvent {
  /** User or agent identity. */
  readonly actor: string;
  readonly action: string;
  readonly subject?: string;
  readonly outcome?: string;
  /** Short attributes committed in the leaf itself (visible to an auditor without payloads). */
  readonly fields?: Readonly<Record<string, string>>;
  /** Stored sealed beside the entry; only its SHA-256 enters the leaf. */
  readonly payload?: Uint8Array | string;
}

export interface GatewayCallRecord {
  readonly actor: string;
  readonly subject: string;
  readonly outcome: string;
  /** Hex SHA-256 over the stage records (computed by the gateway). */
  readonly pipelineHash: string;
  /** Stage names in the order they ran. */
  readonly stages: readonly string[];
  readonly fields?: Readonly<Record<string, string>>;
  readonly payload?: Uint8Array | string;
}

export interface AppendOptions {
  /**
   * Runs inside the transaction that commits the entry (holding the write lock), just before the
   * entry is written, so the caller's own rows commit if and only if the entry does. If it throws,
   * its writes are rolled back (a SAVEPOINT per item) and only this append rejects with that
   * error; the rest of the batch commits. It must be synchronous and must not open transactions.
   */
  readonly withinCommit?: (db: Database) => void;
}

export interface AppendResult {
  readonly seq: number;
  /** Hex chain hash of the entry. */
  readonly chainHash: string;
}

export interface EpochPolicy {
  /** Entries per epoch, the rotation entry included. */
  readonly maxEntries: number;
  /** An epoch older than this rotates before the next entry is written. */
  readonly maxAgeMs: number;
}

export const DEFAULT_EPOCH_POLICY: EpochPolicy = { maxEntries: 10_000, maxAgeMs: 24 * 60 * 60 * 1000 };

export interface OpenAuditLogOptions {
  readonly db: Database;
  readonly tenant: string;
  readonly signer: AuditSigner;
  readonly sealer: PayloadSealer;
  /**
   * The epoch-0 HMAC key; required only when the log is created. The log takes ownership and
   * zeroes this buffer. Afterwards the current epoch key lives sealed in the database.
   */
  readonly epochZeroKey?: Uint8Array;
  readonly clock?: Clock;
  readonly epochPolicy?: Partial<EpochPolicy>;
  /** Upper bound on appends per transaction. */
  readonly maxBatch?: number;
}

/** The log could not be opened or written; any action waiting on it must not proceed. */
export class AuditWriteError extends Error {
  override readonly name = 'AuditWriteError';
}

/** The stored log contradicts itself (tampering or corruption); run `airlock audit verify`. */
export class AuditIntegrityError extends Error {
  override readonly name = 'AuditIntegrityError';
}

type Item =
  | { kind: 'event'; event: AuditEvent; withinCommit?: ((db: Database) => void) | undefined; resolve: (r: AppendResult) => void; reject: (e: Error) => void }
  | { kind: 'rotate-key'; next: AuditSigner; actor: string; resolve: (r: AppendResult) => void; reject: (e: Error) => void }
  | { kind: 'rotate-epoch'; actor: string; resolve: (r: AppendResult) => void; reject: (e: Error) => void }
  | { kind: 'checkpoint'; reason: string; resolve: (c: SignedCheckpoint) => void; reject: (e: Error) => void };

interface State {
  size: number;
  chain: Uint8Array;
  epoch: number;
  epochCount: number;
  epochStartedMs: number;
  key: Uint8Array;
  range: CompactRange;
  signer: AuditSigner;
}

/** A signed head as stored (note and compact range bytes) with its parsed size, root and range. */
interface KnownHead {
  readonly size: number;
  readonly note: string;
  readonly rangeBytes: Uint8Array;
  readonly root: Uint8Array;
  readonly range: CompactRange;
}

interface Statements {
  lastSeq: Statement;
  entriesAfter: Statement;
  insertEntry: Statement;
  insertPayload: Statement;
  insertCheckpoint: Statement;
  insertEpoch: Statement;
  insertSigningKey: Statement;
  upsertHead: Statement;
  upsertEpochKey: Statement;
  epochKey: Statement;
  head: Statement;
  lastCheckpoint: Statement;
  checkpointAt: Statement;
  leaves: Statement;
}

function payloadBytes(payload: Uint8Array | string | undefined): Uint8Array | undefined {
  if (payload === undefined) return undefined;
  return typeof payload === 'string' ? utf8.encode(payload) : payload;
}

export class AuditLog {
  readonly db: Database;
  readonly tenant: string;
  readonly origin: string;
  readonly #sealer: PayloadSealer;
  readonly #clock: Clock;
  readonly #policy: EpochPolicy;
  readonly #maxBatch: number;
  readonly #sql: Statements;
  #state: State;
  #queue: Item[] = [];
  #scheduled = false;
  #closed = false;
  readonly #firstKey: Uint8Array;
  #idle: (() => void)[] = [];
  #commits = 0;
  /**
   * The signed head this instance last committed, parsed. When the stored head row is still these
   * exact bytes, the next commit checks extension against it without parsing the note and the
   * compact range again; any other row (another writer, a restore, a tamper) is parsed and checked.
   */
  #head: KnownHead | undefined;
  /**
   * Runs a function in a transaction, made once (better-sqlite3 builds five functions for each
   * wrapper). `.immediate` opens the batch's write transaction; called inside it, better-sqlite3
   * runs the function under a SAVEPOINT.
   */
  readonly #transaction: Transaction<(run: () => void) => void>;

  private constructor(options: OpenAuditLogOptions, sql: Statements, state: State, firstKey: Uint8Array) {
    this.db = options.db;
    this.tenant = options.tenant;
    this.origin = originFor(options.tenant);
    this.#sealer = options.sealer;
    this.#clock = options.clock ?? Date.now;
    this.#policy = { ...DEFAULT_EPOCH_POLICY, ...options.epochPolicy };
    this.#maxBatch = options.maxBatch ?? 2048;
    this.#sql = sql;
    this.#state = state;
    this.#firstKey = firstKey;
    this.#transaction = options.db.transaction((run: () => void) => run());
  }

  /** Opens (creating when new) the tenant's log. Throws AuditIntegrityError on a self-contradicting store. */
  static open(options: OpenAuditLogOptions): AuditLog {
    const { db, tenant, signer, sealer } = options;
    const origin = originFor(tenant);
    const policy = { ...DEFAULT_EPOCH_POLICY, ...options.epochPolicy };
    if (!Number.isSafeInteger(policy.maxEntries) || policy.maxEntries < 2) throw new RangeError('epoch maxEntries must be at least 2');
    db.pragma('secure_delete = ON');
    migrate(db);
    const sql = prepare(db);
    const clock = options.clock ?? Date.now;
    const meta = db.prepare("SELECT value FROM audit_meta WHERE key = 'tenant'").get() as { value: string } | undefined;
    if (meta && meta.value !== tenant) throw new AuditIntegrityError(`this database holds the audit log of tenant ${meta.value}, not ${tenant}`);
    // The size comes from the last seq (an index lookup), not count(*): counting decrypts and walks
    // every page of the log, ≈ 0.7 s per million entries on every unlock. resume() checks it against
    // the signed head; an entry missing in the middle is the verifier's to find (it names the seq).
    const last = db.prepare('SELECT seq FROM audit_entries ORDER BY seq DESC LIMIT 1').get() as { seq: number } | undefined;
    const count = last === undefined ? 0 : last.seq + 1;
    if (count === 0) {
      if (!options.epochZeroKey || options.epochZeroKey.length !== EPOCH_KEY_LENGTH) {
        throw new AuditWriteError('creating an audit log needs the 32-byte epoch-0 key');
      }
      const key = new Uint8Array(options.epochZeroKey);
      options.epochZeroKey.fill(0);
      const state = create(db, sql, tenant, origin, signer, sealer, key, Math.floor(clock()));
      return new AuditLog(options, sql, state, new Uint8Array(signer.publicKey));
    }
    return new AuditLog(options, sql, resume(db, sql, origin, signer, sealer, count), firstSigningKey(db));
  }

  /** Transactions committed by this instance (one fsync each); lets tests see group commit. */
  get commits(): number {
    return this.#commits;
  }

  get size(): number {
    return this.#state.size;
  }

  /** The seq of the last committed entry, -1 when the log is empty. */
  lastSeq(): number {
    return this.#state.size - 1;
  }

  /**
   * The entries after `seq`, in order, as this connection sees them: inside a commit's
   * `withinCommit`, that includes entries written earlier in the same commit.
   */
  *entriesAfter(seq: number): Iterable<AuditEntry> {
    for (const row of this.#sql.entriesAfter.iterate(seq) as Iterable<{ leaf: Uint8Array }>) yield decodeEntry(row.leaf);
  }

  get epoch(): number {
    return this.#state.epoch;
  }

  /** SHA-256 hex of the first signing key: the trust anchor given to auditors. */
  get fingerprint(): string {
    return keyFingerprint(this.#firstKey);
  }

  get publicKey(): Uint8Array {
    return new Uint8Array(this.#state.signer.publicKey);
  }

  /** Appends an event; resolves once it is durable (with `withinCommit`'s writes, when given). */
  append(event: AuditEvent, options: AppendOptions = {}): Promise<AppendResult> {
    const { withinCommit } = options;
    return new Promise((resolve, reject) => this.#enqueue({ kind: 'event', event, withinCommit, resolve, reject }));
  }

  /** Records one gateway call with its pipeline hash and the stages that ran, in order. */
  recordGatewayCall(call: GatewayCallRecord, options: AppendOptions = {}): Promise<AppendResult> {
    if (!/^[0-9a-f]{64}$/.test(call.pipelineHash)) return Promise.reject(new RangeError('pipelineHash must be 64 lower-case hex characters'));
    let stages: string;
    try {
      stages = encodeStages(call.stages);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return this.append({
      actor: call.actor,
      action: GATEWAY_CALL_ACTION,
      subject: call.subject,
      outcome: call.outcome,
      fields: { ...call.fields, pipelineHash: call.pipelineHash, stages },
      ...(call.payload !== undefined ? { payload: call.payload } : {}),
    }, options);
  }

  /** Hands checkpoint signing to `next`; the rotation entry is signed by the old and the new key. */
  rotateSigningKey(next: AuditSigner, actor: string): Promise<AppendResult> {
    return new Promise((resolve, reject) => this.#enqueue({ kind: 'rotate-key', next, actor, resolve, reject }));
  }

  /** Closes the current epoch now (e.g. from an idle timer) so its key is erased. */
  rotateEpoch(actor = AUDIT_ACTOR): Promise<AppendResult> {
    return new Promise((resolve, reject) => this.#enqueue({ kind: 'rotate-epoch', actor, resolve, reject }));
  }

  /** Signs and stores a checkpoint at the current size (after every queued append). */
  checkpoint(reason: string): Promise<SignedCheckpoint> {
    return new Promise((resolve, reject) => this.#enqueue({ kind: 'checkpoint', reason, resolve, reject }));
  }

  /** The stored payload of `seq`, or null when there was none or it was shredded. */
  readPayload(seq: number): Uint8Array | null {
    const row = this.db.prepare('SELECT sealed FROM audit_payloads WHERE seq = ?').get(seq) as { sealed: Uint8Array } | undefined;
    return row ? this.#sealer.open(row.sealed) : null;
  }

  /** Stored payloads of entries below `limit`, opened, in seq order (streamed). */
  *payloads(limit: number): Generator<{ seq: number; payload: Uint8Array }> {
    const rows = this.db.prepare('SELECT seq, sealed FROM audit_payloads WHERE seq < ? ORDER BY seq').iterate(limit) as Iterable<{
      seq: number;
      sealed: Uint8Array;
    }>;
    for (const row of rows) yield { seq: row.seq, payload: this.#sealer.open(row.sealed) };
  }

  /** Records a finished export in the append-only archive and in the log itself. */
  async recordExport(actor: string, treeSize: number, manifestSha256: string, checkpointNote: string, where: string): Promise<AppendResult> {
    await this.flush();
    this.db
      .prepare('INSERT INTO audit_archive (time_ms, tree_size, manifest_sha256, checkpoint_note) VALUES (?, ?, ?, ?)')
      .run(Math.floor(this.#clock()), treeSize, manifestSha256, checkpointNote);
    return this.append({ actor, action: 'audit.export', subject: where, outcome: 'ok', fields: { manifestSha256, treeSize: String(treeSize) } });
  }

  /** Signs a bundle manifest digest with the key in force (a note that cannot pass for a checkpoint). */
  signBundleManifest(manifestSha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(manifestSha256)) throw new RangeError('manifest digest must be SHA-256 hex');
    const signer = this.#state.signer;
    return signNote(manifestSignatureText(this.origin, manifestSha256), this.origin, (m) => signer.sign(m), signer.publicKey);
  }

  /**
   * Crypto-shred: destroys the key of a payload (when the sealer keeps one per payload) and drops
   * its content for good; the leaf keeps its digest. The key, the row and the entry that records
   * them commit together or not at all: nothing is destroyed unrecorded.
   */
  async shredPayload(seq: number, actor: string): Promise<AppendResult> {
    await this.flush();
    const select = this.db.prepare('SELECT sealed FROM audit_payloads WHERE seq = ?');
    const present = select.get(seq) !== undefined;
    return this.append(
      { actor, action: PAYLOAD_SHRED_ACTION, subject: `seq ${seq}`, outcome: 'ok', fields: { payload: present ? 'destroyed' : 'absent' } },
      {
        withinCommit: (db) => {
          const row = select.get(seq) as { sealed: Uint8Array } | undefined;
          // Shredded (or written) by another writer since: this entry would misstate it.
          if ((row !== undefined) !== present) throw new AuditWriteError(`the payload of seq ${seq} changed while it was being shredded; try again`);
          if (!row) return;
          this.#sealer.shred?.(row.sealed);
          db.prepare('DELETE FROM audit_payloads WHERE seq = ?').run(seq);
        },
      },
    );
  }

  /** Resolves when everything queued so far has been committed or rejected. */
  flush(): Promise<void> {
    if (this.#queue.length === 0 && !this.#scheduled) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Flushes, then erases the epoch key from memory. The database stays open (it is not ours). */
  async close(): Promise<void> {
    await this.flush();
    this.#closed = true;
    this.#state.key.fill(0);
  }

  #enqueue(item: Item): void {
    if (this.#closed) {
      item.reject(new AuditWriteError('the audit log is closed'));
      return;
    }
    this.#queue.push(item);
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#drain());
    }
  }

  #drain(): void {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#maxBatch);
      this.#commit(batch);
    }
    this.#scheduled = false;
    const idle = this.#idle;
    this.#idle = [];
    for (const resolve of idle) resolve();
  }

  #commit(batch: Item[]): void {
    let base = this.#state;
    let work: State = { ...base, range: base.range.clone() };
    const retiredKeys: Uint8Array[] = [];
    const settled: (() => void)[] = [];
    const rejectedEarly = new Set<Item>();
    const batchLeafHashes: Uint8Array[] = [];
    const now = Math.floor(this.#clock());
    let stale: Uint8Array | undefined;
    let head: KnownHead | undefined;
    try {
      this.#transaction.immediate(() => {
        // Another writer (a second unlock of this tenant, or another process) may have appended
        // since our last commit. Under the write lock, pick up the stored head before writing.
        const last = this.#sql.lastSeq.get() as { seq: number } | undefined;
        if ((last?.seq ?? -1) !== base.size - 1) {
          stale = base.key;
          base = resume(this.db, this.#sql, this.origin, base.signer, this.#sealer, (last?.seq ?? -1) + 1);
          work = { ...base, range: base.range.clone() };
        }
        for (const item of batch) {
          switch (item.kind) {
            case 'event': {
              if (this.#epochDue(work, now)) this.#rotateEpoch(work, AUDIT_ACTOR, now, retiredKeys, batchLeafHashes);
              const result = item.withinCommit
                ? this.#writeEventWithin(work, item.event, item.withinCommit, now, batchLeafHashes, item, rejectedEarly)
                : this.#writeEvent(work, item.event, now, batchLeafHashes, item, rejectedEarly);
              if (result) settled.push(() => item.resolve(result));
              break;
            }
            case 'rotate-epoch': {
              const result = this.#rotateEpoch(work, item.actor, now, retiredKeys, batchLeafHashes);
              settled.push(() => item.resolve(result));
              break;
            }
            case 'rotate-key': {
              const result = this.#rotateSigningKey(work, item.next, item.actor, now, batchLeafHashes);
              settled.push(() => item.resolve(result));
              break;
            }
            case 'checkpoint': {
              const c = this.#archiveCheckpoint(work, item.reason, now);
              settled.push(() => item.resolve(c));
              break;
            }
          }
        }
        if (work.size !== base.size || work.signer !== base.signer) head = this.#writeHead(work, batchLeafHashes);
      });
    } catch (error) {
      for (const k of retiredKeys) if (k !== base.key) k.fill(0);
      if (work.key !== base.key) work.key.fill(0);
      if (stale) base.key.fill(0); // the key resumed from storage; #state keeps its own
      const failure = new AuditWriteError(`audit log write failed; the action was not recorded: ${(error as Error).message}`, { cause: error });
      for (const item of batch) if (!rejectedEarly.has(item)) item.reject(failure);
      return;
    }
    this.#state = work;
    if (head) this.#head = head;
    stale?.fill(0);
    this.#commits++;
    for (const k of retiredKeys) k.fill(0);
    if (retiredKeys.length > 0) {
      // Push the overwritten sealed key out of the WAL too (best effort; readers may hold frames).
      try {
        this.db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        /* the key row was already overwritten with secure_delete; the WAL frame is sealed */
      }
    }
    for (const settle of settled) settle();
  }

  #epochDue(s: State, now: number): boolean {
    return s.epochCount >= this.#policy.maxEntries - 1 || (s.epochCount > 0 && now - s.epochStartedMs >= this.#policy.maxAgeMs);
  }

  #writeEntry(
    s: State,
    event: { actor: string; action: string; subject: string; outcome: string; fields: Readonly<Record<string, string>> },
    payload: Uint8Array | undefined,
    now: number,
    batchLeafHashes: Uint8Array[],
  ): AppendResult {
    const entry: AuditEntry = {
      seq: s.size,
      timeMs: now,
      tenant: this.tenant,
      actor: event.actor,
      action: event.action,
      subject: event.subject,
      outcome: event.outcome,
      payloadDigest: sha256(payload ?? new Uint8Array(0)),
      epoch: s.epoch,
      prevChainHash: s.chain,
      fields: event.fields,
    };
    const leaf = encodeEntry(entry);
    const chain = chainHash(s.chain, leaf);
    this.#sql.insertEntry.run(entry.seq, leaf, entryMac(s.key, leaf), chain);
    if (payload !== undefined) this.#sql.insertPayload.run(entry.seq, this.#sealer.seal(payload));
    const lh = leafHash(leaf);
    s.range.appendLeafHash(lh);
    batchLeafHashes.push(lh);
    s.chain = chain;
    s.size += 1;
    s.epochCount += 1;
    return { seq: entry.seq, chainHash: toHex(chain) };
  }

  #writeEvent(s: State, event: AuditEvent, now: number, hashes: Uint8Array[], item: Item, rejectedEarly: Set<Item>): AppendResult | null {
    try {
      if (event.action === LOG_CREATE_ACTION || event.action === SIGNING_KEY_ROTATE_ACTION || event.action === EPOCH_ROTATE_ACTION) {
        throw new CanonicalEncodingError(`action ${event.action} is reserved for the audit layer`);
      }
      return this.#writeEntry(
        s,
        { actor: event.actor, action: event.action, subject: event.subject ?? '', outcome: event.outcome ?? 'ok', fields: event.fields ?? {} },
        payloadBytes(event.payload),
        now,
        hashes,
      );
    } catch (error) {
      // A malformed event fails alone, before it touched any state; the batch carries on.
      if (!(error instanceof CanonicalEncodingError)) throw error;
      rejectedEarly.add(item);
      item.reject(error);
      return null;
    }
  }

  /**
   * The caller's hook and the entry under one SAVEPOINT: both are written or neither. A throwing
   * hook (or a malformed event) rejects this item alone; state is only advanced by #writeEntry
   * after its inserts ran, so a rolled-back item leaves `s` untouched.
   */
  #writeEventWithin(
    s: State,
    event: AuditEvent,
    withinCommit: (db: Database) => void,
    now: number,
    hashes: Uint8Array[],
    item: Item,
    rejectedEarly: Set<Item>,
  ): AppendResult | null {
    let hookFailed = false;
    let result: AppendResult | null = null;
    try {
      this.#transaction(() => {
        try {
          withinCommit(this.db);
        } catch (error) {
          hookFailed = true;
          throw error;
        }
        result = this.#writeEvent(s, event, now, hashes, item, rejectedEarly);
        // A malformed event was rejected: undo the hook's writes with it.
        if (result === null) throw new CanonicalEncodingError('event rejected');
      });
    } catch (error) {
      if (rejectedEarly.has(item)) return null;
      // The entry itself could not be written, or SQLite rolled the whole transaction back
      // (e.g. SQLITE_FULL): fail the batch.
      if (!hookFailed || !this.db.inTransaction) throw error;
      rejectedEarly.add(item);
      item.reject(error as Error);
      return null;
    }
    return result;
  }

  #rotateEpoch(s: State, actor: string, now: number, retiredKeys: Uint8Array[], hashes: Uint8Array[]): AppendResult {
    const closing = s.epoch;
    const result = this.#writeEntry(
      s,
      { actor, action: EPOCH_ROTATE_ACTION, subject: `epoch ${closing}`, outcome: 'ok', fields: { nextEpoch: String(closing + 1) } },
      undefined,
      now,
      hashes,
    );
    retiredKeys.push(s.key);
    s.key = evolveEpochKeyKeepingInput(s.key, closing);
    s.epoch = closing + 1;
    s.epochCount = 0;
    s.epochStartedMs = now;
    this.#sql.insertEpoch.run(s.epoch, s.size, now);
    // The retired key's sealed copy is overwritten below; its own key is destroyed too, so no
    // remnant of those bytes (a freed page, a WAL frame) can give the old epoch key back.
    const retired = this.#sql.epochKey.get() as { sealed: Uint8Array } | undefined;
    this.#sql.upsertEpochKey.run(s.epoch, this.#sealer.seal(s.key));
    if (retired) this.#sealer.shred?.(retired.sealed);
    this.#archiveCheckpoint(s, 'epoch-close', now);
    return result;
  }

  #rotateSigningKey(s: State, next: AuditSigner, actor: string, now: number, hashes: Uint8Array[]): AppendResult {
    const oldKey = s.signer.publicKey;
    const statement = rotationStatement(this.origin, oldKey, next.publicKey);
    const fields = rotationFields({
      publicKey: next.publicKey,
      oldKeySignature: s.signer.sign(statement),
      newKeySignature: next.sign(statement),
    });
    const result = this.#writeEntry(
      s,
      { actor, action: SIGNING_KEY_ROTATE_ACTION, subject: keyFingerprint(next.publicKey), outcome: 'ok', fields },
      undefined,
      now,
      hashes,
    );
    this.#sql.insertSigningKey.run(result.seq, next.publicKey);
    s.signer = next;
    return result;
  }

  /** Streams stored leaves of [start, end) (visible inside the open transaction). */
  #rangeHash(r: LeafRange): Uint8Array {
    const range = new CompactRange();
    for (const row of this.#sql.leaves.iterate(r.start, r.end) as Iterable<{ leaf: Uint8Array }>) range.appendLeaf(row.leaf);
    if (range.size !== r.end - r.start) throw new AuditIntegrityError(`entries ${r.start}..${r.end - 1} are not all present`);
    return range.root();
  }

  /** A stored checkpoint's size, root and compact range, refusing one whose range does not give its root. */
  #parseStored(row: { size: number; note: string; compact_range: Uint8Array }): { size: number; root: Uint8Array; range: CompactRange } {
    const root = parseSignedCheckpoint(row.note).root;
    const range = CompactRange.deserialize(row.compact_range);
    if (range.size !== row.size || !bytesEqual(range.root(), root)) {
      throw new AuditIntegrityError(`the stored checkpoint of size ${row.size} does not match its own compact range`);
    }
    return { size: row.size, root, range };
  }

  /** Refuses to sign unless the new tree provably extends the stored one. */
  #checkExtends(previous: { size: number; root: Uint8Array; range: CompactRange } | undefined, s: State, right: (r: LeafRange) => Uint8Array): void {
    if (!previous) return;
    const oldRange = previous.range;
    const root = s.range.root();
    const proof = consistencyProofFromCompactRange(oldRange, s.size, right);
    if (!verifyConsistency(previous.size, s.size, previous.root, root, proof)) {
      throw new AuditIntegrityError(`refusing to sign: size ${s.size} is not consistent with the checkpoint of size ${previous.size}`);
    }
  }

  #archiveCheckpoint(s: State, reason: string, now: number): SignedCheckpoint {
    const existing = this.#sql.checkpointAt.get(s.size) as { note: string } | undefined;
    if (existing) return parseSignedCheckpoint(existing.note);
    const last = this.#sql.lastCheckpoint.get() as { size: number; note: string; compact_range: Uint8Array } | undefined;
    this.#checkExtends(last && this.#parseStored(last), s, (r) => this.#rangeHash(r));
    const c = signCheckpoint({ origin: this.origin, size: s.size, root: s.range.root() }, s.signer);
    this.#sql.insertCheckpoint.run(s.size, c.note, s.range.serialize(), reason, now);
    return c;
  }

  /** Signs and stores the new head; returns it for #commit to remember once the transaction commits. */
  #writeHead(s: State, batchLeafHashes: Uint8Array[]): KnownHead {
    const head = this.#sql.head.get() as { size: number; note: string; compact_range: Uint8Array } | undefined;
    const known = this.#head;
    const unchanged = head !== undefined && known !== undefined && head.size === known.size && head.note === known.note && bytesEqual(head.compact_range, known.rangeBytes);
    const firstNew = s.size - batchLeafHashes.length;
    this.#checkExtends(
      head && (unchanged ? known : this.#parseStored(head)),
      s,
      (r) => (r.start >= firstNew ? rangeRoot(batchLeafHashes, r.start - firstNew, r.end - firstNew) : this.#rangeHash(r)),
    );
    const root = s.range.root();
    const c = signCheckpoint({ origin: this.origin, size: s.size, root }, s.signer);
    const rangeBytes = s.range.serialize();
    this.#sql.upsertHead.run(s.size, c.note, rangeBytes);
    return { size: s.size, note: c.note, rangeBytes, root, range: s.range.clone() };
  }
}

function evolveEpochKeyKeepingInput(key: Uint8Array, epoch: number): Uint8Array {
  // The old key is zeroed only after the transaction commits (a rollback keeps using it).
  return evolveEpochKey(new Uint8Array(key), epoch);
}

function prepare(db: Database): Statements {
  return {
    lastSeq: db.prepare('SELECT seq FROM audit_entries ORDER BY seq DESC LIMIT 1'),
    entriesAfter: db.prepare('SELECT leaf FROM audit_entries WHERE seq > ? ORDER BY seq'),
    insertEntry: db.prepare('INSERT INTO audit_entries (seq, leaf, mac, chain_hash) VALUES (?, ?, ?, ?)'),
    insertPayload: db.prepare('INSERT INTO audit_payloads (seq, sealed) VALUES (?, ?)'),
    insertCheckpoint: db.prepare('INSERT INTO audit_checkpoints (size, note, compact_range, reason, time_ms) VALUES (?, ?, ?, ?, ?)'),
    insertEpoch: db.prepare('INSERT INTO audit_epochs (epoch, first_seq, started_ms) VALUES (?, ?, ?)'),
    insertSigningKey: db.prepare('INSERT INTO audit_signing_keys (seq, public_key) VALUES (?, ?)'),
    upsertHead: db.prepare(
      'INSERT INTO audit_head (id, size, note, compact_range) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET size = excluded.size, note = excluded.note, compact_range = excluded.compact_range',
    ),
    upsertEpochKey: db.prepare(
      'INSERT INTO audit_epoch_key (id, epoch, sealed) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET epoch = excluded.epoch, sealed = excluded.sealed',
    ),
    epochKey: db.prepare('SELECT sealed FROM audit_epoch_key WHERE id = 1'),
    head: db.prepare('SELECT size, note, compact_range FROM audit_head WHERE id = 1'),
    lastCheckpoint: db.prepare('SELECT size, note, compact_range FROM audit_checkpoints ORDER BY size DESC LIMIT 1'),
    checkpointAt: db.prepare('SELECT note FROM audit_checkpoints WHERE size = ?'),
    leaves: db.prepare('SELECT leaf FROM audit_entries WHERE seq >= ? AND seq < ? ORDER BY seq'),
  };
}

function create(
  db: Database,
  sql: Statements,
  tenant: string,
  origin: string,
  signer: AuditSigner,
  sealer: PayloadSealer,
  key: Uint8Array,
  now: number,
): State {
  const state: State = {
    size: 0,
    chain: GENESIS_CHAIN_HASH,
    epoch: 0,
    epochCount: 0,
    epochStartedMs: now,
    key,
    range: new CompactRange(),
    signer,
  };
  db.transaction(() => {
    db.prepare("INSERT INTO audit_meta (key, value) VALUES ('tenant', ?) ON CONFLICT(key) DO NOTHING").run(tenant);
    const entry: AuditEntry = {
      seq: 0,
      timeMs: now,
      tenant,
      actor: AUDIT_ACTOR,
      action: LOG_CREATE_ACTION,
      subject: origin,
      outcome: 'ok',
      payloadDigest: sha256(new Uint8Array(0)),
      epoch: 0,
      prevChainHash: GENESIS_CHAIN_HASH,
      fields: { publicKey: toHex(signer.publicKey) },
    };
    const leaf = encodeEntry(entry);
    const chain = chainHash(GENESIS_CHAIN_HASH, leaf);
    sql.insertEntry.run(0, leaf, entryMac(key, leaf), chain);
    sql.insertEpoch.run(0, 0, now);
    sql.insertSigningKey.run(0, signer.publicKey);
    sql.upsertEpochKey.run(0, sealer.seal(key));
    state.range.appendLeaf(leaf);
    state.chain = chain;
    state.size = 1;
    state.epochCount = 1;
    const c = signCheckpoint({ origin, size: 1, root: state.range.root() }, signer);
    sql.insertCheckpoint.run(1, c.note, state.range.serialize(), 'genesis', now);
    sql.upsertHead.run(1, c.note, state.range.serialize());
  })();
  return state;
}

function firstSigningKey(db: Database): Uint8Array {
  const row = db.prepare('SELECT public_key FROM audit_signing_keys ORDER BY seq LIMIT 1').get() as { public_key: Uint8Array } | undefined;
  if (!row) throw new AuditIntegrityError('the audit log has no signing key on record');
  return new Uint8Array(row.public_key);
}

function resume(db: Database, sql: Statements, origin: string, signer: AuditSigner, sealer: PayloadSealer, count: number): State {
  const last = db.prepare('SELECT seq, leaf, chain_hash FROM audit_entries ORDER BY seq DESC LIMIT 1').get() as {
    seq: number;
    leaf: Uint8Array;
    chain_hash: Uint8Array;
  };
  if (last.seq !== count - 1) throw new AuditIntegrityError(`the audit log has ${count} entries but its last seq is ${last.seq}`);
  const head = sql.head.get() as { size: number; note: string; compact_range: Uint8Array } | undefined;
  if (!head) throw new AuditIntegrityError('the audit log has entries but no signed head');
  const range = CompactRange.deserialize(head.compact_range);
  const headCheckpoint = parseSignedCheckpoint(head.note);
  if (head.size !== count || range.size !== count || !bytesEqual(range.root(), headCheckpoint.root) || headCheckpoint.origin !== origin) {
    throw new AuditIntegrityError(`the signed head (size ${head.size}) does not match the ${count} stored entries`);
  }
  const keyRow = db.prepare('SELECT public_key FROM audit_signing_keys ORDER BY seq DESC LIMIT 1').get() as { public_key: Uint8Array };
  if (!bytesEqual(keyRow.public_key, signer.publicKey)) {
    throw new AuditIntegrityError(
      `the signer given (${keyFingerprint(signer.publicKey)}) is not the log's current signing key (${keyFingerprint(keyRow.public_key)})`,
    );
  }
  const epochRow = db.prepare('SELECT epoch, first_seq, started_ms FROM audit_epochs ORDER BY epoch DESC LIMIT 1').get() as {
    epoch: number;
    first_seq: number;
    started_ms: number;
  };
  const keyStore = db.prepare('SELECT epoch, sealed FROM audit_epoch_key WHERE id = 1').get() as { epoch: number; sealed: Uint8Array } | undefined;
  if (!keyStore || keyStore.epoch !== epochRow.epoch) throw new AuditIntegrityError('the sealed epoch key is missing or belongs to another epoch');
  const key = new Uint8Array(sealer.open(keyStore.sealed));
  if (key.length !== EPOCH_KEY_LENGTH) throw new AuditIntegrityError('the sealed epoch key has the wrong length');
  const lastEntry = decodeEntry(last.leaf);
  if (lastEntry.epoch !== epochRow.epoch && !(lastEntry.action === EPOCH_ROTATE_ACTION && lastEntry.epoch + 1 === epochRow.epoch)) {
    throw new AuditIntegrityError('the last entry does not belong to the current epoch');
  }
  return {
    size: count,
    chain: new Uint8Array(last.chain_hash),
    epoch: epochRow.epoch,
    epochCount: count - epochRow.first_seq,
    epochStartedMs: epochRow.started_ms,
    key,
    range,
    signer,
  };
}

