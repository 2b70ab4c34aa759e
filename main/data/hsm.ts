/**
 * The software HSM of one unlocked tenant: the only holder of raw key bytes.
 *
 * Key hierarchy: tenant root key (random 32 bytes, only ever on disk wrapped in key slots or split
 * into recovery shares) → HKDF-SHA256 purpose keys (SQLite raw key, KEK-wrapping key, signing-key
 * wrapping key, audit epoch-0 HMAC key, identity-token key, email-hash pepper, identity-map database
 * key) → random KEK versions (wrapped in the key store) → per-item DEKs (wrapped in the tenant DB).
 *
 * Callers get operations and opaque handles, never key bytes — with three documented exceptions:
 *  - `sqliteKeyHex()` for the storage layer (SQLite needs the raw key);
 *  - `deriveAuditEpochKey0()`, returned once, because forward-secure audit epochs require the audit
 *    layer to own, evolve and erase its epoch keys (a copy kept here would defeat forward security);
 *  - the identity-map database key, only inside a `WriteBackCapability` issued once per unlock.
 * Everything is zeroed by `lock()`. Derived copies inside @noble's internals, the signing key's
 * node:crypto KeyObject (OpenSSL memory, released on lock) and JS strings (the SQLite key's hex form)
 * cannot be wiped from JS.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import { split } from 'shamir-secret-sharing';
import { secureAlloc, secureFree } from '../../native/index.ts';
import { bindingAd, open, randomKey, seal } from './aead.ts';
import { fromB64, toB64, toHex, utf8, wipe } from './bytes.ts';
import {
  CapabilityError,
  ContentIntegrityError,
  KeyVersionLimitError,
  LastSlotError,
  TenantLockedError,
  UnknownUserError,
  UserExistsError,
  WrappedKeyTamperedError,
} from './errors.ts';
import { WriteBackCapability } from './identity-map.ts';
import type { ScryptParams } from './kdf.ts';
import { createSlot } from './key-slots.ts';
import { KEK_LIVE_CAP, KEK_VERSION_HISTORY_CAP, type KeyStore, writeKeyStore } from './keystore.ts';

/** HKDF info labels (exported for tests and auditors of this design); changing one changes every derived key. */
export const HKDF_PURPOSES = {
  sqlite: 'airlock/v1/sqlite-raw-key',
  kekWrap: 'airlock/v1/kek-wrap',
  signingWrap: 'airlock/v1/signing-key-wrap',
  auditEpoch0: 'airlock/v1/audit-epoch-0-hmac',
  identityToken: 'airlock/v1/identity-token',
  emailPepper: 'airlock/v1/email-hash-pepper',
  identityMap: 'airlock/v1/identity-map-db',
} as const;

/** An opaque reference to a DEK held inside the HSM. */
export class DataKeyHandle {
  constructor(
    readonly dekId: string,
    readonly purpose: string,
  ) {}
}

