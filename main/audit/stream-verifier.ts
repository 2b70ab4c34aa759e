/**
 * The verifier's core: a pure state machine fed one stored row at a time (constant memory).
 * Both the database verifier and the offline bundle verifier drive it; neither the maths nor
 * the verdicts depend on where the rows came from.
 */
import { bytesEqual, fromHex, toHex } from './bytes.ts';
import { decodeEntry, LeafLayout, scanLeaf, type AuditEntry } from './canonical.ts';
import { keyFingerprint, originFor, verifyCheckpointSignature, type SignedCheckpoint } from './checkpoint.ts';
import { EPOCH_ROTATE_ACTION, EpochKeyReplayer } from './hmac-epoch.ts';
import { CompactRange } from './merkle.ts';
import { digestMatches, sha256Text, writeDigest, type DigestText } from './sha256.ts';
import {
  LOG_CREATE_ACTION,
  rotationFromFields,
  SIGNING_KEY_ROTATE_ACTION,
  verifyRotation,
  type KeyRotation,
} from './signing-key.ts';
import {
  BLOCKED_CALL_ACTION,
  checkBlockedCallEntry,
  checkBlockedCallPayload,
  checkGatewayCallOutcomes,
  checkGatewayCallPayload,
  checkGatewayStages,
  checkPreCallEntry,
  GATEWAY_CALL_ACTION,
  PRE_CALL_ACTION,
  type PreCallBinding,
  REQUIRED_GATEWAY_STAGES,
} from './gateway-stages.ts';
import { sha256 } from './sha256.ts';

const GENESIS_CHAIN_TEXT: DigestText = '\0'.repeat(32);

/** The digest an entry appended without a payload commits to (log.ts). */
const NO_PAYLOAD_DIGEST = sha256(new Uint8Array(0));
/** Actions whose entries carry meaning the verifier checks; any other entry needs no decoding. */
const CHECKED_ACTIONS = [LOG_CREATE_ACTION, SIGNING_KEY_ROTATE_ACTION, EPOCH_ROTATE_ACTION, PRE_CALL_ACTION, GATEWAY_CALL_ACTION, BLOCKED_CALL_ACTION].map((a) => Buffer.from(a, 'utf8'));

/** The scope fields the gateway writes from the request on a call's pre-call entry and on its record alike (gateway/context.ts, scopeFields). */
const SCOPE_FIELDS = ['team', 'agent', 'session', 'task'] as const;

/** An open pre-call entry: what its call's final record must repeat. */
interface OpenPreCall extends PreCallBinding {
  readonly actor: string;
  /** The SCOPE_FIELDS values, in that order (undefined where the entry has none). */
  readonly scope: readonly (string | undefined)[];
}

