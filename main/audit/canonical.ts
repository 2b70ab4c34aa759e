/**
 * Canonical binary encoding of an audit entry: the bytes that are MAC'd, chained and hashed into
 * the Merkle tree. Exactly one encoding per entry — fixed field order, big-endian integers,
 * length-prefixed UTF-8, extra fields sorted by key — so the same entry always hashes the same.
 *
 * Layout (version 1):
 *   u8 version=1 | u64 seq | u64 timeMs | u32 epoch | 32 prevChainHash | 32 payloadDigest
 *   | str tenant | str actor | str action | str subject | str outcome
 *   | u16 fieldCount | (str key | str value)*   (keys strictly ascending)
 * where str = u16 byte length + UTF-8 bytes.
 */
import { isUtf8 } from 'node:buffer';
import { isWellFormedString } from './bytes.ts';

export const LEAF_VERSION = 1;
export const HEADER_LENGTH = 1 + 8 + 8 + 4 + 32 + 32;
export const MAX_STRING_BYTES = 0xffff;
const MAX_FIELDS = 64;

export interface AuditEntry {
  /** Position in the log, from 0; equals the Merkle leaf index. */
  readonly seq: number;
  /** Integer milliseconds since the Unix epoch. */
  readonly timeMs: number;
  readonly tenant: string;
  /** User or agent identity that acted. */
  readonly actor: string;
  /** Dotted verb, e.g. `tenant.unlock.failed`, `gateway.call`, `audit.epoch.rotate`. */
  readonly action: string;
  readonly subject: string;
  /** `ok`, `denied`, `error`, … */
  readonly outcome: string;
  /** SHA-256 of the payload bytes (of the empty string when there is no payload). */
  readonly payloadDigest: Uint8Array;
  /** HMAC key epoch this entry was MAC'd under. */
  readonly epoch: number;
  /** Chain hash of the previous entry (32 zero bytes for seq 0). */
  readonly prevChainHash: Uint8Array;
  /** Small string attributes committed in the leaf (e.g. gateway stages, rotation keys). */
  readonly fields: Readonly<Record<string, string>>;
}

export class CanonicalEncodingError extends Error {
  override readonly name = 'CanonicalEncodingError';
}

const FIELD_KEY = /^[a-zA-Z][a-zA-Z0-9._-]{0,63}$/;

function checkUint(value: number, max: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new CanonicalEncodingError(`${what} must be an integer in [0, ${max}], got ${value}`);
  }
}

function encodeString(value: string, what: string): Buffer {
  if (typeof value !== 'string' || !isWellFormedString(value)) {
    throw new CanonicalEncodingError(`${what} must be a well-formed string`);
  }
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > MAX_STRING_BYTES) throw new CanonicalEncodingError(`${what} is too long`);
  return bytes;
}

