/**
 * Composition root: the one way in for the Electron shell, the CLI and the tests.
 *
 *   const { appliance } = await initAppliance({ dir, tenant, user, passphrase });
 *   const appliance = openAppliance(dir);
 *   const tenant = await appliance.unlockTenant('acme', 'alice', passphrase, { onProgress, signal });
 *   … tenant.db, tenant.fieldEncryption, tenant.blobs, tenant.envelope, tenant.hsm …
 *   tenant.lock();
 *
 * Layout of an appliance directory:
 *   appliance.db                      tenant registry, unlock back-off, append-only unlock events (no secrets)
 *   tenants/<tenantId>/keystore.json  key slots, wrapped signing key, KEK versions
 *   tenants/<tenantId>/tenant.db      encrypted tenant database (+ -wal, -shm)
 *   tenants/<tenantId>/identity-map.db encrypted token → external ID map (write-back capability only)
 *   tenants/<tenantId>/blobs/          encrypted blobs of the internal store
 */
import type { Database } from './data/sqlite.ts';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { secureMemory } from '../native/index.ts';
import { ApplianceDb, type UnlockEvent } from './data/appliance-db.ts';
import { BlobService } from './data/blobs.ts';
import { utf8, wipe } from './data/bytes.ts';
import { openEncryptedDb } from './data/encrypted-db.ts';
import { EnvelopeEncryption } from './data/envelope.ts';
import {
  ApplianceExistsError,
  ApplianceNotFoundError,
  RecoveryShareError,
  TenantExistsError,
  TenantLockedError,
  TenantNotFoundError,
  UnknownUserError,
  UnlockAbortedError,
  UnlockBackoffError,
  WrappedKeyTamperedError,
  WrongPassphraseError,
} from './data/errors.ts';
import { FieldEncryption, setFieldEncryptionRequirement } from './data/field-encryption.ts';
import { createTenantKeys, signingKeyFingerprint as signingFingerprint, TenantHsm } from './data/hsm.ts';
import type { WriteBackCapability } from './data/identity-map.ts';
import { DEFAULT_SCRYPT, checkScryptParams, type ScryptParams } from './data/kdf.ts';
import { openSlot } from './data/key-slots.ts';
import { readKeyStore, writeKeyStore, type KeyStore } from './data/keystore.ts';
import { runMigrations } from './data/migrations.ts';
import { checkPassphrase } from './data/passphrase-policy.ts';
import { combineShares, formatShare } from './data/recovery-shares.ts';
import { rotateKeys, type RotationHooks, type RotationResult } from './data/rotation.ts';
import { DATA_MIGRATIONS } from './data/tenant-schema.ts';
import { TenantSettings } from './data/tenant-settings.ts';
import { AuditLog } from './audit/log.ts';
import type { AuditEvent } from './audit/log.ts';
import type { PayloadSealer } from './audit/ports.ts';
import type { VerificationResult } from './audit/stream-verifier.ts';
import { verifyAuditDatabase } from './audit/verify.ts';

export { setFieldEncryptionRequirement };

export interface ApplianceOptions {
  /** scrypt parameters for NEW key slots. Defaults to DEFAULT_SCRYPT (N=2^17); tests pass lower N explicitly. */
  kdf?: ScryptParams;
  /** Clock for unlock back-off (tests). */
  now?: () => number;
}

export interface RecoverySharesOption {
  threshold: number;
  shares: number;
}

export interface InitOptions extends ApplianceOptions {
  dir: string;
  tenant: string;
  user: string;
  passphrase: string;
  recoveryShares?: RecoverySharesOption;
}

export type UnlockPhase = 'checking' | 'deriving-key' | 'unwrapping-keys' | 'opening-database' | 'ready';
export interface UnlockOptions {
  /** Progress as phases with an approximate fraction (the KDF itself cannot report progress). */
  onProgress?: (progress: { phase: UnlockPhase; fraction: number }) => void;
  /** Honoured before and after the KDF; an aborted unlock changes nothing. */
  signal?: AbortSignal;
}

export interface TenantDescription {
  id: string;
  name: string;
  createdAt: string;
  users: string[];
  signingKeyFingerprint: string;
  currentKeyVersion: number;
  keyVersions: { version: number; state: 'live' | 'retired' }[];
}

const APPLIANCE_DB = 'appliance.db';
const unlockedTenants = new Set<UnlockedTenant>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Keys are zeroed on exit as well as on lock.
  process.once('exit', () => {
    for (const tenant of unlockedTenants) tenant.lock();
  });
}

