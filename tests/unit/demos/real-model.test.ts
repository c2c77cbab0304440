import { describe, expect, it } from 'vitest';
import type { ChartSize } from '../../../src/runtime/charts/chartFrame.ts';
import { renderStaticChart } from '../../../src/build/renderStaticChart.ts';
import {
  CORPUS_VOCAB,
  FINETUNE_DEFAULTS,
  initLm,
  lmConfig,
  loadLm,
  loadLmAdapters,
  parameterCount,
  pretrainWorld,
  type LmWeights,
} from '@lora-rank/core/lm';
import { lmRun, runKey } from '@lora-rank/core/lm-experiments';
import {
  baseScores,
  lmPanelRun,
  lmRunConfig,
  lmRunSpec,
  type LmRunConfig,
  type LmRunMessage,
  type LmRunResult,
} from '../../../src/demos/real-model/model.ts';
import { lmPanelDefaults, parseLmPanelParams } from '../../../src/demos/real-model/params.ts';
import {
  describeLoss,
  describeRanks,
  lossChart,
  lossPoints,
  median,
  rankChart,
  rankPoints,
  smoothed,
  updatesTable,
} from '../../../src/demos/real-model/charts.ts';
import { committedLine, committedRuns, measuredGap } from '../../../src/demos/real-model/committed.ts';

// A tiny model of the corpus' vocabulary: the panel's procedure, at a size a unit test can train.
const tiny: LmWeights = initLm(lmConfig({ vocab: CORPUS_VOCAB, context: 64, dModel: 16, nLayers: 2, nHeads: 2 }), 0);
const base: LmRunConfig = { task: 'facts', n: 4, mode: 'lora', rank: 2, scaling: 'standard', targets: 'all', lr: 1e-2, steps: 7, seed: 3 };

const runs = new Map<string, LmRunMessage[]>();

/** One run of the panel's procedure on the tiny model, computed once per config (the scoring generates text, which takes seconds). */
function run(config: LmRunConfig): { chunks: Extract<LmRunMessage, { kind: 'chunk' }>[]; result: LmRunResult } {
  const key = JSON.stringify(config);
  if (!runs.has(key)) runs.set(key, [...lmPanelRun(tiny, config)]);
  const messages = runs.get(key)!;
  const last = messages.at(-1)!;
  if (last.kind !== 'result') throw new Error('no result');
  return { chunks: messages.filter((m) => m.kind === 'chunk'), result: last.result };
}

describe('the real-model panel: state and config', () => {
  it('resolves "default" to the task\'s learning rate (LoRA or full) and steps', () => {
    const style = lmRunConfig(lmPanelDefaults);
    expect(style).toMatchObject({
      task: 'style',
      mode: 'lora',
      rank: 8,
      lr: FINETUNE_DEFAULTS.style.loraLr,
      steps: FINETUNE_DEFAULTS.style.steps,
      seed: 0,
    });
    const full = lmRunConfig({ ...lmPanelDefaults, task: 'facts', mode: 'full', lr: '1e-3', steps: '50' });
    expect(full).toMatchObject({ task: 'facts', mode: 'full', lr: 1e-3, steps: 50, n: 32 });
    expect(lmRunConfig({ ...lmPanelDefaults, mode: 'full' }).lr).toBe(FINETUNE_DEFAULTS.style.fullLr);
  });

  it('reads a permalink, fixing bad values with a notice', () => {
    const { state, notices } = parseLmPanelParams(new URLSearchParams('lm-task=facts&lm-n=9999&lm-rank=3&lm-lr=banana&lm-seed=7'));
    expect(state).toMatchObject({ task: 'facts', n: 256, rank: '8', lr: 'default', seed: 7 });
    expect(notices.length).toBe(3);
  });
});