/** Whether b[start, end) holds exactly `expected`. */
function rangeIs(b: Uint8Array, start: number, end: number, expected: Uint8Array): boolean {
  if (end - start !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (b[start + i] !== expected[i]) return false;
  return true;
}

export type FailureKind =
  | 'altered'
  | 'missing'
  | 'reordered'
  | 'inserted'
  | 'truncated'
  | 'bad-mac'
  | 'bad-signature'
  | 'inconsistent-checkpoint'
  | 'untrusted-key'
  | 'incomplete-pipeline';

export interface VerificationFailure {
  /** The first seq that cannot be trusted. */
  readonly seq: number;
  readonly kind: FailureKind;
  readonly message: string;
}

export interface VerificationResult {
  readonly ok: boolean;
  readonly tenant: string;
  readonly origin: string;
  /** Entries that passed every check before the first failure (all of them when ok). */
  readonly entriesVerified: number;
  /** Size and hex root of the tree recomputed over the verified entries. */
  readonly treeSize: number;
  readonly root: string;
  /** SHA-256 hex of the log's first signing key (from the genesis entry), when seen. */
  readonly fingerprint: string | null;
  /** Hex public keys in force, first key first. */
  readonly signingKeys: readonly string[];
  readonly checkpointsVerified: number;
  readonly macsVerified: number;
  readonly gatewayCallsVerified: number;
  /** Gateway calls whose pipeline hash was recomputed from the stage verdicts in their payload. */
  readonly pipelineHashesRecomputed: number;
  readonly failure: VerificationFailure | null;
  readonly notes: readonly string[];
}

export interface VerifierOptions {
  readonly tenant: string;
  /** Signed checkpoints (any order). Every entry must be covered by one. */
  readonly checkpoints: readonly SignedCheckpoint[];
  /** When given, the first signing key must have this SHA-256 hex fingerprint. */
  readonly expectedFingerprint?: string;
  /** When given, every entry's MAC is checked by replaying key evolution from epoch 0. */
  readonly epochZeroKey?: Uint8Array;
  /** How many rows the source holds, if known (tells a reorder from a deletion or insertion). */
  readonly rowCount?: number | (() => number);
}

export interface StoredRow {
  readonly leaf: Uint8Array;
  /** The stored chain hash, a second witness that pins a single altered row. */
  readonly chainHash?: Uint8Array;
  readonly mac?: Uint8Array;
  /** The storage's own seq (the database key), when it has one. */
  readonly rowSeq?: number;
  /**
   * The entry's payload, opened, when the source can give it (null: none stored, or shredded).
   * Asked only for entries whose payload the verifier checks (gateway calls); it may throw when a
   * sealed payload does not open.
   */
  readonly payload?: () => Uint8Array | null;
}

export class LogVerifier {
  readonly #tenant: string;
  readonly #origin: string;
  readonly #options: VerifierOptions;
  readonly #checkpoints: SignedCheckpoint[];
  #nextCheckpoint = 0;
  readonly #signedSize: number;
  readonly #range = new CompactRange();
  readonly #tenantBytes: Uint8Array;
  readonly #layout = new LeafLayout();
  #chain: DigestText = GENESIS_CHAIN_TEXT;
  #position = 0;
  #epoch = 0;
  #pendingEpoch: number | null = null;
  readonly #keys: Uint8Array[] = [];
  #fingerprint: string | null = null;
  readonly #replayer: EpochKeyReplayer | null;
  #failure: VerificationFailure | null = null;
  #checkpointsVerified = 0;
  #lastAttested = 0;
  #macs = 0;
  #gatewayCalls = 0;
  #pipelinesRecomputed = 0;
  #pipelinesUnchecked = 0;
  #blockedUnchecked = 0;
  /**
   * Pre-call entries (stage 5) whose call has no record yet, by call id: emptied as each record is
   * read, so it holds the calls in flight (and any a crash left without a record).
   */
  readonly #pendingPre = new Map<string, OpenPreCall>();
  /**
   * Calls that have their one final record (gateway.call or gateway.call.blocked), to refuse a second.
   * This is the one piece of state that grows with the log: a call id is a 36-character UUID, and
   * measured (heap after GC, 20,000 calls) it costs about 140 bytes a call in this Set, so some
   * 140 MB per million calls verified in one run. (#pendingPre holds only the calls in flight.)
   */
  readonly #recorded = new Set<string>();
  readonly #notes: string[] = [];
  #scratch = Buffer.allocUnsafeSlow(4096);

  constructor(options: VerifierOptions) {
    this.#options = options;
    this.#tenant = options.tenant;
    this.#origin = originFor(options.tenant);
    this.#tenantBytes = Buffer.from(options.tenant, 'utf8');
    this.#checkpoints = [...options.checkpoints].sort((a, b) => a.size - b.size);
    this.#signedSize = this.#checkpoints.length > 0 ? (this.#checkpoints[this.#checkpoints.length - 1] as SignedCheckpoint).size : 0;
    this.#replayer = options.epochZeroKey ? new EpochKeyReplayer(options.epochZeroKey) : null;
    if (!this.#replayer) this.#notes.push('entry MACs not checked: no epoch-0 key was given');
    this.#checkDuplicateCheckpoints();
    this.#skipEmptyCheckpoints();
  }

  get failed(): boolean {
    return this.#failure !== null;
  }

  get position(): number {
    return this.#position;
  }

  /** Records a failure found outside the row stream (the first one recorded wins). */
  fail(seq: number, kind: FailureKind, message: string): false {
    this.#failure ??= { seq, kind, message };
    return false;
  }

  #fail(seq: number, kind: FailureKind, message: string): false {
    return this.fail(seq, kind, message);
  }

  #checkDuplicateCheckpoints(): void {
    for (let i = 1; i < this.#checkpoints.length; i++) {
      const a = this.#checkpoints[i - 1] as SignedCheckpoint;
      const b = this.#checkpoints[i] as SignedCheckpoint;
      if (a.size === b.size && !bytesEqual(a.root, b.root)) {
        this.#fail(Math.max(a.size - 1, 0), 'inconsistent-checkpoint', `two checkpoints of size ${a.size} disagree on the root`);
      }
    }
    for (const c of this.#checkpoints) {
      if (c.origin !== this.#origin) {
        this.#fail(Math.max(c.size - 1, 0), 'inconsistent-checkpoint', `checkpoint of size ${c.size} names origin ${c.origin}, expected ${this.#origin}`);
      }
    }
  }

  #skipEmptyCheckpoints(): void {
    while (this.#nextCheckpoint < this.#checkpoints.length && (this.#checkpoints[this.#nextCheckpoint] as SignedCheckpoint).size === 0) {
      this.#nextCheckpoint++;
    }
  }

  #positionKind(leafSeq: number, rowSeq: number | undefined): FailureKind {
    if (rowSeq !== undefined) return 'reordered';
    const count = typeof this.#options.rowCount === 'function' ? this.#options.rowCount() : this.#options.rowCount;
    if (count !== undefined && this.#signedSize > 0) {
      if (count === this.#signedSize) return 'reordered';
      return count < this.#signedSize ? 'missing' : 'inserted';
    }
    return leafSeq > this.#position ? 'missing' : 'inserted';
  }

  /** Feeds the next stored row. Returns false once the log has failed (stop feeding). */
  push(row: StoredRow): boolean {
    if (this.#failure) return false;
    const p = this.#position;
    if (row.rowSeq !== undefined && row.rowSeq !== p) {
      return this.#fail(p, row.rowSeq > p ? 'missing' : 'inserted', `expected entry ${p}, found ${row.rowSeq}`);
    }
    const leaf = row.leaf;
    const layout = this.#layout;
    // Validated in place; an entry is decoded into strings only when its meaning is checked.
    const why = scanLeaf(leaf, layout);
    if (why !== null) return this.#fail(p, 'altered', `entry ${p} is not a canonical entry (${why})`);
    if (layout.seq !== p) {
      const kind = this.#positionKind(layout.seq, row.rowSeq);
      return this.#fail(p, kind, `expected entry ${p}, found entry ${layout.seq}`);
    }
    if (!rangeIs(leaf, layout.tenantStart, layout.tenantEnd, this.#tenantBytes)) {
      return this.#fail(p, 'altered', `entry ${p} names tenant ${decodeEntry(leaf).tenant}`);
    }
    if (this.#pendingEpoch !== null) {
      this.#epoch = this.#pendingEpoch;
      this.#pendingEpoch = null;
    }
    if (layout.epoch !== this.#epoch) return this.#fail(p, 'altered', `entry ${p} claims epoch ${layout.epoch}, expected ${this.#epoch}`);
    if (this.#replayer) {
      if (!row.mac) return this.#fail(p, 'bad-mac', `entry ${p} has no MAC`);
      if (!this.#replayer.macerFor(layout.epoch).verify(leaf, row.mac)) {
        return this.#fail(p, 'bad-mac', `entry ${p} has a bad MAC for epoch ${layout.epoch}`);
      }
      this.#macs++;
    }
    if (!digestMatches(this.#chain, leaf, 21)) {
      return this.#fail(p, 'altered', `entry ${p} does not link to entry ${p - 1} (prevChainHash differs)`);
    }
    // One copy of the leaf serves both hashes: [prev(32) | leaf] and [0x00 | leaf].
    const need = 32 + leaf.length;
    if (this.#scratch.length < need) this.#scratch = Buffer.allocUnsafeSlow(Math.max(need, this.#scratch.length * 2));
    const scratch = this.#scratch;
    writeDigest(this.#chain, scratch, 0);
    scratch.set(leaf, 32);
    const chain = sha256Text(new Uint8Array(scratch.buffer, scratch.byteOffset, need));
    if (row.chainHash && (row.chainHash.length !== 32 || !digestMatches(chain, row.chainHash, 0))) {
      return this.#fail(p, 'altered', `entry ${p} does not match its stored chain hash`);
    }
    if (p === 0 || this.#isCheckedAction(leaf, layout)) {
      if (!this.#checkSemantics(decodeEntry(leaf), row.payload)) return false;
    }
    this.#chain = chain;
    scratch[31] = 0;
    this.#range.appendLeafHashText(sha256Text(new Uint8Array(scratch.buffer, scratch.byteOffset + 31, need - 31)));
    this.#position = p + 1;
    return this.#nextCheckpoint < this.#checkpoints.length ? this.#checkCheckpointsAt(this.#position) : true;
  }

  #isCheckedAction(leaf: Uint8Array, layout: LeafLayout): boolean {
    for (const action of CHECKED_ACTIONS) if (rangeIs(leaf, layout.actionStart, layout.actionEnd, action)) return true;
    return false;
  }

  #checkSemantics(entry: AuditEntry, payloadOf: StoredRow['payload']): boolean {
    const p = entry.seq;
    if (p === 0) {
      if (entry.action !== LOG_CREATE_ACTION) return this.#fail(0, 'altered', `entry 0 is ${entry.action}, not ${LOG_CREATE_ACTION}`);
      let key: Uint8Array;
      try {
        key = fromHex(entry.fields.publicKey ?? '', 32);
      } catch {
        return this.#fail(0, 'altered', 'entry 0 carries no valid public key');
      }
      this.#fingerprint = keyFingerprint(key);
      const expected = this.#options.expectedFingerprint?.toLowerCase();
      if (expected !== undefined && expected !== this.#fingerprint) {
        return this.#fail(0, 'untrusted-key', `the log's first signing key has fingerprint ${this.#fingerprint}, not the trusted ${expected}`);
      }
      this.#keys.push(key);
    } else if (entry.action === LOG_CREATE_ACTION) {
      return this.#fail(p, 'altered', `entry ${p} claims to create the log`);
    }
    if (entry.action === SIGNING_KEY_ROTATE_ACTION) {
      let rotation: KeyRotation;
      try {
        rotation = rotationFromFields(p, entry.fields);
      } catch {
        return this.#fail(p, 'altered', `entry ${p} is a malformed signing-key rotation`);
      }
      const current = this.#keys[this.#keys.length - 1] as Uint8Array;
      if (!verifyRotation(this.#origin, current, rotation)) {
        return this.#fail(p, 'bad-signature', `signing-key rotation at entry ${p} is not signed by both the old and the new key`);
      }
      this.#keys.push(rotation.publicKey);
    }
    if (entry.action === EPOCH_ROTATE_ACTION) {
      if (entry.fields.nextEpoch !== String(entry.epoch + 1)) {
        return this.#fail(p, 'altered', `epoch rotation at entry ${p} does not name epoch ${entry.epoch + 1}`);
      }
      this.#pendingEpoch = entry.epoch + 1;
    }
    if (entry.action === PRE_CALL_ACTION) {
      const problem = checkPreCallEntry(entry);
      if (problem) return this.#fail(p, 'incomplete-pipeline', `entry ${p}: ${problem}`);
      const open = this.#pendingPre.get(entry.subject);
      if (open !== undefined) return this.#fail(p, 'incomplete-pipeline', `entry ${p}: call ${entry.subject} has a second pre-call entry (the first is entry ${open.seq}); one call writes one`);
      if (this.#recorded.has(entry.subject)) return this.#fail(p, 'incomplete-pipeline', `entry ${p}: pre-call entry for call ${entry.subject}, which already has its record`);
      this.#pendingPre.set(entry.subject, {
        seq: p,
        pipelineHash: entry.fields.pipelineHash as string,
        actor: entry.actor,
        scope: SCOPE_FIELDS.map((k) => entry.fields[k]),
        model: entry.fields.model,
        inputDigest: entry.fields.inputDigest,
      });
    }
    if (entry.action === GATEWAY_CALL_ACTION) {
      const problem = checkGatewayStages(entry.fields.stages) ?? checkGatewayCallOutcomes(entry);
      if (problem) return this.#fail(p, 'incomplete-pipeline', `entry ${p}: ${problem}`);
      if (!/^[0-9a-f]{64}$/.test(entry.fields.pipelineHash ?? '')) {
        return this.#fail(p, 'incomplete-pipeline', `entry ${p}: gateway call has no pipeline hash`);
      }
      // Stage 10 always stores the call's verdicts; an entry committed to no payload never had them.
      if (bytesEqual(entry.payloadDigest, NO_PAYLOAD_DIGEST)) {
        return this.#fail(p, 'incomplete-pipeline', `entry ${p}: gateway call was recorded without its stage verdicts (no payload)`);
      }
      const pre = this.#takePreCall(entry, true);
      if (pre === false) return false;
      if (!this.#checkGatewayPayload(entry, payloadOf, checkGatewayCallPayload, pre)) return false;
      if (pre !== undefined && !this.#matchesPreCall(entry, pre)) return false;
      this.#gatewayCalls++;
    }
    if (entry.action === BLOCKED_CALL_ACTION) {
      const problem = checkBlockedCallEntry(entry);
      if (problem) return this.#fail(p, 'incomplete-pipeline', `entry ${p}: ${problem}`);
      // The gateway always stores a blocked call's verdicts; an entry committed to no payload never had them.
      if (bytesEqual(entry.payloadDigest, NO_PAYLOAD_DIGEST)) {
        return this.#fail(p, 'incomplete-pipeline', `entry ${p}: blocked gateway call was recorded without its stage verdicts (no payload)`);
      }
      // All ten stages ran: the call reached the model (its gateway.call was not written), so stage 5 wrote a pre-call entry.
      const reachedModel = (entry.fields.stages ?? '').split(',').length === REQUIRED_GATEWAY_STAGES.length;
      const pre = this.#takePreCall(entry, reachedModel);
      if (pre === false) return false;
      if (!this.#checkGatewayPayload(entry, payloadOf, checkBlockedCallPayload, pre)) return false;
      if (pre !== undefined && !this.#matchesPreCall(entry, pre)) return false;
    }
    return true;
  }

  /**
   * Links a call's final record to its pre-call entry and marks the call recorded. A call that
   * reached the model (`reachedModel`) has exactly one open pre-call entry, which a gateway.call
   * names by seq (preCallSeq); a call blocked before the model has none (stage 5 writes its entry
   * and the budget reservation in one commit, so a budget refusal there leaves no entry). Returns
   * the pre-call entry's pipeline hash (undefined when there is none), or false on failure. The
   * verifier reads a log from entry 0 (the database, and a bundle, which holds every entry from 0),
   * so a call's pre-call entry is always inside the verified range.
   */
  #takePreCall(entry: AuditEntry, reachedModel: boolean): OpenPreCall | undefined | false {
    const p = entry.seq;
    const call = entry.subject;
    if (this.#recorded.has(call)) {
      return this.#fail(p, 'incomplete-pipeline', `entry ${p}: call ${call} already has its record; a second ${entry.action} for it was written after (a duplicated or forged record)`);
    }
    const pre = this.#pendingPre.get(call);
    if (!reachedModel) {
      if (pre !== undefined) {
        return this.#fail(p, 'incomplete-pipeline', `entry ${p}: call ${call} is recorded as blocked before the model, yet its pre-call entry ${pre.seq} shows it reached stage 5 and the model call`);
      }
      this.#recorded.add(call);
      return undefined;
    }
    if (entry.action === GATEWAY_CALL_ACTION) {
      const named = entry.fields.preCallSeq ?? '';
      if (pre === undefined || named !== String(pre.seq)) {
        const where = pre === undefined ? 'there is no open pre-call entry for that call before it' : `the call's pre-call entry is entry ${pre.seq}`;
        return this.#fail(p, 'incomplete-pipeline', `entry ${p}: gateway call ${call} names pre-call entry ${named || '(none)'}, but ${where}: stage 5 was skipped, or the record is forged`);
      }
    } else if (pre === undefined) {
      return this.#fail(p, 'incomplete-pipeline', `entry ${p}: blocked gateway call ${call} ran all ten stages, but no pre-call entry for it comes before it: stage 5 was skipped, or the record is forged`);
    }
    this.#pendingPre.delete(call);
    this.#recorded.add(call);
    return pre;
  }

  /**
   * Whether a call's final record says who made the call, for which scope and (unrouted) on which
   * model, as its pre-call entry does: the gateway writes the actor and the scope fields from the
   * same request in both (scopeFields), so they never differ. The model is compared on a
   * gateway.call that was not routed (no requestedModel): a routed call's record names the model
   * that served, which a fallback changes after stage 5, and so does a blocked record's (the
   * model the route reached), so there stage 5's own verdict (its model and inputDigest, checked
   * with the payload) is what binds them.
   */
  #matchesPreCall(entry: AuditEntry, pre: OpenPreCall): boolean {
    const p = entry.seq;
    const differs = (what: string, recorded: string | undefined, committed: string | undefined): false =>
      this.#fail(
        p,
        'incomplete-pipeline',
        `entry ${p}: ${entry.action} for call ${entry.subject} has ${what} ${recorded === undefined ? '(none)' : `"${recorded}"`}, but its pre-call entry ${pre.seq} has ${committed === undefined ? '(none)' : `"${committed}"`}: the record does not match its pre-call entry (rewritten after the model was called, or forged)`,
      );
    if (entry.actor !== pre.actor) return differs('actor', entry.actor, pre.actor);
    for (const [i, field] of SCOPE_FIELDS.entries()) {
      if (entry.fields[field] !== pre.scope[i]) return differs(field, entry.fields[field], pre.scope[i]);
    }
    if (entry.action === GATEWAY_CALL_ACTION && entry.fields.requestedModel === undefined && entry.fields.model !== pre.model) {
      return differs('model', entry.fields.model, pre.model);
    }
    return true;
  }

  /** Recomputes a gateway call's pipeline hash from the verdicts in its payload, when the source gives it. */
  #checkGatewayPayload(entry: AuditEntry, payloadOf: StoredRow['payload'], check: typeof checkGatewayCallPayload, pre: PreCallBinding | undefined): boolean {
    const complete = entry.action === GATEWAY_CALL_ACTION;
    const p = entry.seq;
    let payload: Uint8Array | null;
    try {
      payload = payloadOf?.() ?? null;
    } catch {
      return this.#fail(p, 'altered', `the sealed payload of entry ${p} does not open (altered, or sealed under another key)`);
    }
    if (payload === null) {
      if (complete) this.#pipelinesUnchecked++;
      else this.#blockedUnchecked++;
      return true;
    }
    if (!bytesEqual(sha256(payload), entry.payloadDigest)) return this.#fail(p, 'altered', `the payload of entry ${p} does not match its digest`);
    const problem = check(entry, payload, pre);
    if (problem) return this.#fail(p, 'incomplete-pipeline', `entry ${p}: ${problem}`);
    // The count reports complete calls (all ten stages); a blocked call's partial pipeline is checked all the same.
    if (complete) this.#pipelinesRecomputed++;
    return true;
  }

  #checkCheckpointsAt(size: number): boolean {
    while (this.#nextCheckpoint < this.#checkpoints.length) {
      const c = this.#checkpoints[this.#nextCheckpoint] as SignedCheckpoint;
      if (c.size !== size) break;
      this.#nextCheckpoint++;
      const key = this.#keys[this.#keys.length - 1] as Uint8Array;
      if (!bytesEqual(this.#range.root(), c.root)) {
        return this.#fail(
          this.#lastAttested,
          'inconsistent-checkpoint',
          `the signed checkpoint of size ${size} does not match the entries; the fault lies in entries ${this.#lastAttested}..${size - 1}`,
        );
      }
      if (!verifyCheckpointSignature(c, key)) {
        return this.#fail(size - 1, 'bad-signature', `checkpoint of size ${size} is not signed by the key in force (${keyFingerprint(key)})`);
      }
      this.#checkpointsVerified++;
      this.#lastAttested = size;
    }
    return true;
  }

  finish(): VerificationResult {
    if (!this.#failure) {
      if (this.#position < this.#signedSize) {
        this.#fail(this.#position, 'truncated', `a signed checkpoint covers ${this.#signedSize} entries but only ${this.#position} are present`);
      } else if (this.#position > this.#signedSize) {
        this.#fail(this.#signedSize, 'inserted', `entries from ${this.#signedSize} on are not covered by any signed checkpoint`);
      }
    }
    this.#replayer?.dispose();
    if (this.#pipelinesUnchecked > 0) {
      this.#notes.push(
        `${this.#pipelinesUnchecked} gateway call(s) not checked against their stage verdicts: no payload to read (shredded, or a bundle exported without payloads)`,
      );
    }
    if (this.#blockedUnchecked > 0) {
      this.#notes.push(
        `${this.#blockedUnchecked} blocked gateway call(s) not checked against their stage verdicts: no payload to read (shredded, or a bundle exported without payloads)`,
      );
    }
    if (this.#pendingPre.size > 0) {
      const first = [...this.#pendingPre.values()].slice(0, 5).map((e) => e.seq);
      this.#notes.push(
        `${this.#pendingPre.size} gateway call(s) have a pre-call entry but no record (entries ${first.join(', ')}${this.#pendingPre.size > first.length ? ', …' : ''}): ` +
          'calls still in flight, or a process that stopped between stage 5 and its record; their budget reservations are settled by the stale-reservation sweep (gateway.budget.swept)',
      );
    }
    return {
      ok: this.#failure === null,
      tenant: this.#tenant,
      origin: this.#origin,
      entriesVerified: this.#position,
      treeSize: this.#range.size,
      root: toHex(this.#range.root()),
      fingerprint: this.#fingerprint,
      signingKeys: this.#keys.map(toHex),
      checkpointsVerified: this.#checkpointsVerified,
      macsVerified: this.#macs,
      gatewayCallsVerified: this.#gatewayCalls,
      pipelineHashesRecomputed: this.#pipelinesRecomputed,
      failure: this.#failure,
      notes: this.#notes,
    };
  }
}
