import { describe, expect, it } from 'vitest';
import { frobeniusNorm, sub } from '@lora-rank/core';
import {
  createTrainer,
  firstOrderCurves,
  firstStepLaw,
  loraAdapter,
  reducedRankFloor,
  regressionTask,
  rsloraAsLoraPlus,
} from '@lora-rank/core/train';
import {
  addChunks,
  addUpdate,
  deltaGap,
  emptyLabData,
  labFloor,
  labLaw,
  labOptimizerConfig,
  labRuns,
  labSweep,
  labTarget,
  labTask,
  labTrainerConfig,
  lawKey,
  lawSeeds,
  LAW_FROM_RANK,
  LAW_SEEDS,
  LAW_START_LR,
  runLab,
  twinBlocker,
  twinPartner,
  type LabConfig,
} from '../../../src/demos/lab/model.ts';
import {
  divergedRuns,
  floorAt,
  floorNote,
  FLOOR_TOLERANCE,
  labSeries,
  logLogFit,
  PREDICTED_SLOPE,
  reachedFloor,
  twinGaps,
} from '../../../src/demos/lab/summary.ts';
import { labBatchSize, labDefaults, labRanks, labSchema, labConfig, parseLabParams } from '../../../src/demos/lab/params.ts';
import { parseParams } from '../../../src/runtime/urlParams.ts';
import {
  curvesChart,
  curvePoints,
  curvesLegend,
  describeLab,
  describeTwins,
  finalLossChart,
  firstStepChart,
  floorLines,
  FLOOR_LABEL,
  formatSlope,
  slopeGuide,
  thin,
  curvesTable,
  seriesTable,
} from '../../../src/demos/lab/charts.ts';
import { nextLabCharts } from '../../../src/demos/lab/view.ts';
import { resolveTable } from '../../../src/runtime/csv.ts';

const small: LabConfig = {
  task: 'style',
  targetRank: 4,
  d: 16,
  k: 16,
  ranks: [1, 4, 16],
  alpha: 16,
  lrSgd: 1,
  lrAdam: 0.005,
  steps: 20,
  seed: 3,
};

