// @lora-rank/core/train: LoRA adapters, tasks, optimizers, the trainer, first-step measurements and the capacity experiment. This file only re-exports.

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
export type { ReducedRankRegression } from './reducedRankRegression.ts';
export { reducedRankRegression, reducedRankUpdate } from './reducedRankRegression.ts';
export { reducedRankFloor } from './reducedRankFloor.ts';
export { bestRankRecall } from './bestRankRecall.ts';
export { rankThreshold } from './rankThreshold.ts';
