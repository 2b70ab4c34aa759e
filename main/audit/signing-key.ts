/**
 * Signing-key rotation statements. The rotation is an entry in the log whose fields carry the
 * new public key and signatures over the statement by the old key and by the new one; a
 * verifier walks the chain of such entries from the fingerprinted first key.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { fromBase64, fromHex, toBase64, toHex, utf8 } from './bytes.ts';

export const LOG_CREATE_ACTION = 'audit.log.create';
export const SIGNING_KEY_ROTATE_ACTION = 'audit.signing-key.rotate';

export function rotationStatement(origin: string, oldPublicKey: Uint8Array, newPublicKey: Uint8Array): Uint8Array {
  return utf8.encode(`airlock audit signing-key rotation\n${origin}\n${toHex(oldPublicKey)}\n${toHex(newPublicKey)}\n`);
}

export interface KeyRotation {
  readonly seq: number;
  readonly publicKey: Uint8Array;
  readonly oldKeySignature: Uint8Array;
  readonly newKeySignature: Uint8Array;
}

export function rotationFields(r: Omit<KeyRotation, 'seq'>): Record<string, string> {
  return {
    newPublicKey: toHex(r.publicKey),
    oldKeySignature: toBase64(r.oldKeySignature),
    newKeySignature: toBase64(r.newKeySignature),
  };
}

export function rotationFromFields(seq: number, fields: Readonly<Record<string, string>>): KeyRotation {
  return {
    seq,
    publicKey: fromHex(fields.newPublicKey ?? '', 32),
    oldKeySignature: fromBase64(fields.oldKeySignature ?? ''),
    newKeySignature: fromBase64(fields.newKeySignature ?? ''),
  };
}

function safeVerify(sig: Uint8Array, msg: Uint8Array, key: Uint8Array): boolean {
  try {
    return sig.length === 64 && ed25519.verify(sig, msg, key);
  } catch {
    return false;
  }
}

/** True when both the outgoing and the incoming key signed the rotation statement. */
export function verifyRotation(origin: string, oldPublicKey: Uint8Array, r: KeyRotation): boolean {
  const statement = rotationStatement(origin, oldPublicKey, r.publicKey);
  return safeVerify(r.oldKeySignature, statement, oldPublicKey) && safeVerify(r.newKeySignature, statement, r.publicKey);
}
