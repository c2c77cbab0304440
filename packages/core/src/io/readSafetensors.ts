import { decodeFloats, FLOAT_ITEMSIZE, type FloatDtype } from './decode.ts';
import { FileFormatError } from './FileFormatError.ts';
import { parseSafetensorsHeader, MAX_SAFETENSORS_HEADER, type SafetensorsHeader } from './safetensors.ts';

/** A tensor decoded by {@link readSafetensors}. */
export interface DecodedTensor {
  dtype: FloatDtype;
  shape: number[];
  /** The values as doubles, row-major. */
  data: Float64Array;
}

/** A whole safetensors file decoded (see {@link readSafetensors}). */
export interface DecodedSafetensors {
  header: SafetensorsHeader;
  /** Every tensor by name. */
  tensors: Map<string, DecodedTensor>;
  metadata: Record<string, string>;
}

/**
 * Decodes a whole `.safetensors` file held in memory (a small checkpoint,
 * e.g. fetched): the header is validated exactly as by
 * {@link readSafetensorsHeader}, then every tensor is decoded to doubles.
 * For large files read tensor by tensor with {@link readMatrix} instead.
 *
 * @throws FileFormatError naming the file (and tensor) for a malformed
 *   header or a tensor whose dtype is not F64, F32, F16 or BF16.
 * @example
 * const { tensors } = readSafetensors(new Uint8Array(await res.arrayBuffer()), 'model.safetensors');
 * tensors.get('lm_head.weight'); // { dtype: 'F32', shape: [31, 64], data: Float64Array(1984) }
 */
export function readSafetensors(bytes: Uint8Array, file: string): DecodedSafetensors {
  if (bytes.length < 8) {
    throw new FileFormatError(
      file,
      `is ${bytes.length} bytes long, too short for a safetensors file (at least 8 bytes for the header length)`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const high = view.getUint32(4, true);
  const n = high * 2 ** 32 + view.getUint32(0, true);
  if (high !== 0 || n > MAX_SAFETENSORS_HEADER) {
    throw new FileFormatError(
      file,
      `header length field says ${n} bytes, more than the ${MAX_SAFETENSORS_HEADER}-byte limit; this is not a safetensors file or it is corrupt`,
    );
  }
  if (8 + n > bytes.length) {
    throw new FileFormatError(
      file,
      `header length field says ${n} bytes but the file has only ${bytes.length - 8} after it; the file is truncated or not a safetensors file`,
    );
  }
  const text = new TextDecoder('utf-8').decode(bytes.subarray(8, 8 + n));
  const header = parseSafetensorsHeader(text, { file, dataStart: 8 + n, fileSize: bytes.length });
  const tensors = new Map<string, DecodedTensor>();
  for (const t of header.tensors) {
    if (!(t.dtype in FLOAT_ITEMSIZE)) {
      throw new FileFormatError(file, `dtype ${t.dtype} is not a floating-point type (F64, F32, F16, BF16)`, t.name);
    }
    const dtype = t.dtype as FloatDtype;
    const data = new Float64Array((t.end - t.start) / FLOAT_ITEMSIZE[dtype]);
    decodeFloats(dtype, bytes.subarray(t.start, t.end), data);
    tensors.set(t.name, { dtype, shape: t.shape, data });
  }
  return { header, tensors, metadata: header.metadata };
}