export interface AuditSigner {
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

export function signingKeyFingerprint(publicKey: Uint8Array): string {
  return toHex(sha256(publicKey));
}

export function kekAd(tenantId: string, version: number): Uint8Array {
  return bindingAd({ tenant: tenantId, purpose: 'kek', version });
}
export function signingAd(tenantId: string): Uint8Array {
  return bindingAd({ tenant: tenantId, purpose: 'ed25519-signing-key', version: 1 });
}
function dekAd(tenantId: string, purpose: string, kekVersion: number, dekId: string): Uint8Array {
  return bindingAd({ tenant: tenantId, purpose: `dek:${purpose}`, version: kekVersion, item: dekId });
}

/** PKCS#8 DER prefix of an Ed25519 private key (RFC 8410); the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Uint8Array.of(0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20);

/**
 * An OpenSSL key object for a 32-byte Ed25519 seed. The DER copy is wiped at once; the key object
 * lives in OpenSSL's memory (not wipeable from JS) and is released when the HSM drops it on lock.
 */
function ed25519KeyObject(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new RangeError('Ed25519 secret key must be 32 bytes');
  const der = secureAlloc(ED25519_PKCS8_PREFIX.length + 32);
  der.set(ED25519_PKCS8_PREFIX);
  der.set(seed, ED25519_PKCS8_PREFIX.length);
  try {
    return createPrivateKey({ key: Buffer.from(der.buffer, der.byteOffset, der.byteLength), format: 'der', type: 'pkcs8' });
  } finally {
    secureFree(der);
  }
}

export function derivePurposeKey(root: Uint8Array, tenantId: string, purpose: string): Uint8Array {
  const out = secureAlloc(32);
  const derived = hkdf(sha256, root, utf8(tenantId), utf8(purpose), 32);
  out.set(derived);
  wipe(derived);
  return out;
}

/** Fresh key material for a new tenant: root key, signing key pair and first KEK, wrapped. */
export async function createTenantKeys(
  tenantId: string,
  tenantName: string,
  user: string,
  passphrase: Uint8Array,
  kdf: ScryptParams,
): Promise<{ store: KeyStore; root: Uint8Array }> {
  const root = randomKey(secureAlloc(32));
  const signingWrap = derivePurposeKey(root, tenantId, HKDF_PURPOSES.signingWrap);
  const kekWrap = derivePurposeKey(root, tenantId, HKDF_PURPOSES.kekWrap);
  const { secretKey, publicKey } = ed25519.keygen();
  const kek = randomKey();
  try {
    const now = new Date().toISOString();
    const store: KeyStore = {
      format: 'airlock-keystore',
      formatVersion: 1,
      tenantId,
      tenantName,
      createdAt: now,
      slots: [await createSlot(tenantId, user, root, passphrase, kdf)],
      signing: { alg: 'ed25519', publicKey: toB64(publicKey), wrappedSecret: toB64(seal(signingWrap, secretKey, signingAd(tenantId))) },
      kek: { current: 1, versions: [{ version: 1, state: 'live', createdAt: now, wrapped: toB64(seal(kekWrap, kek, kekAd(tenantId, 1))) }] },
    };
    return { store, root };
  } finally {
    secureFree(signingWrap);
    secureFree(kekWrap);
    wipe(secretKey, kek);
  }
}

export class TenantHsm {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly signingPublicKey: Uint8Array;
  #store: KeyStore;
  readonly #storePath: string;
  #root: Uint8Array;
  readonly #keys: Map<keyof typeof HKDF_PURPOSES, Uint8Array>;
  #signingSecret: Uint8Array;
  /** The same signing key as an OpenSSL key object (built once per unlock; dropped on lock). */
  #signingKey: KeyObject | undefined;
  readonly #keks = new Map<number, Uint8Array>();
  readonly #deks = new WeakMap<DataKeyHandle, Uint8Array>();
  readonly #liveDeks = new Set<Uint8Array>();
  #auditEpoch0Taken = false;
  #writeBackIssued = false;
  #locked = false;