/** Encodes an entry canonically. Throws CanonicalEncodingError on any unrepresentable value. */
export function encodeEntry(entry: AuditEntry): Uint8Array {
  checkUint(entry.seq, Number.MAX_SAFE_INTEGER, 'seq');
  checkUint(entry.timeMs, Number.MAX_SAFE_INTEGER, 'timeMs');
  checkUint(entry.epoch, 0xffffffff, 'epoch');
  if (entry.prevChainHash.length !== 32) throw new CanonicalEncodingError('prevChainHash must be 32 bytes');
  if (entry.payloadDigest.length !== 32) throw new CanonicalEncodingError('payloadDigest must be 32 bytes');
  const strings = [
    encodeString(entry.tenant, 'tenant'),
    encodeString(entry.actor, 'actor'),
    encodeString(entry.action, 'action'),
    encodeString(entry.subject, 'subject'),
    encodeString(entry.outcome, 'outcome'),
  ];
  const keys = Object.keys(entry.fields).sort();
  if (keys.length > MAX_FIELDS) throw new CanonicalEncodingError('too many fields');
  for (const key of keys) {
    if (!FIELD_KEY.test(key)) throw new CanonicalEncodingError(`field name ${JSON.stringify(key)} is not allowed`);
    strings.push(Buffer.from(key, 'latin1'), encodeString(entry.fields[key] as string, `field ${key}`));
  }
  let length = HEADER_LENGTH + 2;
  for (const s of strings) length += 2 + s.length;
  const out = Buffer.alloc(length);
  out[0] = LEAF_VERSION;
  out.writeBigUInt64BE(BigInt(entry.seq), 1);
  out.writeBigUInt64BE(BigInt(entry.timeMs), 9);
  out.writeUInt32BE(entry.epoch, 17);
  out.set(entry.prevChainHash, 21);
  out.set(entry.payloadDigest, 53);
  let offset = HEADER_LENGTH;
  for (let i = 0; i < 5; i++) {
    const s = strings[i] as Buffer;
    out.writeUInt16BE(s.length, offset);
    out.set(s, offset + 2);
    offset += 2 + s.length;
  }
  out.writeUInt16BE(keys.length, offset);
  offset += 2;
  for (let i = 5; i < strings.length; i++) {
    const s = strings[i] as Buffer;
    out.writeUInt16BE(s.length, offset);
    out.set(s, offset + 2);
    offset += 2 + s.length;
  }
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Reads the seq of an encoded leaf without decoding the rest (hot path of verification). */
export function leafSeq(leaf: Uint8Array): number {
  if (leaf.length < HEADER_LENGTH) throw new CanonicalEncodingError('leaf is too short');
  const seq = asBuffer(leaf).readBigUInt64BE(1);
  if (seq > BigInt(Number.MAX_SAFE_INTEGER)) throw new CanonicalEncodingError('seq out of range');
  return Number(seq);
}

/** Decodes and validates an encoded leaf; rejects every non-canonical byte string. */
export function decodeEntry(leaf: Uint8Array): AuditEntry {
  const b = asBuffer(leaf);
  if (b.length < HEADER_LENGTH + 12) throw new CanonicalEncodingError('leaf is too short');
  if (b[0] !== LEAF_VERSION) throw new CanonicalEncodingError(`unknown leaf version ${b[0]}`);
  const seq = b.readBigUInt64BE(1);
  const timeMs = b.readBigUInt64BE(9);
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  if (seq > max || timeMs > max) throw new CanonicalEncodingError('integer out of range');
  let offset = HEADER_LENGTH;
  const readString = (): string => {
    if (offset + 2 > b.length) throw new CanonicalEncodingError('leaf is truncated');
    const length = b.readUInt16BE(offset);
    const end = offset + 2 + length;
    if (end > b.length) throw new CanonicalEncodingError('leaf is truncated');
    const slice = b.subarray(offset + 2, end);
    if (!isUtf8(slice)) throw new CanonicalEncodingError('string is not UTF-8');
    offset = end;
    return slice.toString('utf8');
  };
  const tenant = readString();
  const actor = readString();
  const action = readString();
  const subject = readString();
  const outcome = readString();
  if (offset + 2 > b.length) throw new CanonicalEncodingError('leaf is truncated');
  const count = b.readUInt16BE(offset);
  offset += 2;
  if (count > MAX_FIELDS) throw new CanonicalEncodingError('too many fields');
  const fields: Record<string, string> = {};
  let previousKey: string | undefined;
  for (let i = 0; i < count; i++) {
    const key = readString();
    if (!FIELD_KEY.test(key)) throw new CanonicalEncodingError('bad field name');
    if (previousKey !== undefined && !(previousKey < key)) throw new CanonicalEncodingError('fields not in canonical order');
    previousKey = key;
    fields[key] = readString();
  }
  if (offset !== b.length) throw new CanonicalEncodingError('trailing bytes after entry');
  return {
    seq: Number(seq),
    timeMs: Number(timeMs),
    epoch: b.readUInt32BE(17),
    prevChainHash: new Uint8Array(b.subarray(21, 53)),
    payloadDigest: new Uint8Array(b.subarray(53, 85)),
    tenant,
    actor,
    action,
    subject,
    outcome,
    fields,
  };
}

/** Where the parts of a canonical leaf lie; one instance is reused across leaves. */
export class LeafLayout {
  seq = 0;
  epoch = 0;
  tenantStart = 0;
  tenantEnd = 0;
  actionStart = 0;
  actionEnd = 0;
}

const IS_KEY_BYTE = new Uint8Array(256);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-') IS_KEY_BYTE[c.charCodeAt(0)] = 1;
const TWO_32 = 2 ** 32;
const TOP_WORD_LIMIT = 2 ** 21; // a u64 whose high word is below 2^21 is at most 2^53 - 1

function isAscii(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i]! >= 0x80) return false;
  return true;
}

