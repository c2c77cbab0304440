// The public API of @lora-rank/core. This file only re-exports.

export type { Matrix } from './matrix.ts';
export { matrix, zeros, identity, fromRows, toRows } from './matrix.ts';
export { matmul } from './matmul.ts';
export { transpose } from './transpose.ts';
export { frobeniusNorm } from './frobeniusNorm.ts';
export { add } from './add.ts';
export { sub } from './sub.ts';
export { scale } from './scale.ts';

export { RandomState } from './RandomState.ts';
export { linspace } from './linspace.ts';

export { qr } from './qr.ts';
export type { SvdOptions, SvdResult } from './svd.ts';
export { svd } from './svd.ts';
export { matrixRank } from './matrixRank.ts';

export { energyCaptured } from './energyCaptured.ts';
export { energyCurve } from './energyCurve.ts';
export { rankFor } from './rankFor.ts';
export { truncationError } from './truncationError.ts';
export { scaledTruncationError } from './scaledTruncationError.ts';
export { effectiveRank } from './effectiveRank.ts';
export { stableRank } from './stableRank.ts';

export type { LoraScaling } from './loraScale.ts';
export { loraScale } from './loraScale.ts';
export type { SpectrumProfileOptions, SpectrumShape } from './spectrumProfile.ts';
export { DEFAULT_DECAY, spectrumProfile } from './spectrumProfile.ts';
export type {
  HighRankUpdateOptions,
  LowRankUpdateOptions,
  PlantedUpdateOptions,
} from './plantedUpdate.ts';
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
