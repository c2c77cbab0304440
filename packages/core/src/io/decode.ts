/**
 * The floating-point element types the readers decode, as safetensors names
 * them: IEEE binary64, binary32, binary16, and bfloat16 (the top 16 bits of
 * a binary32).
 */
export type FloatDtype = 'F64' | 'F32' | 'F16' | 'BF16';

/** Bytes per element of each float dtype. @internal */
export const FLOAT_ITEMSIZE: Record<FloatDtype, number> = { F64: 8, F32: 4, F16: 2, BF16: 2 };

/** Whether typed arrays on this platform are little-endian (every browser and Node in practice). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

let f16Table: Float64Array | undefined;

/** All 65 536 binary16 values, built once (512 KiB): decoding becomes a table lookup. */
function halfTable(): Float64Array {
  if (f16Table) return f16Table;
  const t = new Float64Array(65536);
  for (let h = 0; h < 65536; h++) t[h] = decodeF16(h);
  f16Table = t;
  return t;
}

/**
 * The value of one IEEE 754 binary16 ("half", safetensors `F16`, NumPy
 * `float16`) given its 16 bits: 1 sign bit, 5 exponent bits (bias 15), 10
 * fraction bits. Exponent 0 holds ±0 and the subnormals `fraction · 2^-24`;
 * exponent 31 holds ±Infinity (fraction 0) and NaN.
 *
 * @example
 * decodeF16(0x3c00); // 1
 * decodeF16(0x0001); // 5.960464477539063e-8 = 2^-24, the smallest subnormal
 * decodeF16(0x7bff); // 65504, the largest finite half
 * decodeF16(0xfc00); // -Infinity
 */
export function decodeF16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1024 + fraction) * 2 ** (exponent - 25);
}

/**
 * The value of one bfloat16 (safetensors `BF16`) given its 16 bits: it is
 * the binary32 whose top 16 bits these are, so its range is a float's and
 * its precision 8 significant bits.
 *
 * @example
 * decodeBF16(0x3f80); // 1
 * decodeBF16(0x0001); // 9.183549615799121e-41 = 2^-133, the smallest subnormal
 * decodeBF16(0x7f80); // Infinity
 */
export function decodeBF16(bits: number): number {
  scratchU32[0] = (bits & 0xffff) << 16;
  return scratchF32[0];
}
const scratchU32 = new Uint32Array(1);
const scratchF32 = new Float32Array(scratchU32.buffer);

/**
 * Decodes little-endian elements of a float dtype from `bytes` into
 * `out[offset ..]` as doubles (exactly: every F32, F16 and BF16 value is a
 * double). `bytes.length` must be a multiple of the element size.
 *
 * @example
 * const out = new Float64Array(2);
 * decodeFloats('F16', new Uint8Array([0x00, 0x3c, 0x00, 0xc0]), out); // out = [1, -2]
 */
export function decodeFloats(dtype: FloatDtype, bytes: Uint8Array, out: Float64Array, offset = 0): void {
  const size = FLOAT_ITEMSIZE[dtype];
  const n = bytes.length / size;
  if (!Number.isInteger(n)) {
    throw new RangeError(`decodeFloats: ${bytes.length} bytes is not a whole number of ${dtype} elements`);
  }
  if (offset + n > out.length) {
    throw new RangeError(`decodeFloats: ${n} values do not fit in out at offset ${offset} (length ${out.length})`);
  }
  // Typed-array views need aligned offsets; copy when the bytes are not.
  const aligned = bytes.byteOffset % size === 0 ? bytes : bytes.slice();
  if (!LITTLE_ENDIAN) {
    decodeWithDataView(dtype, aligned, out, offset, n);
    return;
  }
  const buf = aligned.buffer;
  const at = aligned.byteOffset;
  switch (dtype) {
    case 'F64':
      out.set(new Float64Array(buf, at, n), offset);
      return;
    case 'F32':
      out.set(new Float32Array(buf, at, n), offset);
      return;
    case 'F16': {
      const t = halfTable();
      const h = new Uint16Array(buf, at, n);
      for (let i = 0; i < n; i++) out[offset + i] = t[h[i]];
      return;
    }
    case 'BF16': {
      const h = new Uint16Array(buf, at, n);
      // bf16 is the top half of a float32: shift the bits up into a float32 scratch.
      const u = new Uint32Array(Math.min(n, 4096));
      const f = new Float32Array(u.buffer);
      for (let i0 = 0; i0 < n; i0 += u.length) {
        const m = Math.min(u.length, n - i0);
        for (let i = 0; i < m; i++) u[i] = h[i0 + i] << 16;
        for (let i = 0; i < m; i++) out[offset + i0 + i] = f[i];
      }
      return;
    }
  }
}

function decodeWithDataView(dtype: FloatDtype, bytes: Uint8Array, out: Float64Array, offset: number, n: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < n; i++) {
    switch (dtype) {
      case 'F64':
        out[offset + i] = view.getFloat64(8 * i, true);
        break;
      case 'F32':
        out[offset + i] = view.getFloat32(4 * i, true);
        break;
      case 'F16':
        out[offset + i] = decodeF16(view.getUint16(2 * i, true));
        break;
      case 'BF16':
        out[offset + i] = decodeBF16(view.getUint16(2 * i, true));
        break;
    }
  }
}
