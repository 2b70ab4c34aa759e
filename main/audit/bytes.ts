/** Small byte helpers shared by the audit maths. Pure; never log their inputs. */
import { timingSafeEqual } from 'node:crypto';

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

const HEX = /^(?:[0-9a-f]{2})*$/;

/** Strict lower-case hex decoding (a canonical form has exactly one spelling). */
export function fromHex(hex: string, expectedLength?: number): Uint8Array {
  if (!HEX.test(hex)) throw new TypeError('not lower-case hex');
  const out = new Uint8Array(Buffer.from(hex, 'hex'));
  if (expectedLength !== undefined && out.length !== expectedLength) {
    throw new TypeError(`expected ${expectedLength} bytes of hex, got ${out.length}`);
  }
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict standard base64 with padding; rejects anything that would not round-trip. */
export function fromBase64(text: string): Uint8Array {
  if (!B64.test(text)) throw new TypeError('not canonical base64');
  const out = new Uint8Array(Buffer.from(text, 'base64'));
  if (toBase64(out) !== text) throw new TypeError('not canonical base64');
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export const utf8 = new TextEncoder();
export const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

/** True when `s` has no lone surrogate, i.e. encodes to UTF-8 and back unchanged. */
export function isWellFormedString(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}
