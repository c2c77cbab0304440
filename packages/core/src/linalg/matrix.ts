/**
 * A dense matrix of doubles stored row-major: entry (i, j) is
 * `data[i * cols + j]`. Every function in this package takes and returns
 * this plain shape, so a matrix can cross a Web Worker boundary by
 * transferring `data.buffer`.
 *
 * @example
 * const a: Matrix = { rows: 2, cols: 3, data: new Float64Array([1, 2, 3, 4, 5, 6]) };
 * a.data[1 * a.cols + 2]; // 6, the entry in row 1, column 2
 */
export interface Matrix {
  /** Number of rows, a positive integer. */
  rows: number;
  /** Number of columns, a positive integer. */
  cols: number;
  /** The `rows * cols` entries, row after row. */
  data: Float64Array;
}

/** Throws a RangeError unless `n` is a positive integer. @internal */
export function assertDimension(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`${name} must be a positive integer; received ${String(n)}, expected 1, 2, 3, ...`);
  }
}

/** Throws a RangeError unless `a` and `b` have the same shape. @internal */
export function assertSameShape(fn: string, a: Matrix, b: Matrix): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new RangeError(`${fn}: shapes differ; received ${a.rows}×${a.cols} and ${b.rows}×${b.cols}, expected equal shapes`);
  }
}

/**
 * Creates a `rows × cols` matrix. Without `data` the entries are zero; with
 * `data` the array is used as is (not copied), so it must hold exactly
 * `rows * cols` numbers in row-major order. A plain array is copied into a
 * new Float64Array.
 *
 * @throws RangeError if a dimension is not a positive integer or the data
 *   length does not match.
 * @example
 * matrix(2, 2, new Float64Array([1, 2, 3, 4])); // [[1, 2], [3, 4]]
 * matrix(2, 3); // 2×3 zeros
 */
export function matrix(rows: number, cols: number, data?: Float64Array | ArrayLike<number>): Matrix {
  assertDimension('matrix: rows', rows);
  assertDimension('matrix: cols', cols);
  const size = rows * cols;
  if (data === undefined) return { rows, cols, data: new Float64Array(size) };
  if (data.length !== size) {
    throw new RangeError(`matrix: data length does not match the shape; received ${data.length}, expected ${rows}·${cols} = ${size}`);
  }
  return { rows, cols, data: data instanceof Float64Array ? data : Float64Array.from(data) };
}

/**
 * A `rows × cols` matrix of zeros.
 *
 * @example
 * zeros(3, 2).data; // Float64Array(6) [0, 0, 0, 0, 0, 0]
 */
export function zeros(rows: number, cols: number): Matrix {
  return matrix(rows, cols);
}

/**
 * The `n × n` identity matrix, or the `rows × cols` matrix with ones on the
 * main diagonal when `cols` is given (the first columns of the identity).
 *
 * @example
 * identity(2); // [[1, 0], [0, 1]]
 * identity(3, 2); // [[1, 0], [0, 1], [0, 0]]
 */
export function identity(n: number, cols: number = n): Matrix {
  const out = matrix(n, cols);
  const p = Math.min(n, cols);
  for (let i = 0; i < p; i++) out.data[i * cols + i] = 1;
  return out;
}

/**
 * Builds a matrix from an array of equally long rows (copied).
 *
 * @throws RangeError if there are no rows, no columns, or rows of different
 *   lengths.
 * @example
 * fromRows([[1, 2, 3], [4, 5, 6]]); // 2×3, data [1, 2, 3, 4, 5, 6]
 */
export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const first = rows[0];
  if (first === undefined) throw new RangeError('fromRows: received 0 rows, expected at least 1');
  const cols = first.length;
  const out = matrix(rows.length, cols);
  rows.forEach((row, i) => {
    if (row.length !== cols) {
      throw new RangeError(`fromRows: row ${i} has a different length; received ${row.length}, expected ${cols}`);
    }
    out.data.set(row, i * cols);
  });
  return out;
}

/**
 * Copies a matrix into an array of rows (handy for printing and JSON).
 *
 * @example
 * toRows(identity(2)); // [[1, 0], [0, 1]]
 */
export function toRows(a: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < a.rows; i++) out.push(Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols)));
  return out;
}
