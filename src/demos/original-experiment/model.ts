import { truncationError } from '@lora-rank/core';
import { originalExperiment, type EnergyRow, type ErrorRow, type ScaleRow } from '@lora-rank/core/experiments';

/** The original experiment's printed tables, plus the verdicts the article draws from them. */
export interface ExperimentTables {
  seed: number;
  alpha: number;
  topSingularValues: { style: number[]; facts: number[] };
  errors: ErrorRow[];
  energy: EnergyRow[];
  scales: ScaleRow[];
  frobenius: { style: number; facts: number };
  verdict: ExperimentVerdict;
}

/** What the error table does and does not show, computed rather than asserted. */
export interface ExperimentVerdict {
  /** Number of scaled cells (four scaled columns × ranks). */
  scaledCells: number;
  /** How many scaled cells exceed 1: worse than no update at all. */
  cellsAboveOne: number;
  /** Ranks where α/√r is worse than α/r for the facts update. */
  rsloraWorseFacts: number[];
  /** Ranks where α/√r is worse than α/r for the style update. */
  rsloraWorseStyle: number[];
  /** Whether every scaled cell is at least the unscaled optimum of its update (Eckart–Young). */
  noCellBeatsOptimum: boolean;
}

/** Relative tolerance for "equals the optimum": the scaled formula is exact, only rounding differs. */
const ROUNDING = 1e-12;

/**
 * Reruns the original experiment at `seed` with `lora_alpha = alpha` and
 * returns its tables in plain arrays (they cross to the page as JSON-safe
 * data), with the verdict computed from the numbers.
 */
export function experimentTables(seed: number, alpha: number): ExperimentTables {
  const exp = originalExperiment(seed, { alpha });
  const rs = exp.style.singularValues;
  const fs = exp.facts.singularValues;
  let cellsAboveOne = 0;
  let noCellBeatsOptimum = true;
  const rsloraWorseFacts: number[] = [];
  const rsloraWorseStyle: number[] = [];
  for (const row of exp.errors) {
    const styleOpt = truncationError(rs, row.r);
    const factsOpt = truncationError(fs, row.r);
    for (const value of [row.styleStandard, row.factsStandard, row.factsRslora, row.styleRslora]) {
      if (value > 1 + ROUNDING) cellsAboveOne += 1;
    }
    for (const value of [row.styleStandard, row.styleRslora]) if (value < styleOpt * (1 - ROUNDING)) noCellBeatsOptimum = false;
    for (const value of [row.factsStandard, row.factsRslora]) if (value < factsOpt * (1 - ROUNDING)) noCellBeatsOptimum = false;
    if (row.factsRslora > row.factsStandard) rsloraWorseFacts.push(row.r);
    if (row.styleRslora > row.styleStandard) rsloraWorseStyle.push(row.r);
  }
  return {
    seed,
    alpha,
    topSingularValues: exp.topSingularValues,
    errors: exp.errors,
    energy: exp.energy,
    scales: exp.scales,
    frobenius: { style: exp.style.frobeniusNorm, facts: exp.facts.frobeniusNorm },
    verdict: {
      scaledCells: exp.errors.length * 4,
      cellsAboveOne,
      rsloraWorseFacts,
      rsloraWorseStyle,
      noCellBeatsOptimum,
    },
  };
}
