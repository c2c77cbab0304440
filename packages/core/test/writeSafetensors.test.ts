import { describe, expect, it } from 'vitest';
import { readMatrix, readSafetensorsHeader, writeSafetensors } from '../src/io/index.ts';

const blob = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);

describe('writeSafetensors', () => {
  const w = Float64Array.from({ length: 6 }, (_, i) => (i - 2.5) / 3);
  const v = new Float64Array([1e-3, 7]);
  const bytes = writeSafetensors(
    [
      { name: 'layer.w', shape: [2, 3], data: w },
      { name: 'layer.b', shape: [2], data: v },
    ],
    { metadata: { format: 'pt' } },
  );

  it('writes a file the validating reader accepts: header length, JSON, offsets back to back, 8-byte aligned data', async () => {
    const h = await readSafetensorsHeader(blob(bytes), 'x.safetensors');
    expect(h.dataStart % 8).toBe(0);
    expect(h.metadata).toEqual({ format: 'pt' });
    expect(h.tensors.map((t) => [t.name, t.dtype, t.shape, t.end - t.start])).toEqual([
      ['layer.w', 'F32', [2, 3], 24],
      ['layer.b', 'F32', [2], 8],
    ]);
    expect(h.tensors[0].start).toBe(h.dataStart);
    expect(bytes.length).toBe(h.dataStart + 32);
    const json = new TextDecoder().decode(bytes.subarray(8, h.dataStart));
    expect(json.trimEnd()).toBe(JSON.stringify(JSON.parse(json))); // padding is trailing spaces only
  });

  it('F32 rounds each value to the nearest float; F64 keeps every bit', async () => {
    const h = await readSafetensorsHeader(blob(bytes), 'x');
    const m = await readMatrix(blob(bytes), { file: 'x', ...h.tensors[0] });
    expect(m.data).toEqual(w.map(Math.fround));
    const exact = writeSafetensors([{ name: 'w', shape: [2, 3], data: w }], { dtype: 'F64' });
    const he = await readSafetensorsHeader(blob(exact), 'x');
    expect((await readMatrix(blob(exact), { file: 'x', ...he.tensors[0] })).data).toEqual(w);
  });

  it('rejects repeated or empty names, shapes that do not match the data and unknown dtypes', () => {
    const t = { name: 'a', shape: [2], data: new Float64Array(2) };
    expect(() => writeSafetensors([t, t])).toThrow(/"a" appears twice/);
    expect(() => writeSafetensors([{ ...t, name: '' }])).toThrow(/invalid tensor name/);
    expect(() => writeSafetensors([{ ...t, name: '__metadata__' }])).toThrow(/invalid tensor name/);
    expect(() => writeSafetensors([{ ...t, shape: [3] }])).toThrow(/shape \[3\] but 2 values/);
    expect(() => writeSafetensors([t], { dtype: 'F16' as never })).toThrow(/dtype must be 'F32' or 'F64'/);
  });
});
