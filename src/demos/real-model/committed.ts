import { fmt } from '../../runtime/charts/chartFrame.ts';
import type { LmRunConfig, LmRunResult, LmRunScores } from './model.ts';

/** A run of the committed results (`npm run experiments`) the panel can reproduce: its config and its scores. */
export interface CommittedRun {
  config: LmRunConfig;
  scores: LmRunScores;
}

const SAME_KEYS: (keyof LmRunConfig)[] = ['task', 'mode', 'lr', 'steps', 'seed'];

/** True when two configs describe the same run (rank, scaling and layers only matter for LoRA; n only for facts). */
export function sameRun(a: LmRunConfig, b: LmRunConfig): boolean {
  if (SAME_KEYS.some((k) => a[k] !== b[k])) return false;
  if (a.task === 'facts' && a.n !== b.n) return false;
  return a.mode === 'full' || (a.rank === b.rank && a.scaling === b.scaling && a.targets === b.targets);
}

/** Largest relative difference between two runs' scores, over the scores both have. */
export function scoreGap(a: LmRunScores, b: LmRunScores): number {
  let gap = 0;
  for (const key of Object.keys(a) as (keyof LmRunScores)[]) {
    const x = a[key];
    const y = b[key];
    if (x === undefined || y === undefined) continue;
    gap = Math.max(gap, Math.abs(x - y) / Math.max(Math.abs(y), 1e-12));
  }
  return gap;
}

/**
 * A sentence comparing a finished run with the committed run of the same
 * config, or null when the committed results have no such run. The kernels'
 * summation order may differ between machines by rounding, so agreement is
 * stated to a relative tolerance, with the gap.
 */
export function committedLine(result: Pick<LmRunResult, 'config' | 'scores'>, committed: readonly CommittedRun[]): string | null {
  const run = committed.find((c) => sameRun(c.config, result.config));
  if (!run) return null;
  const gap = scoreGap(result.scores, run.scores);
  return gap <= 1e-6
    ? `The committed results have this run (same seed): every score above agrees with them${gap === 0 ? ' exactly' : ` to ${fmt(gap, 1)} (relative)`}.`
    : `The committed results have this run (same seed), but a score differs by ${fmt(100 * gap, 2)} %: the kernels or the code changed since they were computed.`;
}