const passphraseBytes = (passphrase: string): Uint8Array => utf8(passphrase.normalize('NFC'));

function validateName(kind: 'tenant' | 'user', name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) {
    throw new RangeError(`${kind} name "${name}" is not allowed: use 1–64 letters, digits, dot, dash or underscore`);
  }
}

function validateShares(option: RecoverySharesOption): void {
  const { threshold, shares } = option;
  if (!Number.isInteger(threshold) || !Number.isInteger(shares) || threshold < 2 || shares < threshold || shares > 255) {
    throw new RecoveryShareError('use M/N with 2 ≤ M ≤ N ≤ 255');
  }
}

export class UnlockedTenant {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly settings: TenantSettings;
  readonly envelope: EnvelopeEncryption;
  readonly fieldEncryption: FieldEncryption;
  readonly blobs: BlobService;
  /** The tenant's tamper-evident audit log; every security-relevant change lands here first. */
  readonly audit: AuditLog;
  #writeBack: WriteBackCapability | undefined;
  #locked = false;
  // Kept for verification only: whoever holds the root key can re-derive it anyway.
  readonly #auditVerifierKey: Uint8Array;

  constructor(
    readonly user: string,
    readonly hsm: TenantHsm,
    readonly db: Database,
    readonly tenantDir: string,
    private readonly kdf: ScryptParams,
  ) {
    this.tenantId = hsm.tenantId;
    this.tenantName = hsm.tenantName;
    this.settings = new TenantSettings(db);
    this.envelope = new EnvelopeEncryption(db, hsm);
    this.fieldEncryption = new FieldEncryption(this.tenantId, this.settings, this.envelope);
    this.blobs = new BlobService(db, this.tenantId, tenantDir, this.settings, this.envelope);
    this.#auditVerifierKey = hsm.deriveAuditEpochKey0();
    this.audit = openAuditLog(db, hsm, this.envelope, this.#auditVerifierKey);
    unlockedTenants.add(this);
  }

  /** Recomputes chain, tree, epoch MACs and checkpoint signatures of this tenant's log. */
  async verifyAudit(): Promise<VerificationResult> {
    this.#assertUnlocked();
    await this.audit.flush();
    return verifyAuditDatabase(this.db, {
      tenant: this.tenantId,
      epochZeroKey: this.#auditVerifierKey,
      expectedFingerprint: this.signingKeyFingerprint(),
      openPayload: (seq) => this.audit.readPayload(seq),
    });
  }

  /** Appends an event as this tenant's unlocked user; resolves once durable, rejects otherwise. */
  record(event: Omit<AuditEvent, 'actor'> & { actor?: string }): Promise<{ seq: number }> {
    return this.audit.append({ ...event, actor: event.actor ?? userActor(this.user) });
  }

  /**
   * Runs a security-relevant change with the audit log as its gate: the attempt is on record
   * (durably) before the change runs, and its outcome after. No record, no change.
   */
  async #audited<T>(action: string, subject: string, change: () => T | Promise<T>, fields?: Record<string, string>): Promise<T> {
    await this.record({ action, subject, outcome: 'attempt', ...(fields ? { fields } : {}) });
    let result: T;
    try {
      result = await change();
    } catch (error) {
      await this.record({ action, subject, outcome: 'failed', fields: { ...fields, error: error instanceof Error ? error.name : 'Error' } });
      throw error;
    }
    await this.record({ action, subject, outcome: 'ok', ...(fields ? { fields } : {}) });
    return result;
  }

  get locked(): boolean {
    return this.#locked;
  }

  signingKeyFingerprint(): string {
    return this.hsm.signingKeyFingerprint();
  }

  /** The identity-map capability, issued once per unlock: hand it to the write-back task only. */
  takeWriteBackCapability(): WriteBackCapability {
    this.#assertUnlocked();
    this.#writeBack = this.hsm.issueWriteBackCapability(join(this.tenantDir, 'identity-map.db'));
    return this.#writeBack;
  }

