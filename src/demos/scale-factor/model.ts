import { loraScale } from '@lora-rank/core';

/** One rank's scale factors and the first-step sizes they imply (relative to r = 1). */
export interface ScalePoint {
  r: number;
  /** α / r */
  standard: number;
  /** α / √r */
  rslora: number;
  /** Plain SGD's first-step size ∝ γ²·r, divided by its value at r = 1. */
  sgdStandard: number;
  sgdRslora: number;
  /** Adam's first-step size ∝ γ·r, divided by its value at r = 1. */
  adamStandard: number;
  adamRslora: number;
}

/** Ranks the scale-factor charts sample: powers of two from 1 to `maxRank`. */
export function scaleRanks(maxRank: number): number[] {
  const out: number[] = [];
  for (let r = 1; r <= maxRank; r *= 2) out.push(r);
  return out;
}

/**
 * The scale factors α/r and α/√r against r, and the relative size of the
 * first training step each implies: from B = 0, SGD's first
 * ΔW is −η γ² G AᵀA with E[AᵀA] = r σ² I, so it grows as γ²·r; Adam's first
 * steps are sign-like, −η γ sign(G Aᵀ) A, so their effect grows as γ·r.
 * Both are divided by their r = 1 value (where the two scalings agree), so
 * the curves read as 1/r and 1 (SGD), 1 and √r (Adam).
 */
export function scaleCurves(alpha: number, maxRank = 1024): ScalePoint[] {
  const base = loraScale(alpha, 1);
  return scaleRanks(maxRank).map((r) => {
    const standard = loraScale(alpha, r, 'standard');
    const rslora = loraScale(alpha, r, 'rslora');
    return {
      r,
      standard,
      rslora,
      sgdStandard: (standard * standard * r) / (base * base),
      sgdRslora: (rslora * rslora * r) / (base * base),
      adamStandard: (standard * r) / base,
      adamRslora: (rslora * r) / base,
    };
  });
}
