/** How a LoRA adapter's output is scaled: PEFT's default, or rsLoRA. */
export type LoraScaling = 'standard' | 'rslora';

/**
 * The factor a LoRA adapter's update `B·A·x` is multiplied by:
 * `alpha / r` for standard LoRA (Hu et al., 2021) and `alpha / sqrt(r)` for
 * rank-stabilized LoRA (Kalajdzievski, 2023; PEFT's `use_rslora=True`).
 *
 * @param alpha `lora_alpha`, a finite number.
 * @param r The adapter rank, a positive integer.
 * @param scaling `'standard'` (default) or `'rslora'`.
 * @throws RangeError for a non-finite alpha, a rank that is not a positive
 *   integer, or an unknown scaling.
 * @example
 * loraScale(16, 8); // 2
 * loraScale(16, 8, 'rslora'); // 5.65685424949238 = 16/√8
 */
export function loraScale(alpha: number, r: number, scaling: LoraScaling = 'standard'): number {
  if (!Number.isFinite(alpha)) {
    throw new RangeError(`loraScale: alpha must be a finite number; received ${String(alpha)}`);
  }
  if (!Number.isInteger(r) || r < 1) {
    throw new RangeError(`loraScale: r must be a positive integer; received ${String(r)}`);
  }
  if (scaling === 'standard') return alpha / r;
  if (scaling === 'rslora') return alpha / Math.sqrt(r);
  throw new RangeError(`loraScale: scaling must be 'standard' or 'rslora'; received ${String(scaling)}`);
}
