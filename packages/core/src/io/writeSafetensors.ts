/** One tensor to write (see {@link writeSafetensors}). */
export interface TensorToWrite {
  name: string;
  /** Dimensions, e.g. `[rows, cols]`; their product must equal `data.length`. */
  shape: number[];
  /** Values in row-major order. */
  data: Float64Array | Float32Array;
}

/**
 * Encodes tensors as a `.safetensors` file: an unsigned 64-bit
 * little-endian header length N, N bytes of JSON (`{ name: { dtype, shape,
 * data_offsets: [begin, end] }, …, "__metadata__": { … } }`, padded with
 * spaces so the data starts at a multiple of 8 bytes, as the reference
 * writer does), then the tensors' bytes back to back, little-endian, in the
 * order given. `F32` rounds each double to the nearest float.
 *
 * @throws RangeError for a repeated or empty name, a name `__metadata__`, a
 *   shape that does not match the data, or an unknown dtype.
 * @example
 * const bytes = writeSafetensors([{ name: 'w', shape: [2, 2], data: new Float64Array([1, 2, 3, 4]) }], { dtype: 'F32' });
 * await readSafetensorsHeader(new Blob([bytes]), 'w.safetensors'); // reads back
 */
export function writeSafetensors(
  tensors: readonly TensorToWrite[],
  options: { dtype?: 'F32' | 'F64'; metadata?: Record<string, string> } = {},
): Uint8Array {
  const dtype = options.dtype ?? 'F32';
  if (dtype !== 'F32' && dtype !== 'F64') throw new RangeError(`writeSafetensors: dtype must be 'F32' or 'F64'; received ${String(dtype)}`);
  const size = dtype === 'F32' ? 4 : 8;
  const header: Record<string, unknown> = {};
  if (options.metadata) header.__metadata__ = options.metadata;
  let offset = 0;
  const seen = new Set<string>();
  for (const t of tensors) {
    if (typeof t.name !== 'string' || t.name === '' || t.name === '__metadata__') {
      throw new RangeError(`writeSafetensors: invalid tensor name ${JSON.stringify(t.name)}`);
    }
    if (seen.has(t.name)) throw new RangeError(`writeSafetensors: the name "${t.name}" appears twice`);
    seen.add(t.name);
    const count = t.shape.reduce((p, d) => p * d, 1);
    if (!t.shape.every((d) => Number.isInteger(d) && d >= 0) || count !== t.data.length) {
      throw new RangeError(`writeSafetensors: tensor "${t.name}" has shape [${t.shape.join(', ')}] but ${t.data.length} values`);
    }
    header[t.name] = { dtype, shape: t.shape, data_offsets: [offset, offset + count * size] };
    offset += count * size;
  }
  let json = JSON.stringify(header);
  const encoder = new TextEncoder();
  let n = encoder.encode(json).length;
  json += ' '.repeat((8 - ((8 + n) % 8)) % 8);
  const headerBytes = encoder.encode(json);
  n = headerBytes.length;
  const out = new Uint8Array(8 + n + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, n, true);
  view.setUint32(4, 0, true);
  out.set(headerBytes, 8);
  let at = 8 + n;
  for (const t of tensors) {
    for (let i = 0; i < t.data.length; i++, at += size) {
      if (size === 4) view.setFloat32(at, t.data[i], true);
      else view.setFloat64(at, t.data[i], true);
    }
  }
  return out;
}