describe('training lab model', () => {
  it('sweeps ranks × scalings × optimizers with the scale each implies', () => {
    const runs = labRuns(small);
    expect(runs).toHaveLength(12);
    expect(runs.find((r) => r.rank === 4 && r.scaling === 'standard')!.gamma).toBe(4);
    expect(runs.find((r) => r.rank === 4 && r.scaling === 'rslora')!.gamma).toBe(8);
  });

  it('is deterministic and records every step of every run', () => {
    const a = runLab(small);
    const b = runLab(small);
    expect(a.loss).toEqual(b.loss);
    for (const series of a.loss) expect(series).toHaveLength(20);
    // B = 0 at the start: every run starts from the same loss, that of the target alone.
    const start = a.loss.map((l) => l[0]!);
    for (const x of start) expect(Math.abs(x - start[0]!) / start[0]!).toBeLessThan(1e-12);
  });

  it('accumulates streamed chunks into the same data as one run', () => {
    const whole = runLab(small);
    const acc = emptyLabData(small);
    // Chunks arrive out of run order and in pieces: the accumulator places them by step.
    const zeros = () => new Float64Array(10);
    addChunks(acc, [
      {
        run: 1,
        firstStep: 11,
        loss: new Float64Array(whole.loss[1]!.slice(10)),
        gradNormA: zeros(),
        gradNormB: zeros(),
        deltaNorm: zeros(),
        lossAfter: whole.lossAfter[1]!,
      },
    ]);
    addChunks(acc, [
      {
        run: 1,
        firstStep: 1,
        loss: new Float64Array(whole.loss[1]!.slice(0, 10)),
        gradNormA: zeros(),
        gradNormB: zeros(),
        deltaNorm: zeros(),
        lossAfter: 123,
        firstDrop: whole.firstDrop[1]!,
      },
    ]);
    expect(acc.loss[1]).toEqual(whole.loss[1]);
    // The earlier chunk, arriving late, does not overwrite the latest loss.
    expect(acc.lossAfter[1]).toBe(whole.lossAfter[1]);
    expect(acc.firstDrop[1]).toBe(whole.firstDrop[1]);
  });

  it('runs only the chosen optimizers, and never none', () => {
    expect(new Set(labRuns({ ...small, optimizers: ['adam'] }).map((r) => r.optimizer))).toEqual(new Set(['adam']));
    expect(
      labRuns({ ...small, optimizers: ['adam', 'sgd'] })
        .map((r) => r.optimizer)
        .slice(0, 1),
    ).toEqual(['sgd']);
    expect(labRuns({ ...small, optimizers: [] })).toHaveLength(12);
    const series = labSeries(runLab({ ...small, optimizers: ['sgd'] }));
    expect(series.map((s) => s.label)).toEqual(['SGD, α/r', 'SGD, α/√r']);
    const wide = curvesChart(runLab({ ...small, optimizers: ['sgd'] }), 'loss', { width: 640, height: 250 });
    expect(wide.fy?.domain).toEqual(['SGD']);
    const narrow = curvesChart(runLab({ ...small, optimizers: ['sgd'] }), 'loss', { width: 320, height: 300 });
    expect(narrow.fy?.domain).toEqual(['SGD, α/r', 'SGD, α/√r']);
  });

  it('hands momentum, weight decay, the LoRA+ ratio and the batch size to the trainer', () => {
    const config: LabConfig = { ...small, steps: 7, momentum: 0.9, weightDecay: 0.1, lrRatio: 4, batchSize: 8 };
    expect(labOptimizerConfig(config, 'sgd')).toEqual({ type: 'sgd', lr: 1, lrRatio: 4, momentum: 0.9 });
    expect(labOptimizerConfig(config, 'adam')).toEqual({ type: 'adam', lr: 0.005, lrRatio: 4, weightDecay: 0.1 });
    const data = runLab(config);
    // Run 0 (SGD, α/r, r = 1) again by hand, with the same task and seeds.
    const task = regressionTask({ target: labTarget(config), seed: config.seed + 1 });
    const trainer = createTrainer({
      task,
      rank: 1,
      alpha: 16,
      scaling: 'standard',
      seed: config.seed,
      batchSize: 8,
      optimizer: labOptimizerConfig(config, 'sgd'),
    });
    const before = trainer.loss();
    const h = trainer.run(1);
    expect(data.firstDrop[0]).toBe(before - trainer.loss());
    const rest = trainer.run(6);
    expect(data.loss[0]).toEqual([...h.loss, ...rest.loss]);
    expect(data.lossAfter[0]).toBe(trainer.loss());
    expect(data.lossAfterStep[0]).toBe(7);
  });

  it('measures the first step and the final loss on all rows, also with mini-batches', () => {
    const full = runLab(small);
    // Full batch: the first drop is the difference of the recorded losses.
    for (let i = 0; i < full.runs.length; i++) {
      const l = full.loss[i]!;
      expect(Math.abs(full.firstDrop[i]! - (l[0]! - l[1]!))).toBeLessThanOrEqual(1e-12 * l[0]!);
    }
    const mini = runLab({ ...small, lrSgd: 0.01, batchSize: 4 });
    expect(mini.firstDrop.every((x) => Number.isFinite(x))).toBe(true);
    expect(mini.lossAfter.every((x) => Number.isFinite(x) && x > 0)).toBe(true);
    expect(divergedRuns(mini)).toEqual([]);
  });

  it('names the runs whose loss blew up', () => {
    // SGD at learning rate 1 on a 16 × 16 layer: the large-γ runs diverge.
    const data = runLab(small);
    const diverged = divergedRuns(data);
    expect(diverged.length).toBeGreaterThan(0);
    for (const i of diverged) {
      const l = data.lossAfter[i]!;
      expect(!Number.isFinite(l) || l > 10 * data.loss[i]![0]!).toBe(true);
      expect(data.runs[i]!.optimizer).toBe('sgd');
    }
    expect(describeLab(data, labSeries(data)).curves).toMatch(/diverged/);
    // The curves stop where a run blows up, so the others keep a readable axis.
    const points = curvePoints(data, 'loss');
    const start = data.loss[0]![0]!;
    expect(Math.max(...points.map((p) => p.value))).toBeLessThanOrEqual(10 * start);
    // The final-loss chart leaves diverged runs out; the series still mark them.
    const series = labSeries(data);
    expect(series.some((s) => s.diverged.some(Boolean))).toBe(true);
    const plotted = (finalLossChart(series, { width: 640, height: 300 }).marks ?? []).flatMap((m) =>
      ((m as { data?: { value?: number }[] }).data ?? []).flatMap((p) => (p.value === undefined ? [] : [p.value])),
    );
    expect(plotted.every((v) => Number.isFinite(v) && v <= 10 * start)).toBe(true);
  });

  it('trains the default sweep without a diverged run', () => {
    const data = runLab({ ...labDefaults, ranks: labRanks(labDefaults) });
    expect(divergedRuns(data)).toEqual([]);
  });

  it('reads the optimizer settings from a permalink, clamping what is out of range', () => {
    const { state, notices } = parseParams(
      labSchema,
      new URLSearchParams('lab-optimizers=adam&lab-momentum=1.5&lab-lrRatio=16&lab-batch=7'),
      'lab-',
    );
    expect(state.optimizers).toEqual(['adam']);
    expect(state.momentum).toBe(0.99);
    expect(state.lrRatio).toBe(16);
    expect(state.batch).toBe('full');
    expect(notices).toHaveLength(2);
    expect(labBatchSize('64', 16)).toBe(32);
    expect(labBatchSize('full', 16)).toBe(32);
    expect(labBatchSize('4', 16)).toBe(4);
  });

  it('uses the exact-rank target when asked', () => {
    const t = labTarget({ task: 'rank', targetRank: 3, d: 12, k: 10, seed: 1 });
    expect([t.rows, t.cols]).toEqual([12, 10]);
  });

  it('drops ranks that do not fit the layer', () => {
    expect(labRanks({ ranks: ['1', '64', '256'], d: 64, k: 32 })).toEqual([1]);
    expect(labRanks(labDefaults)).toEqual([1, 4, 16, 64]);
  });

  it('measures the first-step laws on the default task close to the predicted slopes, with a spread over seeds', () => {
    const config = labConfig(labDefaults);
    const series = labSeries(runLab({ ...config, steps: 10 }));
    expect(series.map((s) => s.law?.seeds)).toEqual(series.map(() => lawSeeds(labDefaults.seed)));
    for (const s of series) {
      expect(s.predictedSlope).toBe(PREDICTED_SLOPE[s.optimizer][s.scaling]);
      expect(s.law!.seeds).toHaveLength(LAW_SEEDS);
      expect(s.measuredSlope).toBe(s.law!.slope.mean);
      expect(s.slopeSd).toBe(s.law!.slope.sd);
      // Style target, ranks 4, 16, 64 in the fit: −0.97 ± 0.20, +0.03 ± 0.20, 0.00 ± 0.10, +0.50 ± 0.10.
      expect(Math.abs(s.measuredSlope - s.predictedSlope)).toBeLessThan(0.1);
      expect(s.slopeSd).toBeGreaterThan(0);
      expect(s.slopeSd).toBeLessThan(0.3);
    }
  });
});

