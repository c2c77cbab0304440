import type { Matrix } from '../linalg/matrix.ts';
import { type BlobLike, readPieces } from './BlobLike.ts';
import { decodeFloats } from './decode.ts';
import { FileFormatError } from './FileFormatError.ts';
import { abortError, type MatrixLocation, matrixShape, readMatrix } from './readMatrix.ts';

/** Options of {@link readMatrices}. */
export interface ReadMatricesOptions {
  /**
   * Storage for the matrix of `locations[index]` (see `ReadMatrixOptions.into`);
   * a fresh array when it returns undefined. A matrix's storage may be reused
   * for a later one as soon as the generator is asked for its next item.
   */
  into?: (index: number) => Float64Array | undefined;
  /** The most bytes read at once (default 8 MiB). A tensor larger than this is read alone, as by `readMatrix`. */
  spanBytes?: number;
  /** The most unused bytes one read may bridge between two tensors (default 64 KiB). */
  gapBytes?: number;
  /** Checked before each read and each item; when `aborted` is true the generator stops with an AbortError. */
  signal?: { readonly aborted: boolean };
}

/** One result of {@link readMatrices}: the matrix of `locations[index]`, or why it could not be read. */
export type ReadMatricesItem =
  { index: number; matrix: Matrix; error?: undefined } | { index: number; matrix?: undefined; error: FileFormatError };

const DEFAULT_SPAN = 8 * 1024 * 1024;
const DEFAULT_GAP = 64 * 1024;

/** A byte range of the file held in memory, and the read that holds it. */
interface Span {
  start: number;
  /** End of the bytes actually read (short of what was asked when the file ended early). */
  end: number;
  /** End of the range asked for. */
  asked: number;
  bytes: Uint8Array;
  reader: AsyncGenerator<Uint8Array>;
}

/**
 * Reads many 2-D float tensors of one file, in the order given, with one
 * read for each run of neighbouring tensors instead of one (or more) per
 * tensor: an adapter is hundreds of small tensors stored side by side, and
 * in a browser each read of a file costs about a millisecond before its
 * first byte, more than decoding a small tensor. Consecutive locations that
 * follow each other in the file (gaps up to `gapBytes`) are read together,
 * up to `spanBytes` at a time, into one reused buffer; the values are the
 * same as `readMatrix` gives.
 *
 * A location that cannot be read (not 2-D, not a float dtype, past the end
 * of a truncated file) gives an item with its FileFormatError, and the
 * others are still read.
 *
 * @param blob The file.
 * @param locations The tensors, from a validated header; best sorted by their `start`.
 * @param options Storage, read sizes, cancellation.
 * @example
 * const header = await readSafetensorsHeader(file, file.name);
 * for await (const { index, matrix, error } of readMatrices(file, header.tensors.map((t) => ({ file: file.name, ...t })))) { … }
 */
export async function* readMatrices(
  blob: BlobLike,
  locations: readonly MatrixLocation[],
  options: ReadMatricesOptions = {},
): AsyncGenerator<ReadMatricesItem> {
  const spanBytes = Math.max(1, options.spanBytes ?? DEFAULT_SPAN);
  const gapBytes = Math.max(0, options.gapBytes ?? DEFAULT_GAP);
  let span: Span | undefined;
  const release = async () => {
    const reader = span?.reader;
    span = undefined;
    await reader?.return(undefined);
  };
  try {
    for (let i = 0; i < locations.length; i++) {
      if (options.signal?.aborted) throw abortError(locations[i]!);
      const loc = locations[i]!;
      let shape;
      try {
        shape = matrixShape(loc);
      } catch (e) {
        if (!(e instanceof FileFormatError)) throw e;
        yield { index: i, error: e };
        continue;
      }
      const { dtype, rows, cols } = shape;
      const into = options.into?.(i);
      if (into && into.length < rows * cols) {
        throw new RangeError(`readMatrices: into(${i}) holds ${into.length} entries, expected at least ${rows * cols}`);
      }
      if (loc.end - loc.start > spanBytes || loc.order === 'F') {
        // Large or column-major: read alone (piece by piece, or transposed), as readMatrix does.
        await release();
        try {
          yield { index: i, matrix: await readMatrix(blob, loc, { into, signal: options.signal }) };
        } catch (e) {
          if (!(e instanceof FileFormatError)) throw e;
          yield { index: i, error: e };
        }
        continue;
      }
      if (!span || loc.start < span.start || loc.end > span.asked) {
        await release();
        span = await readSpan(blob, locations, i, spanBytes, gapBytes);
      }
      if (loc.end > span.end) {
        const got = Math.max(0, span.end - loc.start);
        yield {
          index: i,
          error: new FileFormatError(
            loc.file,
            `ended after ${got} of the tensor's ${loc.end - loc.start} bytes; the file is truncated`,
            loc.name,
          ),
        };
        continue;
      }
      const data = into?.subarray(0, rows * cols) ?? new Float64Array(rows * cols);
      decodeFloats(dtype, span.bytes.subarray(loc.start - span.start, loc.end - span.start), data, 0);
      yield { index: i, matrix: { rows, cols, data } };
    }
  } finally {
    await release();
  }
}

/**
 * Reads the run of tensors starting at `locations[i]`: it and every next
 * one that starts at most `gapBytes` after the previous one's end, while the
 * whole stays within `spanBytes`.
 */
async function readSpan(
  blob: BlobLike,
  locations: readonly MatrixLocation[],
  i: number,
  spanBytes: number,
  gapBytes: number,
): Promise<Span> {
  const start = locations[i]!.start;
  let asked = locations[i]!.end;
  for (let j = i + 1; j < locations.length; j++) {
    const next = locations[j]!;
    if (!(next.start >= asked && next.start - asked <= gapBytes && next.end >= next.start && next.end - start <= spanBytes)) break;
    asked = next.end;
  }
  // Pieces of spanBytes: one piece holds the whole range, and its buffer (reused by readPieces) fits any later range.
  const reader = readPieces(blob, start, asked, spanBytes);
  const first = await reader.next();
  const bytes = first.done ? new Uint8Array(0) : first.value;
  return { start, end: start + bytes.length, asked, bytes, reader };
}
