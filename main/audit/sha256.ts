/** SHA-256 via node:crypto's one-shot hash (several times faster than a JS implementation). */
import { hash } from 'node:crypto';

export function sha256(data: Uint8Array): Uint8Array {
  return hash('sha256', data, 'buffer');
}

/**
 * A 32-byte digest held as a 32-character latin1 string, one char per byte. node:crypto hands
 * back a string in about half the time it takes to allocate a Buffer, and strings compare and
 * store without copies, so the verifier's and the tree's hot paths keep digests this way.
 */
export type DigestText = string;

export function sha256Text(data: Uint8Array): DigestText {
  return hash('sha256', data, 'binary'); // 'binary' is Node's name for latin1
}

export function digestText(bytes: Uint8Array): DigestText {
  if (bytes.length !== 32) throw new RangeError('a digest is 32 bytes');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export function digestBytes(text: DigestText): Uint8Array {
  const out = new Uint8Array(32);
  writeDigest(text, out, 0);
  return out;
}

/** Writes `text` into `out` at `offset` (32 bytes). */
export function writeDigest(text: DigestText, out: Uint8Array, offset: number): void {
  for (let i = 0; i < 32; i++) out[offset + i] = text.charCodeAt(i);
}

/** Whether `bytes[offset, offset + 32)` spells `text`. Public values only: not constant time. */
export function digestMatches(text: DigestText, bytes: Uint8Array, offset: number): boolean {
  if (offset + 32 > bytes.length) return false;
  for (let i = 0; i < 32; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}