describe('the floor every run is read against', () => {
  const config: LabConfig = { ...small, task: 'facts', lrSgd: 0.2, steps: 300 };

  it('is the best rank-r fit of the lab task itself', () => {
    const task = labTask(config);
    expect(labFloor(task)).toEqual(Array.from(reducedRankFloor(task)));
    // The same task object the runs train on: same inputs, same target.
    const t = createTrainer(labTrainerConfig(config, task, labRuns(config)[0]!));
    expect(t.loss()).toBeCloseTo(labFloor(task)[0]!, 12);
  });

  it('is never undercut by a run, and Adam runs that converge reach it', () => {
    const data = runLab({ ...config, optimizers: ['adam'], lrAdam: 0.02 });
    const floor = data.floor!;
    data.runs.forEach((run, i) => {
      expect(data.lossAfter[i]!).toBeGreaterThanOrEqual(floor[run.rank]! * (1 - 1e-9) - 1e-15);
    });
    const series = labSeries(data);
    // Facts target, 16 × 16: every Adam run of rank < 16 ends within 1 % of its floor after 300 steps.
    for (const s of series) {
      s.ranks.forEach((r, i) => {
        if (r < 16) expect(s.reached[i]).toBe(true);
      });
    }
    expect(floorNote(series, 300)).toMatch(/^At the best rank-r fit \(within 1 %\) after 300 steps: Adam, α\/r: /);
  });

  it('reads values at the rounding level as 0 and knows when a loss has reached a floor', () => {
    expect(floorAt([2, 1, 1e-11], 2)).toBe(1e-11);
    expect(floorAt([2, 1, 1e-30], 2)).toBe(0);
    expect(floorAt(null, 1)).toBeNaN();
    expect(reachedFloor(1.0 + FLOOR_TOLERANCE / 2, 1, 3)).toBe(true);
    expect(reachedFloor(1.0 + 2 * FLOOR_TOLERANCE, 1, 3)).toBe(false);
    expect(reachedFloor(1e-13, 0, 1)).toBe(true);
    expect(reachedFloor(1e-6, 0, 1)).toBe(false);
    expect(reachedFloor(Number.NaN, 1, 1)).toBe(false);
  });

  it('is drawn once per rank and panel in the loss chart, and as its own series in the final-loss chart', () => {
    const data = runLab({ ...small, steps: 10 });
    const lines = floorLines(data);
    // Rank 16 = min(d, k): its floor is 0 and has no place on a log axis.
    expect(lines.map((l) => l.rank)).toEqual(['1', '4']);
    expect(lines.map((l) => l.value)).toEqual([data.floor![1], data.floor![4]]);
    const chart = curvesChart(data, 'loss', { width: 640, height: 420 });
    const rules = (chart.marks ?? [])
      .map((m) => (m as { data?: { value: number; panel: string }[] }).data ?? [])
      .find((d) => d.length === 8)!;
    expect(new Set(rules.map((r) => r.panel)).size).toBe(4);
    expect(rules.map((r) => r.value).sort()).toEqual([...lines, ...lines, ...lines, ...lines].map((l) => l.value).sort());
    // The y axis reaches down to the lowest floor.
    expect((chart.y?.domain as number[])[0]).toBeLessThanOrEqual(Math.min(...lines.map((l) => l.value)));
    // The gradient chart has no floors.
    const grads = curvesChart(data, 'gradNormB', { width: 640, height: 420 });
    expect((grads.marks ?? []).some((m) => ((m as { data?: unknown[] }).data ?? []).length === 8)).toBe(false);
    const series = labSeries(data);
    const final = finalLossChart(series, { width: 640, height: 300 });
    const plotted = (final.marks ?? []).flatMap((m) => (m as { data?: { label?: string; value: number }[] }).data ?? []);
    expect(plotted.filter((p) => p.label === FLOOR_LABEL).map((p) => p.value)).toEqual([
      data.floor![1],
      data.floor![4],
      data.floor![1],
      data.floor![4],
    ]);
    expect(seriesTable(series).rows[1]).toContain(data.floor![4]);
  });
});

