import { type LoraScaling, loraScale } from '../spectra/loraScale.ts';

/**
 * The `lora_alpha` that gives the same scale gamma under the other scaling:
 * `alpha/r = alpha'/√r`, so switching PEFT's `use_rslora` on divides alpha
 * by √r and switching it off multiplies it by √r (the same scaling returns
 * alpha unchanged). The same gamma means the same forward pass and, from the
 * same factors, the same training run.
 *
 * @param alpha `lora_alpha` under `from`, finite.
 * @param rank The rank r, a positive integer.
 * @throws RangeError as {@link loraScale} does.
 * @example
 * convertAlpha(16, 16, 'standard', 'rslora'); // 4: alpha/r = 1 = 4/√16
 * convertAlpha(16, 16, 'rslora', 'standard'); // 64: 16/√16 = 4 = 64/16
 */
export function convertAlpha(alpha: number, rank: number, from: LoraScaling, to: LoraScaling): number {
  const gamma = loraScale(alpha, rank, from);
  if (from === to) return alpha;
  return to === 'standard' ? gamma * rank : gamma * Math.sqrt(rank);
}
