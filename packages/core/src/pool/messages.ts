// Messages between a KernelPool and its workers (serveKernels). Matrices
// travel as row-major Float64Array data, always by transfer: every buffer a
// side receives it keeps for its next messages (see bufferStock.ts), and a
// worker sends back in `spares` those it holds beyond one. Internal to the
// package.

/** @internal */
export type KernelRequest =
  /** Allocates the resident block (rows × cols) that `rows` messages fill. */
  | { id: number; type: 'load'; rows: number; cols: number; float32: boolean }
  /**
   * Rows `start …` of the resident block, row-major (a whole number of rows);
   * the reply's `nonFinite` is the index in `data` of its first NaN or
   * infinite entry, if any (the worker checks while it holds the rows, so
   * the pool need not scan the whole matrix in its own thread first).
   */
  | { id: number; type: 'rows'; start: number; data: Float64Array }
  | { id: number; type: 'times'; x: Float64Array; l: number; single: boolean }
  | { id: number; type: 'transposeTimes'; x: Float64Array; l: number; single: boolean }
  | { id: number; type: 'gemm'; m: number; n: number; p: number; a: Float64Array; b: Float64Array }
  | { id: number; type: 'release' };

/** @internal */
export type KernelReply =
  | { id: number; ok: true; data?: Float64Array; nonFinite?: number; spares?: ArrayBuffer[] }
  | { id: number; ok: false; error: string; spares?: ArrayBuffer[] };
