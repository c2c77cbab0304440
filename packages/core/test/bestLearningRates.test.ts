import { describe, expect, it } from 'vitest';
import { type SweepRun, bestLearningRates, learningRateSweep, logGrid, regressionTask } from '../src/train/index.ts';
import { RandomState } from '../src/index.ts';
import { close } from './close.ts';

/** Synthetic runs whose loss is exp(c·(log lr − log lrStar)²): a parabola in log–log coordinates. */
function synthetic(
  lrStar: (rank: number, seed: number) => number,
  ranks: number[],
  seeds: number[],
  grid: number[],
  scaling: 'standard' | 'rslora' = 'standard',
): SweepRun[] {
  const out: SweepRun[] = [];
  for (const rank of ranks) {
    for (const seed of seeds) {
      for (const lr of grid) {
        const finalLoss = Math.exp(0.7 * (Math.log(lr) - Math.log(lrStar(rank, seed))) ** 2);
        out.push({ index: out.length, total: 0, rank, scaling, lr, seed, initialLoss: 10, finalLoss, diverged: false, steps: 1 });
      }
    }
  }
  return out;
}

describe('bestLearningRates', () => {
  const grid = logGrid(1e-4, 1, 2);

  it('finds the grid optimum and refines it exactly when log loss is a parabola in log lr', () => {
    const { optima } = bestLearningRates(synthetic(() => 3.1e-3, [4], [0], grid));
    expect(optima.length).toBe(1);
    expect(optima[0].bestLr).toBe(grid[3]); // 3.16e-3
    close(optima[0].refinedLr, 3.1e-3, { rtol: 1e-10 });
    expect(optima[0].atEdge).toBe(false);
    expect(optima[0].curve.map((c) => c.lr)).toEqual(grid);
  });

  it('averages seeds, refines each seed alone, and reports the slope of the best rate against rank', () => {
    // Best rate c_s·r^−½ for seed s: the rsLoRA-like law.
    const runs = synthetic((r, s) => ((1 + 0.1 * s) * 1e-2) / Math.sqrt(r), [1, 4, 16], [0, 1, 2], grid);
    const { optima, slopes } = bestLearningRates(runs);
    expect(optima.map((o) => o.rank)).toEqual([1, 4, 16]);
    optima.forEach((o) =>
      close(
        o.perSeedLr,
        [0, 1, 2].map((s) => ((1 + 0.1 * s) * 1e-2) / Math.sqrt(o.rank)),
        { rtol: 1e-9 },
      ),
    );
    const slope = slopes[0].slope;
    expect(slopes[0].scaling).toBe('standard');
    close(slope?.mean ?? Number.NaN, -0.5, { rtol: 1e-9 });
    expect(slope?.sd ?? 1).toBeLessThan(1e-9);
  });

  it('a best rate at the end of the grid is flagged and not refined; a diverged neighbour stops the refinement', () => {
    const edge = bestLearningRates(synthetic(() => 5, [2], [0], grid)).optima[0];
    expect(edge.atEdge).toBe(true);
    expect(edge.refinedLr).toBe(1);
    const runs = synthetic(() => 3.1e-3, [2], [0], grid).map((r) => (r.lr > 5e-3 ? { ...r, diverged: true, finalLoss: Infinity } : r));
    const o = bestLearningRates(runs).optima[0];
    expect(o.bestLr).toBe(grid[3]);
    expect(o.refinedLr).toBe(grid[3]);
    expect(o.curve[4].loss).toBe(Infinity);
  });

  it('on a real sweep at r = 1 both scalings are the same run (gamma = alpha), so they agree', () => {
    const task = regressionTask({ target: new RandomState(1).randn(12, 10), n: 20, seed: 2 });
    const runs = [
      ...learningRateSweep({ task, ranks: [1, 4], optimizer: { type: 'adam' }, learningRates: logGrid(1e-3, 1, 3), steps: 15, alpha: 4 }),
    ];
    const { optima, slopes } = bestLearningRates(runs);
    const [std1, rs1] = [
      optima.find((o) => o.scaling === 'standard' && o.rank === 1),
      optima.find((o) => o.scaling === 'rslora' && o.rank === 1),
    ];
    expect(std1?.refinedLr).toBe(rs1?.refinedLr);
    expect(std1?.bestLoss).toBe(rs1?.bestLoss);
    expect(slopes.map((s) => s.scaling)).toEqual(['standard', 'rslora']);
  });
});
