// Spectrum summaries: energy captured, ranks for an energy share, effective and stable rank, truncation errors, the LoRA scale, and the spectra of adapters and large matrices. This file only re-exports.

export { energyCaptured } from './energyCaptured.ts';
export { energyCurve } from './energyCurve.ts';
export { rankFor } from './rankFor.ts';
export { truncationError } from './truncationError.ts';
export { scaledTruncationError } from './scaledTruncationError.ts';
export { effectiveRank } from './effectiveRank.ts';
export { stableRank } from './stableRank.ts';
export type { LoraScaling } from './loraScale.ts';
export { loraScale } from './loraScale.ts';
export type { AnalyzeSpectrumOptions, SpectrumAnalysis } from './analyzeSpectrum.ts';
export { analyzeSpectrum } from './analyzeSpectrum.ts';
export { adapterSpectrum } from './adapterSpectrum.ts';
