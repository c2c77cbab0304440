// Typed access to fixtures/numpy-reference.json, written by
// scripts/numpy_reference.py (the tests never run Python).
import { readFileSync } from 'node:fs';
import { type Matrix, matrix } from '../src/index.ts';

export interface JsonMatrix {
  rows: number;
  cols: number;
  data: number[];
}

export interface Reference {
  generator: { numpy: string; python: string; script: string };
  random: {
    cases: {
      seed: number;
      randomSample7: number[];
      randn3: number[];
      randn2x2: number[];
      randn1: number[];
      mixedSample3: number[];
      mixedRandn3: number[];
      uniform: { low: number; high: number; values: number[] };
    }[];
    longSample: { seed: number; values: number[] };
    longRandn: { seed: number; rows: number; cols: number; values: number[] };
  };
  linspace: { start: number; stop: number; n: number; values: number[] }[];
  qr: { name: string; a: JsonMatrix; q: JsonMatrix; r: JsonMatrix }[];
  svd: { name: string; a: JsonMatrix; s: number[]; rank: number; u?: JsonMatrix; vt?: JsonMatrix }[];
  experiment: {
    seed: number;
    alpha: number;
    style: { delta: JsonMatrix; s: number[]; frobeniusNorm: number };
    facts: { delta: JsonMatrix; s: number[]; frobeniusNorm: number };
    errors: {
      r: number;
      styleStandard: number;
      factsStandard: number;
      factsRslora: number;
      styleRslora: number;
      factsOptimal: number;
    }[];
    energy: { r: number; style: number; facts: number }[];
    scales: { r: number; standard: number; rslora: number }[];
    /** The four tables as printed (by the original and by the site): the one copy every test compares with. */
    printed: { top10: string[][]; errors: string[][]; energy: string[][]; scales: string[][] };
  };
}

export const reference = JSON.parse(readFileSync(new URL('./fixtures/numpy-reference.json', import.meta.url), 'utf8')) as Reference;

/** A fixture matrix as a Matrix (fresh copy). */
export function toMatrix(m: JsonMatrix): Matrix {
  return matrix(m.rows, m.cols, Float64Array.from(m.data));
}
