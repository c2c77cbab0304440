import type { KernelBackendChoice } from '@lora-rank/core';

/** Settings read from the analysis page's address, for comparisons and tests. */
export interface AnalyzeFlags {
  /** `?kernels=js` forces the plain-JavaScript kernels (`wasm`, `auto`: the default, WebAssembly SIMD where available). */
  kernels: KernelBackendChoice;
  /** `?workers=N` (1–16) sets the number of workers; null: one per core, at most 4. */
  workers: number | null;
}

/**
 * The page's flags from a query string; anything unreadable is ignored.
 *
 * @example
 * analyzeFlags('?kernels=js&workers=1'); // { kernels: 'js', workers: 1 }
 */
export function analyzeFlags(search: string): AnalyzeFlags {
  const params = new URLSearchParams(search);
  const k = params.get('kernels');
  const w = Number(params.get('workers'));
  return {
    kernels: k === 'js' || k === 'wasm' || k === 'auto' ? k : 'auto',
    workers: Number.isInteger(w) && w >= 1 && w <= 16 ? w : null,
  };
}
