/** The two update shapes of the article. */
export type SpectrumShape = 'style' | 'facts';

/**
 * Default decay of {@link spectrumProfile} for each shape: `style` 0.75
 * (each singular value e^-0.75 ≈ 0.47 times the previous), `facts` 0.35
 * (a power law s_i ∝ (1 + i)^-0.35, so the 64th value is still a quarter of
 * the first).
 */
export const DEFAULT_DECAY: Readonly<Record<SpectrumShape, number>> = Object.freeze({ style: 0.75, facts: 0.35 });

/** Options of {@link spectrumProfile}. */
export interface SpectrumProfileOptions {
  /** `'style'`: few large values, decaying fast; `'facts'`: slowly decaying. */
  shape: SpectrumShape;
  /** Number of non-zero singular values, a positive integer. */
  rank: number;
  /**
   * How fast the values fall, ≥ 0 (0 gives a flat spectrum).
   * `style`: s_i = 5·exp(−decay·i), so decay is the log-ratio of consecutive
   * values. `facts`: s_i = 3·(1 + i)^(−decay), so decay is the power-law
   * exponent. Default {@link DEFAULT_DECAY}[shape].
   */
  decay?: number;
}

/**
 * A synthetic singular-value profile for the Spectrum Explorer, descending,
 * of length `rank` (i = 0 .. rank − 1):
 * - `style`: `s_i = 5·exp(−decay·i)`, a few large values decaying
 *   geometrically (the "style" update: most energy in the first few);
 * - `facts`: `s_i = 3·(1 + i)^(−decay)`, a slowly decaying power law (the
 *   "facts" update: energy spread over many directions).
 * The leading values 5 and 3 match the original experiment's updates.
 *
 * @throws RangeError for an unknown shape, a rank that is not a positive
 *   integer, or a negative or non-finite decay.
 * @example
 * spectrumProfile({ shape: 'style', rank: 3 }); // [5, 2.3618..., 1.1156...]
 * spectrumProfile({ shape: 'facts', rank: 2, decay: 1 }); // [3, 1.5]
 */
export function spectrumProfile({ shape, rank, decay }: SpectrumProfileOptions): Float64Array {
  if (shape !== 'style' && shape !== 'facts') {
    throw new RangeError(`spectrumProfile: shape must be 'style' or 'facts'; received ${String(shape)}`);
  }
  if (!Number.isInteger(rank) || rank < 1) {
    throw new RangeError(`spectrumProfile: rank must be a positive integer; received ${String(rank)}`);
  }
  const k = decay ?? DEFAULT_DECAY[shape];
  if (!(k >= 0 && k < Infinity)) {
    throw new RangeError(`spectrumProfile: decay must be a finite number >= 0; received ${String(decay)}`);
  }
  const out = new Float64Array(rank);
  for (let i = 0; i < rank; i++) out[i] = shape === 'style' ? 5 * Math.exp(-k * i) : 3 * (1 + i) ** -k;
  return out;
}
