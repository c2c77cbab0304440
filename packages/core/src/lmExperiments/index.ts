// @lora-rank/core/lm-experiments: style against facts on the real tiny model — full fine-tune spectra, LoRA rank sweeps, α/r against α/√r, facts capacity, forgetting — and the summaries the site charts. This file only re-exports.

export type { MatrixDeltaSpectrum } from './weightDeltaSpectra.ts';
export { weightDeltaSpectra } from './weightDeltaSpectra.ts';
export type { LmRunOutcome, LmRunResult, LmRunSpec, LoraTargets } from './lmRun.ts';
export { TARGET_MODULES, lmRun, lmRunSteps } from './lmRun.ts';
export { runKey } from './runKey.ts';
export type { LmExperimentSettings, LmTaskSettings } from './lmExperimentSettings.ts';
export { LM_EXPERIMENT_SETTINGS } from './lmExperimentDefaults.ts';
export { factsSteps } from './factsSteps.ts';
export { fullSpectraSpecs } from './fullSpectraSpecs.ts';
export { rankSweepSpecs } from './rankSweepSpecs.ts';
export { scalingSpecs } from './scalingSpecs.ts';
export type { FactsCapacity } from './factsCapacitySearch.ts';
export { factsCapacitySearch } from './factsCapacitySearch.ts';
export type { LmExperimentEvent, LmExperimentName } from './lmExperiments.ts';
export { lmExperiments } from './lmExperiments.ts';
export type { Spread } from './spread.ts';
export { spread } from './spread.ts';
export type { SpectraSummary } from './spectraSummary.ts';
export { spectraSummary } from './spectraSummary.ts';
export { gapClosed, rankToMatch } from './rankToMatch.ts';
export { BITS_PER_FACT, capacityBits } from './capacityBits.ts';
export type {
  CapacityRow,
  ForgettingRow,
  LmExperimentSummary,
  RecordedRun,
  ScalingCurve,
  SweepCurve,
  SweepMetric,
} from './summarizeLmExperiments.ts';
export { loraParameters, summarizeLmExperiments } from './summarizeLmExperiments.ts';
