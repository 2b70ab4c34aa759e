/**
 * A small, pure GGUF v3 writer: header, typed key/value metadata (scalars and arrays), tensor
 * infos and aligned tensor data. F32 tensors only — enough for generated test models.
 * Spec: https://github.com/ggml-org/ggml/blob/master/docs/gguf.md (all values little-endian).
 */

const GGUF_MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
const GGUF_VERSION = 3;
const DEFAULT_ALIGNMENT = 32;
const GGML_TYPE_F32 = 0;

/** GGUF metadata value type ids, as written on disk. */
const VALUE_TYPE_ID = {
  uint8: 0,
  int8: 1,
  uint16: 2,
  int16: 3,
  uint32: 4,
  int32: 5,
  float32: 6,
  bool: 7,
  string: 8,
  array: 9,
  uint64: 10,
  int64: 11,
  float64: 12,
} as const;

export type GgufNumberType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';
export type GgufBigIntType = 'uint64' | 'int64';
export type GgufItemType = GgufNumberType | GgufBigIntType | 'bool' | 'string';

export type GgufMetadataValue =
  | { readonly type: GgufNumberType; readonly value: number }
  | { readonly type: GgufBigIntType; readonly value: bigint }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'array'; readonly itemType: GgufItemType; readonly values: readonly (number | bigint | boolean | string)[] };

export interface GgufTensor {
  readonly name: string;
  /** ggml order: shape[0] is the contiguous (fastest-varying) dimension, e.g. {n_embd, n_vocab}. */
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export interface GgufDocument {
  /** Written in insertion order, so equal documents give byte-identical files. */
  readonly metadata: Readonly<Record<string, GgufMetadataValue>>;
  readonly tensors: readonly GgufTensor[];
  /** Tensor data alignment in bytes; written as `general.alignment` when not the default 32. */
  readonly alignment?: number;
}

/** Typed constructors, so call sites read like the GGUF spec (`u32(512)`, `strings([...])`). */
export const gguf = {
  u32: (value: number): GgufMetadataValue => ({ type: 'uint32', value }),
  i32: (value: number): GgufMetadataValue => ({ type: 'int32', value }),
  f32: (value: number): GgufMetadataValue => ({ type: 'float32', value }),
  bool: (value: boolean): GgufMetadataValue => ({ type: 'bool', value }),
  str: (value: string): GgufMetadataValue => ({ type: 'string', value }),
  strings: (values: readonly string[]): GgufMetadataValue => ({ type: 'array', itemType: 'string', values }),
  i32s: (values: readonly number[]): GgufMetadataValue => ({ type: 'array', itemType: 'int32', values }),
  f32s: (values: readonly number[]): GgufMetadataValue => ({ type: 'array', itemType: 'float32', values }),
};

export class GgufWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GgufWriteError';
  }
}

/** Grows a byte buffer as values are appended; the one place that knows the on-disk encodings. */
class ByteSink {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private reserve(n: number): number {
    if (this.length + n > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < this.length + n) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    const at = this.length;
    this.length += n;
    return at;
  }

  // Each writer reserves before touching this.view: reserve() may swap in a larger buffer.
  u8(v: number): void { const at = this.reserve(1); this.view.setUint8(at, v); }
  i8(v: number): void { const at = this.reserve(1); this.view.setInt8(at, v); }
  u16(v: number): void { const at = this.reserve(2); this.view.setUint16(at, v, true); }
  i16(v: number): void { const at = this.reserve(2); this.view.setInt16(at, v, true); }
  u32(v: number): void { const at = this.reserve(4); this.view.setUint32(at, v, true); }
  i32(v: number): void { const at = this.reserve(4); this.view.setInt32(at, v, true); }
  f32(v: number): void { const at = this.reserve(4); this.view.setFloat32(at, v, true); }
  f64(v: number): void { const at = this.reserve(8); this.view.setFloat64(at, v, true); }
  u64(v: bigint): void { const at = this.reserve(8); this.view.setBigUint64(at, v, true); }
  i64(v: bigint): void { const at = this.reserve(8); this.view.setBigInt64(at, v, true); }

  bytes(b: Uint8Array): void {
    const at = this.reserve(b.length);
    this.buf.set(b, at);
  }

  string(s: string): void {
    const b = new TextEncoder().encode(s);
    this.u64(BigInt(b.length));
    this.bytes(b);
  }

