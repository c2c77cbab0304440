// @lora-rank/core/lm: a character-level GPT-style language model with hand-written forward and backward passes, LoRA and full fine-tuning. This file only re-exports.

export type { LmConfig, LmConfigOptions } from './lmConfig.ts';
export { LAYER_NORM_EPS, lmConfig, lmConfigFromJson, lmConfigToJson, parameterCount } from './lmConfig.ts';
export { decode, encode } from './encode.ts';
export type { LmLayer, LmModule, LmTensor, LmWeights } from './lmWeights.ts';
export { LM_MODULES, cloneLm, initLm, lmTensors, moduleName, moduleShape, zerosLike } from './lmWeights.ts';
export type { LmAdapters, LmAdaptersOptions } from './lmAdapters.ts';
export { adapterTensors, adapterZerosLike, createLmAdapters, mergeLmAdapters } from './lmAdapters.ts';
export type { LmBatch, LmGradients } from './lmLoss.ts';
export { lmGradients, lmLogits, lmLoss, textBatch } from './lmLoss.ts';
