/**
 * Ed25519 signature verification through node:crypto (OpenSSL, RFC 8032): about ten times faster
 * than the JS implementation, which matters for a verifier checking a signature per epoch. It
 * accepts no signature that @noble/curves would refuse (canonical S and R, cofactorless check).
 */
import { createPublicKey, verify } from 'node:crypto';

/** DER SubjectPublicKeyInfo header of a raw 32-byte Ed25519 public key (RFC 8410). */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** True when `signature` is a valid Ed25519 signature of `message` by `publicKey`; never throws. */
export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: 'der', type: 'spki' });
    return verify(null, message, key, signature);
  } catch {
    return false; // a key that is not a curve point is simply not a valid signer
  }
}
