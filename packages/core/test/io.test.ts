import { describe, expect, it } from 'vitest';
import {
  FileFormatError,
  MAX_SAFETENSORS_HEADER,
  decodeBF16,
  decodeF16,
  decodeFloats,
  readMatrices,
  readMatrix,
  readNpyHeader,
  readSafetensorsHeader,
  type BlobLike,
} from '../src/io/index.ts';
import { encodeBF16, encodeF16, npyBytes, safetensorsBytes, type FixtureTensor } from './ioFixtures.ts';

const blob = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);

/** A blob that records every byte range read from it. */
function spyBlob(bytes: Uint8Array, streams = true): BlobLike & { reads: [number, number][] } {
  const inner = blob(bytes);
  const reads: [number, number][] = [];
  return {
    size: inner.size,
    reads,
    slice(start = 0, end = inner.size) {
      reads.push([start, end]);
      const part = inner.slice(start, end);
      return streams ? part : { arrayBuffer: () => part.arrayBuffer() };
    },
  };
}

const ramp = (n: number, f = (i: number) => (i - n / 2) / 8) => Float64Array.from({ length: n }, (_, i) => f(i));

async function expectFormatError(p: Promise<unknown>, message: RegExp): Promise<FileFormatError> {
  const error = await p.then(
    () => {
      throw new Error('expected a FileFormatError');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileFormatError);
  expect((error as Error).message).toMatch(message);
  return error as FileFormatError;
}

describe('decodeF16 and decodeBF16', () => {
  it.each([
    [0x0000, 0],
    [0x8000, -0],
    [0x3c00, 1],
    [0xc000, -2],
    [0x3555, 0.333251953125],
    [0x7bff, 65504],
    [0x0400, 2 ** -14],
    [0x0001, 2 ** -24],
    [0x03ff, 1023 * 2 ** -24],
    [0x8001, -(2 ** -24)],
    [0x7c00, Infinity],
    [0xfc00, -Infinity],
  ])('decodeF16(0x%s) is %s', (bits, value) => {
    expect(Object.is(decodeF16(bits), value)).toBe(true);
  });

  it('decodes every NaN pattern of binary16 to NaN, and only those', () => {
    for (let h = 0; h < 65536; h++) {
      const exponent = (h >> 10) & 0x1f;
      expect(Number.isNaN(decodeF16(h))).toBe(exponent === 31 && (h & 0x3ff) !== 0);
    }
  });

  it.each([
    [0x3f80, 1],
    [0xbf80, -1],
    [0x8000, -0],
    [0x0001, 2 ** -133],
    [0x007f, 127 * 2 ** -133],
    [0x0080, 2 ** -126],
    [0x7f7f, 3.3895313892515355e38],
    [0x7f80, Infinity],
    [0xff80, -Infinity],
    [0x4049, 3.140625],
  ])('decodeBF16(0x%s) is %s', (bits, value) => {
    expect(Object.is(decodeBF16(bits), value)).toBe(true);
  });

  it('decodes the bfloat16 NaNs to NaN', () => {
    for (const bits of [0x7fc0, 0x7f81, 0xffc0, 0xffff]) expect(decodeBF16(bits)).toBeNaN();
  });

  it('decodeFloats agrees with the one-value decoders on every 16-bit pattern', () => {
    const bytes = new Uint8Array(Uint16Array.from({ length: 65536 }, (_, i) => i).buffer);
    for (const [dtype, one] of [
      ['F16', decodeF16],
      ['BF16', decodeBF16],
    ] as const) {
      const out = new Float64Array(65536);
      decodeFloats(dtype, bytes, out);
      for (let h = 0; h < 65536; h++) expect(Object.is(out[h], one(h)) || (Number.isNaN(out[h]) && Number.isNaN(one(h)))).toBe(true);
    }
  });

  it('decodeFloats reads unaligned bytes and rejects partial elements', () => {
    const src = new Uint8Array(9);
    src.set(new Uint8Array(Float32Array.of(1.5, -2).buffer), 1);
    const out = new Float64Array(2);
    decodeFloats('F32', src.subarray(1), out);
    expect(Array.from(out)).toEqual([1.5, -2]);
    expect(() => decodeFloats('F32', new Uint8Array(3), out)).toThrow(/whole number of F32/);
  });

  it('the fixture encoders round to nearest even and round-trip through the decoders', () => {
    expect(encodeF16(1 + 2 ** -11)).toBe(0x3c00); // halfway: to even
    expect(encodeF16(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(encodeF16(65520)).toBe(0x7c00); // rounds up past 65504: overflow
    expect(encodeF16(2 ** -25)).toBe(0x0000); // halfway to the smallest subnormal: to even (0)
    expect(encodeF16(3 * 2 ** -25)).toBe(0x0002);
    expect(encodeBF16(1 + 2 ** -8)).toBe(0x3f80);
    for (const x of [0.1, -3.75, 1e-6, 6e-8, 1000.5]) {
      expect(decodeF16(encodeF16(x))).toBeCloseTo(x, 3);
      expect(Math.abs(decodeBF16(encodeBF16(x)) - x)).toBeLessThanOrEqual(Math.abs(x) * 2 ** -8);
    }
  });
});

describe('readSafetensorsHeader', () => {
  const tensors: FixtureTensor[] = [
    { name: 'a', dtype: 'F32', shape: [3, 4], values: ramp(12) },
    { name: 'b', dtype: 'F16', shape: [2, 5], values: ramp(10) },
    { name: 'c', dtype: 'BF16', shape: [4], values: ramp(4) },
    { name: 'd', dtype: 'F64', shape: [2, 2], values: [Math.PI, -Math.E, 1e-300, 1e300] },
  ];

  it('lists every tensor with absolute byte ranges and keeps __metadata__', async () => {
    const file = safetensorsBytes(tensors, { metadata: { format: 'pt' } });
    const header = await readSafetensorsHeader(blob(file), 'model.safetensors');
    expect(header.metadata).toEqual({ format: 'pt' });
    expect(header.tensors.map((t) => [t.name, t.dtype, t.shape])).toEqual([
      ['a', 'F32', [3, 4]],
      ['b', 'F16', [2, 5]],
      ['c', 'BF16', [4]],
      ['d', 'F64', [2, 2]],
    ]);
    expect(header.tensors[0].start).toBe(header.dataStart);
    expect(header.tensors.at(-1)!.end).toBe(file.length);
  });

  it('reads only the 8 + N header bytes', async () => {
    const file = safetensorsBytes(tensors);
    const spy = spyBlob(file);
    const header = await readSafetensorsHeader(spy, 'x.safetensors');
    expect(Math.max(...spy.reads.map(([, end]) => end))).toBe(header.dataStart);
  });

  it.each([
    ['shorter than 8 bytes', () => new Uint8Array(5), /too short/],
    ['truncated inside the data', () => safetensorsBytes(tensors, { truncate: 3 }), /tensor "d".*past the end of the data.*truncated/],
    [
      'truncated inside the header',
      () => safetensorsBytes(tensors).slice(0, 40),
      /header length field says \d+ bytes but the file has only/,
    ],
    ['a huge header length', () => safetensorsBytes(tensors, { headerLength: 2 ** 40 }), /more than the 100000000-byte limit/],
    ['a header length just over the limit', () => safetensorsBytes(tensors, { headerLength: MAX_SAFETENSORS_HEADER + 1 }), /limit/],
    ['header JSON that is not JSON', () => safetensorsBytes([], { headerText: '{"a": {"dtype": ' }), /not valid JSON/],
    ['header JSON that is an array', () => safetensorsBytes([], { headerText: '[1, 2]' }), /not an object/],
    [
      'an unknown dtype',
      () => safetensorsBytes(tensors, { editHeader: (h) => void ((h.b as { dtype: string }).dtype = 'F17') }),
      /tensor "b": unknown dtype "F17"/,
    ],
    [
      'a shape that disagrees with the byte range',
      () => safetensorsBytes(tensors, { editHeader: (h) => void ((h.a as { shape: number[] }).shape = [4, 4]) }),
      /tensor "a": shape \[4, 4\] of F32 needs 64 bytes but data_offsets \[0, 48\] give 48/,
    ],
    [
      'offsets past the end of the file',
      () => safetensorsBytes(tensors, { editHeader: (h) => void ((h.d as { data_offsets: number[] }).data_offsets = [100, 132]) }),
      /tensor "d": data_offsets \[100, 132\] reach past the end/,
    ],
    [
      'overlapping tensors',
      () =>
        safetensorsBytes(tensors, {
          editHeader: (h) => {
            (h.b as { data_offsets: number[] }).data_offsets = [40, 60];
          },
        }),
      /"a" \(bytes 0–48\) and "b" \(bytes 40–60\) overlap/,
    ],
    [
      'reversed offsets',
      () => safetensorsBytes(tensors, { editHeader: (h) => void ((h.a as { data_offsets: number[] }).data_offsets = [48, 0]) }),
      /data_offsets is \[48,0\], expected \[begin, end\]/,
    ],
    [
      'a negative dimension',
      () => safetensorsBytes(tensors, { editHeader: (h) => void ((h.a as { shape: number[] }).shape = [-3, -4]) }),
      /shape is \[-3,-4\], expected an array of non-negative integers/,
    ],
    ['a bad __metadata__', () => safetensorsBytes(tensors, { editHeader: (h) => void (h.__metadata__ = 'x' as never) }), /__metadata__/],
  ])('rejects a file with %s, naming the file and the problem', async (_, make, message) => {
    const e = await expectFormatError(readSafetensorsHeader(blob(make()), 'bad.safetensors'), message);
    expect(e.message.startsWith('bad.safetensors')).toBe(true);
  });
});

describe('readMatrix', () => {
  const values = ramp(6 * 7, (i) => Math.sin(i + 1) * 3);

  it.each(['F64', 'F32', 'F16', 'BF16'] as const)('reads a 6×7 %s tensor to the values its bits hold, row-major', async (dtype) => {
    const file = safetensorsBytes([
      { name: 'pad', dtype: 'F32', shape: [3], values: [1, 2, 3] },
      { name: 'w', dtype, shape: [6, 7], values },
    ]);
    const header = await readSafetensorsHeader(blob(file), 'f');
    const w = await readMatrix(blob(file), { file: 'f', ...header.tensors[1] }, { chunkBytes: 10 });
    const expected = Array.from(values, (x) =>
      dtype === 'F64' ? x : dtype === 'F32' ? Math.fround(x) : dtype === 'F16' ? decodeF16(encodeF16(x)) : decodeBF16(encodeBF16(x)),
    );
    expect([w.rows, w.cols]).toEqual([6, 7]);
    expect(Array.from(w.data)).toEqual(expected);
  });

  it('reads inside the tensor only, piece by piece, reporting progress (through the byte stream, and by slices without one)', async () => {
    const file = safetensorsBytes([
      { name: 'a', dtype: 'F32', shape: [10, 10], values: ramp(100) },
      { name: 'b', dtype: 'F32', shape: [10, 10], values: ramp(100) },
    ]);
    for (const streams of [true, false]) {
      const spy = spyBlob(file, streams);
      const header = await readSafetensorsHeader(spy, 'f');
      spy.reads.length = 0;
      const progress: number[] = [];
      const loc = { file: 'f', ...header.tensors[1] };
      const m = await readMatrix(spy, loc, { chunkBytes: 64, onProgress: (done) => progress.push(done) });
      expect(Array.from(m.data)).toEqual(Array.from(ramp(100), (x) => Math.fround(x)));
      // One slice of the tensor's bytes, read as a stream; without a stream, that slice is
      // only asked whether it has one, and then one slice is read per piece.
      expect(spy.reads.length).toBe(streams ? 1 : 1 + Math.ceil(400 / 64));
      for (const [s, e] of spy.reads) {
        expect(s).toBeGreaterThanOrEqual(loc.start);
        expect(e).toBeLessThanOrEqual(loc.end);
      }
      if (!streams) for (const [s, e] of spy.reads.slice(1)) expect(e - s).toBeLessThanOrEqual(64);
      expect(progress).toEqual([64, 128, 192, 256, 320, 384, 400]);
    }
  });

  it('assembles pieces from a byte stream that hands out fewer bytes than asked, and reports a stream that ends early', async () => {
    const values = ramp(50);
    const bytes = safetensorsBytes([{ name: 'w', dtype: 'F64', shape: [5, 10], values }]);
    const header = await readSafetensorsHeader(blob(bytes), 'f');
    const loc = { file: 'f', ...header.tensors[0] };
    // A stream that gives at most 13 bytes per read, of the first `limit` bytes of the slice.
    const stingy = (limit: number): BlobLike => ({
      size: bytes.length,
      slice(start = 0, end = bytes.length) {
        const part = bytes.slice(start, Math.min(end, start + limit));
        return {
          arrayBuffer: async () => part.buffer,
          stream: () => ({
            getReader: () => {
              let at = 0;
              return {
                async read(view: Uint8Array<ArrayBuffer>) {
                  if (at >= part.length) return { done: true, value: new Uint8Array(view.buffer, view.byteOffset, 0) };
                  const n = Math.min(13, view.byteLength, part.length - at);
                  view.set(part.subarray(at, at + n));
                  at += n;
                  return { done: false, value: new Uint8Array(view.buffer, view.byteOffset, n) };
                },
                cancel: async () => undefined,
              };
            },
          }),
        };
      },
    });
    const m = await readMatrix(stingy(Infinity), loc, { chunkBytes: 48 });
    expect(Array.from(m.data)).toEqual(Array.from(values));
    await expect(readMatrix(stingy(100), loc, { chunkBytes: 48 })).rejects.toThrow(
      /ended after 100 of the tensor's 400 bytes; the file is truncated/,
    );
  });

  it('subtracts in place: readMatrix(base, …, { subtractFrom: tuned }) is tuned − base', async () => {
    const base = ramp(12);
    const tuned = ramp(12, (i) => i * i);
    const fb = safetensorsBytes([{ name: 'w', dtype: 'F64', shape: [3, 4], values: base }]);
    const ft = safetensorsBytes([{ name: 'w', dtype: 'F64', shape: [3, 4], values: tuned }]);
    const hb = await readSafetensorsHeader(blob(fb), 'base');
    const ht = await readSafetensorsHeader(blob(ft), 'tuned');
    const t = await readMatrix(blob(ft), { file: 'tuned', ...ht.tensors[0] });
    const d = await readMatrix(blob(fb), { file: 'base', ...hb.tensors[0] }, { subtractFrom: t, chunkBytes: 16 });
    expect(d).toBe(t);
    expect(Array.from(d.data)).toEqual(Array.from(tuned, (x, i) => x - base[i]));
  });

  it('reads into given storage (into), also after a larger read left it longer, and refuses one too small', async () => {
    const storage = new Float64Array(20).fill(Number.NaN);
    const file = safetensorsBytes([
      { name: 'a', dtype: 'BF16', shape: [3, 4], values: ramp(12) },
      { name: 'b', dtype: 'F32', shape: [2, 3], values: ramp(6, (i) => -i) },
    ]);
    const header = await readSafetensorsHeader(blob(file), 'f');
    const a = await readMatrix(blob(file), { file: 'f', ...header.tensors[0] }, { into: storage });
    expect(a.data.buffer).toBe(storage.buffer);
    expect(Array.from(a.data)).toEqual(Array.from(ramp(12)));
    const b = await readMatrix(blob(file), { file: 'f', ...header.tensors[1] }, { into: storage, chunkBytes: 4 });
    expect(b.data.length).toBe(6);
    expect(Array.from(b.data)).toEqual(Array.from(ramp(6, (i) => -i)));
    await expect(readMatrix(blob(file), { file: 'f', ...header.tensors[0] }, { into: new Float64Array(11) })).rejects.toThrow(
      /into holds 11 entries, expected at least 12/,
    );
  });

  it('subtracting reads share one scratch slice safely, also when run concurrently', async () => {
    const shapes = [
      [5, 7],
      [9, 3],
    ] as const;
    const bases = shapes.map(([r, c], k) => ramp(r * c, (i) => Math.sin(i + k)));
    const tuneds = shapes.map(([r, c], k) => ramp(r * c, (i) => Math.cos(i * k)));
    const files = (vals: Float64Array[]) =>
      safetensorsBytes(vals.map((v, k) => ({ name: `t${k}`, dtype: 'F32', shape: [...shapes[k]], values: v })));
    const fb = files(bases);
    const ft = files(tuneds);
    const hb = await readSafetensorsHeader(blob(fb), 'base');
    const ht = await readSafetensorsHeader(blob(ft), 'tuned');
    const ds = await Promise.all(
      shapes.map(async (_, k) => {
        const t = await readMatrix(blob(ft), { file: 'tuned', ...ht.tensors[k] });
        return readMatrix(blob(fb), { file: 'base', ...hb.tensors[k] }, { subtractFrom: t, chunkBytes: 8 });
      }),
    );
    ds.forEach((d, k) => {
      const f32 = (x: number) => Math.fround(x);
      expect(Array.from(d.data)).toEqual(Array.from(tuneds[k], (x, i) => f32(x) - f32(bases[k][i])));
    });
  });

  it('stops with an AbortError when cancelled', async () => {
    const file = safetensorsBytes([{ name: 'w', dtype: 'F32', shape: [8, 8], values: ramp(64) }]);
    const header = await readSafetensorsHeader(blob(file), 'f');
    const signal = { aborted: false };
    const p = readMatrix(
      blob(file),
      { file: 'f', ...header.tensors[0] },
      {
        chunkBytes: 16,
        signal,
        onProgress: () => {
          signal.aborted = true;
        },
      },
    );
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects tensors that are not 2-D or not floats, naming file and tensor', async () => {
    const file = safetensorsBytes([{ name: 'v', dtype: 'F32', shape: [2, 2, 2], values: ramp(8) }]);
    const header = await readSafetensorsHeader(blob(file), 'f.safetensors');
    await expectFormatError(
      readMatrix(blob(file), { file: 'f.safetensors', ...header.tensors[0] }),
      /^f\.safetensors, tensor "v": is 3-D \(shape \[2, 2, 2\]\); only 2-D/,
    );
    await expectFormatError(
      readMatrix(blob(file), { file: 'f', name: 'i', dtype: 'I64', shape: [1, 1], start: 0, end: 8 }),
      /dtype I64 is not a floating-point type/,
    );
  });

  it('notices a file that is shorter than its header promised', async () => {
    const file = safetensorsBytes([{ name: 'w', dtype: 'F32', shape: [4, 4], values: ramp(16) }]);
    const header = await readSafetensorsHeader(blob(file), 'f');
    await expectFormatError(readMatrix(blob(file.slice(0, file.length - 8)), { file: 'f', ...header.tensors[0] }), /truncated/);
  });
});

describe('readMatrices', () => {
  const tensors: FixtureTensor[] = [
    { name: 'm0.A', dtype: 'BF16', shape: [2, 5], values: ramp(10, (i) => Math.sin(i)) },
    { name: 'm0.B', dtype: 'BF16', shape: [6, 2], values: ramp(12, (i) => Math.cos(i)) },
    { name: 'm1.A', dtype: 'F32', shape: [3, 4], values: ramp(12) },
    { name: 'm1.B', dtype: 'F64', shape: [4, 3], values: ramp(12, (i) => -i / 3) },
    { name: 'vec', dtype: 'F32', shape: [7], values: ramp(7) },
    { name: 'm2.A', dtype: 'F16', shape: [1, 9], values: ramp(9) },
  ];
  const file = safetensorsBytes(tensors);
  const locations = async (bytes: BlobLike) => (await readSafetensorsHeader(bytes, 'f')).tensors.map((t) => ({ file: 'f', ...t }));

  async function collect(bytes: BlobLike, locs: Awaited<ReturnType<typeof locations>>, options = {}) {
    const items = [];
    for await (const item of readMatrices(bytes, locs, options)) {
      items.push(
        item.matrix
          ? { index: item.index, rows: item.matrix.rows, data: Array.from(item.matrix.data) }
          : { index: item.index, error: item.error.message },
      );
    }
    return items;
  }

  it('gives, in order, what readMatrix gives for each tensor, and an error item for one that is not a matrix', async () => {
    const locs = await locations(blob(file));
    const items = await collect(blob(file), locs);
    expect(items.map((x) => x.index)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const [i, loc] of locs.entries()) {
      if (i === 4) {
        expect(items[i]!.error).toMatch(/^f, tensor "vec": is 1-D/);
        continue;
      }
      const m = await readMatrix(blob(file), loc);
      expect(items[i]).toEqual({ index: i, rows: m.rows, data: Array.from(m.data) });
    }
  });

  it('reads neighbouring tensors with one read, up to spanBytes at a time, bridging at most gapBytes', async () => {
    for (const streams of [true, false]) {
      const spy = spyBlob(file, streams);
      const locs = await locations(spy);
      // The byte ranges read (without a stream, each range is sliced twice: once to ask for a stream, once to read).
      const ranges = async (options: object, list = locs) => {
        spy.reads.length = 0;
        await collect(spy, list, options);
        return spy.reads.filter(([s, e], k, all) => e > s && !(k > 0 && all[k - 1]![0] === s && all[k - 1]![1] === e));
      };
      const range = (i: number, j = i) => [locs[i]!.start, locs[j]!.end];
      // Everything from the first tensor's start to the last one's end, at once.
      expect(await ranges({})).toEqual([range(0, 5)]);
      // Without the 1-D tensor, its 28 bytes are a gap between m1.B and m2.A.
      const matrices = locs.filter((_, i) => i !== 4);
      expect(await ranges({}, matrices)).toEqual([range(0, 5)]);
      expect(await ranges({ gapBytes: 27 }, matrices)).toEqual([range(0, 3), range(5)]);
      expect(await ranges({ gapBytes: 28 }, matrices)).toEqual([range(0, 5)]);
      // 48 bytes at most: 20 + 24 bytes fit, 48 alone, 96 is read on its own as readMatrix does.
      expect(await ranges({ spanBytes: 48 })).toEqual([range(0, 1), range(2), range(3), range(5)]);
    }
  });

  it('reads a tensor again when the locations go back in the file, and into given storage', async () => {
    const locs = await locations(blob(file));
    const order = [2, 0, 3, 1];
    const storage = [new Float64Array(16), new Float64Array(16)];
    const seen: Float64Array[] = [];
    const picked = order.map((k) => locs[k]!);
    for await (const item of readMatrices(blob(file), picked, { into: (i) => storage[i % 2] })) {
      expect(item.matrix!.data.buffer).toBe(storage[item.index % 2]!.buffer);
      const m = await readMatrix(blob(file), picked[item.index]!);
      expect(Array.from(item.matrix!.data)).toEqual(Array.from(m.data));
      seen.push(item.matrix!.data);
    }
    expect(seen.length).toBe(4);
  });

  it('gives truncation errors for the tensors past the end of a short file, and the others', async () => {
    const locs = await locations(blob(file));
    const short = blob(file.slice(0, locs[2]!.start + 10));
    const items = await collect(short, locs);
    expect(items[0]!.data).toBeDefined();
    expect(items[1]!.data).toBeDefined();
    expect(items[2]!.error).toMatch(/ended after 10 of the tensor's 48 bytes; the file is truncated/);
    expect(items[3]!.error).toMatch(/ended after 0 of the tensor's 96 bytes; the file is truncated/);
    expect(items[5]!.error).toMatch(/truncated/);
  });

  it('stops with an AbortError when cancelled, and rejects storage too small', async () => {
    const locs = await locations(blob(file));
    const signal = { aborted: false };
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const item of readMatrices(blob(file), locs, { signal })) {
          seen.push(item.index);
          signal.aborted = true;
        }
      })(),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([0]);
    await expect(collect(blob(file), locs, { into: () => new Float64Array(3) })).rejects.toThrow(
      /into\(0\) holds 3 entries, expected at least 10/,
    );
  });
});

describe('readNpyHeader', () => {
  const values = ramp(12, (i) => (i % 5) - 1.25);

  it.each([
    ['<f8', 1, false],
    ['<f4', 1, false],
    ['<f2', 1, false],
    ['<f4', 2, false],
    ['<f8', 3, false],
    ['<f8', 1, true],
    ['<f2', 3, true],
  ] as const)('reads a 3×4 %s array (version %i, fortran %s) row-major', async (descr, version, fortran) => {
    const file = npyBytes(values, [3, 4], { descr, version, fortran });
    expect((file.length - 12 * Number(descr[2])) % 64).toBe(0); // data aligned like NumPy's
    const loc = await readNpyHeader(blob(file), 'w.npy');
    expect(loc.shape).toEqual([3, 4]);
    const m = await readMatrix(blob(file), loc, { chunkBytes: 8 });
    expect(Array.from(m.data)).toEqual(Array.from(values)); // all exactly representable
  });

  it.each([
    ['not a .npy file', () => new TextEncoder().encode('PK\u0003\u0004 this is a zip file'), /magic string/],
    ['an unsupported version', () => Object.assign(npyBytes(values, [3, 4]), { 6: 4 }), /version 4\.0/],
    ['big-endian data', () => npyBytes(values, [3, 4], { descr: '>f4' }), /'>f4' \(big-endian\) is not supported/],
    ['integers', () => npyBytes(values, [3, 4], { descr: '<i4' }), /'<i4' is not supported/],
    ['a 1-D array', () => npyBytes(values, [12]), /1-D array \(shape \(12\)\); only 2-D/],
    ['a 3-D array', () => npyBytes(values, [2, 3, 2]), /3-D array/],
    ['truncated data', () => npyBytes(values, [3, 4], { truncate: 4 }), /needs 48 bytes of data but the file has 44; it is truncated/],
    [
      'a structured dtype',
      () => npyBytes(values, [3, 4], { headerText: "{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (3, 4), }" }),
      /'descr'/,
    ],
    ['no shape', () => npyBytes(values, [3, 4], { headerText: "{'descr': '<f4', 'fortran_order': False, }" }), /no 'shape'/],
  ])('rejects %s with a clear message', async (_, make, message) => {
    const e = await expectFormatError(readNpyHeader(blob(make()), 'w.npy'), message);
    expect(e.message.startsWith('w.npy: ')).toBe(true);
  });
});
