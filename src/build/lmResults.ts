/**
 * The committed results of `npm run experiments` (the core's
 * `data/lm-experiments.json`): what the article's real-model charts draw
 * and its prose quotes, and the runs the live panel can reproduce. Build
 * time only.
 */
import type { LmExperimentSettings, LmExperimentSummary, RecordedRun } from '@lora-rank/core/lm-experiments';
import results from '@lora-rank/core/data/lm-experiments.json' with { type: 'json' };

/** The committed file, typed. */
export interface LmResults {
  complete: boolean;
  totalSeconds: number;
  node: string;
  settings: LmExperimentSettings;
  summary: LmExperimentSummary;
  runs: RecordedRun[];
}

/** The committed results (rounded to 7 significant digits when written; NaN written as null). */
export function lmResults(): LmResults {
  return results as unknown as LmResults;
}
