import type { LoraScaling } from '@lora-rank/core';
import type { LabData, LabOptimizer } from './labModel.ts';

/** The first-step law each (optimizer, scaling) pair predicts: loss drop ∝ r^slope (DESIGN.md §5). */
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
  /** Loss before step 1 minus loss before step 2 (full batch): the first step's effect. */
  firstDrop: number[];
  /** Loss at the last recorded step. */
  finalLoss: number[];
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
  for (const optimizer of ['sgd', 'adam'] as const) {
    for (const scaling of ['standard', 'rslora'] as const) {
      const idx = data.runs.map((run, i) => [run, i] as const).filter(([run]) => run.optimizer === optimizer && run.scaling === scaling);
      const ranks = idx.map(([run]) => run.rank);
      const firstDrop = idx.map(([, i]) => {
        const loss = data.loss[i]!;
        return loss.length >= 2 ? loss[0]! - loss[1]! : Number.NaN;
      });
      const finalLoss = idx.map(([, i]) => data.loss[i]!.at(-1) ?? Number.NaN);
      out.push({
        optimizer,
        scaling,
        label: `${OPTIMIZER_LABEL[optimizer]}, ${SCALING_LABEL[scaling]}`,
        ranks,
        firstDrop,
        finalLoss,
        measuredSlope: logLogFit(ranks, firstDrop).slope,
        predictedSlope: PREDICTED_SLOPE[optimizer][scaling],
      });
    }
  }
  return out;
}
