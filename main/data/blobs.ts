/**
 * Encrypted content blobs with pointer-only metadata in the tenant database. Each blob has its own
 * DEK; the file holds nonce ‖ ciphertext ‖ tag. Reads check the file's hash, authenticate, then check
 * the content hash: a missing or altered blob is a typed error, never silently used.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from './sqlite.ts';
import { bindingAd } from './aead.ts';
import { customerFolderBlobStore, internalBlobStore, type BlobStore, type BlobStoreKind } from './blob-store.ts';
import { BlobIntegrityError, BlobMissingError, DataKeyMissingError } from './errors.ts';
import type { EnvelopeEncryption } from './envelope.ts';
import type { TenantSettings } from './tenant-settings.ts';

export interface BlobPointer {
  id: string;
  store: BlobStoreKind;
  storeRoot: string | null;
  location: string;
  sha256: string;
  cipherSha256: string;
  size: number;
  syncStatus: 'pending' | 'synced';
  dekId: string | null;
  contentType: string;
}

const SETTING = 'byos.customerFolder';
const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

export class BlobService {
  constructor(
    private readonly db: Database,
    private readonly tenantId: string,
    private readonly tenantDir: string,
    private readonly settings: TenantSettings,
    private readonly envelope: EnvelopeEncryption,
  ) {}

  /** New blobs go to this customer folder (BYOS); `undefined` returns to the internal default. */
  useCustomerFolder(folder: string | undefined, reason: string): void {
    this.settings.set(SETTING, folder ?? '', reason);
  }

  #storeFor(kind: BlobStoreKind, root: string | null): BlobStore {
    if (kind === 'internal') return internalBlobStore(this.tenantDir);
    return customerFolderBlobStore(root ?? '', this.tenantId);
  }

  put(content: Uint8Array, contentType: string): BlobPointer {
    const folder = this.settings.get(SETTING);
    const store = folder ? customerFolderBlobStore(folder, this.tenantId) : internalBlobStore(this.tenantDir);
    const id = `blob_${randomBytes(12).toString('hex')}`;
    const location = `${id.slice(5, 7)}/${id}.blob`;
    const dekId = this.envelope.createDataKey('blob', id);
    const file = this.envelope.encrypt(dekId, content, this.#ad(id));
    const pointer: BlobPointer = {
      id, store: store.kind, storeRoot: store.kind === 'internal' ? null : (folder ?? null), location,
      sha256: sha256Hex(content), cipherSha256: sha256Hex(file), size: content.length, syncStatus: 'pending', dekId, contentType,
    };
    // Pointer first (pending), then the file, then synced: a crash leaves a pending pointer, never an orphan key.
    this.db.prepare(`INSERT INTO blob_pointers (id, store, store_root, location, sha256, cipher_sha256, size, sync_status, dek_id, content_type, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`)
      .run(id, pointer.store, pointer.storeRoot, location, pointer.sha256, pointer.cipherSha256, pointer.size, dekId, contentType, new Date().toISOString());
    store.write(location, file);
    this.db.prepare(`UPDATE blob_pointers SET sync_status = 'synced' WHERE id = ?`).run(id);
    return { ...pointer, syncStatus: 'synced' };
  }

  pointer(id: string): BlobPointer | undefined {
    const row = this.db.prepare(`SELECT id, store, store_root AS storeRoot, location, sha256, cipher_sha256 AS cipherSha256, size,
      sync_status AS syncStatus, dek_id AS dekId, content_type AS contentType FROM blob_pointers WHERE id = ?`).get(id) as BlobPointer | undefined;
    return row;
  }

  get(id: string): Uint8Array {
    const pointer = this.pointer(id);
    if (!pointer) throw new BlobMissingError(id, 'the tenant database (no pointer)');
    const store = this.#storeFor(pointer.store, pointer.storeRoot);
    const where = store.describe(pointer.location);
    const file = store.read(pointer.location);
    if (!file) throw new BlobMissingError(id, where);
    if (sha256Hex(file) !== pointer.cipherSha256) throw new BlobIntegrityError(id, where);
    if (!pointer.dekId) throw new DataKeyMissingError(`of ${id}`);
    let content: Uint8Array;
    try {
      content = this.envelope.decrypt(pointer.dekId, file, this.#ad(id), `blob ${id}`);
    } catch (error) {
      if (error instanceof DataKeyMissingError) throw error;
      throw new BlobIntegrityError(id, where);
    }
    if (content.length !== pointer.size || sha256Hex(content) !== pointer.sha256) throw new BlobIntegrityError(id, where);
    return content;
  }

  list(): BlobPointer[] {
    const ids = this.db.prepare('SELECT id FROM blob_pointers ORDER BY created_at').all() as { id: string }[];
    return ids.map((r) => this.pointer(r.id)).filter((p): p is BlobPointer => p !== undefined);
  }

  #ad(id: string): Uint8Array {
    return bindingAd({ tenant: this.tenantId, purpose: 'blob', version: 1, item: id });
  }
}
