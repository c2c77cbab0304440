// Messages between a KernelPool and its workers (serveKernels). Matrices
// travel as row-major Float64Array data. Internal to the package.

/** @internal */
export type KernelRequest =
  | { id: number; type: 'load'; rows: number; cols: number; data: Float64Array; float32: boolean }
  | { id: number; type: 'times'; x: Float64Array; l: number; single: boolean }
  | { id: number; type: 'transposeTimes'; x: Float64Array; l: number; single: boolean }
  | { id: number; type: 'gemm'; m: number; n: number; p: number; a: Float64Array; b: Float64Array }
  | { id: number; type: 'release' };

/** @internal */
export type KernelReply = { id: number; ok: true; data?: Float64Array } | { id: number; ok: false; error: string };
