/**
 * Typed errors of the data layer, one class per failure family. Every message says what happened
 * and what to do; none ever contains a passphrase, key bytes or stored content.
 */
export abstract class DataLayerError extends Error {
  /** A stable machine-readable code, e.g. for the UI and the audit import. */
  abstract readonly code: string;
}

/** The passphrase did not open the user's key slot. */
export class WrongPassphraseError extends DataLayerError {
  readonly code = 'WRONG_PASSPHRASE';
  constructor(
    readonly tenant: string,
    readonly user: string,
    readonly failures: number,
    readonly retryAfterMs: number,
  ) {
    super(
      `The passphrase for user "${user}" of tenant "${tenant}" is not correct (failed attempt ${failures}). ` +
        `Check keyboard layout and Caps Lock, then try again` +
        (retryAfterMs > 0 ? ` in ${Math.ceil(retryAfterMs / 1000)} s` : '') +
        '. If the passphrase is lost, another user of the tenant can add a new slot, or use `airlock recover` with recovery shares.',
    );
    this.name = 'WrongPassphraseError';
  }
}

/** Unlock attempts are paused after failures; the pause survives restarts. */
export class UnlockBackoffError extends DataLayerError {
  readonly code = 'UNLOCK_BACKOFF';
  constructor(
    readonly tenant: string,
    readonly user: string,
    readonly retryAfterMs: number,
  ) {
    super(
      `Too many failed unlock attempts for user "${user}" of tenant "${tenant}". ` +
        `Wait ${Math.ceil(retryAfterMs / 1000)} s before trying again; every further failure doubles the wait.`,
    );
    this.name = 'UnlockBackoffError';
  }
}

export class UnlockAbortedError extends DataLayerError {
  readonly code = 'UNLOCK_ABORTED';
  constructor() {
    super('Unlocking was cancelled; nothing was changed. Start the unlock again when ready.');
    this.name = 'UnlockAbortedError';
  }
}

export class TenantNotFoundError extends DataLayerError {
  readonly code = 'TENANT_NOT_FOUND';
  constructor(readonly tenant: string, known: readonly string[]) {
    super(
      `There is no tenant named "${tenant}" in this appliance. ` +
        (known.length > 0 ? `Known tenants: ${known.join(', ')}. ` : '') +
        'Check the name, or create it with `airlock tenant add`.',
    );
    this.name = 'TenantNotFoundError';
  }
}

export class TenantExistsError extends DataLayerError {
  readonly code = 'TENANT_EXISTS';
  constructor(readonly tenant: string) {
    super(`A tenant named "${tenant}" already exists. Choose another name, or use the existing tenant.`);
    this.name = 'TenantExistsError';
  }
}

/** The user has no key slot in this tenant (e.g. a user of a different tenant). */
export class UnknownUserError extends DataLayerError {
  readonly code = 'UNKNOWN_USER';
  constructor(readonly tenant: string, readonly user: string) {
    super(
      `User "${user}" has no key slot in tenant "${tenant}". Check that you chose the right tenant; ` +
        'a user of the tenant can add you with `airlock user add`.',
    );
    this.name = 'UnknownUserError';
  }
}

export class UserExistsError extends DataLayerError {
  readonly code = 'USER_EXISTS';
  constructor(readonly tenant: string, readonly user: string) {
    super(`User "${user}" already has a key slot in tenant "${tenant}". Remove it first or choose another name.`);
    this.name = 'UserExistsError';
  }
}

export class LastSlotError extends DataLayerError {
  readonly code = 'LAST_SLOT';
  constructor(readonly tenant: string, readonly user: string) {
    super(
      `"${user}" holds the last key slot of tenant "${tenant}"; removing it would make the tenant unreadable. ` +
        'Add another user first with `airlock user add`.',
    );
    this.name = 'LastSlotError';
  }
}

export class WeakPassphraseError extends DataLayerError {
  readonly code = 'WEAK_PASSPHRASE';
  constructor(reason: string) {
    super(`That passphrase is too weak: ${reason}. Choose a longer phrase of several unrelated words.`);
    this.name = 'WeakPassphraseError';
  }
}

/** The key store file is unreadable, malformed or belongs to another tenant. Nothing was changed. */
export class KeyStoreCorruptError extends DataLayerError {
  readonly code = 'KEYSTORE_CORRUPT';
  constructor(readonly path: string, detail: string) {
    super(
      `The key store ${path} is damaged (${detail}); nothing was changed. ` +
        'Restore this file from your latest backup of the appliance directory; the tenant data stay encrypted until then.',
    );
    this.name = 'KeyStoreCorruptError';
  }
}

/** A wrapped key failed authentication under a key that is known to be correct: the store was altered. */
export class WrappedKeyTamperedError extends DataLayerError {
  readonly code = 'WRAPPED_KEY_TAMPERED';
  constructor(readonly what: string, readonly path: string) {
    super(
      `The wrapped ${what} in ${path} failed its integrity check: the file was altered or damaged. ` +
        'Nothing was changed. Restore the key store from backup, and treat the machine as possibly tampered with.',
    );
    this.name = 'WrappedKeyTamperedError';
  }
}

