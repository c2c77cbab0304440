import { effectiveRank } from './effectiveRank.ts';
import { validateSpectrum } from './validateSpectrum.ts';

/** Options of {@link analyzeSpectrum}. */
export interface AnalyzeSpectrumOptions {
  /** Rows of the matrix the values come from. */
  rows: number;
  /** Columns of the matrix. */
  cols: number;
  /**
   * `‖ΔW‖_F`, computed exactly from the matrix. Required when `s` holds only
   * the top values (fewer than min(rows, cols)); otherwise the sum of the
   * squares of s is used.
   */
  frobenius?: number;
  /**
   * True when `s` holds every non-zero singular value and the others are
   * exactly zero, as for an adapter `γ·B·A` of rank r ({@link adapterSpectrum}
   * returns min(d, r, k) values): the spectrum is then complete, not
   * truncated. Default false.
   */
  complete?: boolean;
  /** For a LoRA adapter: its nominal rank r (the shape of lora_A). */
  nominalRank?: number;
  /** Ranks at which the energy captured is reported (default 8, 16, 64). */
  energyRanks?: readonly number[];
}

/** Everything the analysis page shows about one matrix. */
export interface SpectrumAnalysis {
  rows: number;
  cols: number;
  /** The known singular values, descending: all min(rows, cols) of them, or the top ones. */
  s: Float64Array;
  /** True when `s` holds only the top values (a randomized SVD of a large matrix). */
  truncated: boolean;
  /** `‖ΔW‖_F`, exact in both cases. */
  frobenius: number;
  /** energy[i]: share of ‖ΔW‖_F² in the top i + 1 values, against the exact total. */
  energy: Float64Array;
  /** Smallest r capturing 90 % of the energy; null when that is beyond the known values. */
  rank90: number | null;
  /** Same for 99 %. */
  rank99: number | null;
  /** Energy captured at each of `energyRanks` (null when r is beyond the known values). */
  energyAt: { r: number; share: number | null }[];
  /** ‖ΔW‖_F² / σ₁², exact whenever σ₁ is. */
  stableRank: number;
  /**
   * Roy–Vetterli effective rank of the known values. Exact for a full
   * spectrum; for a truncated one it is the effective rank of the top values
   * alone (the entropy needs Σσ_i over all values, which ‖ΔW‖_F does not
   * determine), so compare it only with other truncated ones.
   */
  effectiveRank: number;
  /**
   * Numerical rank, values above `max(rows, cols)·σ₁·2^-52` (NumPy's
   * matrix_rank tolerance). null when every known value of a truncated
   * spectrum is above it (the rank is at least s.length).
   */
  numericalRank: number | null;
  /** The adapter's nominal rank r, when given. */
  nominalRank?: number;
}

const EPS = 2 ** -52;

/**
 * Summarizes a spectrum the way the analysis page reports a matrix: energy
 * shares, the ranks for 90 % and 99 % of the energy, stable, effective and
 * numerical rank.
 *
 * Energy shares always use the exact total ‖ΔW‖_F², so with only the top k
 * values (from {@link randomizedSvd}) every share and every rank up to k is
 * exact, and anything beyond k is reported as null ("more than k") rather
 * than guessed. See {@link SpectrumAnalysis.effectiveRank} for how the
 * effective rank is handled then.
 *
 * @param s Singular values, descending, finite and non-negative.
 * @param options Shape, exact Frobenius norm, nominal rank.
 * @throws RangeError for an invalid spectrum, more values than min(rows,
 *   cols), a truncated spectrum without `frobenius`, or a `frobenius`
 *   smaller than the known values allow.
 * @example
 * const a = analyzeSpectrum([4, 2], { rows: 4, cols: 4, frobenius: 5 });
 * a.truncated; // true (2 of 4 values)
 * a.energy; // [0.64, 0.8]: exact shares of ‖ΔW‖_F² = 25
 * a.rank90; // null: 90 % needs more than the 2 known values
 */
export function analyzeSpectrum(s: ArrayLike<number>, options: AnalyzeSpectrumOptions): SpectrumAnalysis {
  validateSpectrum('analyzeSpectrum', s);
  const { rows, cols, nominalRank, energyRanks = [8, 16, 64] } = options;
  const p = Math.min(rows, cols);
  if (s.length > p) {
    throw new RangeError(`analyzeSpectrum: ${s.length} singular values for a ${rows}×${cols} matrix; expected at most ${p}`);
  }
  const truncated = s.length < p && !options.complete;
  const values = Float64Array.from(s);
  const top = values.length > 0 ? values[0] : 0;
  // Squares relative to σ₁ (≤ 1): no overflow or needless underflow.
  let knownSq = 0;
  for (let i = 0; i < values.length; i++) knownSq += (values[i] / (top || 1)) ** 2;
  let totalSq = knownSq;
  let frobenius = top * Math.sqrt(knownSq);
  if (options.frobenius !== undefined) {
    const f = options.frobenius;
    if (!(f >= 0 && f < Infinity))
      throw new RangeError(`analyzeSpectrum: frobenius must be finite and non-negative; received ${String(f)}`);
    // Rounding in either computation may leave ‖·‖_F a hair below the
    // known values' norm; anything more means the inputs do not match.
    if (f < frobenius * (1 - 1e-8)) {
      throw new RangeError(`analyzeSpectrum: frobenius ${f} is smaller than the norm ${frobenius} of the known singular values`);
    }
    frobenius = Math.max(f, frobenius);
    totalSq = top > 0 ? (frobenius / top) ** 2 : 0;
  } else if (truncated) {
    throw new RangeError(
      `analyzeSpectrum: ${s.length} of ${p} singular values given without frobenius; the energy shares need the exact total`,
    );
  }

  const energy = new Float64Array(values.length);
  let cum = 0;
  for (let i = 0; i < values.length; i++) {
    cum += (values[i] / top) ** 2;
    energy[i] = totalSq > 0 ? Math.min(1, cum / totalSq) : 0;
  }
  if (!truncated && values.length > 0 && top > 0) energy[values.length - 1] = 1;

  const rankAt = (fraction: number): number | null => {
    if (top === 0) return 0;
    for (let i = 0; i < energy.length; i++) if (energy[i] >= fraction) return i + 1;
    return truncated ? null : values.length;
  };
  const tol = Math.max(rows, cols) * top * EPS;
  let numerical = 0;
  while (numerical < values.length && values[numerical] > tol) numerical++;

  return {
    rows,
    cols,
    s: values,
    truncated,
    frobenius,
    energy,
    rank90: rankAt(0.9),
    rank99: rankAt(0.99),
    energyAt: energyRanks.map((r) => ({
      r,
      share: top === 0 ? 0 : r >= p ? 1 : r <= values.length ? energy[r - 1] : truncated ? null : 1,
    })),
    stableRank: top === 0 ? 0 : totalSq,
    effectiveRank: effectiveRank(values),
    numericalRank: truncated && numerical === values.length ? null : numerical,
    ...(nominalRank === undefined ? {} : { nominalRank }),
  };
}
