import { RandomState, effectiveRank, energyCurve, frobeniusNorm, rankFor, stableRank, svd } from '@lora-rank/core';
import { plantedUpdate, spectrumProfile } from '@lora-rank/core/experiments';

/** What the Spectrum Explorer asks the worker to compute. */
export interface SpectrumRequest {
  d: number;
  k: number;
  rank: number;
  shape: 'style' | 'facts';
  decay: number;
  noise: number;
  seed: number;
}

/** Everything the explorer draws, computed from one request. */
export interface SpectrumResult {
  /** Singular values of the generated update, descending (length min(d, k)). */
  s: Float64Array;
  /** energy[i] = share of ‖ΔW‖²_F captured by the top i + 1 singular values. */
  energy: Float64Array;
  /** Planted singular values before noise (length `rank`). */
  planted: Float64Array;
  rank90: number;
  rank99: number;
  effectiveRank: number;
  stableRank: number;
  frobenius: number;
}

/**
 * Generates the explorer's matrix ΔW = U diag(σ) Vᵀ + noise·G from the seed
 * and summarizes its spectrum. Pure and synchronous: the worker runs it for
 * the live page and the build runs it for the static charts, so both show the
 * same numbers for the same request.
 */
export function computeSpectrum(req: SpectrumRequest): SpectrumResult {
  const rng = new RandomState(req.seed);
  const planted = spectrumProfile({ shape: req.shape, rank: req.rank, decay: req.decay });
  const delta = plantedUpdate({ d: req.d, k: req.k, singularValues: planted, noise: req.noise, rng });
  const { s } = svd(delta, { vectors: false });
  return {
    s,
    energy: energyCurve(s),
    planted,
    rank90: rankFor(s, 0.9),
    rank99: rankFor(s, 0.99),
    effectiveRank: effectiveRank(s),
    stableRank: stableRank(s),
    frobenius: frobeniusNorm(delta),
  };
}