export class KeyVersionLimitError extends DataLayerError {
  readonly code = 'KEY_VERSION_LIMIT';
  constructor(readonly tenant: string, limit: number) {
    super(`Tenant "${tenant}" already has ${limit} live key versions. Run \`airlock keys rotate\` to finish pending rotations first.`);
    this.name = 'KeyVersionLimitError';
  }
}

/** A data key referenced by content does not exist (e.g. it was crypto-shredded) or is unknown. */
export class DataKeyMissingError extends DataLayerError {
  readonly code = 'DATA_KEY_MISSING';
  constructor(readonly dekId: string) {
    super(
      `Data key ${dekId} does not exist: the content it protected was erased (crypto-shredded) or the database ` +
        'was restored from a different point in time. Restore the tenant database and key store from the same backup.',
    );
    this.name = 'DataKeyMissingError';
  }
}

/** Authenticated decryption of stored content failed. */
export class ContentIntegrityError extends DataLayerError {
  readonly code = 'CONTENT_INTEGRITY';
  constructor(readonly what: string) {
    super(`Encrypted ${what} failed its integrity check: it was altered or moved. Restore it from backup.`);
    this.name = 'ContentIntegrityError';
  }
}

export class PageCipherUnavailableError extends DataLayerError {
  readonly code = 'PAGE_CIPHER_UNAVAILABLE';
  constructor(
    readonly path: string,
    readonly ciphers: readonly string[],
  ) {
    super(
      `The database ${path} could not be opened: this build of SQLite3 Multiple Ciphers lacks the page cipher ` +
        `${ciphers.join(', ')}, and no cipher it has opened the file with this key. Nothing was changed. ` +
        'Reinstall dependencies with `npm ci` (the prebuilt better-sqlite3-multiple-ciphers), then unlock again.',
    );
    this.name = 'PageCipherUnavailableError';
  }
}

export class TenantDbKeyError extends DataLayerError {
  readonly code = 'TENANT_DB_KEY';
  constructor(readonly path: string) {
    super(
      `The tenant database ${path} cannot be read with this tenant's key: it belongs to another tenant or its first ` +
        'page is damaged. Nothing was changed. Put back the right file (or restore it from backup) and unlock again.',
    );
    this.name = 'TenantDbKeyError';
  }
}

export class TenantDbCorruptError extends DataLayerError {
  readonly code = 'TENANT_DB_CORRUPT';
  constructor(readonly path: string, detail: string) {
    super(
      `The tenant database ${path} is damaged (${detail}). It was left untouched. ` +
        'Restore it from your latest backup together with its key store, then unlock again.',
    );
    this.name = 'TenantDbCorruptError';
  }
}

export class MigrationError extends DataLayerError {
  readonly code = 'MIGRATION_FAILED';
  constructor(readonly namespace: string, readonly version: number, detail: string) {
    super(
      `Database migration ${namespace}#${version} failed (${detail}); it was rolled back and the database is unchanged. ` +
        'Report this with the Airlock version you run.',
    );
    this.name = 'MigrationError';
  }
}

export class BlobMissingError extends DataLayerError {
  readonly code = 'BLOB_MISSING';
  constructor(readonly blobId: string, readonly location: string) {
    super(
      `Stored file ${blobId} is missing from ${location}. If this is a customer share, check that it is mounted; ` +
        'otherwise restore the file from backup. The database pointer was kept.',
    );
    this.name = 'BlobMissingError';
  }
}

export class BlobIntegrityError extends DataLayerError {
  readonly code = 'BLOB_INTEGRITY';
  constructor(readonly blobId: string, readonly location: string) {
    super(
      `Stored file ${blobId} at ${location} does not match its recorded hash: it was altered or damaged. ` +
        'Restore the file from backup; it was not used.',
    );
    this.name = 'BlobIntegrityError';
  }
}

export class ApplianceNotFoundError extends DataLayerError {
  readonly code = 'APPLIANCE_NOT_FOUND';
  constructor(readonly dir: string) {
    super(`${dir} is not an Airlock appliance directory. Check --data, or create one with \`airlock init\`.`);
    this.name = 'ApplianceNotFoundError';
  }
}

export class ApplianceExistsError extends DataLayerError {
  readonly code = 'APPLIANCE_EXISTS';
  constructor(readonly dir: string) {
    super(`${dir} already holds an Airlock appliance. Use \`airlock tenant add\` to add a tenant to it.`);
    this.name = 'ApplianceExistsError';
  }
}

export class RecoveryShareError extends DataLayerError {
  readonly code = 'RECOVERY_SHARE';
  constructor(detail: string) {
    super(`The recovery shares could not restore the tenant key (${detail}). Check that each share was typed completely and that they belong to this tenant.`);
    this.name = 'RecoveryShareError';
  }
}

export class TenantLockedError extends DataLayerError {
  readonly code = 'TENANT_LOCKED';
  constructor() {
    super('The tenant is locked; its keys were erased. Unlock it again to continue.');
    this.name = 'TenantLockedError';
  }
}

export class CapabilityError extends DataLayerError {
  readonly code = 'CAPABILITY';
  constructor(detail: string) {
    super(`${detail}. Only the write-back task receives the identity-map capability; ask the component that owns it.`);
    this.name = 'CapabilityError';
  }
}
