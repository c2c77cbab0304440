import type { Matrix } from '../linalg/matrix.ts';
import { type BlobLike, readPieces } from './BlobLike.ts';
import { decodeFloats, FLOAT_ITEMSIZE, type FloatDtype } from './decode.ts';
import { FileFormatError } from './FileFormatError.ts';

/** Where a matrix lies in a file: what {@link readSafetensorsHeader} and {@link readNpyHeader} describe. */
export interface MatrixLocation {
  /** File name, for error messages. */
  file: string;
  /** Tensor name, for error messages (safetensors); absent for a .npy file. */
  name?: string;
  dtype: string;
  shape: number[];
  /** Byte range of the data in the file. */
  start: number;
  end: number;
  /** Element order of the data: row-major `'C'` (default) or column-major `'F'` (NumPy's fortran_order). */
  order?: 'C' | 'F';
}

/** Options of {@link readMatrix}. */
export interface ReadMatrixOptions {
  /** Bytes read per slice (default 8 MiB, rounded down to whole elements). */
  chunkBytes?: number;
  /** Called after each slice with the bytes read so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between slices; when `aborted` is true the read stops with an AbortError. */
  signal?: { readonly aborted: boolean };
  /**
   * When given, the values read are subtracted from this matrix in place and
   * it is returned: `readMatrix(base, loc, { subtractFrom: tuned })` gives
   * `tuned − base` with one matrix in memory instead of two. Its shape must
   * be the location's.
   */
  subtractFrom?: Matrix;
  /**
   * Storage for the result (without `subtractFrom`): its first rows·cols
   * entries become the matrix's data, so that one buffer serves read after
   * read (a reader of many tensors then does not pay a fresh allocation's
   * first touch per tensor, hundreds of ms for a 100 MB matrix on some
   * machines). Must hold at least rows·cols entries.
   */
  into?: Float64Array;
}

const DEFAULT_CHUNK = 8 * 1024 * 1024;

let scratch: Float64Array | undefined;

/**
 * The one-slice scratch of a subtracting read, kept between reads (a fresh
 * 32 MB array per tensor costs its first touch every time). Shared by
 * concurrent reads safely: each fills and empties it with no await between.
 */
function sliceScratch(length: number): Float64Array {
  if (scratch === undefined || scratch.length < length) scratch = new Float64Array(length);
  return scratch;
}

/**
 * The float dtype of a location, or a FileFormatError saying that this
 * dtype cannot be analyzed. @internal
 */
export function floatDtype(loc: MatrixLocation): FloatDtype {
  if (loc.dtype in FLOAT_ITEMSIZE) return loc.dtype as FloatDtype;
  throw new FileFormatError(
    loc.file,
    `dtype ${loc.dtype} is not a floating-point type; only F64, F32, F16 and BF16 can be analyzed`,
    loc.name,
  );
}

/** A location's dtype and shape, checked. @internal */
export interface CheckedShape {
  dtype: FloatDtype;
  rows: number;
  cols: number;
  itemSize: number;
}

/**
 * Checks that a location holds a non-empty 2-D matrix of a float dtype whose
 * byte range has the size its shape says. @internal
 * @throws FileFormatError naming the file, the tensor and the problem.
 */
export function matrixShape(loc: MatrixLocation): CheckedShape {
  const dtype = floatDtype(loc);
  if (loc.shape.length !== 2) {
    throw new FileFormatError(
      loc.file,
      `is ${loc.shape.length}-D (shape [${loc.shape.join(', ')}]); only 2-D matrices can be analyzed`,
      loc.name,
    );
  }
  const [rows, cols] = loc.shape as [number, number];
  if (rows === 0 || cols === 0) {
    throw new FileFormatError(loc.file, `has an empty shape [${rows}, ${cols}]; there is nothing to analyze`, loc.name);
  }
  const itemSize = FLOAT_ITEMSIZE[dtype];
  const total = loc.end - loc.start;
  if (total !== rows * cols * itemSize) {
    throw new FileFormatError(loc.file, `its byte range holds ${total} bytes, expected ${rows * cols * itemSize}`, loc.name);
  }
  return { dtype, rows, cols, itemSize };
}

