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

/**
 * How many analysis workers to start: one per core as the core suggests
 * (`suggestedPoolSize`: `navigator.hardwareConcurrency`, at most 4), but no
 * more than one per 2 GB of memory when the browser says how much it has
 * (`navigator.deviceMemory`, Chromium only, rounded and capped at 8): a
 * worker analyzing an 8192 × 8192 matrix holds about 1.3 GB (the matrix in
 * doubles, and its resident copies in doubles and floats).
 *
 * @example
 * analysisPoolSize(8, 4); // 2
 * analysisPoolSize(4, undefined); // 4
 */
export function analysisPoolSize(suggested: number, deviceMemory: number | undefined): number {
  if (!(typeof deviceMemory === 'number' && deviceMemory > 0)) return suggested;
  return Math.max(1, Math.min(suggested, Math.floor(deviceMemory / 2)));
}
