// Typed access to fixtures/rigor-reference.json, written by
// scripts/numpy_rigor_reference.py (the tests never run Python).
import { readFileSync } from 'node:fs';
import type { JsonMatrix } from './fixtures.ts';

export interface RecallRow {
  rank: number;
  relativeError: number;
  cosineShare: number;
  retrievalAccuracy: number;
}

export interface RigorReference {
  generator: { numpy: string; python: string; script: string };
  /** Regression tasks y = x·Tᵀ with T = scale·randn(d, k) from targetSeed, x from taskSeed. */
  floor: {
    name: string;
    d: number;
    k: number;
    n: number;
    targetSeed: number;
    taskSeed: number;
    scale: number;
    /** Best rank-r loss, r = 0..min(d, k). */
    floor: number[];
    /** Loss of the SVD truncation T_r under the same loss, r = 0..min(d, k). */
    truncation: number[];
  }[];
  dataFloor: { x: JsonMatrix; y: JsonMatrix; floor: number[] };
  recall: { n: number; d: number; k: number; seed: number; best: RecallRow[]; truncation: RecallRow[] }[];
  firstOrder: {
    d: number;
    k: number;
    n: number;
    targetSeed: number;
    taskSeed: number;
    cases: { rank: number; alpha: number; scaling: 'standard' | 'rslora'; seed: number; gamma: number; sgd: number; adam: number }[];
  };
}

export const rigorReference: RigorReference = JSON.parse(readFileSync(new URL('./fixtures/rigor-reference.json', import.meta.url), 'utf8'));
