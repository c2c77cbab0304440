import { FACT_VALUES } from '../lm/factsTask.ts';

/** Bits of one fact of the facts task: log2 of its 16 × 12 = 192 equally likely values, ≈ 7.58. */
export const BITS_PER_FACT = Math.log2(FACT_VALUES);

/**
 * Information stored by an adapter that recalls `recalled` facts exactly:
 * each fact is an (occupation, city) pair drawn uniformly and
 * independently from 192, so recalling it is log2 192 ≈ 7.58 bits
 * (chance, 1/192, is negligible and not subtracted); and that per
 * trained parameter. The same convention as the lab's
 * `retrievalCapacity` (bits = log2 of the number of possible values per
 * item, times items recalled) so the two can be compared with
 * `bitsPerParameter`; parameters are nominal (every entry of A and B).
 *
 * @example
 * capacityBits(32, 4608); // { bits: 242.6…, bitsPerParameter: 0.0526… }
 */
export function capacityBits(recalled: number, parameters: number): { bits: number; bitsPerParameter: number } {
  const bits = recalled * BITS_PER_FACT;
  return { bits, bitsPerParameter: bits / parameters };
}
