import { describe, expect, it } from 'vitest';
import { createTrainer, regressionTask } from '@lora-rank/core/train';
import { addChunks, emptyLabData, labOptimizerConfig, labRuns, labTarget, runLab, type LabConfig } from '../../../src/demos/lab/model.ts';
import { divergedRuns, labSeries, logLogFit, overshootNote, PREDICTED_SLOPE } from '../../../src/demos/lab/summary.ts';
import { labBatchSize, labDefaults, labRanks, labSchema, labConfig, parseLabParams } from '../../../src/demos/lab/params.ts';
import { parseParams } from '../../../src/runtime/urlParams.ts';
import { curvesChart, curvePoints, describeLab, finalLossChart, thin, curvesTable } from '../../../src/demos/lab/charts.ts';
import { nextLabCharts } from '../../../src/demos/lab/view.ts';

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

  it('names the series whose first step raised the loss', () => {
    const base = {
      optimizer: 'adam',
      scaling: 'rslora',
      label: 'Adam, α/√r',
      ranks: [1, 4, 16],
      finalLoss: [1, 1, 1],
      measuredSlope: Number.NaN,
      predictedSlope: 0.5,
      diverged: [false, false, false],
    } as const;
    expect(
      overshootNote([
        { ...base, ranks: [...base.ranks], finalLoss: [...base.finalLoss], diverged: [...base.diverged], firstDrop: [0.1, 0.2, 0.3] },
      ]),
    ).toBe('');
    expect(
      overshootNote([
        { ...base, ranks: [...base.ranks], finalLoss: [...base.finalLoss], diverged: [...base.diverged], firstDrop: [0.1, -0.2, -3] },
      ]),
    ).toMatch(/^The first step raised the loss for Adam, α\/√r at r = 4, 16:/);
    // Not yet measured is not an overshoot.
    expect(
      overshootNote([
        { ...base, ranks: [...base.ranks], finalLoss: [...base.finalLoss], diverged: [...base.diverged], firstDrop: [Number.NaN, 1, 1] },
      ]),
    ).toBe('');
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

  it('measures first-step slopes close to the predicted laws on the default sweep', () => {
    const series = labSeries(runLab({ ...labDefaults, ranks: labRanks(labDefaults), steps: 2 }));
    for (const s of series) {
      expect(s.predictedSlope).toBe(PREDICTED_SLOPE[s.optimizer][s.scaling]);
      expect(Math.abs(s.measuredSlope - s.predictedSlope)).toBeLessThan(0.3);
    }
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

  it('draws the first-step chart only once every run has its first step, and everything at the end', () => {
    const early = nextLabCharts(data, null, 1, false);
    expect(early.first).toBeNull();
    const end = nextLabCharts(data, early, 2, true);
    expect(end.grads).not.toBe(early.grads);
    expect(end.final).not.toBe(early.final);
  });
});