  padTo(alignment: number): void {
    const pad = (alignment - (this.length % alignment)) % alignment;
    this.reserve(pad); // the buffer is zero-filled, so reserving writes zero padding
  }

  result(): Uint8Array { return this.buf.slice(0, this.length); }
}

function writeItem(sink: ByteSink, type: GgufItemType, value: number | bigint | boolean | string, key: string): void {
  const expect = (ok: boolean): void => {
    if (!ok) throw new GgufWriteError(`metadata "${key}": value ${String(value)} is not a valid ${type}`);
  };
  switch (type) {
    case 'string': expect(typeof value === 'string'); sink.string(value as string); return;
    case 'bool': expect(typeof value === 'boolean'); sink.u8(value ? 1 : 0); return;
    case 'uint64': expect(typeof value === 'bigint'); sink.u64(value as bigint); return;
    case 'int64': expect(typeof value === 'bigint'); sink.i64(value as bigint); return;
    case 'float32': expect(typeof value === 'number'); sink.f32(value as number); return;
    case 'float64': expect(typeof value === 'number'); sink.f64(value as number); return;
    default: {
      expect(typeof value === 'number' && Number.isInteger(value));
      const n = value as number;
      if (type === 'uint8') sink.u8(n);
      else if (type === 'int8') sink.i8(n);
      else if (type === 'uint16') sink.u16(n);
      else if (type === 'int16') sink.i16(n);
      else if (type === 'uint32') sink.u32(n);
      else sink.i32(n);
    }
  }
}

function writeValue(sink: ByteSink, key: string, value: GgufMetadataValue): void {
  sink.u32(VALUE_TYPE_ID[value.type]);
  if (value.type === 'array') {
    sink.u32(VALUE_TYPE_ID[value.itemType]);
    sink.u64(BigInt(value.values.length));
    for (const item of value.values) writeItem(sink, value.itemType, item, key);
  } else {
    writeItem(sink, value.type, value.value, key);
  }
}

/** Serialises a GGUF v3 file. Pure: the same document always yields the same bytes. */
export function writeGguf(doc: GgufDocument): Uint8Array {
  const alignment = doc.alignment ?? DEFAULT_ALIGNMENT;
  if (!Number.isInteger(alignment) || alignment <= 0 || alignment % 8 !== 0) {
    throw new GgufWriteError(`alignment must be a positive multiple of 8, got ${alignment}`);
  }
  const metadata: Record<string, GgufMetadataValue> = { ...doc.metadata };
  if (alignment !== DEFAULT_ALIGNMENT) metadata['general.alignment'] = gguf.u32(alignment);

  const names = new Set<string>();
  const offsets: bigint[] = [];
  let dataSize = 0;
  for (const t of doc.tensors) {
    if (names.has(t.name)) throw new GgufWriteError(`duplicate tensor name "${t.name}"`);
    names.add(t.name);
    const elements = t.shape.reduce((a, b) => a * b, 1);
    if (t.shape.length === 0 || t.shape.length > 4 || elements !== t.data.length) {
      throw new GgufWriteError(`tensor "${t.name}": shape [${t.shape.join(', ')}] does not match ${t.data.length} values`);
    }
    offsets.push(BigInt(dataSize));
    dataSize += Math.ceil((t.data.length * 4) / alignment) * alignment;
  }

  const sink = new ByteSink();
  sink.u32(GGUF_MAGIC);
  sink.u32(GGUF_VERSION);
  sink.u64(BigInt(doc.tensors.length));
  const entries = Object.entries(metadata);
  sink.u64(BigInt(entries.length));
  for (const [key, value] of entries) {
    sink.string(key);
    writeValue(sink, key, value);
  }
  doc.tensors.forEach((t, i) => {
    sink.string(t.name);
    sink.u32(t.shape.length);
    for (const dim of t.shape) sink.u64(BigInt(dim));
    sink.u32(GGML_TYPE_F32);
    sink.u64(offsets[i] ?? 0n);
  });
  sink.padTo(alignment);
  for (const t of doc.tensors) {
    // Copy through a DataView so the bytes are little-endian whatever the host.
    const bytes = new Uint8Array(t.data.length * 4);
    const view = new DataView(bytes.buffer);
    t.data.forEach((v, i) => view.setFloat32(i * 4, v, true));
    sink.bytes(bytes);
    sink.padTo(alignment);
  }
  return sink.result();
}
