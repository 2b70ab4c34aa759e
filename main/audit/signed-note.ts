/**
 * C2SP signed-note (https://c2sp.org/signed-note), Ed25519 keys only:
 *   text (ends in "\n") + "\n" + lines "— <name> <base64(keyID(4) || signature(64))>\n"
 * key ID = SHA-256(name || 0x0A || 0x01 || publicKey)[:4].
 */
import { bytesEqual, concat, fromBase64, isWellFormedString, toBase64, utf8, utf8Strict } from './bytes.ts';
import { sha256 } from './sha256.ts';
import { verifyEd25519 } from './ed25519-verify.ts';

export const ED25519_ALGORITHM = 0x01;
const DASH = '\u2014 ';

export class NoteFormatError extends Error {
  override readonly name = 'NoteFormatError';
}

export interface NoteSignature {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly signature: Uint8Array;
}

export interface Note {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export function checkKeyName(name: string): void {
  if (name.length === 0 || /[\s+]/u.test(name) || !isWellFormedString(name)) {
    throw new NoteFormatError('key name must be non-empty with no whitespace or "+"');
  }
}

export function ed25519KeyId(name: string, publicKey: Uint8Array): Uint8Array {
  checkKeyName(name);
  if (publicKey.length !== 32) throw new NoteFormatError('Ed25519 public key must be 32 bytes');
  return sha256(concat(utf8.encode(name), Uint8Array.of(0x0a, ED25519_ALGORITHM), publicKey)).subarray(0, 4);
}

function checkText(text: string): void {
  if (!text.endsWith('\n')) throw new NoteFormatError('note text must end with a newline');
  if (text.includes('\n\n')) throw new NoteFormatError('note text must not contain a blank line');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f\u007f]/u.test(text) || !isWellFormedString(text)) {
    throw new NoteFormatError('note text must be UTF-8 without control characters');
  }
}

/** Signs `text` and returns the complete note. */
export function signNote(text: string, name: string, sign: (message: Uint8Array) => Uint8Array, publicKey: Uint8Array): string {
  checkText(text);
  const keyId = ed25519KeyId(name, publicKey);
  const signature = sign(utf8.encode(text));
  if (signature.length !== 64) throw new NoteFormatError('Ed25519 signature must be 64 bytes');
  return `${text}\n${DASH}${name} ${toBase64(concat(keyId, signature))}\n`;
}

/** Splits a note into text and signature lines; does not check any signature. */
export function parseNote(note: string | Uint8Array): Note {
  const text = typeof note === 'string' ? note : utf8Strict.decode(note);
  if (text.length > 1_000_000) throw new NoteFormatError('note is too large');
  const split = text.lastIndexOf('\n\n');
  if (split < 0) throw new NoteFormatError('note has no signature block');
  const body = text.slice(0, split + 1);
  checkText(body);
  const sigBlock = text.slice(split + 2);
  if (!sigBlock.endsWith('\n')) throw new NoteFormatError('signature block must end with a newline');
  const signatures: NoteSignature[] = [];
  for (const line of sigBlock.slice(0, -1).split('\n')) {
    if (!line.startsWith(DASH)) throw new NoteFormatError('malformed signature line');
    const rest = line.slice(DASH.length);
    const space = rest.lastIndexOf(' ');
    if (space <= 0) throw new NoteFormatError('malformed signature line');
    const name = rest.slice(0, space);
    checkKeyName(name);
    let raw: Uint8Array;
    try {
      raw = fromBase64(rest.slice(space + 1));
    } catch {
      throw new NoteFormatError('signature is not base64');
    }
    if (raw.length < 5) throw new NoteFormatError('signature is too short');
    signatures.push({ name, keyId: raw.subarray(0, 4), signature: raw.subarray(4) });
  }
  if (signatures.length === 0) throw new NoteFormatError('note has no signatures');
  return { text: body, signatures };
}

/** True when `note` carries a valid signature by (name, publicKey). Other signers are ignored. */
export function verifyNoteSignature(note: Note, name: string, publicKey: Uint8Array): boolean {
  const keyId = ed25519KeyId(name, publicKey);
  const message = utf8.encode(note.text);
  return note.signatures.some(
    (s) =>
      s.name === name &&
      bytesEqual(s.keyId, keyId) &&
      s.signature.length === 64 &&
      verifyEd25519(s.signature, message, publicKey),
  );
}
