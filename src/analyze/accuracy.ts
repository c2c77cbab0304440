import type { RandomizedSvdResult } from '@lora-rank/core';
import type { SpectrumAccuracy } from './types.ts';

/**
 * How much the energy shares computed from a randomized SVD's top values
 * may be low, as a fraction of ‖A‖²_F: the computed values are lower bounds
 * (s_j ≤ σ_j) and, by the error estimates, σ_j ≤ s_j·(1 + e_j), so the
 * share of the top r, Σ_{j≤r} s_j² / ‖A‖²_F with the exact norm, is low by
 * at most Σ_{j≤r} ((1 + e_j)² − 1)·s_j² / ‖A‖²_F, which is largest at r = k.
 * Capped at what the norm leaves: 1 − Σ_j s_j² / ‖A‖²_F.
 *
 * @example
 * shareErrorBound([3, 1], [0, 0.1], Math.sqrt(11)); // (1.21 − 1)·1 / 11 = 0.0191
 */
export function shareErrorBound(s: ArrayLike<number>, errors: ArrayLike<number>, frobenius: number): number {
  if (!(frobenius > 0)) return 0;
  let bound = 0;
  let known = 0;
  for (let j = 0; j < s.length; j++) {
    const sj = s[j]! / frobenius;
    known += sj * sj;
    const e = errors[j]!;
    bound += e === Infinity ? Infinity : (2 * e + e * e) * sj * sj;
  }
  return Math.min(bound, Math.max(0, 1 - known));
}

/** The accuracy of a randomized SVD of a matrix of norm `frobenius`, as a row reports it. */
export function spectrumAccuracy(
  result: RandomizedSvdResult,
  frobenius: number,
  precision: SpectrumAccuracy['precision'],
  workers: number,
): SpectrumAccuracy {
  return {
    sigma: result.accuracy,
    errors: result.errors.slice(0, result.s.length),
    share: shareErrorBound(result.s, result.errors, frobenius),
    iterations: result.iterations,
    converged: result.converged,
    precision,
    workers,
  };
}
