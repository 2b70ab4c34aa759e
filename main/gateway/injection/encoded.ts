/**
 * Finds base64 and hex blobs that decode to readable text, so instructions smuggled in an
 * encoding can be rescanned. Binary payloads (attachments, hashes, keys) decode to unreadable
 * bytes and are ignored.
 */

export interface DecodedBlob {
  readonly encoding: 'base64' | 'hex';
  readonly offset: number;
  readonly text: string;
}

const BASE64_BLOB = /[A-Za-z0-9+/_-]{16,}={0,2}/g;
const HEX_BLOB = /(?:\\x|0x)?[0-9a-fA-F]{2}(?:[\s:,]?(?:\\x|0x)?[0-9a-fA-F]{2}){7,}/g;
const MAX_BLOBS = 24;
const MAX_BLOB_CHARS = 8192;

function readableText(bytes: Buffer): string | null {
  if (bytes.length < 8) return null;
  const text = bytes.toString('utf8');
  let printable = 0;
  let letters = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if ((code >= 0x20 && code < 0x7f) || code === 0x0a || code === 0x0d || code === 0x09) printable += 1;
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) letters += 1;
  }
  // Prose, not binary: almost all printable, mostly letters, and with spaces between words.
  if (printable / text.length < 0.95 || letters / text.length < 0.5 || !text.includes(' ')) return null;
  return text;
}

export function findDecodableBlobs(text: string): DecodedBlob[] {
  const blobs: DecodedBlob[] = [];
  for (const match of text.matchAll(BASE64_BLOB)) {
    if (blobs.length >= MAX_BLOBS) break;
    const blob = match[0];
    // An ordinary long word or identifier is all letters; encoded text mixes cases and digits.
    if (blob.length > MAX_BLOB_CHARS || !/[A-Z]/.test(blob) || !/[a-z]/.test(blob) || !/[0-9+/=_-]/.test(blob)) continue;
    const decoded = readableText(Buffer.from(blob.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
    if (decoded !== null) blobs.push({ encoding: 'base64', offset: match.index, text: decoded });
  }
  for (const match of text.matchAll(HEX_BLOB)) {
    if (blobs.length >= MAX_BLOBS) break;
    const digits = match[0].replace(/\\x|0x|[\s:,]/g, '');
    if (digits.length > MAX_BLOB_CHARS) continue;
    const decoded = readableText(Buffer.from(digits, 'hex'));
    if (decoded !== null) blobs.push({ encoding: 'hex', offset: match.index, text: decoded });
  }
  return blobs;
}
