/**
 * 3-level envelope encryption: root key → KEK (versioned, in the key store) → one DEK per content
 * item (wrapped in `data_keys`). Content is sealed with XChaCha20-Poly1305 under its DEK; rotating the
 * KEK re-wraps DEKs only. Deleting a DEK crypto-shreds everything it protected.
 */
import type { Statement } from 'better-sqlite3';
import type { Database } from './sqlite.ts';
import { randomBytes } from 'node:crypto';
import { bindingAd } from './aead.ts';
import { concatBytes, utf8 } from './bytes.ts';
import { ContentIntegrityError, DataKeyMissingError } from './errors.ts';
import type { DataKeyHandle, TenantHsm } from './hsm.ts';

interface DataKeyRow {
  id: string;
  purpose: string;
  kek_version: number;
  wrapped: Uint8Array;
}

const SEALED_MAGIC = utf8('AS1');

export class EnvelopeEncryption {
  /** Prepared once per instance (hot path: every sealed audit payload). */
  #insertDataKey: Statement | undefined;
  #selectDataKey: Statement | undefined;

  constructor(
    private readonly db: Database,
    private readonly hsm: TenantHsm,
  ) {}

  /** A new DEK for one content item; `subject` lets it be found again (and shredded) by item. */
  createDataKey(purpose: string, subject?: string): string {
    const { dekId, handle } = this.#newDataKey(purpose, subject);
    this.hsm.disposeDataKey(handle);
    return dekId;
  }

  /** Creates, wraps and stores a DEK; the caller owns (and must dispose) the returned handle. */
  #newDataKey(purpose: string, subject?: string): { dekId: string; handle: DataKeyHandle } {
    const dekId = `dek_${randomBytes(12).toString('hex')}`;
    const { handle, kekVersion, wrapped } = this.hsm.newDataKey(dekId, purpose);
    try {
      this.#insertDataKey ??= this.db.prepare('INSERT INTO data_keys (id, purpose, subject, kek_version, wrapped, created_at) VALUES (?, ?, ?, ?, ?, ?)');
      this.#insertDataKey.run(dekId, purpose, subject ?? null, kekVersion, wrapped, new Date().toISOString());
    } catch (error) {
      this.hsm.disposeDataKey(handle);
      throw error;
    }
    return { dekId, handle };
  }

  findDataKey(purpose: string, subject: string): string | undefined {
    const row = this.db.prepare('SELECT id FROM data_keys WHERE purpose = ? AND subject = ?').get(purpose, subject) as { id: string } | undefined;
    return row?.id;
  }

  /** Loads a DEK into the HSM for the duration of `use`, then wipes it. */
  withDataKey<T>(dekId: string, use: (handle: DataKeyHandle) => T): T {
    this.#selectDataKey ??= this.db.prepare('SELECT id, purpose, kek_version, wrapped FROM data_keys WHERE id = ?');
    const row = this.#selectDataKey.get(dekId) as DataKeyRow | undefined;
    if (!row) throw new DataKeyMissingError(dekId);
    const handle = this.hsm.loadDataKey(row.id, row.purpose, row.kek_version, row.wrapped);
    try {
      return use(handle);
    } finally {
      this.hsm.disposeDataKey(handle);
    }
  }

  encrypt(dekId: string, plaintext: Uint8Array, ad: Uint8Array): Uint8Array {
    return this.withDataKey(dekId, (handle) => this.hsm.encryptWith(handle, plaintext, ad));
  }

  decrypt(dekId: string, sealed: Uint8Array, ad: Uint8Array, what: string): Uint8Array {
    const plaintext = this.withDataKey(dekId, (handle) => this.hsm.decryptWith(handle, sealed, ad));
    if (!plaintext) throw new ContentIntegrityError(what);
    return plaintext;
  }

  /**
   * Seals a payload for this tenant under a fresh DEK (e.g. audit payloads). The result names its DEK,
   * so it survives KEK rotation and can be shredded with `shredDataKey`.
   */
  sealForTenant(purpose: string, plaintext: Uint8Array): Uint8Array {
    // Encrypts with the handle of the DEK just created and stored (same key as its wrapped row),
    // instead of reading the row back and unwrapping it again.
    const { dekId, handle } = this.#newDataKey(`sealed:${purpose}`);
    try {
      const id = utf8(dekId);
      const sealed = this.hsm.encryptWith(handle, plaintext, this.#sealedAd(purpose, dekId));
      return concatBytes(SEALED_MAGIC, Uint8Array.of(id.length), id, sealed);
    } finally {
      this.hsm.disposeDataKey(handle);
    }
  }

  openForTenant(purpose: string, sealed: Uint8Array): Uint8Array {
    const { dekId, box } = this.#sealedParts(purpose, sealed);
    return this.decrypt(dekId, box, this.#sealedAd(purpose, dekId), `${purpose} payload`);
  }

  /** Crypto-shreds a payload sealed by sealForTenant: deletes its DEK. True when the DEK existed. */
  shredSealed(purpose: string, sealed: Uint8Array): boolean {
    return this.shredDataKey(this.#sealedParts(purpose, sealed).dekId);
  }

  #sealedParts(purpose: string, sealed: Uint8Array): { dekId: string; box: Uint8Array } {
    const idLength = sealed[SEALED_MAGIC.length];
    if (!SEALED_MAGIC.every((b, i) => sealed[i] === b) || idLength === undefined) throw new ContentIntegrityError(`${purpose} payload`);
    const start = SEALED_MAGIC.length + 1;
    return { dekId: new TextDecoder().decode(sealed.subarray(start, start + idLength)), box: sealed.subarray(start + idLength) };
  }

  #sealedAd(purpose: string, dekId: string): Uint8Array {
    return bindingAd({ tenant: this.hsm.tenantId, purpose: `sealed:${purpose}`, version: 1, item: dekId });
  }

  /** Crypto-shreds one item: its DEK is deleted (secure_delete overwrites the freed page). */
  shredDataKey(dekId: string): boolean {
    return this.db.prepare('DELETE FROM data_keys WHERE id = ?').run(dekId).changes > 0;
  }

  countByKekVersion(): Map<number, number> {
    const rows = this.db.prepare('SELECT kek_version AS v, count(*) AS n FROM data_keys GROUP BY kek_version').all() as { v: number; n: number }[];
    return new Map(rows.map((r) => [r.v, r.n]));
  }

  /**
   * Re-wraps every DEK not yet under `toVersion`, in ONE transaction: after a crash either all rows
   * or none moved. `onRow` is a test hook (crash injection).
   */
  rewrapAll(toVersion: number, onRow?: (index: number) => void): number {
    const rows = this.db.prepare('SELECT id, purpose, kek_version, wrapped FROM data_keys WHERE kek_version <> ?').all(toVersion) as DataKeyRow[];
    const update = this.db.prepare('UPDATE data_keys SET kek_version = ?, wrapped = ? WHERE id = ?');
    this.db.transaction(() => {
      rows.forEach((row, index) => {
        const wrapped = this.hsm.rewrapDataKey(row.id, row.purpose, row.kek_version, row.wrapped, toVersion);
        update.run(toVersion, wrapped, row.id);
        onRow?.(index);
      });
    }).immediate();
    return rows.length;
  }
}
