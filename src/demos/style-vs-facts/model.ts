import { effectiveRank, energyCurve, rankFor, truncationError } from '@lora-rank/core';
import { originalExperiment } from '@lora-rank/core/experiments';

/** One update's spectrum and what the charts draw from it. */
export interface UpdateSpectrum {
  /** Singular values, descending. */
  s: Float64Array;
  /** energy[i]: share of ‖ΔW‖²_F in the top i + 1 singular values. */
  energy: Float64Array;
  /** error[r]: relative Frobenius error of the best rank-r approximation, r = 0..n. */
  error: Float64Array;
  rank90: number;
  rank99: number;
  effectiveRank: number;
}

/** The style and facts updates of the original experiment, side by side. */
export interface StyleVsFacts {
  seed: number;
  style: UpdateSpectrum;
  facts: UpdateSpectrum;
}

function spectrumOf(s: Float64Array): UpdateSpectrum {
  const error = new Float64Array(s.length + 1);
  for (let r = 0; r <= s.length; r++) error[r] = truncationError(s, r);
  return {
    s,
    energy: energyCurve(s),
    error,
    rank90: rankFor(s, 0.9),
    rank99: rankFor(s, 0.99),
    effectiveRank: effectiveRank(s),
  };
}

/**
 * The two updates of the original experiment (64 × 64; style: true rank 4;
 * facts: slowly decaying) from one seed, with their spectra, energy curves and
 * Eckart–Young errors. Pure: the worker and the build both call it.
 */
export function styleVsFacts(seed: number): StyleVsFacts {
  const exp = originalExperiment(seed);
  return { seed, style: spectrumOf(exp.style.singularValues), facts: spectrumOf(exp.facts.singularValues) };
}