describe('the first-step law', () => {
  const config: LabConfig = { ...small, task: 'facts', ranks: [1, 2, 4, 8, 16] };
  const task = labTask(config);

  it("is the core's firstStepLaw at a probe rate found from fixed starting rates, as drop per unit rate", () => {
    for (const [optimizer, scaling] of [
      ['sgd', 'standard'],
      ['adam', 'rslora'],
    ] as const) {
      const law = labLaw({ ...config, lrSgd: 5, lrAdam: 0.3 }, task, optimizer, scaling)!;
      const direct = firstStepLaw({
        task,
        ranks: config.ranks,
        seeds: lawSeeds(config.seed),
        alpha: 16,
        scaling,
        optimizer: { type: optimizer, lr: LAW_START_LR[optimizer] },
      });
      // The training rates do not enter: the search starts at LAW_START_LR.
      expect(law.probeLr).toBe(direct.probeLr);
      expect(law.slope.mean).toBe(direct.slope.mean);
      expect(law.slope.sd).toBe(direct.slope.sd);
      expect(law.slope.ranks).toEqual([2, 4, 8, 16]);
      expect(law.perSeed[3]![2]).toBe(direct.drops[3]![2]! / direct.probeLr);
      const column = law.perSeed.map((row) => row[1]!);
      const mean = column.reduce((a, b) => a + b, 0) / column.length;
      expect(law.mean[1]).toBeCloseTo(mean, 12);
      expect(law.sd[1]).toBeCloseTo(Math.sqrt(column.reduce((a, b) => a + (b - mean) ** 2, 0) / (column.length - 1)), 12);
      expect(law.linearity).toBeLessThanOrEqual(0.01);
    }
  });

  it('agrees with the exact first-order slopes to 0.02', () => {
    const exact = firstOrderCurves({ task, ranks: config.ranks, seeds: lawSeeds(config.seed), alpha: 16 });
    for (const curve of exact) {
      const law = labLaw(config, task, curve.optimizer, curve.scaling)!;
      expect(Math.abs(law.slope.mean - curve.slope.mean)).toBeLessThan(0.02);
    }
  });

  it('needs two ranks of at least 2', () => {
    expect(LAW_FROM_RANK).toBe(2);
    expect(labLaw({ ...config, ranks: [1, 4] }, task, 'sgd', 'standard')).toBeNull();
    const series = labSeries(runLab({ ...config, ranks: [1, 4], steps: 10 }));
    expect(series.every((s) => s.law === null && Number.isNaN(s.measuredSlope))).toBe(true);
  });

  it('wraps its seeds at 2³²', () => {
    expect(lawSeeds(2 ** 32 - 2, 3)).toEqual([2 ** 32 - 2, 2 ** 32 - 1, 0]);
  });

  it('does not depend on the learning rates, steps or the LoRA+ ratio, so the page can reuse it', () => {
    const base = { ...config, adamEps: 1e-8 };
    expect(lawKey({ ...base, lrSgd: 3, lrAdam: 0.1, steps: 500, lrRatio: 4, twins: true })).toBe(lawKey(base));
    expect(lawKey({ ...base, alpha: 8 })).not.toBe(lawKey(base));
    expect(lawKey({ ...base, adamEps: 1e-16 })).not.toBe(lawKey(base));
    expect(lawKey({ ...base, ranks: [1, 2] })).not.toBe(lawKey(base));
  });

  it('draws the mean, one faint dot per seed, and the predicted slope through the fitted ranks', () => {
    const data = runLab({ ...config, steps: 10 });
    const series = labSeries(data);
    const chart = firstStepChart(series, { width: 640, height: 300 });
    const marks = (chart.marks ?? []).map((m) => (m as { data?: { r: number; value: number; k: number }[] }).data ?? []);
    const dots = marks.find((d) => d.length === 4 * LAW_SEEDS * config.ranks.length)!;
    expect(
      dots
        .filter((p) => p.k === 0)
        .map((p) => p.value)
        .sort(),
    ).toEqual(series[0]!.law!.perSeed.flat().sort());
    const guide = slopeGuide(
      series[0]!.law!.ranks.map((r, i) => ({ r, value: series[0]!.law!.mean[i]! })),
      -1,
    );
    expect(guide.map((g) => g.r)).toEqual([2, 16]);
    expect(Math.log(guide[1]!.value / guide[0]!.value) / Math.log(8)).toBeCloseTo(-1, 12);
    expect(describeLab(data, series).first).toMatch(/SGD, α\/r: slope [−+]?\d\.\d\d ± \d\.\d\d over 8 seeds/);
  });

  it('is formatted as mean ± sd with a proper minus sign', () => {
    expect(formatSlope(-0.974, 0.2)).toBe('−0.97 ± 0.20');
    expect(formatSlope(0.5, 0.1)).toBe('+0.50 ± 0.10');
    expect(formatSlope(-0.001, 0.1)).toBe('0.00 ± 0.10');
    expect(formatSlope(Number.NaN, 0)).toBe('—');
  });
});

