// Typed access to fixtures/train-reference.json, written by
// scripts/numpy_train_reference.py (the tests never run Python).
import { readFileSync } from 'node:fs';
import type { OptimizerConfig } from '../src/train/index.ts';
import type { JsonMatrix } from './fixtures.ts';

export interface TrainStep {
  loss: number;
  gradNormA: number;
  gradNormB: number;
  deltaNorm: number;
  a: number[];
  b: number[];
}

export interface TrainCase {
  name: string;
  rank: number;
  alpha: number;
  scaling: 'standard' | 'rslora';
  init: 'kaiming-uniform' | 'gaussian';
  seed: number;
  batchSize?: number;
  optimizer: OptimizerConfig;
  gamma: number;
  a0: number[];
  steps: TrainStep[];
}

export interface TrainReference {
  generator: { numpy: string; python: string; script: string };
  steps: number;
  regression: {
    target: JsonMatrix;
    n: number;
    taskSeed: number;
    shuffleSeed: number;
    x: JsonMatrix;
    cases: TrainCase[];
  };
  retrieval: {
    n: number;
    d: number;
    k: number;
    labels: number;
    seed: number;
    temperature: number;
    keys: JsonMatrix;
    candidates: JsonMatrix;
    labelsDrawn: number[];
    cases: TrainCase[];
  };
}

export const trainReference = JSON.parse(
  readFileSync(new URL('./fixtures/train-reference.json', import.meta.url), 'utf8'),
) as TrainReference;
