import type { LoraScaling } from '@lora-rank/core';
import type { LabData, LabLaw, LabOptimizer } from './model.ts';

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
  /** Per rank: the best rank-r fit of the loss, the floor no run can go below (NaN until known; 0 when exact). */
  floor: number[];
  /** Per rank: whether the run ended within {@link FLOOR_TOLERANCE} of its floor. */
  reached: boolean[];
  /** The first-step law at a probe learning rate over seeds, once measured. */
  law: LabLaw | null;
  /** Mean over seeds of the first-step slope (from the law; NaN until measured or with fewer than two ranks ≥ 2). */
  measuredSlope: number;
  /** Its sample standard deviation over seeds (NaN until measured). */
  slopeSd: number;
  predictedSlope: number;
}

/** A run has reached its floor when its final loss is within this share of it. */
export const FLOOR_TOLERANCE = 0.01;

/**
 * The floor of rank r from the lab's floors: `floor[r]`, with a value at the
 * rounding level of the starting loss (≤ 1e-12 of floor[0], as for r = min(d, k)
 * or an exact-rank target) read as 0; NaN while unknown.
 */
export function floorAt(floor: readonly number[] | null, rank: number): number {
  if (!floor || floor[rank] === undefined) return Number.NaN;
  const v = floor[rank]!;
  return v <= 1e-12 * floor[0]! ? 0 : v;
}

/**
 * Whether a final loss has reached a floor: within {@link FLOOR_TOLERANCE} of
 * it, or, for a floor of 0, below 1e-12 of the starting loss `start`.
 */
export function reachedFloor(loss: number, floor: number, start: number): boolean {
  if (!Number.isFinite(loss) || Number.isNaN(floor)) return false;
  return loss <= floor * (1 + FLOOR_TOLERANCE) + 1e-12 * start;
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
      const idx = data.runs
        .map((run, i) => [run, i] as const)
        .filter(([run]) => !run.twin && run.optimizer === optimizer && run.scaling === scaling);
      const ranks = idx.map(([run]) => run.rank);
      const firstDrop = idx.map(([, i]) => data.firstDrop[i]!);
      const finalLoss = idx.map(([, i]) => data.lossAfter[i]!);
      const bad = new Set(divergedRuns(data));
      const diverged = idx.map(([, i]) => bad.has(i));
      const floor = ranks.map((r) => floorAt(data.floor, r));
      const start = data.floor?.[0] ?? Number.NaN;
      const law = data.laws.find((l) => l.optimizer === optimizer && l.scaling === scaling) ?? null;
      out.push({
        optimizer,
        scaling,
        label: `${OPTIMIZER_LABEL[optimizer]}, ${SCALING_LABEL[scaling]}`,
        ranks,
        firstDrop,
        finalLoss,
        diverged,
        floor,
        reached: finalLoss.map((loss, i) => reachedFloor(loss, floor[i]!, start)),
        law,
        measuredSlope: law ? law.slope.mean : Number.NaN,
        slopeSd: law ? law.slope.sd : Number.NaN,
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
    return `${OPTIMIZER_LABEL[run.optimizer]}, ${SCALING_LABEL[run.scaling]}${run.twin ? ' (LoRA+ twin)' : ''}, r = ${run.rank}`;
  });
  return `${bad.length} of ${data.runs.length} runs diverged (${names.join('; ')}): their γ times the learning rate is too large; lower that optimizer's learning rate.`;
}

/**
 * A sentence saying which runs ended at their rank's floor (within
 * {@link FLOOR_TOLERANCE}), or '' before the floor and the final losses are known.
 */
export function floorNote(series: LabSeries[], steps: number): string {
  if (series.length === 0 || series.some((s) => s.floor.some((f) => Number.isNaN(f)) || s.finalLoss.some((x) => Number.isNaN(x))))
    return '';
  const parts = series.map((s) => {
    const at = s.ranks.filter((_, i) => s.reached[i]);
    return `${s.label}: ${at.length === 0 ? 'none' : at.length === s.ranks.length ? 'every rank' : `r = ${at.join(', ')}`}`;
  });
  return `At the best rank-r fit (within ${FLOOR_TOLERANCE * 100} %) after ${steps} steps: ${parts.join('; ')}.`;
}

/** The LoRA+ twins' agreement: per rank, the largest relative ΔW gap over the steps done. */
export interface TwinGap {
  rank: number;
  /** max over steps of ‖ΔW_twin − ΔW‖_F / ‖ΔW‖_F. */
  gap: number;
  steps: number;
}

/** Largest relative ΔW gap of every twin run so far (empty without twins). */
export function twinGaps(data: LabData): TwinGap[] {
  return data.runs.flatMap((run, i) => {
    if (!run.twin) return [];
    const gaps = data.twinGap[i]!;
    let gap = 0;
    for (const g of gaps) gap = Math.max(gap, g);
    return [{ rank: run.rank, gap, steps: gaps.length }];
  });
}