describe('the LoRA+ twin of Adam α/√r', () => {
  const config: LabConfig = { ...small, task: 'facts', optimizers: ['adam'], ranks: [1, 4, 16], steps: 40, twins: true, lrAdam: 0.01 };

  it("runs one twin per rank, α/r with B's learning rate × √r, only with Adam and no weight decay", () => {
    const runs = labRuns(config);
    const twins = runs.filter((r) => r.twin);
    expect(twins.map((r) => [r.rank, r.scaling, r.optimizer, r.gamma])).toEqual([
      [1, 'standard', 'adam', 16],
      [4, 'standard', 'adam', 4],
      [16, 'standard', 'adam', 1],
    ]);
    const task = labTask(config);
    const i = runs.indexOf(twins[1]!);
    const partner = runs[twinPartner(runs, i)]!;
    expect([partner.rank, partner.scaling, partner.twin]).toEqual([4, 'rslora', undefined]);
    const trainer = labTrainerConfig(config, task, twins[1]!);
    expect(trainer).toEqual(rsloraAsLoraPlus(labTrainerConfig(config, task, partner)));
    expect(trainer.optimizer.lrRatio).toBe(2);
    expect(twinBlocker(config)).toBe('');
    expect(twinBlocker({ ...config, weightDecay: 0.1 })).toMatch(/weight decay 0/);
    expect(twinBlocker({ ...config, optimizers: ['sgd'] })).toMatch(/Adam/);
    expect(labRuns({ ...config, weightDecay: 0.1 }).some((r) => r.twin)).toBe(false);
    // The series against rank leave the twins out.
    expect(labSeries(runLab({ ...config, steps: 10 })).map((s) => s.ranks)).toEqual([
      [1, 4, 16],
      [1, 4, 16],
    ]);
  });

  it('measures the gap of two updates without cancellation', () => {
    const p = loraAdapter({ d: 6, k: 5, rank: 3, alpha: 4, seed: 1 });
    p.b.data.forEach((_, j) => (p.b.data[j] = Math.sin(j + 1)));
    const q = {
      ...p,
      a: { ...p.a, data: p.a.data.map((v, j) => v + 1e-9 * Math.cos(j)) },
      b: { ...p.b, data: p.b.data.map((v) => 2 * v) },
      gamma: p.gamma / 2,
    };
    const delta = (x: typeof p) => {
      const t = createTrainer({
        task: regressionTask({ target: { rows: 6, cols: 5, data: new Float64Array(30) }, seed: 0 }),
        rank: 3,
        alpha: 4,
        seed: 1,
        optimizer: { type: 'sgd', lr: 1 },
        initial: { a: x.a, b: x.b },
      });
      // The trainer applies its own gamma (4/3); rescale to x's.
      const d = t.delta();
      return { ...d, data: d.data.map((v) => (v * x.gamma) / t.gamma) };
    };
    const explicit = frobeniusNorm(sub(delta(p), delta(q)));
    expect(deltaGap(p, q)).toBeGreaterThan(0);
    expect(Math.abs(deltaGap(p, q) - explicit) / explicit).toBeLessThan(1e-5);
    expect(deltaGap(p, p)).toBe(0);
    // A tiny difference keeps its relative accuracy (subtracting two formed products would lose it):
    // compare with γ·B·E for the difference E = A_tiny − A_p as stored (exact, by Sterbenz's lemma).
    const tiny = { ...p, a: { ...p.a, data: p.a.data.map((v, j) => v + 1e-15 * Math.cos(j)) } };
    const e = tiny.a.data.map((v, j) => v - p.a.data[j]!);
    const gbe = Float64Array.from({ length: 30 }, (_, idx) => {
      const i = Math.floor(idx / 5);
      const j = idx % 5;
      let acc = 0;
      for (let l = 0; l < 3; l++) acc += p.gamma * p.b.data[i * 3 + l]! * e[l * 5 + j]!;
      return acc;
    });
    const expected = frobeniusNorm({ rows: 6, cols: 5, data: gbe });
    expect(expected).toBeGreaterThan(0);
    expect(Math.abs(deltaGap(p, tiny) - expected) / expected).toBeLessThan(1e-12);
  });

  it("follows its α/√r run to rounding with eps 1e-16, and drifts with PyTorch's eps 1e-8", () => {
    const exact = runLab({ ...config, adamEps: 1e-16 });
    const gaps = twinGaps(exact);
    expect(gaps.map((g) => g.rank)).toEqual([1, 4, 16]);
    expect(gaps.every((g) => g.steps === 40)).toBe(true);
    for (const g of gaps) expect(g.gap).toBeLessThan(1e-10);
    // The loss curves coincide too (drawn over each other).
    exact.runs.forEach((run, i) => {
      if (!run.twin) return;
      const partner = twinPartner(exact.runs, i);
      exact.loss[i]!.forEach((l, s) => expect(Math.abs(l - exact.loss[partner]![s]!) / l).toBeLessThan(1e-10));
    });
    const pytorch = twinGaps(runLab({ ...config, adamEps: 1e-8 }));
    expect(pytorch[0]!.gap).toBe(0); // r = 1: √r = 1, the same run
    for (const g of pytorch.slice(1)) {
      expect(g.gap).toBeGreaterThan(1e-8);
      expect(g.gap).toBeLessThan(1e-2);
    }
    expect(describeTwins(exact, 1e-16)).toMatch(
      /^Largest relative gap ‖ΔW\(twin\) − ΔW‖ \/ ‖ΔW‖ over 40 steps: r = 1: 0, r = 4: \d\.\de-\d+, r = 16: /,
    );
    expect(describeTwins(runLab({ ...config, twins: false, steps: 10 }), 1e-8)).toBe('');
  });

  it('is drawn dotted over the α/√r panel and named in the legend', () => {
    const data = runLab({ ...config, steps: 10 });
    const chart = curvesChart(data, 'loss', { width: 640, height: 250 });
    const twinLine = (chart.marks ?? [])
      .map((m) => (m as { data?: { scaling: string; optimizer: string; rank: string }[] }).data ?? [])
      .find((d) => d.length > 0 && d.length === curvePoints(data, 'loss', true).length)!;
    expect(new Set(twinLine.map((p) => `${p.optimizer}, ${p.scaling}`))).toEqual(new Set(['Adam, α/√r']));
    expect(curvesLegend([1, 4], { floor: true, twin: true }).map((l) => l.label)).toEqual([
      'r = 1',
      'r = 4',
      'dashed: best rank-r fit',
      'dotted: LoRA+ twin',
    ]);
  });
});

