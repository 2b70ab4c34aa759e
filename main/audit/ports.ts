/**
 * The audit layer's only dependencies on the rest of the appliance. The data layer implements
 * these; tests build them from real parts (@noble/curves Ed25519, AES-GCM, an encrypted SQLite).
 */

/** Ed25519 signer for checkpoints. `publicKey` is the 32-byte raw key; `sign` returns 64 bytes. */
export interface AuditSigner {
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

/** Authenticated encryption bound to the tenant (payloads and the sealed epoch key). */
export interface PayloadSealer {
  seal(plaintext: Uint8Array): Uint8Array;
  /** Throws when `sealed` was not produced by this sealer or was altered. */
  open(sealed: Uint8Array): Uint8Array;
  /**
   * Destroys the key that opens `sealed` (crypto-shredding), so no copy of those bytes (a disk
   * remnant, a WAL frame) can be opened again; true when a key was destroyed. Runs inside the
   * audit log's transaction. A sealer without per-item keys leaves it out.
   */
  shred?(sealed: Uint8Array): boolean;
}

/** Milliseconds since the Unix epoch, as an integer. Injected so tests can move time. */
export type Clock = () => number;