  /**
   * Takes ownership of `root` (it is wiped on lock). Verifies every wrapped key in the store with it:
   * a failure means the store was altered, since the root key was authenticated by its slot.
   */
  constructor(store: KeyStore, storePath: string, root: Uint8Array) {
    this.tenantId = store.tenantId;
    this.tenantName = store.tenantName;
    this.#store = store;
    this.#storePath = storePath;
    this.#root = secureAlloc(32);
    this.#root.set(root);
    secureFree(root);
    this.#keys = new Map((Object.keys(HKDF_PURPOSES) as (keyof typeof HKDF_PURPOSES)[]).map((k) => [k, derivePurposeKey(this.#root, this.tenantId, HKDF_PURPOSES[k])]));
    const secret = open(this.#key('signingWrap'), fromB64(store.signing.wrappedSecret), signingAd(this.tenantId));
    if (!secret) {
      this.lock();
      throw new WrappedKeyTamperedError('signing key', storePath);
    }
    this.#signingSecret = secureAlloc(secret.length);
    this.#signingSecret.set(secret);
    wipe(secret);
    this.signingPublicKey = fromB64(store.signing.publicKey);
    const derivedPublic = ed25519.getPublicKey(this.#signingSecret);
    if (toHex(derivedPublic) !== toHex(this.signingPublicKey)) {
      this.lock();
      throw new WrappedKeyTamperedError('signing public key', storePath);
    }
    this.#signingKey = ed25519KeyObject(this.#signingSecret);
    for (const version of store.kek.versions) {
      if (version.state === 'live' && version.wrapped) this.#loadKek(version.version, version.wrapped);
    }
  }

  #assertUnlocked(): void {
    if (this.#locked) throw new TenantLockedError();
  }

  #key(name: keyof typeof HKDF_PURPOSES): Uint8Array {
    this.#assertUnlocked();
    const key = this.#keys.get(name);
    if (!key) throw new TenantLockedError();
    return key;
  }

  #loadKek(version: number, wrapped: string): void {
    const kek = open(this.#key('kekWrap'), fromB64(wrapped), kekAd(this.tenantId, version));
    if (!kek) {
      this.lock();
      throw new WrappedKeyTamperedError(`key-encryption key version ${version}`, this.#storePath);
    }
    const locked = secureAlloc(32);
    locked.set(kek);
    wipe(kek);
    this.#keks.set(version, locked);
  }

  #kek(version: number): Uint8Array {
    this.#assertUnlocked();
    const kek = this.#keks.get(version);
    if (!kek) throw new WrappedKeyTamperedError(`reference to key version ${version} (no such live version)`, this.#storePath);
    return kek;
  }

  get locked(): boolean {
    return this.#locked;
  }

  /** A snapshot of the key store as last written (wrapped keys and public data only). */
  get keyStore(): KeyStore {
    return structuredClone(this.#store);
  }

  get currentKekVersion(): number {
    return this.#store.kek.current;
  }

  get liveKekVersions(): number[] {
    return [...this.#keks.keys()].sort((a, b) => a - b);
  }

  // ——— storage layer ———

  /** The SQLite raw key as the hex form PRAGMA key takes. The one key given out (to tenant-db.ts). */
  sqliteKeyHex(): string {
    return toHex(this.#key('sqlite'));
  }

  // ——— data keys (envelope encryption) ———

  /** Creates a DEK, returns its handle and its wrapping under the current KEK. */
  newDataKey(dekId: string, purpose: string): { handle: DataKeyHandle; kekVersion: number; wrapped: Uint8Array } {
    const kekVersion = this.#store.kek.current;
    const dek = randomKey(secureAlloc(32)); // drawn straight into locked memory, no copy in the heap
    const wrapped = seal(this.#kek(kekVersion), dek, dekAd(this.tenantId, purpose, kekVersion, dekId));
    return { handle: this.#adopt(dekId, purpose, dek), kekVersion, wrapped };
  }

  /** Unwraps a stored DEK into a handle; a failed check is a typed integrity error. */
  loadDataKey(dekId: string, purpose: string, kekVersion: number, wrapped: Uint8Array): DataKeyHandle {
    const dek = open(this.#kek(kekVersion), wrapped, dekAd(this.tenantId, purpose, kekVersion, dekId));
    if (!dek) throw new ContentIntegrityError(`data key ${dekId}`);
    const locked = secureAlloc(32);
    locked.set(dek);
    wipe(dek);
    return this.#adopt(dekId, purpose, locked);
  }

  /** Re-wraps a DEK under another KEK version without exposing it. */
  rewrapDataKey(dekId: string, purpose: string, fromVersion: number, wrapped: Uint8Array, toVersion: number): Uint8Array {
    const dek = open(this.#kek(fromVersion), wrapped, dekAd(this.tenantId, purpose, fromVersion, dekId));
    if (!dek) throw new ContentIntegrityError(`data key ${dekId}`);
    try {
      return seal(this.#kek(toVersion), dek, dekAd(this.tenantId, purpose, toVersion, dekId));
    } finally {
      wipe(dek);
    }
  }

  #adopt(dekId: string, purpose: string, dek: Uint8Array): DataKeyHandle {
    const handle = new DataKeyHandle(dekId, purpose);
    this.#deks.set(handle, dek);
    this.#liveDeks.add(dek);
    return handle;
  }

  #dek(handle: DataKeyHandle): Uint8Array {
    this.#assertUnlocked();
    const dek = this.#deks.get(handle);
    if (!dek) throw new TenantLockedError();
    return dek;
  }

  encryptWith(handle: DataKeyHandle, plaintext: Uint8Array, ad: Uint8Array): Uint8Array {
    return seal(this.#dek(handle), plaintext, ad);
  }

  /** Returns undefined when authentication fails; callers raise the error fitting their content. */
  decryptWith(handle: DataKeyHandle, sealed: Uint8Array, ad: Uint8Array): Uint8Array | undefined {
    return open(this.#dek(handle), sealed, ad);
  }

  /** Wipes a DEK as soon as its caller is done with it. */
  disposeDataKey(handle: DataKeyHandle): void {
    const dek = this.#deks.get(handle);
    if (dek) {
      secureFree(dek);
      this.#liveDeks.delete(dek);
      this.#deks.delete(handle);
    }
  }

  // ——— MACs and tokens ———

  /** Deterministic keyed token for an external record ID (HMAC-SHA256 under the identity-token key). */
  identityToken(externalId: string): string {
    return `tok_${toHex(hmac(sha256, this.#key('identityToken'), utf8(externalId))).slice(0, 40)}`;
  }

  /** One-way peppered hash of a normalised e-mail address, for matching without exposure. */
  emailHash(email: string): string {
    return toHex(hmac(sha256, this.#key('emailPepper'), utf8(email.trim().toLowerCase())));
  }

  // ——— signing (audit checkpoints) ———

  signingKeyFingerprint(): string {
    return signingKeyFingerprint(this.signingPublicKey);
  }

  /**
   * Ed25519 (RFC 8032, deterministic: the same bytes @noble produces) through node:crypto, which
   * signs about 20x faster; the audit log signs its head on every commit.
   */
  sign(message: Uint8Array): Uint8Array {
    this.#assertUnlocked();
    if (!this.#signingKey) throw new TenantLockedError();
    return new Uint8Array(nodeSign(null, message, this.#signingKey));
  }

  /** The signer handed to the audit layer; the private key stays here. */
  auditSigner(): AuditSigner {
    return { publicKey: this.signingPublicKey.slice(), sign: (message) => this.sign(message) };
  }

  /**
   * The audit epoch-0 HMAC key, returned ONCE per unlock. The audit layer owns it from then on:
   * it evolves epoch keys forward (next = HKDF(current)) and erases old ones; the HSM keeps no copy
   * after this call, so a later compromise of this process cannot recompute past epoch keys from it.
   * A second call throws: the audit layer must persist its own evolved state (encrypted with
   * sealForTenant) rather than re-deriving epoch 0.
   */
  deriveAuditEpochKey0(): Uint8Array {
    if (this.#auditEpoch0Taken) throw new CapabilityError('The audit epoch-0 key was already handed out in this session');
    this.#auditEpoch0Taken = true;
    const key = this.#key('auditEpoch0');
    const out = key.slice();
    secureFree(key);
    this.#keys.delete('auditEpoch0');
    return out;
  }

  // ——— identity separation ———

  /**
   * Issues the only object able to open the identity map (token → external ID). Once per unlock:
   * the composition root hands it to the write-back task; any later request is refused.
   */
  issueWriteBackCapability(mapDbPath: string): WriteBackCapability {
    if (this.#writeBackIssued) throw new CapabilityError('The write-back capability was already issued in this session');
    this.#writeBackIssued = true;
    const key = this.#key('identityMap');
    const capability = new WriteBackCapability(mapDbPath, key.slice(), (id) => this.identityToken(id));
    secureFree(key);
    this.#keys.delete('identityMap');
    return capability;
  }

  // ——— key slots ———

  async addSlot(user: string, passphrase: Uint8Array, kdf: ScryptParams): Promise<void> {
    this.#assertUnlocked();
    if (this.#store.slots.some((s) => s.user === user)) throw new UserExistsError(this.tenantName, user);
    const slot = await createSlot(this.tenantId, user, this.#root, passphrase, kdf);
    this.#persist({ ...this.#store, slots: [...this.#store.slots, slot] });
  }

  removeSlot(user: string): void {
    this.#assertUnlocked();
    if (!this.#store.slots.some((s) => s.user === user)) throw new UnknownUserError(this.tenantName, user);
    if (this.#store.slots.length === 1) throw new LastSlotError(this.tenantName, user);
    this.#persist({ ...this.#store, slots: this.#store.slots.filter((s) => s.user !== user) });
  }

  /** M-of-N Shamir shares of the root key, for `airlock init --recovery-shares`. */
  async recoveryShares(threshold: number, shares: number): Promise<Uint8Array[]> {
    this.#assertUnlocked();
    return split(this.#root.slice(), shares, threshold);
  }

  // ——— KEK versions (rotation) ———

  /** Step 1 of rotation: a new live KEK becomes current; the old ones stay live until retired. */
  addKekVersion(): number {
    this.#assertUnlocked();
    if (this.#keks.size >= KEK_LIVE_CAP) throw new KeyVersionLimitError(this.tenantName, KEK_LIVE_CAP);
    const version = Math.max(...this.#store.kek.versions.map((v) => v.version)) + 1;
    const kek = randomKey(secureAlloc(32));
    const entry = { version, state: 'live' as const, createdAt: new Date().toISOString(), wrapped: toB64(seal(this.#key('kekWrap'), kek, kekAd(this.tenantId, version))) };
    this.#persist({ ...this.#store, kek: { current: version, versions: [...this.#store.kek.versions, entry] } });
    this.#keks.set(version, kek);
    return version;
  }

  /** Last step of rotation: every live KEK except `keep` is destroyed (call only once no DEK uses it). */
  retireKekVersionsExcept(keep: number): number[] {
    this.#assertUnlocked();
    const now = new Date().toISOString();
    const retired: number[] = [];
    let versions = this.#store.kek.versions.map((v) => {
      if (v.version === keep || v.state === 'retired') return v;
      retired.push(v.version);
      return { version: v.version, state: 'retired' as const, createdAt: v.createdAt, retiredAt: now };
    });
    while (versions.length > KEK_VERSION_HISTORY_CAP) {
      const oldestRetired = versions.findIndex((v) => v.state === 'retired');
      if (oldestRetired < 0) break;
      versions = versions.filter((_, i) => i !== oldestRetired);
    }
    this.#persist({ ...this.#store, kek: { current: keep, versions } });
    for (const version of retired) {
      secureFree(this.#keks.get(version));
      this.#keks.delete(version);
    }
    return retired;
  }

  #persist(next: KeyStore): void {
    writeKeyStore(this.#storePath, next);
    this.#store = next;
  }

  /** Zeroes every key this HSM holds. Idempotent. */
  lock(): void {
    if (this.#locked) return;
    this.#locked = true;
    secureFree(this.#root);
    secureFree(this.#signingSecret);
    this.#signingKey = undefined;
    for (const key of this.#keys.values()) secureFree(key);
    this.#keys.clear();
    for (const kek of this.#keks.values()) secureFree(kek);
    this.#keks.clear();
    for (const dek of this.#liveDeks) secureFree(dek);
    this.#liveDeks.clear();
  }
}
