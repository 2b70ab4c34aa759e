/**
 * Governance-driven field encryption (reference 002, "What triggers encryption"). When the tenant
 * requires it (HIPAA or GDPR pack on; until governance lands, a tenant setting), the listed content
 * types are envelope-encrypted with one DEK per content item; embeddings never are.
 *
 * Stored form (a BLOB column of the owning table): 0x00 ‖ UTF-8 (plain) or 0x01 ‖ len ‖ dekId ‖ sealed.
 * Both forms are always readable, so switching the requirement never strands content; switching it
 * on does not rewrite earlier plaintext rows (their owners re-protect on next write).
 */
import { bindingAd } from './aead.ts';
import { concatBytes, fromUtf8, utf8 } from './bytes.ts';
import { ContentIntegrityError } from './errors.ts';
import type { EnvelopeEncryption } from './envelope.ts';
import type { TenantSettings } from './tenant-settings.ts';

export const ENCRYPTED_CONTENT_TYPES = ['report.content', 'report.summary', 'memory.content', 'graph.description', 'file.parsedContent'] as const;
/** Lossy vector projections: left plain to keep semantic search working (reference 002). */
export const NEVER_ENCRYPTED_CONTENT_TYPES = ['memory.embedding', 'graph.embedding'] as const;
export type EncryptedContentType = (typeof ENCRYPTED_CONTENT_TYPES)[number];
export type ContentType = EncryptedContentType | (typeof NEVER_ENCRYPTED_CONTENT_TYPES)[number];

const SETTING = 'fieldEncryption';
const PLAIN = 0x00;
const SEALED = 0x01;

export function isEncryptedContentType(type: ContentType): type is EncryptedContentType {
  return (ENCRYPTED_CONTENT_TYPES as readonly string[]).includes(type);
}

export class FieldEncryption {
  constructor(
    private readonly tenantId: string,
    private readonly settings: TenantSettings,
    private readonly envelope: EnvelopeEncryption,
  ) {}

  get required(): boolean {
    return this.settings.get(SETTING) === 'on';
  }

  setRequired(required: boolean, reason: string): void {
    this.settings.set(SETTING, required ? 'on' : 'off', reason);
  }

  protect(type: ContentType, itemId: string, plaintext: string): Uint8Array {
    if (!isEncryptedContentType(type) || !this.required) return concatBytes(Uint8Array.of(PLAIN), utf8(plaintext));
    const encryptedType: EncryptedContentType = type;
    const purpose = `field:${encryptedType}`;
    const dekId = this.envelope.findDataKey(purpose, itemId) ?? this.envelope.createDataKey(purpose, itemId);
    const id = utf8(dekId);
    const sealed = this.envelope.encrypt(dekId, utf8(plaintext), this.#ad(encryptedType, itemId));
    return concatBytes(Uint8Array.of(SEALED, id.length), id, sealed);
  }

  reveal(type: ContentType, itemId: string, stored: Uint8Array): string {
    if (stored[0] === PLAIN) return fromUtf8(stored.subarray(1));
    const idLength = stored[1];
    if (stored[0] !== SEALED || idLength === undefined) throw new ContentIntegrityError(`${type} of ${itemId}`);
    const dekId = fromUtf8(stored.subarray(2, 2 + idLength));
    return fromUtf8(this.envelope.decrypt(dekId, stored.subarray(2 + idLength), this.#ad(type, itemId), `${type} of ${itemId}`));
  }

  /** Crypto-shreds the DEKs of one item (every content type), e.g. for a GDPR erasure. */
  shredItem(itemId: string): number {
    let shredded = 0;
    for (const type of ENCRYPTED_CONTENT_TYPES) {
      const dekId = this.envelope.findDataKey(`field:${type}`, itemId);
      if (dekId && this.envelope.shredDataKey(dekId)) shredded += 1;
    }
    return shredded;
  }

  #ad(type: ContentType, itemId: string): Uint8Array {
    return bindingAd({ tenant: this.tenantId, purpose: type, version: 'field-v1', item: itemId });
  }
}

/**
 * THE entry point for the governance layer: turn field encryption on when a pack that requires it
 * (HIPAA, GDPR) is enabled, off when none does. The reason is stored with the setting.
 */
export function setFieldEncryptionRequirement(tenant: { readonly fieldEncryption: FieldEncryption }, required: boolean, reason: string): void {
  tenant.fieldEncryption.setRequired(required, reason);
}
