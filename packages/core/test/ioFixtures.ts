// Writers of the file formats the io module reads, for tests (core and e2e):
// safetensors (F64, F32, F16, BF16) and .npy (v1–v3, C or Fortran order),
// plus the hooks to make malformed variants. Plain and obviously correct
// rather than fast.

export type FixtureDtype = 'F64' | 'F32' | 'F16' | 'BF16';

function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** The binary16 bits nearest to x (round half to even; overflow to ±Infinity; NaN → 0x7e00). */
export function encodeF16(x: number): number {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a === Infinity) return sign | 0x7c00;
  if (a === 0) return sign;
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  if (2 ** (e + 1) <= a) e++;
  // Subnormal range: units of 2^-24; a mantissa of 1024 is the smallest normal, which the bits encode anyway.
  if (e < -14) return sign | roundHalfEven(a / 2 ** -24);
  let m = roundHalfEven((a / 2 ** e - 1) * 1024);
  if (m === 1024) {
    m = 0;
    e++;
  }
  if (e > 15) return sign | 0x7c00;
  return sign | ((e + 15) << 10) | m;
}

/** The bfloat16 bits of x: round the float32 nearest to x to its top 16 bits (half to even), as PyTorch does. */
export function encodeBF16(x: number): number {
  if (Number.isNaN(x)) return 0x7fc0;
  const f = new Float32Array([x]);
  const bits = new Uint32Array(f.buffer)[0];
  return ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16) & 0xffff;
}

/** Little-endian bytes of `values` in a dtype. */
export function encodeValues(dtype: FixtureDtype, values: ArrayLike<number>): Uint8Array {
  const n = values.length;
  switch (dtype) {
    case 'F64':
      return new Uint8Array(Float64Array.from(values).buffer);
    case 'F32':
      return new Uint8Array(Float32Array.from(values).buffer);
    case 'F16':
      return new Uint8Array(Uint16Array.from({ length: n }, (_, i) => encodeF16(values[i])).buffer);
    case 'BF16': {
      // encodeBF16 on every element at once (fast enough for gigabyte benchmark files).
      const bits = new Uint32Array(Float32Array.from(values).buffer);
      const out = new Uint16Array(n);
      for (let i = 0; i < n; i++) {
        const b = bits[i];
        out[i] = (b & 0x7fffffff) > 0x7f800000 ? 0x7fc0 : ((b + 0x7fff + ((b >>> 16) & 1)) >>> 16) & 0xffff;
      }
      return new Uint8Array(out.buffer);
    }
  }
}

export interface FixtureTensor {
  name: string;
  dtype: FixtureDtype;
  shape: number[];
  /** Row-major values (their count must match the shape). */
  values: ArrayLike<number>;
}

/** A safetensors header entry as written. */
export interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

export interface SafetensorsFixtureOptions {
  metadata?: Record<string, string>;
  /** Edits the header object before it is written (to make it lie). */
  editHeader?: (header: Record<string, HeaderEntry | Record<string, string>>) => void;
  /** Writes this number in the 8-byte length field instead of the true one. */
  headerLength?: number;
  /** Raw header text instead of the JSON of the header object. */
  headerText?: string;
  /** Drops this many bytes from the end of the file. */
  truncate?: number;
}

const ITEMSIZE: Record<FixtureDtype, number> = { F64: 8, F32: 4, F16: 2, BF16: 2 };

/**
 * The first bytes of a .safetensors file whose tensors (name, dtype, shape)
 * follow in order: the 8-byte header length and the header, padded with
 * spaces to 8 bytes like the reference writer. The tensors' bytes
 * (`encodeValues`) are then written after it, one after the other, so a
 * file of any size can be streamed to disk without holding it in memory.
 */
export function safetensorsHeaderBytes(
  tensors: readonly Omit<FixtureTensor, 'values'>[],
  options: Omit<SafetensorsFixtureOptions, 'truncate'> = {},
): Uint8Array {
  const header: Record<string, HeaderEntry | Record<string, string>> = {};
  if (options.metadata) header.__metadata__ = options.metadata;
  let offset = 0;
  for (const t of tensors) {
    const bytes = t.shape.reduce((p, d) => p * d, 1) * ITEMSIZE[t.dtype];
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  options.editHeader?.(header);
  let text = options.headerText ?? JSON.stringify(header);
  while (new TextEncoder().encode(text).length % 8 !== 0) text += ' ';
  const headerBytes = new TextEncoder().encode(text);
  const out = new Uint8Array(8 + headerBytes.length);
  const view = new DataView(out.buffer);
  const n = options.headerLength ?? headerBytes.length;
  view.setUint32(0, n % 2 ** 32, true);
  view.setUint32(4, Math.floor(n / 2 ** 32), true);
  out.set(headerBytes, 8);
  return out;
}

/** Bytes of a .safetensors file holding `tensors`, in order (header padded with spaces to 8 bytes, like the reference writer). */
export function safetensorsBytes(tensors: FixtureTensor[], options: SafetensorsFixtureOptions = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const t of tensors) {
    const count = t.shape.reduce((p, d) => p * d, 1);
    if (count !== t.values.length) throw new Error(`fixture ${t.name}: ${t.values.length} values for shape [${t.shape}]`);
    chunks.push(encodeValues(t.dtype, t.values));
  }
  const head = safetensorsHeaderBytes(tensors, options);
  const total = head.length + chunks.reduce((p, c) => p + c.length, 0);
  const out = new Uint8Array(total);
  out.set(head, 0);
  let at = head.length;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return options.truncate ? out.slice(0, total - options.truncate) : out;
}

export interface NpyFixtureOptions {
  /** NumPy dtype string, default '<f4'. Only '<f8', '<f4', '<f2' are encoded; any other writes raw float32 bytes. */
  descr?: string;
  fortran?: boolean;
  /** Format version 1, 2 or 3 (default 1). */
  version?: number;
  /** Raw header dict text instead of the one built from the options. */
  headerText?: string;
  truncate?: number;
}

/** Bytes of a .npy file of a row-major array of the given shape. */
export function npyBytes(values: ArrayLike<number>, shape: number[], options: NpyFixtureOptions = {}): Uint8Array {
  const { descr = '<f4', fortran = false, version = 1 } = options;
  let ordered: ArrayLike<number> = values;
  if (fortran && shape.length === 2) {
    const [r, c] = shape;
    ordered = Float64Array.from({ length: r * c }, (_, k) => values[(k % r) * c + Math.floor(k / r)]);
  }
  const dtype: FixtureDtype = descr.endsWith('f8') ? 'F64' : descr.endsWith('f2') ? 'F16' : 'F32';
  const data = encodeValues(dtype, ordered);
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let dict = options.headerText ?? `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const prefix = version === 1 ? 10 : 12;
  // NumPy pads the header with spaces and a final newline so the data starts on a 64-byte boundary.
  const encoded = () => new TextEncoder().encode(dict);
  while ((prefix + encoded().length + 1) % 64 !== 0) dict += ' ';
  dict += '\n';
  const headerBytes = encoded();
  const out = new Uint8Array(prefix + headerBytes.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, headerBytes.length, true);
  else view.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, prefix);
  out.set(data, prefix + headerBytes.length);
  return options.truncate ? out.slice(0, out.length - options.truncate) : out;
}