describe('streaming the sweep', () => {
  it('sends the floor first, then the chunks, with the laws in between, and can skip the laws', () => {
    const config: LabConfig = { ...small, lrSgd: 0.2, steps: 30 };
    const updates = [...labSweep(config, 5)];
    expect(updates[0]!.floor).toEqual(labFloor(labTask(config)));
    expect(updates[0]!.chunks).toEqual([]);
    expect(updates.filter((u) => u.laws).length).toBe(4);
    // The first chunks are sent before any law is measured.
    expect(updates[1]!.chunks.length).toBe(12);
    expect(updates[1]!.laws).toBeUndefined();
    const data = emptyLabData(config);
    for (const u of updates) addUpdate(data, u);
    const whole = runLab(config);
    expect(data.loss).toEqual(whole.loss);
    expect(data.laws.map((l) => [l.optimizer, l.scaling])).toEqual(whole.laws.map((l) => [l.optimizer, l.scaling]));
    expect(data.laws.map((l) => l.slope.mean)).toEqual(whole.laws.map((l) => l.slope.mean));
    const skipped = [...labSweep({ ...config, measureLaws: false }, 5)];
    expect(skipped.some((u) => u.laws)).toBe(false);
    // A law received again replaces the old one.
    addUpdate(data, { chunks: [], laws: [{ ...data.laws[0]!, probeLr: 1 }] });
    expect(data.laws.filter((l) => l.optimizer === data.laws[0]!.optimizer && l.scaling === data.laws[0]!.scaling)).toHaveLength(1);
    expect(data.laws.at(-1)!.probeLr).toBe(1);
  });
});

