import { type BlobLike, readBytes } from './BlobLike.ts';
import { FLOAT_ITEMSIZE, type FloatDtype } from './decode.ts';
import { FileFormatError } from './FileFormatError.ts';
import type { MatrixLocation } from './readMatrix.ts';

/** The .npy magic string: byte 0x93 then "NUMPY". */
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** Longest header accepted (NumPy itself refuses headers over 10 000 bytes by default). */
const MAX_NPY_HEADER = 1_000_000;

/** NumPy dtype strings of the float types, little-endian ('<') or native ('='; all our platforms are little-endian). */
const DESCR: Record<string, FloatDtype> = {
  '<f8': 'F64',
  '<f4': 'F32',
  '<f2': 'F16',
  '=f8': 'F64',
  '=f4': 'F32',
  '=f2': 'F16',
};

/**
 * Reads and validates the header of a NumPy `.npy` file (format versions
 * 1.0, 2.0 and 3.0) holding one 2-D float array, and returns where its data
 * lies, for {@link readMatrix}. Only the header bytes are read.
 *
 * Layout (numpy.lib.format): the magic `\x93NUMPY`, major and minor version
 * bytes, the header length (uint16 LE in version 1, uint32 LE in 2 and 3),
 * then a Python dict literal such as
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (768, 3072), }`
 * (latin-1 in versions 1 and 2, UTF-8 in 3), padded with spaces and a
 * newline; the data follows. Accepted dtypes: `'<f8'`, `'<f4'`, `'<f2'`,
 * C (row-major) or Fortran (column-major) order. The data must be exactly
 * rows × cols × element size bytes.
 *
 * @throws FileFormatError naming the file and the problem: not a .npy file,
 *   unsupported version or dtype (big-endian, integer, structured), not 2-D,
 *   truncated data.
 * @example
 * const loc = await readNpyHeader(file, file.name);
 * const m = await readMatrix(file, loc); // the 2-D array, row-major
 */
export async function readNpyHeader(blob: BlobLike, file: string): Promise<MatrixLocation> {
  const fail = (problem: string) => new FileFormatError(file, problem);
  if (blob.size < 10) throw fail(`is ${blob.size} bytes long, too short for a .npy file`);
  const head = await readBytes(blob, 0, Math.min(blob.size, 12));
  if (!MAGIC.every((b, i) => head[i] === b))
    throw fail('does not start with the .npy magic string "\\x93NUMPY"; it is not a NumPy .npy file');
  const major = head[6];
  const minor = head[7];
  if (!((major === 1 || major === 2 || major === 3) && minor === 0)) {
    throw fail(`is .npy format version ${major}.${minor}; versions 1.0, 2.0 and 3.0 are supported`);
  }
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const prefix = major === 1 ? 10 : 12;
  if (blob.size < prefix) throw fail('is truncated inside its header');
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (headerLength > MAX_NPY_HEADER)
    throw fail(`header length field says ${headerLength} bytes, more than the ${MAX_NPY_HEADER}-byte limit`);
  const start = prefix + headerLength;
  if (start > blob.size) throw fail(`header length field says ${headerLength} bytes but the file ends first; it is truncated`);
  const bytes = await readBytes(blob, prefix, start);
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes);
  const { descr, fortran, shape } = parseNpyHeader(text, fail);
  const dtype = DESCR[descr];
  if (dtype === undefined) {
    const hint = descr.startsWith('>') ? ' (big-endian)' : '';
    throw fail(`dtype '${descr}'${hint} is not supported; expected '<f8', '<f4' or '<f2'`);
  }
  if (shape.length !== 2) {
    throw fail(`holds a ${shape.length}-D array (shape (${shape.join(', ')})); only 2-D matrices can be analyzed`);
  }
  const size = shape[0] * shape[1] * FLOAT_ITEMSIZE[dtype];
  const end = start + size;
  if (end > blob.size) {
    throw fail(
      `shape (${shape.join(', ')}) of ${descr} needs ${size} bytes of data but the file has ${blob.size - start}; it is truncated`,
    );
  }
  if (end < blob.size) {
    throw fail(`has ${blob.size - end} bytes after the ${size} bytes its header describes; the header is wrong`);
  }
  return { file, dtype, shape, start, end, order: fortran ? 'F' : 'C' };
}

/** Parses the dict literal of a .npy header. @internal */
export function parseNpyHeader(text: string, fail: (problem: string) => Error): { descr: string; fortran: boolean; shape: number[] } {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) throw fail(`header is not a Python dict literal: ${JSON.stringify(t.slice(0, 80))}`);
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(t)?.[1];
  if (descr === undefined) {
    throw fail("header has no 'descr' string (structured arrays are not supported)");
  }
  const fortranText = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(t)?.[1];
  if (fortranText === undefined) throw fail("header has no 'fortran_order': True or False");
  const shapeText = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(t)?.[1];
  if (shapeText === undefined) throw fail("header has no 'shape' tuple");
  const parts = shapeText
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const shape = parts.map((p) => (/^\d+L?$/.test(p) ? Number.parseInt(p, 10) : NaN));
  if (!shape.every((d) => Number.isSafeInteger(d))) throw fail(`header shape (${shapeText}) is not a tuple of non-negative integers`);
  return { descr, fortran: fortranText === 'True', shape };
}
