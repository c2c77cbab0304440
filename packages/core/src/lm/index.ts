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
export type { GenerateOptions } from './generate.ts';
export { generate } from './generate.ts';
export type { City, Person, World, WorldOptions } from './world.ts';
export { CITIES, COUNTRIES, FOODS, JOBS, PETS, createWorld } from './world.ts';
export type { ParsedSentence, Register, Template } from './templates.ts';
export {
  CITY_TEMPLATES,
  CORPUS_VOCAB,
  PERSON_TEMPLATES,
  PIRATE_PREFIX,
  PIRATE_SUFFIX,
  TEMPLATES,
  inRegister,
  parseSentence,
  render,
  withArticle,
} from './templates.ts';
export type { CorpusSplit, TextSampler } from './textSampler.ts';
export { corpusSampler, corpusSentences, isHeldOut, sentenceSampler } from './textSampler.ts';
export type { Probe, StyleTask } from './styleTask.ts';
export { styleTask } from './styleTask.ts';
export type { FactsTask } from './factsTask.ts';
export { FACT_VALUES, factsTask } from './factsTask.ts';
export type { RecallResult } from './recall.ts';
export { recall } from './recall.ts';
export type { StyleScore } from './styleScore.ts';
export { styleScore } from './styleScore.ts';
export type { LmOptimizerConfig, LmStepMetrics, LmTrainHistory, LmTrainer, LmTrainerConfig } from './createLmTrainer.ts';
export { createLmTrainer } from './createLmTrainer.ts';
export type { LmFiles } from './lmCheckpoint.ts';
export { loadLm, saveLm } from './lmCheckpoint.ts';
export { adapterTensorName, loadLmAdapters, saveLmAdapters } from './adapterCheckpoint.ts';
export { worldProbes } from './worldProbes.ts';
export { PRETRAIN, createPretrainer, pretrainConfig, pretrainHeldout, pretrainWorld } from './createPretrainer.ts';
export type { FinetuneOptions } from './createFinetuner.ts';
export { FINETUNE_DEFAULTS, createFinetuner } from './createFinetuner.ts';
