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

// Training lab (issue 4): LoRA adapters, tasks, optimizers, the trainer and
// the capacity experiment.
export type { LoraAdapter, LoraAdapterOptions, LoraInit } from './loraAdapter.ts';
export { loraAdapter } from './loraAdapter.ts';
export type { RegressionFromData, RegressionFromTarget, RegressionTask } from './regressionTask.ts';
export { regressionTask } from './regressionTask.ts';
export type { AssociationTask, AssociationTaskOptions } from './associationTask.ts';
export { associationTask } from './associationTask.ts';
export type { RetrievalTask, RetrievalTaskOptions } from './retrievalTask.ts';
export { retrievalTask } from './retrievalTask.ts';
export type { LoraGradients, TrainTask } from './loraGradients.ts';
export { loraGradients, loraOutputs } from './loraGradients.ts';
export type { AdamConfig, Optimizer, OptimizerConfig, SgdConfig } from './createOptimizer.ts';
export { createOptimizer } from './createOptimizer.ts';
export type { StepMetrics, TrainHistory, Trainer, TrainerConfig } from './createTrainer.ts';
export { createTrainer } from './createTrainer.ts';
export type { FirstStepLossDrop } from './firstStepLossDrop.ts';
export { firstStepLossDrop } from './firstStepLossDrop.ts';
export { logLogSlope } from './logLogSlope.ts';
export type { RecallMeasures } from './recallMeasures.ts';
export { recallMeasures } from './recallMeasures.ts';
export type { TruncatedRecallRow } from './truncatedRecall.ts';
export { leastSquaresUpdate, truncatedRecall } from './truncatedRecall.ts';

// Analyze your own weights (issue 5): adapter and randomized spectra, the
// per-matrix summary, and reading safetensors / .npy files.
export type { AnalyzeSpectrumOptions, SpectrumAnalysis } from './analyzeSpectrum.ts';
export { analyzeSpectrum } from './analyzeSpectrum.ts';
export { adapterSpectrum } from './adapterSpectrum.ts';
export type { RandomizedSvdOptions } from './randomizedSvd.ts';
export { randomizedSvd } from './randomizedSvd.ts';

export type { BlobLike } from './io/BlobLike.ts';
export { FileFormatError } from './io/FileFormatError.ts';
export type { FloatDtype } from './io/decode.ts';
export { decodeBF16, decodeF16, decodeFloats } from './io/decode.ts';
export type { SafetensorsHeader, TensorInfo } from './io/safetensors.ts';
export { MAX_SAFETENSORS_HEADER, parseSafetensorsHeader, readSafetensorsHeader } from './io/safetensors.ts';
export { readNpyHeader } from './io/npy.ts';
export type { MatrixLocation, ReadMatrixOptions } from './io/readMatrix.ts';
export { readMatrix } from './io/readMatrix.ts';
