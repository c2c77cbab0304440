import { describe, expect, it } from 'vitest';
import { FileFormatError, readSafetensors, writeSafetensors } from '../src/io/index.ts';
import { safetensorsBytes } from './ioFixtures.ts';

describe('readSafetensors', () => {
  it('decodes every tensor of F64, F32, F16 and BF16 files to doubles, with metadata', () => {
    const values = [0.5, -2, 3.25, 1024];
    for (const dtype of ['F64', 'F32', 'F16', 'BF16'] as const) {
      const bytes = safetensorsBytes([{ name: 't', dtype, shape: [2, 2], values }], { metadata: { a: 'b' } });
      const { tensors, metadata } = readSafetensors(bytes, 'f.safetensors');
      expect(tensors.get('t')).toEqual({ dtype, shape: [2, 2], data: new Float64Array(values) });
      expect(metadata).toEqual({ a: 'b' });
    }
  });

  it('reads back what writeSafetensors wrote, also from a view into a larger buffer', () => {
    const data = new Float64Array([1, 2, 3]);
    const bytes = writeSafetensors([{ name: 'x', shape: [3], data }], { dtype: 'F64' });
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(readSafetensors(padded.subarray(3), 'x').tensors.get('x')!.data).toEqual(data);
  });

  it('throws FileFormatError naming the file for short, truncated and corrupt files, and non-float tensors', () => {
    const good = safetensorsBytes([{ name: 't', dtype: 'F32', shape: [4], values: [1, 2, 3, 4] }]);
    const cases: [Uint8Array, RegExp][] = [
      [new Uint8Array(5), /f: is 5 bytes long/],
      [good.slice(0, good.length - 4), /reach past the end of the data/],
      [safetensorsBytes([], { headerText: '{"t": ' }), /not valid JSON/],
      [safetensorsBytes([], { headerLength: 2 ** 40 }), /more than the 100000000-byte limit/],
    ];
    for (const [bytes, message] of cases) {
      expect(() => readSafetensors(bytes, 'f')).toThrow(FileFormatError);
      expect(() => readSafetensors(bytes, 'f')).toThrow(message);
    }
    const ints = safetensorsBytes([{ name: 'w', dtype: 'F32', shape: [1], values: [1] }], {
      editHeader: (h) => ((h.w as { dtype: string }).dtype = 'I32'),
    });
    expect(() => readSafetensors(ints, 'f')).toThrow(/tensor "w": dtype I32 is not a floating-point type/);
  });
});
