import { fmt } from '../../runtime/charts/chartFrame.ts';
import type { LmRunResult } from './model.ts';

/** The measurements the committed results and a panel run share (JSON writes NaN as null). */
export const COMPARED = ['trainLoss', 'heldoutLoss', 'pirate', 'truthful', 'recall', 'heldoutRecall', 'pretrainLoss'] as const;

/** A run of the committed results (`npm run experiments`): its key and its measurements. */
export interface CommittedRun {
  key: string;
  result: Partial<Record<(typeof COMPARED)[number], number | null>>;
}

/** The committed runs as the panel needs them: keys and measurements, without the spectra. */
export function committedRuns(runs: readonly { key: string; result: Record<string, unknown> }[]): CommittedRun[] {
  return runs.map((r) => ({
    key: r.key,
    result: Object.fromEntries(COMPARED.map((k) => [k, typeof r.result[k] === 'number' ? (r.result[k] as number) : null])),
  }));
}

/** Largest relative difference between a run's measurements and a committed run's, over the measurements both have. */
export function measuredGap(measured: LmRunResult['measured'], committed: CommittedRun['result']): number {
  let gap = 0;
  for (const key of COMPARED) {
    const x = measured[key];
    const y = committed[key];
    if (y === null || y === undefined || !Number.isFinite(x)) continue;
    gap = Math.max(gap, Math.abs(x - y) / Math.max(Math.abs(y), 1e-12));
  }
  return gap;
}

/**
 * Agreement that counts as "the same numbers": the committed file keeps 7
 * significant digits, so a rounding of the last one is 5e-7 relative.
 */
export const SAME_TOLERANCE = 1e-6;

/**
 * A sentence comparing a finished run with the committed run of the same
 * spec (looked up by the core's run key), or null when the committed
 * results have no such run.
 */
export function committedLine(result: Pick<LmRunResult, 'key' | 'measured'>, committed: readonly CommittedRun[]): string | null {
  const run = committed.find((c) => c.key === result.key);
  if (!run) return null;
  const gap = measuredGap(result.measured, run.result);
  return gap <= SAME_TOLERANCE
    ? `The committed results (npm run experiments) have this run, same seed: its losses and shares agree with them to ${gap === 0 ? 'every digit kept' : `${fmt(gap, 1)} relative (the file keeps 7 digits)`}.`
    : `The committed results have this run, same seed, but a measurement differs by ${fmt(100 * gap, 2)} %: the kernels or the code changed since they were computed.`;
}
