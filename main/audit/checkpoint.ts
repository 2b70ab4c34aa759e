/**
 * C2SP tlog-checkpoint bodies (https://c2sp.org/tlog-checkpoint):
 *   "<origin>\n<tree size>\n<base64 root hash>\n"
 * signed as a note by the tenant's current audit key, whose key name is the origin.
 */
import { fromBase64, toBase64, toHex } from './bytes.ts';
import { NoteFormatError, parseNote, signNote, verifyNoteSignature } from './signed-note.ts';
import { sha256 } from './sha256.ts';

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
}

export interface SignedCheckpoint extends Checkpoint {
  /** The complete signed note, as stored and exported. */
  readonly note: string;
}

const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class TenantIdError extends Error {
  override readonly name = 'TenantIdError';
}

export function checkTenantId(tenant: string): void {
  if (!TENANT_ID.test(tenant)) {
    throw new TenantIdError('tenant id must be 1–64 characters of A–Z a–z 0–9 . _ - and start with a letter or digit');
  }
}

export function originFor(tenant: string): string {
  checkTenantId(tenant);
  return `airlock/${tenant}`;
}

/** Full SHA-256 hex fingerprint of a public key: the trust anchor an auditor is given. */
export function keyFingerprint(publicKey: Uint8Array): string {
  return toHex(sha256(publicKey));
}

export function checkpointBody(c: Checkpoint): string {
  if (!Number.isSafeInteger(c.size) || c.size < 0) throw new RangeError('checkpoint size must be a non-negative integer');
  if (c.root.length !== 32) throw new RangeError('checkpoint root must be 32 bytes');
  return `${c.origin}\n${c.size}\n${toBase64(c.root)}\n`;
}

export function parseCheckpointBody(text: string): Checkpoint {
  const lines = text.split('\n');
  // origin, size, root, then optional extension lines, then the final empty string.
  if (lines.length < 4 || lines[lines.length - 1] !== '') throw new NoteFormatError('checkpoint body is malformed');
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (origin.length === 0) throw new NoteFormatError('checkpoint origin is empty');
  if (!/^(?:0|[1-9][0-9]{0,15})$/.test(sizeText)) throw new NoteFormatError('checkpoint size is not a decimal integer');
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw new NoteFormatError('checkpoint size is too large');
  let root: Uint8Array;
  try {
    root = fromBase64(rootText);
  } catch {
    throw new NoteFormatError('checkpoint root is not base64');
  }
  if (root.length !== 32) throw new NoteFormatError('checkpoint root is not 32 bytes');
  return { origin, size, root };
}

export function signCheckpoint(
  c: Checkpoint,
  signer: { publicKey: Uint8Array; sign(message: Uint8Array): Uint8Array },
): SignedCheckpoint {
  const note = signNote(checkpointBody(c), c.origin, (m) => signer.sign(m), signer.publicKey);
  return { ...c, note };
}

/** Parses a signed checkpoint note without checking its signature. */
export function parseSignedCheckpoint(note: string): SignedCheckpoint {
  const parsed = parseNote(note);
  return { ...parseCheckpointBody(parsed.text), note };
}

export function verifyCheckpointSignature(c: SignedCheckpoint, publicKey: Uint8Array): boolean {
  try {
    return verifyNoteSignature(parseNote(c.note), c.origin, publicKey);
  } catch {
    return false;
  }
}
