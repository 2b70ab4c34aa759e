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

// A blob starts at the text's start or after a character outside its alphabet, so a position
// inside a word fails at once. That character is matched (not a lookbehind, which V8 ran about
// 1.5–2× slower here) and the blob is group 1; the same blobs as `(?<![…])…` would find.
const BASE64_BLOB = /(?:^|[^A-Za-z0-9+/_-])([A-Za-z0-9+/_-]{16,}={0,2})/g;
const HEX_BLOB = /(?:^|[^0-9a-fA-F])((?:\\x|0x)?[0-9a-fA-F]{2}(?:[\s:,]?(?:\\x|0x)?[0-9a-fA-F]{2}){7,})/g;
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

function isBase64Char(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2f || code === 0x5f || code === 0x2d
  );
}

function isHexDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66) || (code >= 0x41 && code <= 0x46);
}

/** One pass of character tests: is there a 16-character base64 run at all? */
function mayHoldBase64(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i += 1) {
    run = isBase64Char(text.charCodeAt(i)) ? run + 1 : 0;
    if (run >= 16) return true;
  }
  return false;
}

/**
 * Is there a run of hex pairs, each followed by at most one separator, long enough for a blob?
 * Counts greedily and asks for one pair fewer than the pattern, so a run the pattern would
 * align differently is not missed.
 */
function mayHoldHex(text: string): boolean {
  let pairs = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if ((code === 0x5c || code === 0x30) && (text.charCodeAt(i + 1) | 0x20) === 0x78) i += 2; // \x or 0x prefix
    if (isHexDigit(text.charCodeAt(i)) && isHexDigit(text.charCodeAt(i + 1))) {
      pairs += 1;
      if (pairs >= 7) return true;
      i += 2;
      const next = text.charCodeAt(i);
      if (next === 0x20 || next === 0x3a || next === 0x2c || next === 0x0a || next === 0x09 || next === 0x0d) i += 1;
      continue;
    }
    pairs = 0;
    i += 1;
  }
  return false;
}

export function findDecodableBlobs(text: string): DecodedBlob[] {
  const blobs: DecodedBlob[] = [];
  if (mayHoldBase64(text)) collectBase64(text, blobs);
  if (mayHoldHex(text)) collectHex(text, blobs);
  return blobs;
}

/** Group 1 of a blob match and where it starts (after the character before it, when one was matched). */
function blobOf(match: RegExpExecArray): { blob: string; offset: number } {
  const blob = match[1] ?? '';
  return { blob, offset: match.index + match[0].length - blob.length };
}

function collectBase64(text: string, blobs: DecodedBlob[]): void {
  BASE64_BLOB.lastIndex = 0;
  for (let match = BASE64_BLOB.exec(text); match !== null; match = BASE64_BLOB.exec(text)) {
    if (blobs.length >= MAX_BLOBS) break;
    const { blob, offset } = blobOf(match);
    // Padding ends a blob but may also be the character before the next one ("…==QmFz…"): let the next match start on it.
    if (blob.endsWith('=')) BASE64_BLOB.lastIndex -= 1;
    // An ordinary long word or identifier is all letters; encoded text mixes cases and digits.
    if (blob.length > MAX_BLOB_CHARS || !/[A-Z]/.test(blob) || !/[a-z]/.test(blob) || !/[0-9+/=_-]/.test(blob)) continue;
    const decoded = readableText(Buffer.from(blob.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
    if (decoded !== null) blobs.push({ encoding: 'base64', offset, text: decoded });
  }
}

function collectHex(text: string, blobs: DecodedBlob[]): void {
  HEX_BLOB.lastIndex = 0;
  for (let match = HEX_BLOB.exec(text); match !== null; match = HEX_BLOB.exec(text)) {
    if (blobs.length >= MAX_BLOBS) break;
    const { blob, offset } = blobOf(match);
    const digits = blob.replace(/\\x|0x|[\s:,]/g, '');
    if (digits.length > MAX_BLOB_CHARS) continue;
    const decoded = readableText(Buffer.from(digits, 'hex'));
    if (decoded !== null) blobs.push({ encoding: 'hex', offset, text: decoded });
  }
}