describe('lab summaries and charts', () => {
  it('fits log–log slopes exactly on power laws and ignores non-positive values', () => {
    const xs = [1, 2, 4, 8];
    expect(
      logLogFit(
        xs,
        xs.map((x) => 3 * x ** -1),
      ).slope,
    ).toBeCloseTo(-1, 12);
    expect(logLogFit(xs, [1, 2, -1, 0]).slope).toBeCloseTo(1, 12);
    expect(logLogFit([1], [1]).slope).toBeNaN();
  });

  it('thins long curves but keeps their ends', () => {
    expect(thin(5, 10)).toEqual([0, 1, 2, 3, 4]);
    const kept = thin(1000, 80);
    expect(kept.length).toBeLessThanOrEqual(81);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(999);
  });

  it('tabulates every step of every run and plots only positive values', () => {
    const data = runLab(small);
    expect(curvesTable(data).rows).toHaveLength(12 * 20);
    expect(curvePoints(data, 'loss').every((p) => p.value > 0)).toBe(true);
  });
});

describe('parseLabParams', () => {
  it('reads the defaults from an empty query, with no notice', () => {
    expect(parseLabParams(new URLSearchParams())).toEqual({ state: labDefaults, notices: [] });
  });

  it('runs both optimizers when a permalink chooses none, and says so', () => {
    const { state, notices } = parseLabParams(new URLSearchParams('lab-optimizers='));
    expect(state.optimizers).toEqual(['sgd', 'adam']);
    expect(notices).toContain('optimizers: none chosen; running SGD and Adam.');
  });

  it('falls back to rank 1 when no chosen rank fits min(d, k), and says so', () => {
    const { state, notices } = parseLabParams(new URLSearchParams('lab-ranks=64,128&lab-d=16&lab-k=32'));
    expect(state.ranks).toEqual(['1']);
    expect(notices.at(-1)).toBe('adapter ranks: none of 64, 128 fits min(d, k) = 16; using 1.');
  });
});