function isUtf8Range(b: Uint8Array, start: number, end: number): boolean {
  return isAscii(b, start, end) || isUtf8(new Uint8Array(b.buffer, b.byteOffset + start, end - start));
}

/** -1 when b[aStart, aEnd) sorts before b[bStart, bEnd) bytewise (= string order for ASCII keys). */
function compareRanges(b: Uint8Array, aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  const n = Math.min(aEnd - aStart, bEnd - bStart);
  for (let i = 0; i < n; i++) {
    const d = b[aStart + i]! - b[bStart + i]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return Math.sign(aEnd - aStart - (bEnd - bStart));
}

/**
 * Validates a leaf exactly as decodeEntry does — same acceptance, same first error — without
 * building strings, and records where the parts lie in `layout`. Null when canonical, else why not.
 * (The verifier's hot path; decodeEntry stays the reference and a property test pins the two.)
 */
export function scanLeaf(b: Uint8Array, layout: LeafLayout): string | null {
  const length = b.length;
  if (length < HEADER_LENGTH + 12) return 'leaf is too short';
  if (b[0] !== LEAF_VERSION) return `unknown leaf version ${b[0]}`;
  const seqHigh = ((b[1]! << 24) | (b[2]! << 16) | (b[3]! << 8) | b[4]!) >>> 0;
  const timeHigh = ((b[9]! << 24) | (b[10]! << 16) | (b[11]! << 8) | b[12]!) >>> 0;
  if (seqHigh >= TOP_WORD_LIMIT || timeHigh >= TOP_WORD_LIMIT) return 'integer out of range';
  layout.seq = seqHigh * TWO_32 + (((b[5]! << 24) | (b[6]! << 16) | (b[7]! << 8) | b[8]!) >>> 0);
  layout.epoch = ((b[17]! << 24) | (b[18]! << 16) | (b[19]! << 8) | b[20]!) >>> 0;
  let offset = HEADER_LENGTH;
  for (let i = 0; i < 5; i++) {
    if (offset + 2 > length) return 'leaf is truncated';
    const start = offset + 2;
    const end = start + ((b[offset]! << 8) | b[offset + 1]!);
    if (end > length) return 'leaf is truncated';
    if (!isUtf8Range(b, start, end)) return 'string is not UTF-8';
    if (i === 0) {
      layout.tenantStart = start;
      layout.tenantEnd = end;
    } else if (i === 2) {
      layout.actionStart = start;
      layout.actionEnd = end;
    }
    offset = end;
  }
  if (offset + 2 > length) return 'leaf is truncated';
  const count = (b[offset]! << 8) | b[offset + 1]!;
  offset += 2;
  if (count > MAX_FIELDS) return 'too many fields';
  let previousStart = -1;
  let previousEnd = -1;
  for (let i = 0; i < count; i++) {
    if (offset + 2 > length) return 'leaf is truncated';
    const keyStart = offset + 2;
    const keyEnd = keyStart + ((b[offset]! << 8) | b[offset + 1]!);
    if (keyEnd > length) return 'leaf is truncated';
    // FIELD_KEY: an ASCII letter, then up to 63 of [a-zA-Z0-9._-].
    let keyOk = keyEnd > keyStart && keyEnd - keyStart <= 64;
    for (let j = keyStart; keyOk && j < keyEnd; j++) keyOk = IS_KEY_BYTE[b[j]!] === 1;
    const first = b[keyStart]! | 0x20;
    keyOk &&= first >= 0x61 && first <= 0x7a;
    if (!keyOk) return isUtf8Range(b, keyStart, keyEnd) ? 'bad field name' : 'string is not UTF-8';
    if (previousStart >= 0 && compareRanges(b, previousStart, previousEnd, keyStart, keyEnd) >= 0) return 'fields not in canonical order';
    previousStart = keyStart;
    previousEnd = keyEnd;
    offset = keyEnd;
    if (offset + 2 > length) return 'leaf is truncated';
    const valueEnd = offset + 2 + ((b[offset]! << 8) | b[offset + 1]!);
    if (valueEnd > length) return 'leaf is truncated';
    if (!isUtf8Range(b, offset + 2, valueEnd)) return 'string is not UTF-8';
    offset = valueEnd;
  }
  if (offset !== length) return 'trailing bytes after entry';
  return null;
}
