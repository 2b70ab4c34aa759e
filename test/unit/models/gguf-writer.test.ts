import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GgufWriteError, gguf, writeGguf } from '../../../models/gguf-writer.ts';
import type { GgufDocument } from '../../../models/gguf-writer.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'airlock-gguf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const document: GgufDocument = {
  metadata: {
    'general.architecture': gguf.str('llama'),
    'general.name': gguf.str('naïve ✓'), // non-ASCII: string lengths are bytes, not code units
    'test.u8': { type: 'uint8', value: 250 },
    'test.i16': { type: 'int16', value: -1234 },
    'test.u32': gguf.u32(4_000_000_000),
    'test.i32': gguf.i32(-7),
    'test.f32': gguf.f32(0.5),
    'test.f64': { type: 'float64', value: 1 / 3 },
    'test.u64': { type: 'uint64', value: 2n ** 40n },
    'test.flag': gguf.bool(true),
    'test.words': gguf.strings(['Ġt', 'he', '<|im_end|>']),
    'test.ints': gguf.i32s([1, -2, 3]),
  },
  tensors: [
    { name: 'a.weight', shape: [3], data: Float32Array.from([1, 2, 3]) },
    { name: 'b.weight', shape: [2, 5], data: Float32Array.from({ length: 10 }, (_, i) => i / 4 - 1) },
  ],
};

async function parse(bytes: Uint8Array, name: string) {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return readGgufFileInfo(path, { readTensorInfo: true, logWarnings: false });
}

describe('writeGguf', () => {
  it('writes a GGUF v3 header that node-llama-cpp parses, with every metadata type intact', async () => {
    const bytes = writeGguf(document);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('GGUF');
    expect(view.getUint32(4, true)).toBe(3);
    expect(view.getBigUint64(8, true)).toBe(2n); // tensor count
    expect(view.getBigUint64(16, true)).toBe(12n); // metadata count

    const info = await parse(bytes, 'types.gguf');
    const meta = info.metadata as unknown as Record<string, Record<string, unknown>>;
    expect(meta.general).toMatchObject({ architecture: 'llama', name: 'naïve ✓' });
    expect(meta.test).toEqual({
      u8: 250,
      i16: -1234,
      u32: 4_000_000_000,
      i32: -7,
      f32: 0.5,
      f64: 1 / 3,
      u64: 2n ** 40n,
      flag: true,
      words: ['Ġt', 'he', '<|im_end|>'],
      ints: [1, -2, 3],
    });
  });

  it('places each tensor at an aligned offset holding its little-endian F32 values', async () => {
    const bytes = writeGguf(document);
    const info = await parse(bytes, 'tensors.gguf');
    const tensors = info.tensorInfo ?? [];
    expect(tensors.map((t) => [t.name, t.dimensions.map(Number), t.ggmlType])).toEqual([
      ['a.weight', [3], 0],
      ['b.weight', [2, 5], 0],
    ]);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    for (const [i, t] of tensors.entries()) {
      const at = Number(t.fileOffset);
      expect(at % 32).toBe(0);
      const expected = document.tensors[i]?.data ?? new Float32Array();
      const actual = Float32Array.from(expected, (_, k) => view.getFloat32(at + k * 4, true));
      expect(actual).toEqual(expected);
    }
    expect(bytes.length % 32).toBe(0); // the last tensor is padded too
  });

  it('records a non-default alignment as general.alignment and honours it', async () => {
    const bytes = writeGguf({ ...document, alignment: 64 });
    const info = await parse(bytes, 'aligned.gguf');
    expect((info.metadata as unknown as { general: { alignment: number } }).general.alignment).toBe(64);
    for (const t of info.tensorInfo ?? []) expect(Number(t.fileOffset) % 64).toBe(0);
  });

  it('is pure: the same document always gives the same bytes', () => {
    expect(Buffer.from(writeGguf(document)).equals(Buffer.from(writeGguf(document)))).toBe(true);
  });

  it('refuses a tensor whose shape does not match its data', () => {
    expect(() => writeGguf({ metadata: {}, tensors: [{ name: 'x', shape: [2, 2], data: new Float32Array(3) }] })).toThrow(
      /tensor "x": shape \[2, 2\] does not match 3 values/,
    );
  });

  it('refuses duplicate tensor names', () => {
    const t = { name: 'x', shape: [1], data: new Float32Array(1) };
    expect(() => writeGguf({ metadata: {}, tensors: [t, t] })).toThrow(GgufWriteError);
  });

  it('refuses a metadata value of the wrong type instead of writing garbage', () => {
    expect(() => writeGguf({ metadata: { 'x.count': { type: 'uint32', value: 1.5 } }, tensors: [] })).toThrow(
      /"x.count": value 1.5 is not a valid uint32/,
    );
    expect(() =>
      writeGguf({ metadata: { 'x.list': { type: 'array', itemType: 'string', values: ['a', 2] } }, tensors: [] }),
    ).toThrow(GgufWriteError);
  });
});
