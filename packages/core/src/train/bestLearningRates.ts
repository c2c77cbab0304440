import type { LoraScaling } from '../spectra/loraScale.ts';
import type { SweepRun } from './learningRateSweep.ts';
import { type SlopeStatistic, slopeOverSeeds } from './slopeOverSeeds.ts';

/** The best learning rate of one (scaling, rank) in a sweep. */
export interface LearningRateOptimum {
  scaling: LoraScaling;
  rank: number;
  /** The grid rate with the lowest final loss averaged over seeds. */
  bestLr: number;
  /** That mean final loss. */
  bestLoss: number;
  /**
   * A sub-grid estimate: the vertex of the parabola through log(mean loss)
   * against log(lr) at the best grid rate and its two neighbours (clamped
   * between them); `bestLr` itself when the best rate is at an end of the
   * grid or a neighbour diverged.
   */
  refinedLr: number;
  /** Whether the best rate is the smallest or largest of the grid (the optimum may lie outside it). */
  atEdge: boolean;
  /** The refined rate of each seed on its own (same order as the seeds). */
  perSeedLr: Float64Array;
  /** Mean final loss over seeds at each grid rate (Infinity where a seed diverged), ascending rates. */
  curve: { lr: number; loss: number }[];
}

/** Optima per (scaling, rank) and, per scaling, how the best rate moves with rank. */
export interface LearningRateSummary {
  optima: LearningRateOptimum[];
  /**
   * Per scaling: slope of log(refined best rate) against log(r), per seed,
   * mean ± sd, over the ranks ≥ fromRank (default every rank); `null` with
   * fewer than two. Rank-independent rates give 0; rates falling as 1/√r
   * give −½.
   */
  slopes: { scaling: LoraScaling; slope: SlopeStatistic | null }[];
}

/**
 * Reads a {@link learningRateSweep}: for each scaling and rank, the learning
 * rate with the lowest final loss (mean over seeds; a diverged run counts as
 * infinitely bad), refined between grid points by a parabola in log–log
 * coordinates, and how that rate scales with rank.
 *
 * @param runs The sweep's runs, in any order (e.g. as streamed so far).
 * @param options `fromRank`: smallest rank in the slope fits, default 1.
 * @example
 * const { optima, slopes } = bestLearningRates([...learningRateSweep(options)]);
 * optima.map((o) => `${o.scaling} r=${o.rank}: ${o.refinedLr.toPrecision(2)}`);
 * slopes; // [{ scaling: 'standard', slope: { mean: 0.1, sd: ... } }, { scaling: 'rslora', ... }]
 */
export function bestLearningRates(runs: readonly SweepRun[], { fromRank = 1 }: { fromRank?: number } = {}): LearningRateSummary {
  const groups = new Map<string, SweepRun[]>();
  for (const run of runs) {
    const key = `${run.scaling} ${run.rank}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [run]);
    else g.push(run);
  }
  const optima: LearningRateOptimum[] = [];
  for (const group of groups.values()) {
    const { scaling, rank } = group[0];
    const lrs = [...new Set(group.map((r) => r.lr))].sort((a, b) => a - b);
    const seeds = [...new Set(group.map((r) => r.seed))];
    const lossOf = (run: SweepRun) => (run.diverged || !Number.isFinite(run.finalLoss) ? Infinity : run.finalLoss);
    const perSeedCurve = seeds.map((seed) =>
      lrs.map((lr) => {
        const run = group.find((r) => r.seed === seed && r.lr === lr);
        return run === undefined ? Number.NaN : lossOf(run);
      }),
    );
    const curve = lrs.map((lr, i) => {
      const vals = perSeedCurve.map((c) => c[i]).filter((v) => !Number.isNaN(v));
      return { lr, loss: vals.length === 0 ? Number.NaN : vals.reduce((a, b) => a + b, 0) / vals.length };
    });
    const { best, refined, atEdge } = optimum(
      lrs,
      curve.map((c) => c.loss),
    );
    optima.push({
      scaling,
      rank,
      bestLr: lrs[best],
      bestLoss: curve[best].loss,
      refinedLr: refined,
      atEdge,
      perSeedLr: Float64Array.from(perSeedCurve, (c) => optimum(lrs, c).refined),
      curve,
    });
  }
  optima.sort((a, b) => (a.scaling === b.scaling ? a.rank - b.rank : a.scaling === 'standard' ? -1 : 1));
  const scalings = [...new Set(optima.map((o) => o.scaling))];
  const slopes = scalings.map((scaling) => {
    const rows = optima.filter((o) => o.scaling === scaling && o.rank >= fromRank);
    if (rows.length < 2) return { scaling, slope: null };
    const nSeeds = rows[0].perSeedLr.length;
    const perSeed = Array.from({ length: nSeeds }, (_, s) => rows.map((o) => o.perSeedLr[s]));
    return {
      scaling,
      slope: slopeOverSeeds(
        rows.map((o) => o.rank),
        perSeed,
        { fromRank },
      ),
    };
  });
  return { optima, slopes };
}

/** Index of the smallest loss, and the log-parabola vertex through it and its neighbours. */
function optimum(lrs: number[], losses: number[]): { best: number; refined: number; atEdge: boolean } {
  const v = (i: number) => (losses[i] < Infinity ? losses[i] : Infinity); // NaN (missing) counts as Infinity
  let best = 0;
  for (let i = 1; i < losses.length; i++) if (v(i) < v(best)) best = i;
  const atEdge = best === 0 || best === lrs.length - 1;
  if (atEdge || !(v(best - 1) < Infinity) || !(v(best + 1) < Infinity) || !(v(best) > 0)) return { best, refined: lrs[best], atEdge };
  const [x0, x1, x2] = [best - 1, best, best + 1].map((i) => Math.log(lrs[i]));
  const [y0, y1, y2] = [best - 1, best, best + 1].map((i) => Math.log(losses[i]));
  // Vertex of the parabola through three points (Numerical Recipes' parabolic step, eq. 10.3.1).
  const num = (x1 - x0) ** 2 * (y1 - y2) - (x1 - x2) ** 2 * (y1 - y0);
  const den = (x1 - x0) * (y1 - y2) - (x1 - x2) * (y1 - y0);
  const x = den === 0 ? x1 : Math.min(x2, Math.max(x0, x1 - num / (2 * den)));
  return { best, refined: Math.exp(x), atEdge };
}
