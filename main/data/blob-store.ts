/**
 * BYOS storage adapters (reference 002 "Data Residency"). A BlobStore only moves opaque, already
 * encrypted bytes; the tenant database keeps the pointer, hashes, size, sync status and key reference.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { writeFileAtomic } from './atomic-file.ts';

export type BlobStoreKind = 'internal' | 'customer-folder';

export interface BlobStore {
  readonly kind: BlobStoreKind;
  /** The store's root, recorded with each pointer of a customer folder. */
  readonly root: string;
  /** Writes atomically (temp, fsync, rename, fsync dir). */
  write(location: string, data: Uint8Array): void;
  /** The stored bytes, or undefined when the blob is not there. */
  read(location: string): Uint8Array | undefined;
  remove(location: string): void;
  /** Where a location lives, for messages. */
  describe(location: string): string;
}

class FolderStore implements BlobStore {
  constructor(
    readonly kind: BlobStoreKind,
    readonly root: string,
  ) {}

  #path(location: string): string {
    const full = resolve(this.root, location);
    if (!full.startsWith(resolve(this.root) + sep)) throw new RangeError('blob location escapes its store');
    return full;
  }

  write(location: string, data: Uint8Array): void {
    const path = this.#path(location);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileAtomic(path, data);
  }

  read(location: string): Uint8Array | undefined {
    try {
      return new Uint8Array(readFileSync(this.#path(location)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  remove(location: string): void {
    rmSync(this.#path(location), { force: true });
  }

  describe(location: string): string {
    return join(this.root, location);
  }
}

/** The default: blobs inside the appliance directory (`tenants/<id>/blobs`). */
export function internalBlobStore(tenantDir: string): BlobStore {
  return new FolderStore('internal', join(tenantDir, 'blobs'));
}

/** A customer-owned folder such as a mounted share; each tenant gets its own sub-folder. */
export function customerFolderBlobStore(folder: string, tenantId: string): BlobStore {
  return new FolderStore('customer-folder', join(resolve(folder), `airlock-${tenantId}`));
}