  async addUser(user: string, passphrase: string): Promise<void> {
    this.#assertUnlocked();
    validateName('user', user);
    checkPassphrase(passphrase, { user, tenant: this.tenantName });
    await this.#audited('user.add', userActor(user), async () => {
      const bytes = passphraseBytes(passphrase);
      try {
        await this.hsm.addSlot(user, bytes, this.kdf);
      } finally {
        wipe(bytes);
      }
    });
  }

  async removeUser(user: string): Promise<void> {
    this.#assertUnlocked();
    await this.#audited('user.remove', userActor(user), () => this.hsm.removeSlot(user));
  }

  async rotateKeys(hooks: RotationHooks = {}): Promise<RotationResult> {
    this.#assertUnlocked();
    return this.#audited('keys.rotate', `tenant:${this.tenantId}`, () => rotateKeys(this.hsm, this.envelope, hooks));
  }

  /** Flushes the audit log, then locks. Prefer this to `lock()` wherever an await is possible. */
  async close(): Promise<void> {
    if (this.#locked) return;
    await this.audit.close();
    this.lock();
  }

  #assertUnlocked(): void {
    if (this.#locked) throw new TenantLockedError();
  }

  /** Closes the databases and zeroes every key. Idempotent. */
  lock(): void {
    if (this.#locked) return;
    this.#locked = true;
    unlockedTenants.delete(this);
    this.#auditVerifierKey.fill(0);
    void this.audit.close().catch(() => undefined); // appends still queued now fail closed
    this.#writeBack?.close();
    if (this.db.open) this.db.close();
    this.hsm.lock();
  }
}

export class Appliance {
  readonly #db: ApplianceDb;
  readonly #kdf: ScryptParams;
  readonly #now: () => number;

  constructor(
    readonly dir: string,
    db: ApplianceDb,
    options: ApplianceOptions,
  ) {
    this.#db = db;
    this.#kdf = options.kdf ?? DEFAULT_SCRYPT;
    checkScryptParams(this.#kdf);
    this.#now = options.now ?? Date.now;
  }

  tenants(): { id: string; name: string }[] {
    return this.#db.tenants().map(({ id, name }) => ({ id, name }));
  }

  #tenant(name: string): { id: string; name: string } {
    const all = this.#db.tenants();
    const found = all.find((t) => t.name === name);
    if (!found) throw new TenantNotFoundError(name, all.map((t) => t.name));
    return found;
  }

  tenantDir(tenantId: string): string {
    return join(this.dir, 'tenants', tenantId);
  }

  #keystorePath(tenantId: string): string {
    return join(this.tenantDir(tenantId), 'keystore.json');
  }

  /** Creates a tenant with its first user; optionally returns M-of-N recovery shares of its root key. */
  async addTenant(name: string, user: string, passphrase: string, recovery?: RecoverySharesOption): Promise<{ tenantId: string; recoveryShares?: string[] }> {
    validateName('tenant', name);
    validateName('user', user);
    checkPassphrase(passphrase, { user, tenant: name });
    if (recovery) validateShares(recovery);
    if (this.#db.tenants().some((t) => t.name === name)) throw new TenantExistsError(name);
    const tenantId = `tn_${randomBytes(16).toString('hex')}`;
    const dir = this.tenantDir(tenantId);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const bytes = passphraseBytes(passphrase);
    const { store, root } = await createTenantKeys(tenantId, name, user, bytes, this.#kdf).finally(() => wipe(bytes));
    const keystorePath = this.#keystorePath(tenantId);
    writeKeyStore(keystorePath, store);
    const hsm = new TenantHsm(store, keystorePath, root);
    try {
      const db = openEncryptedDb(join(dir, 'tenant.db'), hsm.sqliteKeyHex(), { create: true });
      runMigrations(db, DATA_MIGRATIONS, 'data');
      const epochZero = hsm.deriveAuditEpochKey0();
      const audit = openAuditLog(db, hsm, new EnvelopeEncryption(db, hsm), epochZero);
      epochZero.fill(0);
      await audit.append({ actor: userActor(user), action: 'tenant.create', subject: `tenant:${tenantId}`, outcome: 'ok', fields: { name } });
      await audit.append({ actor: userActor(user), action: 'user.add', subject: userActor(user), outcome: 'ok', fields: { first: 'true' } });
      await audit.checkpoint('tenant created');
      await audit.close();
      db.close();
      const shares = recovery ? (await hsm.recoveryShares(recovery.threshold, recovery.shares)).map((s) => formatShare(tenantId, s)) : undefined;
      // Registered last: a crash before this leaves an unreferenced folder, never a half-made tenant.
      this.#db.addTenant(tenantId, name);
      return shares ? { tenantId, recoveryShares: shares } : { tenantId };
    } finally {
      hsm.lock();
    }
  }

  /** Public facts about a tenant, readable without a passphrase (for `airlock tenant show`). */
  describeTenant(name: string): TenantDescription {
    const { id } = this.#tenant(name);
    const store = readKeyStore(this.#keystorePath(id), id);
    const hsmFree = describeStore(store);
    return { ...hsmFree, name };
  }

  /**
   * Unlocks a tenant: back-off check, scrypt, slot unwrap, key checks, database open + migrations.
   * Every failure is recorded in the append-only unlock events and raises a typed error.
   */
  async unlockTenant(tenantName: string, user: string, passphrase: string, options: UnlockOptions = {}): Promise<UnlockedTenant> {
    const progress = options.onProgress ?? (() => {});
    progress({ phase: 'checking', fraction: 0 });
    const tenant = this.#tenant(tenantName);
    const now = this.#now();
    const backoff = this.#db.backoff(tenant.id, user);
    if (backoff.nextAllowedAt > now) {
      this.#db.recordRefusal(tenant.id, tenant.name, user, backoff.failures, now);
      throw new UnlockBackoffError(tenant.name, user, backoff.nextAllowedAt - now);
    }
    const keystorePath = this.#keystorePath(tenant.id);
    const store = readKeyStore(keystorePath, tenant.id);
    const slot = store.slots.find((s) => s.user === user);
    if (!slot) {
      this.#db.recordFailure(tenant.id, tenant.name, user, 'unknown-user', now);
      throw new UnknownUserError(tenant.name, user);
    }
    progress({ phase: 'deriving-key', fraction: 0.05 });
    const bytes = passphraseBytes(passphrase);
    const opened = await openSlot(tenant.id, slot, bytes, { signal: options.signal }).finally(() => wipe(bytes));
    if (!opened.ok) {
      if (opened.reason === 'tampered') {
        this.#db.recordFailure(tenant.id, tenant.name, user, 'tampered', this.#now());
        throw new WrappedKeyTamperedError(`root key in the slot of "${user}"`, keystorePath);
      }
      const state = this.#db.recordFailure(tenant.id, tenant.name, user, 'wrong-passphrase', this.#now());
      throw new WrongPassphraseError(tenant.name, user, state.failures, Math.max(0, state.nextAllowedAt - this.#now()));
    }
    if (options.signal?.aborted) {
      wipe(opened.root);
      throw new UnlockAbortedError();
    }
    progress({ phase: 'unwrapping-keys', fraction: 0.9 });
    const hsm = new TenantHsm(store, keystorePath, opened.root);
    progress({ phase: 'opening-database', fraction: 0.95 });
    let db: Database;
    try {
      db = openEncryptedDb(join(this.tenantDir(tenant.id), 'tenant.db'), hsm.sqliteKeyHex());
      runMigrations(db, DATA_MIGRATIONS, 'data');
    } catch (error) {
      hsm.lock();
      throw error;
    }
    this.#db.recordSuccess(tenant.id, tenant.name, user, this.#now());
    installExitHook();
    const unlocked = new UnlockedTenant(user, hsm, db, this.tenantDir(tenant.id), this.#kdf);
    try {
      await importUnlockEvents(unlocked, this.#db.unlockEvents());
    } catch (error) {
      // Fail closed: a tenant whose audit log cannot take these events is not handed out.
      unlocked.lock();
      throw error;
    }
    progress({ phase: 'ready', fraction: 1 });
    return unlocked;
  }

  /** `airlock recover`: M shares of the root key restore access by adding a slot for `newUser`. */
  async recoverTenant(tenantName: string, shares: readonly string[], newUser: string, newPassphrase: string): Promise<void> {
    validateName('user', newUser);
    checkPassphrase(newPassphrase, { user: newUser, tenant: tenantName });
    const tenant = this.#tenant(tenantName);
    const keystorePath = this.#keystorePath(tenant.id);
    const store = readKeyStore(keystorePath, tenant.id);
    const root = await combineShares(shares, tenant.id);
    let hsm: TenantHsm;
    try {
      hsm = new TenantHsm(store, keystorePath, root);
    } catch (error) {
      if (error instanceof WrappedKeyTamperedError) throw new RecoveryShareError('they do not restore this tenant\'s key');
      throw error;
    }
    const bytes = passphraseBytes(newPassphrase);
    let db: Database | undefined;
    try {
      db = openEncryptedDb(join(this.tenantDir(tenant.id), 'tenant.db'), hsm.sqliteKeyHex());
      runMigrations(db, DATA_MIGRATIONS, 'data');
      const epochZero = hsm.deriveAuditEpochKey0();
      const audit = openAuditLog(db, hsm, new EnvelopeEncryption(db, hsm), epochZero);
      epochZero.fill(0);
      try {
        const entry = { actor: 'recovery-shares', action: 'user.recover', subject: userActor(newUser) };
        // On record before the slot exists: a recovery that cannot be audited does not happen.
        await audit.append({ ...entry, outcome: 'attempt', fields: { sharesPresented: String(shares.length) } });
        await hsm.addSlot(newUser, bytes, this.#kdf);
        await audit.append({ ...entry, outcome: 'ok' });
      } finally {
        await audit.close();
      }
    } finally {
      wipe(bytes);
      db?.close();
      hsm.lock();
    }
  }

  /** Append-only record of unlock attempts (names, times, outcomes; never passphrases). */
  unlockEvents(): UnlockEvent[] {
    return this.#db.unlockEvents();
  }

  close(): void {
    this.#db.close();
  }
}

const userActor = (user: string): string => `user:${user}`;

/** Opens (creating on first use) the tenant's audit log. `epochZeroKey` is used only on creation. */
function openAuditLog(db: Database, hsm: TenantHsm, envelope: EnvelopeEncryption, epochZeroKey: Uint8Array): AuditLog {
  const sealer: PayloadSealer = {
    seal: (bytes) => envelope.sealForTenant('audit-payload', bytes),
    open: (sealed) => envelope.openForTenant('audit-payload', sealed),
    shred: (sealed) => envelope.shredSealed('audit-payload', sealed),
  };
  return AuditLog.open({ db, tenant: hsm.tenantId, signer: hsm.auditSigner(), sealer, epochZeroKey: new Uint8Array(epochZeroKey) });
}

const IMPORTED_UNLOCK_EVENTS = 'audit.importedUnlockEventSeq';

/**
 * Unlock attempts are recorded in the appliance database first (the tenant key is not available
 * when a passphrase is wrong); each successful unlock moves the new ones into the tenant's log.
 */
async function importUnlockEvents(tenant: UnlockedTenant, events: readonly UnlockEvent[]): Promise<void> {
  const after = Number(tenant.settings.get(IMPORTED_UNLOCK_EVENTS) ?? '0');
  const fresh = events.filter((event) => event.seq > after && (event.tenantId === tenant.tenantId || event.tenantName === tenant.tenantName));
  if (fresh.length === 0) return;
  await Promise.all(
    fresh.map((event) =>
      tenant.record({
        actor: userActor(event.user),
        action: 'auth.unlock',
        subject: `tenant:${tenant.tenantId}`,
        outcome: event.outcome,
        fields: { at: event.at, applianceSeq: String(event.seq), consecutiveFailures: String(event.failures) },
      }),
    ),
  );
  const last = fresh[fresh.length - 1];
  if (last) tenant.settings.set(IMPORTED_UNLOCK_EVENTS, String(last.seq), 'unlock events imported into the audit log');
}

function describeStore(store: KeyStore): Omit<TenantDescription, 'name'> {
  const publicKey = new Uint8Array(Buffer.from(store.signing.publicKey, 'base64'));
  return {
    id: store.tenantId,
    createdAt: store.createdAt,
    users: store.slots.map((s) => s.user),
    signingKeyFingerprint: signingFingerprint(publicKey),
    currentKeyVersion: store.kek.current,
    keyVersions: store.kek.versions.map((v) => ({ version: v.version, state: v.state })),
  };
}

function hardenProcess(): void {
  secureMemory().disableCoreDumps();
}

/** Opens an existing appliance directory. */
export function openAppliance(dir: string, options: ApplianceOptions = {}): Appliance {
  const root = resolve(dir);
  if (!existsSync(join(root, APPLIANCE_DB))) throw new ApplianceNotFoundError(root);
  hardenProcess();
  return new Appliance(root, new ApplianceDb(join(root, APPLIANCE_DB), { create: false }), options);
}

/** Creates an appliance directory with its first tenant and user. */
export async function initAppliance(options: InitOptions): Promise<{ appliance: Appliance; tenantId: string; recoveryShares?: string[] }> {
  const root = resolve(options.dir);
  if (existsSync(join(root, APPLIANCE_DB))) throw new ApplianceExistsError(root);
  validateName('tenant', options.tenant);
  validateName('user', options.user);
  checkPassphrase(options.passphrase, { user: options.user, tenant: options.tenant });
  if (options.recoveryShares) validateShares(options.recoveryShares);
  hardenProcess();
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const appliance = new Appliance(root, new ApplianceDb(join(root, APPLIANCE_DB), { create: true }), options);
  const created = await appliance.addTenant(options.tenant, options.user, options.passphrase, options.recoveryShares);
  return { appliance, ...created };
}
