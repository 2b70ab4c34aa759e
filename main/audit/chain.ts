/** The hash chain: each entry commits to everything before it, independently of the tree. */
import { sha256 } from './sha256.ts';

export const GENESIS_CHAIN_HASH: Uint8Array = new Uint8Array(32);

/** chainHash = SHA-256(prevChainHash || leafBytes). */
export function chainHash(prevChainHash: Uint8Array, leaf: Uint8Array): Uint8Array {
  if (prevChainHash.length !== 32) throw new TypeError('prevChainHash must be 32 bytes');
  const buf = Buffer.allocUnsafe(32 + leaf.length);
  buf.set(prevChainHash, 0);
  buf.set(leaf, 32);
  return sha256(buf);
}