describe('the real-model panel: one run', () => {
  it('streams every step once, in order, then a result; the same config gives the same bits', () => {
    const a = run(base);
    expect(lossPoints(a.chunks).map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const messages = [...lmPanelRun(tiny, base)];
    const b = (messages.at(-1) as Extract<LmRunMessage, { kind: 'result' }>).result;
    expect(b.measured).toEqual(a.result.measured);
    expect(b.after).toEqual(a.result.after);
    expect([...b.files.model]).toEqual([...a.result.files.model]);
    expect(run({ ...base, seed: 4 }).result.after.heldoutLoss).not.toBe(a.result.after.heldoutLoss);
  });

  it("is the core's run of the same spec: the measurements the committed results hold, under the same key", () => {
    const { result } = run(base);
    const spec = lmRunSpec(base);
    expect(spec).toMatchObject({
      task: 'facts',
      size: 4,
      mode: 'lora',
      rank: 2,
      batchSize: FINETUNE_DEFAULTS.facts.batchSize,
      seed: 3,
      spectra: true,
    });
    expect(result.key).toBe(runKey(spec));
    const { spectra: _s, spec: _spec, ...core } = lmRun(tiny, pretrainWorld(), spec);
    expect(result.measured).toEqual(core);
    expect(lmRunSpec({ ...base, task: 'style' }).size).toBe(FINETUNE_DEFAULTS.style.people);
  });

  it("scores before are the base model's, whatever is trained; scores are finite shares and losses", () => {
    const lora = run(base).result;
    const full = run({ ...base, mode: 'full', lr: 1e-3 }).result;
    expect(full.before).toEqual(lora.before);
    // Computed once per base model and task: the same object for another run of the same task.
    expect(baseScores(tiny, { ...base, rank: 4 })).toBe(baseScores(tiny, base));
    expect(baseScores(tiny, { ...base, seed: 9 })).not.toBe(baseScores(tiny, base));
    for (const r of [lora, full]) {
      for (const x of [r.before.heldoutLoss, r.after.heldoutLoss, r.before.pretrainLoss, r.after.pretrainLoss])
        expect(x).toBeGreaterThan(0);
      for (const x of [r.before.measure, r.after.measure, r.before.world, r.after.world]) expect(x >= 0 && x <= 1).toBe(true);
      expect(r.after.measure).toBe(r.measured.recall);
    }
    const style = run({ ...base, task: 'style' }).result;
    expect(style.after.measure).toBe(style.measured.pirate);
    expect(Number.isNaN(style.measured.recall)).toBe(true);
  });

  it('LoRA: one spectrum per adapted matrix, of rank at most r; the files load back as the same adapters', () => {
    const { result } = run(base);
    expect(result.updates).toHaveLength(2 * 6);
    for (const u of result.updates) {
      expect(u.rank90).toBeLessThanOrEqual(base.rank);
      expect(u.rank99).toBeGreaterThanOrEqual(u.rank90);
    }
    const attention = run({ ...base, targets: 'attention' }).result;
    expect(new Set(attention.updates.map((u) => u.module))).toEqual(new Set(['q_proj', 'k_proj', 'v_proj', 'o_proj']));
    expect(result.trainable).toBe(2 * (4 * 2 * (16 + 16) + 2 * (16 + 64) + 2 * (64 + 16)));
    expect(result.files.modelName).toBe('adapter_model.safetensors');
    const adapters = loadLmAdapters({ model: result.files.model, config: result.files.config }, tiny.config);
    expect(adapters).toMatchObject({ rank: 2, scaling: 'standard' });
    expect(JSON.parse(result.files.config)).toMatchObject({ r: 2, peft_type: 'LORA' });
  });

  it("full fine-tuning: every linear layer's update, and a checkpoint that loads as the model", () => {
    const { result } = run({ ...base, mode: 'full', lr: 1e-3 });
    expect(result.updates).toHaveLength(2 * 6);
    expect(result.files.modelName).toBe('model.safetensors');
    const tuned = loadLm({ model: result.files.model, config: result.files.config });
    expect(tuned.config).toEqual(tiny.config);
    expect(result.trainable).toBe(parameterCount(tiny.config));
  });
});

describe('the real-model panel: charts and text', () => {
  const points = lossPoints([
    { firstStep: 1, loss: [3, 2, 1] },
    { firstStep: 4, loss: [1, 1] },
  ]);

  it('smoothing keeps a constant curve and the steps, and never widens the range', () => {
    const flat = smoothed(points.map((p) => ({ ...p, loss: 0.5 })));
    expect(flat.every((p) => p.loss === 0.5)).toBe(true);
    const s = smoothed(points, 3);
    expect(s.map((p) => p.step)).toEqual([1, 2, 3, 4, 5]);
    expect(s[1]!.loss).toBeCloseTo(2, 14);
    for (const p of s) expect(p.loss >= 1 && p.loss <= 3).toBe(true);
  });

  it('median, rank points within each column, texts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
    const { result } = run(base);
    const pts = rankPoints(result.updates);
    for (const p of pts) expect(Math.abs(p.x - Math.round(p.x))).toBeLessThanOrEqual(0.25);
    expect(describeLoss(points, 10)).toBe('Training loss over 5 of 10 steps: 3 at step 1, 1 at step 5 (mean of the last 5 steps 1.6).');
    expect(describeRanks(result.updates, 2)).toMatch(/^Rank holding 90 % of each update's energy, over 12 matrices: median \d/);
    expect(updatesTable(result.updates).rows).toHaveLength(12);
    for (const builder of [(size: ChartSize) => lossChart(points, 10, size), (size: ChartSize) => rankChart(result, size)]) {
      expect(renderStaticChart(builder)).toMatch(/<svg[^]*<svg/);
    }
  });
});

describe('the real-model panel: committed runs', () => {
  const { result } = run(base);
  const committed = committedRuns([{ key: result.key, result: { ...result.measured, spectra: [] } }]);

  it('keeps only the compared measurements (NaN, which JSON writes as null, stays null)', () => {
    expect(Object.keys(committed[0]!.result).sort()).toEqual([
      'heldoutLoss',
      'heldoutRecall',
      'pirate',
      'pretrainLoss',
      'recall',
      'trainLoss',
      'truthful',
    ]);
    expect(committedRuns([{ key: 'k', result: { pirate: null } }])[0]!.result.pirate).toBeNull();
  });

  it('finds the committed run by key and says whether the measurements agree, to a relative tolerance', () => {
    expect(measuredGap(result.measured, committed[0]!.result)).toBe(0);
    expect(committedLine(result, [])).toBeNull();
    expect(committedLine(result, committed)).toMatch(/agree with them to every digit kept\.$/);
    const rounded = { ...committed[0]!.result, heldoutLoss: Number(result.measured.heldoutLoss.toPrecision(7)) };
    expect(committedLine(result, [{ key: result.key, result: rounded }])).toMatch(/agree with them to/);
    const off = { ...committed[0]!.result, heldoutLoss: result.measured.heldoutLoss * 1.01 };
    expect(committedLine(result, [{ key: result.key, result: off }])).toMatch(/differs by 0.99 %/);
  });
});
