import { assertFinite } from '../linalg/assertFinite.ts';
import { norm2 } from '../linalg/frobeniusNorm.ts';
import { matmul } from '../linalg/matmul.ts';
import type { Matrix } from '../linalg/matrix.ts';
import { qr } from '../linalg/qr.ts';
import { svd } from '../linalg/svd.ts';
import { transpose } from '../linalg/transpose.ts';

/**
 * Singular values of a LoRA update `ΔW = gamma · B · A` without forming the
 * `d × k` product: with `B = Q_B R_B` and `Aᵀ = Q_A R_A` (reduced QR),
 * `ΔW = gamma · Q_B (R_B R_Aᵀ) Q_Aᵀ`, and since `Q_B`, `Q_A` have orthonormal
 * columns, ΔW has the singular values of the small `r × r` core
 * `gamma · R_B R_Aᵀ`. Cost O((d + k)·r²) instead of O(d·k·r) for the product
 * and O(d·k·min(d, k)) for its SVD; accurate to rounding (QR is backward
 * stable), including the zeros of a rank-deficient adapter, which come out
 * at rounding level.
 *
 * Shapes: `B` is `d × r`, `A` is `r × k` (PEFT's `lora_B.weight` and
 * `lora_A.weight`). The result has `min(d, r, k)` values, descending; the
 * update's other singular values are exactly zero.
 *
 * @param b `lora_B`, d × r.
 * @param a `lora_A`, r × k.
 * @param gamma The scale (PEFT's `scaling`, e.g. `loraScale(alpha, r)`), default 1.
 * @returns The singular values and the Frobenius norm `‖gamma·B·A‖_F`.
 * @throws RangeError if the inner dimensions differ, gamma is not finite or
 *   an entry is NaN or infinite.
 * @example
 * const b = fromRows([[1], [2]]); // d = 2, r = 1
 * const a = fromRows([[3, 4]]); // k = 2
 * adapterSpectrum(b, a, 2).s; // [2·√5·5] ≈ [22.36]
 */
export function adapterSpectrum(b: Matrix, a: Matrix, gamma = 1): { s: Float64Array; frobenius: number } {
  if (b.cols !== a.rows) {
    throw new RangeError(
      `adapterSpectrum: B is ${b.rows}×${b.cols} and A is ${a.rows}×${a.cols}; expected B d×r and A r×k with the same r`,
    );
  }
  if (!Number.isFinite(gamma)) throw new RangeError(`adapterSpectrum: gamma must be finite; received ${String(gamma)}`);
  assertFinite('adapterSpectrum (B)', b);
  assertFinite('adapterSpectrum (A)', a);
  const rb = qr(b).r; // min(d, r) × r
  const ra = qr(transpose(a)).r; // min(k, r) × r
  const core = matmul(rb, transpose(ra)); // min(d, r) × min(k, r)
  const { s } = svd(core, { vectors: false });
  const g = Math.abs(gamma);
  for (let i = 0; i < s.length; i++) s[i] *= g;
  // ‖ΔW‖_F² = Σ σ_i²: all of ΔW's non-zero singular values are here.
  return { s, frobenius: norm2(s) };
}
