import type { LoraScaling } from '@lora-rank/core';
import type { LabData, LabOptimizer } from './model.ts';

/** The first-step law each (optimizer, scaling) pair predicts: loss drop ∝ r^slope. */
export const PREDICTED_SLOPE: Record<LabOptimizer, Record<LoraScaling, number>> = {
  sgd: { standard: -1, rslora: 0 },
  adam: { standard: 0, rslora: 0.5 },
};

/** Display names. */
export const SCALING_LABEL: Record<LoraScaling, string> = { standard: 'α/r', rslora: 'α/√r' };
export const OPTIMIZER_LABEL: Record<LabOptimizer, string> = { sgd: 'SGD', adam: 'Adam' };

/** One (optimizer, scaling) series against rank. */
export interface LabSeries {
  optimizer: LabOptimizer;
  scaling: LoraScaling;
  label: string;
  ranks: number[];
  /** Loss on all rows before step 1 minus after it: the first step's effect. */
  firstDrop: number[];
  /** Loss on all rows after the latest step received. */
  finalLoss: number[];
  /** Whether each rank's run diverged (see {@link divergedRuns}). */
  diverged: boolean[];
  /** Least-squares slope of log(first drop) on log(rank), over positive drops; NaN with fewer than two. */
  measuredSlope: number;
  predictedSlope: number;
}

/** Slope of the least-squares line through (log x, log y), positive pairs only. */
export function logLogFit(xs: number[], ys: number[]): { slope: number; intercept: number } {
  const pts = xs.map((x, i) => [x, ys[i]!] as const).filter(([x, y]) => x > 0 && y > 0 && Number.isFinite(y));
  if (pts.length < 2) return { slope: Number.NaN, intercept: Number.NaN };
  const lx = pts.map(([x]) => Math.log(x));
  const ly = pts.map(([, y]) => Math.log(y));
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < lx.length; i++) {
    sxy += (lx[i]! - mx) * (ly[i]! - my);
    sxx += (lx[i]! - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : Number.NaN;
  return { slope, intercept: my - slope * mx };
}

/** Per (optimizer, scaling): first-step drop and final loss against rank, with measured and predicted slopes. */
export function labSeries(data: LabData): LabSeries[] {
  const out: LabSeries[] = [];
  const optimizers = (['sgd', 'adam'] as const).filter((o) => data.runs.some((run) => run.optimizer === o));
  for (const optimizer of optimizers) {
    for (const scaling of ['standard', 'rslora'] as const) {
      const idx = data.runs.map((run, i) => [run, i] as const).filter(([run]) => run.optimizer === optimizer && run.scaling === scaling);
      const ranks = idx.map(([run]) => run.rank);
      const firstDrop = idx.map(([, i]) => data.firstDrop[i]!);
      const finalLoss = idx.map(([, i]) => data.lossAfter[i]!);
      const bad = new Set(divergedRuns(data));
      const diverged = idx.map(([, i]) => bad.has(i));
      out.push({
        optimizer,
        scaling,
        label: `${OPTIMIZER_LABEL[optimizer]}, ${SCALING_LABEL[scaling]}`,
        ranks,
        firstDrop,
        finalLoss,
        diverged,
        measuredSlope: logLogFit(ranks, firstDrop).slope,
        predictedSlope: PREDICTED_SLOPE[optimizer][scaling],
      });
    }
  }
  return out;
}

/**
 * Runs whose loss blew up: not finite, or more than ten times the starting
 * loss (B = 0 at the start, so every run starts at the target's own loss).
 */
export function divergedRuns(data: LabData): number[] {
  const out: number[] = [];
  data.runs.forEach((_, i) => {
    const start = data.loss[i]![0];
    const latest = data.lossAfter[i]!;
    // Nothing measured yet: not (yet) diverged.
    if (start === undefined || data.lossAfterStep[i] === 0) return;
    if (!Number.isFinite(latest) || latest > 10 * start) out.push(i);
  });
  return out;
}

/** A sentence naming the diverged runs, or '' when none did. */
export function divergenceNote(data: LabData): string {
  const bad = divergedRuns(data);
  if (bad.length === 0) return '';
  const names = bad.map((i) => {
    const run = data.runs[i]!;
    return `${OPTIMIZER_LABEL[run.optimizer]}, ${SCALING_LABEL[run.scaling]}, r = ${run.rank}`;
  });
  return `${bad.length} of ${data.runs.length} runs diverged (${names.join('; ')}): their γ times the learning rate is too large; lower that optimizer's learning rate.`;
}

/**
 * A sentence naming the series whose first step raised the loss at some
 * ranks (the step overshoots): those ranks are left out of the slope fit, and
 * with fewer than two left there is no slope. '' when every drop is positive.
 */
export function overshootNote(series: LabSeries[]): string {
  const parts = series
    .map((s) => ({ s, ranks: s.ranks.filter((_, i) => !(s.firstDrop[i]! > 0) && !Number.isNaN(s.firstDrop[i]!)) }))
    .filter(({ ranks }) => ranks.length > 0)
    .map(({ s, ranks }) => `${s.label} at r = ${ranks.join(', ')}`);
  if (parts.length === 0) return '';
  return `The first step raised the loss for ${parts.join('; ')}: the step overshoots, so those ranks are left out of the slope (— where fewer than two remain). A smaller learning rate brings them back.`;
}
