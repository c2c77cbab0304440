// @lora-rank/core/experiments: the article's generators (planted updates, spectrum profiles) and the original experiment. This file only re-exports.

export type { SpectrumProfileOptions, SpectrumShape } from './spectrumProfile.ts';
export { DEFAULT_DECAY, spectrumProfile } from './spectrumProfile.ts';
export type { HighRankUpdateOptions, LowRankUpdateOptions, PlantedUpdateOptions } from './plantedUpdate.ts';
export { highRankUpdate, lowRankUpdate, plantedUpdate } from './plantedUpdate.ts';
export type {
  EnergyRow,
  ErrorRow,
  ExperimentUpdate,
  OriginalExperiment,
  OriginalExperimentOptions,
  ScaleRow,
} from './originalExperiment.ts';
export { originalExperiment } from './originalExperiment.ts';