/**
 * Reads a 2-D tensor of a float dtype (F64, F32, F16, BF16) from a file into
 * a row-major {@link Matrix} of doubles, slice by slice (`blob.slice`), so
 * that the file is never loaded whole: only the tensor's own bytes are read,
 * a few MiB at a time, and decoded straight into the result.
 *
 * @param blob The file.
 * @param loc The tensor's location, from a validated header.
 * @param options Slice size, progress, cancellation, in-place subtraction.
 * @throws FileFormatError if the tensor is not 2-D or its dtype is not a
 *   float type; DOMException-like `AbortError` (an Error named "AbortError")
 *   when cancelled; FileFormatError if the file is shorter than the header
 *   said (it changed while being read).
 * @example
 * const header = await readSafetensorsHeader(file, file.name);
 * const w = await readMatrix(file, { file: file.name, ...header.tensors[0] });
 */
export async function readMatrix(blob: BlobLike, loc: MatrixLocation, options: ReadMatrixOptions = {}): Promise<Matrix> {
  const { dtype, rows, cols, itemSize } = matrixShape(loc);
  const total = loc.end - loc.start;
  const target = options.subtractFrom;
  if (target && (target.rows !== rows || target.cols !== cols)) {
    throw new RangeError(`readMatrix: subtractFrom is ${target.rows}×${target.cols}, expected ${rows}×${cols}`);
  }
  const fortran = loc.order === 'F';
  if (options.into && options.into.length < rows * cols) {
    throw new RangeError(`readMatrix: into holds ${options.into.length} entries, expected at least ${rows * cols}`);
  }
  const out: Matrix = target ?? { rows, cols, data: options.into?.subarray(0, rows * cols) ?? new Float64Array(rows * cols) };
  const chunk = Math.max(itemSize, Math.floor((options.chunkBytes ?? DEFAULT_CHUNK) / itemSize) * itemSize);
  // Column-major data goes to a scratch array that is transposed at the end;
  // row-major data decodes straight into the result, or through a one-slice
  // scratch when it is subtracted.
  const whole = fortran ? new Float64Array(rows * cols) : undefined;
  const slice = !fortran && target ? sliceScratch(chunk / itemSize) : undefined;
  const o = out.data;
  let done = 0;
  for await (const bytes of readPieces(blob, loc.start, loc.end, chunk)) {
    if (options.signal?.aborted) throw abortError(loc);
    const n = Math.min(chunk, total - done);
    if (bytes.length !== n) {
      throw new FileFormatError(
        loc.file,
        `ended after ${done + bytes.length} of the tensor's ${total} bytes; the file is truncated`,
        loc.name,
      );
    }
    const at = done / itemSize;
    if (whole) decodeFloats(dtype, bytes, whole, at);
    else if (slice) {
      const m = n / itemSize;
      decodeFloats(dtype, bytes, slice, 0);
      for (let i = 0; i < m; i++) o[at + i] -= slice[i];
    } else decodeFloats(dtype, bytes, o, at);
    done += n;
    options.onProgress?.(done, total);
  }
  if (done < total) {
    throw new FileFormatError(loc.file, `ended after ${done} of the tensor's ${total} bytes; the file is truncated`, loc.name);
  }
  if (whole) {
    // whole is cols × rows row-major (= rows × cols column-major).
    for (let j = 0; j < cols; j++) {
      const wj = j * rows;
      if (target) for (let i = 0; i < rows; i++) o[i * cols + j] -= whole[wj + i];
      else for (let i = 0; i < rows; i++) o[i * cols + j] = whole[wj + i];
    }
  }
  return out;
}

/** The error a cancelled read ends with. @internal */
export function abortError(loc: MatrixLocation): Error {
  const e = new Error(`${loc.file}${loc.name ? `, tensor "${loc.name}"` : ''}: reading was cancelled`);
  e.name = 'AbortError';
  return e;
}
