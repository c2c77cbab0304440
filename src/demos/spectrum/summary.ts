import type { SpectrumResult } from './model.ts';
import { describeSpectrum } from '../../runtime/charts/spectrumChart.ts';
import { describeEnergy } from '../../runtime/charts/energyChart.ts';

/** The explorer's readouts and text alternatives: small enough to pass as island props. */
export interface SpectrumSummary {
  rank90: number;
  rank99: number;
  effectiveRank: number;
  stableRank: number;
  n: number;
  spectrumText: string;
  energyText: string;
  /** The arrays behind the charts' data tables (plain arrays: island props are serialized as JSON). */
  s: number[];
  planted: number[];
  energy: number[];
}

/** Readouts and chart descriptions of one result, identical at build time and live. */
export function summarizeSpectrum(result: SpectrumResult): SpectrumSummary {
  return {
    rank90: result.rank90,
    rank99: result.rank99,
    effectiveRank: result.effectiveRank,
    stableRank: result.stableRank,
    n: result.s.length,
    spectrumText: describeSpectrum(result.s),
    energyText: describeEnergy(result),
    s: Array.from(result.s),
    planted: Array.from(result.planted),
    energy: Array.from(result.energy),
  };
}
