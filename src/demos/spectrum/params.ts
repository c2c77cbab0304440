import { defaults, parseParams, type Parsed, type StateOf } from '../../runtime/urlParams.ts';

/** Largest matrix side the explorer accepts: a values-only SVD of 512 × 512 stays interactive. */
export const MAX_SIDE = 512;
/** Smallest matrix side the explorer accepts. */
export const MIN_SIDE = 4;

/**
 * The Spectrum Explorer's state, as it appears in the permalink. Defaults
 * mirror the original experiment's "style" update: 64 × 64, true rank 4,
 * noise 0.01, seed 42.
 */
export const spectrumSchema = {
  d: { kind: 'int', label: 'd (rows)', min: MIN_SIDE, max: MAX_SIDE, default: 64 },
  k: { kind: 'int', label: 'k (columns)', min: MIN_SIDE, max: MAX_SIDE, default: 64 },
  rank: { kind: 'int', label: 'true rank', min: 1, max: MAX_SIDE, default: 4 },
  shape: { kind: 'enum', label: 'spectrum shape', values: ['style', 'facts'] as const, default: 'style' },
  decay: { kind: 'float', label: 'decay rate', min: 0, max: 3, default: 0.75, digits: 2 },
  noise: { kind: 'float', label: 'noise', min: 0, max: 1, default: 0.01, digits: 3 },
  seed: { kind: 'int', label: 'seed', min: 0, max: 2 ** 32 - 1, default: 42 },
  scale: { kind: 'enum', label: 'spectrum axis', values: ['linear', 'log'] as const, default: 'linear' },
} as const;

export type SpectrumState = StateOf<typeof spectrumSchema>;

/** The explorer's default state. */
export const spectrumDefaults: SpectrumState = defaults(spectrumSchema);

/**
 * Applies the constraints between fields (the true rank cannot exceed
 * min(d, k)), returning the fixed state and a notice for each change.
 */
export function constrainSpectrum(state: SpectrumState): { state: SpectrumState; notices: string[] } {
  const maxRank = Math.min(state.d, state.k);
  if (state.rank <= maxRank) return { state, notices: [] };
  return {
    state: { ...state, rank: maxRank },
    notices: [`true rank: ${state.rank} is above min(d, k) = ${maxRank}; using ${maxRank}.`],
  };
}

/** Reads the explorer's state from a URL query, clamping and explaining bad values. */
export function parseSpectrumParams(params: URLSearchParams): Parsed<typeof spectrumSchema> {
  const parsed = parseParams(spectrumSchema, params);
  const fixed = constrainSpectrum(parsed.state);
  return { state: fixed.state, notices: [...parsed.notices, ...fixed.notices] };
}