describe('labConfig', () => {
  it('keeps the ranks that fit, caps the target rank at min(d, k) and turns the batch setting into rows', () => {
    const config = labConfig({ ...labDefaults, d: 16, k: 32, ranks: ['1', '4', '16', '64'], targetRank: 99, batch: '64' });
    expect(config.ranks).toEqual([1, 4, 16]);
    expect(config.targetRank).toBe(16);
    expect(config.batchSize).toBe(64);
  });
});

describe('nextLabCharts', () => {
  const config = { ...labConfig({ ...labDefaults, ranks: ['1', '4'] }), steps: 4 };
  const data = emptyLabData(config);

  it('redraws the loss curves every time, the gradient curves every other time and the final-loss chart every third', () => {
    const first = nextLabCharts(data, null, 1, false);
    const second = nextLabCharts(data, first, 2, false);
    const third = nextLabCharts(data, second, 3, false);
    const fourth = nextLabCharts(data, third, 4, false);
    expect(second.curves).not.toBe(first.curves);
    expect(second.grads).toBe(first.grads);
    expect(third.grads).not.toBe(second.grads);
    expect([second.final, third.final]).toEqual([first.final, first.final]);
    expect(fourth.final).not.toBe(third.final);
  });

  it('draws the first-step chart once every law has arrived, and everything at the end', () => {
    const early = nextLabCharts(data, null, 1, false);
    expect(early.first).toBeNull();
    const law = runLab({ ...config, d: 16, k: 16, ranks: [1, 4, 16], steps: 1, batchSize: undefined }).laws;
    expect(law).toHaveLength(4);
    // Not while the laws arrive one by one: once all of them are in.
    const one = nextLabCharts({ ...data, laws: law.slice(0, 1) }, early, 2, false);
    expect(one.first).toBeNull();
    const all = { ...data, laws: law };
    const four = nextLabCharts(all, one, 3, false);
    expect(four.first).not.toBeNull();
    expect(nextLabCharts(all, four, 4, false).first).toBe(four.first);
    const end = nextLabCharts(data, early, 2, true);
    expect(end.grads).not.toBe(early.grads);
    expect(end.final).not.toBe(early.final);
  });

  it('builds the every-step table only when asked, from the data as it is then', () => {
    // Built on every redraw, the table's tens of thousands of rows survived into each garbage
    // collection of the main thread: scavenges of 12–26 ms inside chart draws (traced).
    const live = runLab({ ...small, steps: 3 });
    const view = nextLabCharts(live, null, 1, false);
    expect(typeof view.curvesTable).toBe('function');
    expect(resolveTable(view.curvesTable).rows).toHaveLength(12 * 3);
    expect(resolveTable(view.curvesTable)).toEqual(curvesTable(live));
  });
});
