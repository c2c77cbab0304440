import { type BlobLike, readBytes } from './BlobLike.ts';
import { FileFormatError } from './FileFormatError.ts';

/**
 * Element sizes of every dtype the safetensors format defines (its Rust
 * crate's `Dtype`). A header naming any other dtype is rejected.
 */
const DTYPE_SIZE: Record<string, number> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E5M2: 1,
  F8_E4M3: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  F64: 8,
  I64: 8,
  U64: 8,
};

/**
 * The largest JSON header accepted, in bytes: 100 MB, the limit of the
 * reference implementation (safetensors' `MAX_HEADER_SIZE`). A corrupt
 * length field is thereby caught before anything that large is read.
 */
export const MAX_SAFETENSORS_HEADER = 100_000_000;

/** One tensor as a safetensors header describes it, with absolute byte offsets. */
export interface TensorInfo {
  name: string;
  /** The dtype string as written, e.g. `"F32"`, `"BF16"`. */
  dtype: string;
  shape: number[];
  /** First byte of the tensor's data in the file (header included). */
  start: number;
  /** One past its last byte. */
  end: number;
}

/** A validated safetensors header. */
export interface SafetensorsHeader {
  /** The file name given to the reader (used in error messages). */
  file: string;
  /** Tensors in file order (by start offset). */
  tensors: TensorInfo[];
  /** The optional `__metadata__` map of strings. */
  metadata: Record<string, string>;
  /** First byte of the data section: 8 + the header length. */
  dataStart: number;
}

/**
 * Reads and validates the header of a `.safetensors` file, reading only its
 * first 8 + N bytes. Format: an unsigned 64-bit little-endian N, then N bytes
 * of JSON mapping each tensor name to `{ dtype, shape, data_offsets:
 * [begin, end] }` (offsets relative to the data that follows the header),
 * plus an optional `"__metadata__"` map of strings.
 *
 * Everything is checked before any tensor data is read: N is at most
 * {@link MAX_SAFETENSORS_HEADER} and fits in the file; the JSON is
 * well-formed and an object; each dtype is a known safetensors dtype; shapes
 * are arrays of non-negative integers; every byte range lies inside the file;
 * no two ranges overlap; and each range is exactly shape × element size long.
 *
 * @param blob The file (a `File`, `Blob`, or anything {@link BlobLike}).
 * @param file The name to use in error messages (e.g. `file.name`).
 * @throws FileFormatError naming the file (and tensor) and the problem.
 * @example
 * const header = await readSafetensorsHeader(file, file.name);
 * header.tensors[0]; // { name: 'lm_head.weight', dtype: 'BF16', shape: [32000, 4096], start: 1234, end: ... }
 */
export async function readSafetensorsHeader(blob: BlobLike, file: string): Promise<SafetensorsHeader> {
  if (blob.size < 8) {
    throw new FileFormatError(
      file,
      `is ${blob.size} bytes long, too short for a safetensors file (at least 8 bytes for the header length)`,
    );
  }
  const lengthBytes = await readBytes(blob, 0, 8);
  const view = new DataView(lengthBytes.buffer, lengthBytes.byteOffset, 8);
  // A u64; anything above 2^53 is absurd anyway, and the high word tells.
  const high = view.getUint32(4, true);
  const n = high * 2 ** 32 + view.getUint32(0, true);
  if (high !== 0 || n > MAX_SAFETENSORS_HEADER) {
    throw new FileFormatError(
      file,
      `header length field says ${n} bytes, more than the ${MAX_SAFETENSORS_HEADER}-byte limit; this is not a safetensors file or it is corrupt`,
    );
  }
  if (8 + n > blob.size) {
    throw new FileFormatError(
      file,
      `header length field says ${n} bytes but the file has only ${blob.size - 8} after it; the file is truncated or not a safetensors file`,
    );
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(await readBytes(blob, 8, 8 + n));
  return parseSafetensorsHeader(text, { file, dataStart: 8 + n, fileSize: blob.size });
}

/**
 * Validates the JSON text of a safetensors header (see
 * {@link readSafetensorsHeader}, which reads it from a file and calls this).
 *
 * @param text The N bytes of JSON after the length field, decoded as UTF-8.
 * @param where The file name, the offset of the data section (8 + N) and the
 *   file size.
 * @throws FileFormatError naming the file (and tensor) and the problem.
 */
export function parseSafetensorsHeader(text: string, where: { file: string; dataStart: number; fileSize: number }): SafetensorsHeader {
  const { file, dataStart, fileSize } = where;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FileFormatError(file, `header is not valid JSON (${(e as Error).message}); the file is corrupt or not a safetensors file`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new FileFormatError(file, 'header is JSON but not an object mapping tensor names to their descriptions');
  }
  const dataSize = fileSize - dataStart;
  const tensors: TensorInfo[] = [];
  let metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new FileFormatError(file, '"__metadata__" in the header is not an object of strings');
      }
      metadata = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
      continue;
    }
    tensors.push(parseEntry(file, name, value, dataStart, dataSize));
  }
  tensors.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < tensors.length; i++) {
    const prev = tensors[i - 1];
    const cur = tensors[i];
    if (cur.start < prev.end) {
      throw new FileFormatError(
        file,
        `the data of tensors "${prev.name}" (bytes ${prev.start - dataStart}–${prev.end - dataStart}) and "${cur.name}" (bytes ${cur.start - dataStart}–${cur.end - dataStart}) overlap; the header is corrupt`,
      );
    }
  }
  return { file, tensors, metadata, dataStart };
}

function parseEntry(file: string, name: string, value: unknown, dataStart: number, dataSize: number): TensorInfo {
  const fail = (problem: string) => new FileFormatError(file, problem, name);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw fail('its header entry is not an object with dtype, shape and data_offsets');
  }
  const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
  if (typeof dtype !== 'string') throw fail(`dtype is ${JSON.stringify(dtype)}, expected a string such as "F32"`);
  const itemSize = DTYPE_SIZE[dtype];
  if (itemSize === undefined) {
    throw fail(`unknown dtype "${dtype}"; safetensors dtypes are ${Object.keys(DTYPE_SIZE).join(', ')}`);
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw fail(`shape is ${JSON.stringify(shape)}, expected an array of non-negative integers`);
  }
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) ||
    offsets[0] > offsets[1]
  ) {
    throw fail(`data_offsets is ${JSON.stringify(offsets)}, expected [begin, end] with 0 ≤ begin ≤ end`);
  }
  const [begin, end] = offsets as [number, number];
  if (end > dataSize) {
    throw fail(
      `data_offsets [${begin}, ${end}] reach past the end of the data (${dataSize} bytes after the header); the file is truncated or its header is wrong`,
    );
  }
  const count = (shape as number[]).reduce((p, d) => p * d, 1);
  if (count * itemSize !== end - begin) {
    throw fail(
      `shape [${shape.join(', ')}] of ${dtype} needs ${count * itemSize} bytes but data_offsets [${begin}, ${end}] give ${end - begin}; the header is inconsistent`,
    );
  }
  return { name, dtype, shape: shape as number[], start: dataStart + begin, end: dataStart + end };
}
