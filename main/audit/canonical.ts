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
