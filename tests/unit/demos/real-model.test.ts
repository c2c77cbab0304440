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
  type LmWeights,
} from '@lora-rank/core/lm';
import {
  lmRun,
  lmRunConfig,
  updateSpectra,
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
import { committedLine, sameRun, scoreGap } from '../../../src/demos/real-model/committed.ts';

// A tiny model of the corpus' vocabulary: the panel's procedure, at a size a unit test can train.
const tiny: LmWeights = initLm(lmConfig({ vocab: CORPUS_VOCAB, context: 64, dModel: 16, nLayers: 2, nHeads: 2 }), 0);
const base: LmRunConfig = { task: 'facts', n: 4, mode: 'lora', rank: 2, scaling: 'standard', targets: 'all', lr: 1e-2, steps: 7, seed: 3 };

const runs = new Map<string, LmRunMessage[]>();

/** One run of the panel's procedure on the tiny model, computed once per config (the scoring generates text, which takes seconds). */
function run(config: LmRunConfig): { chunks: Extract<LmRunMessage, { kind: 'chunk' }>[]; result: LmRunResult } {
  const key = JSON.stringify(config);
  if (!runs.has(key)) runs.set(key, [...lmRun(tiny, config)]);
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
    const messages = [...lmRun(tiny, base)];
    const b = { result: (messages.at(-1) as Extract<LmRunMessage, { kind: 'result' }>).result };
    expect(b.result.scores).toEqual(a.result.scores);
    expect([...b.result.files.model]).toEqual([...a.result.files.model]);
    expect(run({ ...base, seed: 4 }).result.scores.taskLossAfter).not.toBe(a.result.scores.taskLossAfter);
  });

  it("scores before are the base model's, whatever is trained; scores are finite shares and losses", () => {
    const lora = run(base).result.scores;
    const full = run({ ...base, mode: 'full', lr: 1e-3 }).result.scores;
    expect(full.taskLossBefore).toBe(lora.taskLossBefore);
    expect(full.corpusLossBefore).toBe(lora.corpusLossBefore);
    expect(full.worldBefore).toBe(lora.worldBefore);
    for (const s of [lora, full]) {
      for (const x of [s.taskLossBefore, s.taskLossAfter, s.corpusLossBefore, s.corpusLossAfter]) expect(x).toBeGreaterThan(0);
      for (const x of [s.recallBefore!, s.recallAfter!, s.worldBefore, s.worldAfter]) expect(x).toBeGreaterThanOrEqual(0);
      expect(s.pirateAfter).toBeUndefined();
    }
    const style = run({ ...base, task: 'style' }).result.scores;
    expect(style.pirateAfter).toBeGreaterThanOrEqual(0);
    expect(style.recallAfter).toBeUndefined();
  });

  it('LoRA: one spectrum per adapted matrix, of rank at most r; the files load back as the same adapters', () => {
    const { result } = run(base);
    expect(result.updates).toHaveLength(2 * 6);
    for (const u of result.updates) {
      expect(u.rank90).toBeLessThanOrEqual(base.rank);
      expect(u.rank99).toBeGreaterThanOrEqual(u.rank90);
      expect(u.s.length).toBeLessThanOrEqual(base.rank);
    }
    const attention = run({ ...base, targets: 'attention' }).result;
    expect(new Set(attention.updates.map((u) => u.module))).toEqual(new Set(['q_proj', 'k_proj', 'v_proj', 'o_proj']));
    expect(result.trainable).toBe(2 * (4 * 2 * (16 + 16) + 2 * (16 + 64) + 2 * (64 + 16)));
    expect(result.files.modelName).toBe('adapter_model.safetensors');
    const adapters = loadLmAdapters({ model: result.files.model, config: result.files.config }, tiny.config);
    expect(adapters).toMatchObject({ rank: 2, scaling: 'standard' });
    expect(JSON.parse(result.files.config)).toMatchObject({ r: 2, peft_type: 'LORA' });
  });

  it("full fine-tuning: every linear layer's W − W₀, whose spectrum is that of the saved weights minus the base", () => {
    const { result } = run({ ...base, mode: 'full', lr: 1e-3 });
    expect(result.updates).toHaveLength(2 * 6);
    expect(result.files.modelName).toBe('model.safetensors');
    const tuned = loadLm({ model: result.files.model, config: result.files.config });
    // The saved F32 weights give the same spectra to float32 rounding of W.
    const again = updateSpectra(tiny, { mode: 'full', weights: tuned, adapters: null });
    result.updates.forEach((u, i) => {
      expect(again[i]!.name).toBe(u.name);
      expect(Math.abs(again[i]!.frobenius - u.frobenius)).toBeLessThan(1e-5 * Math.max(1, u.frobenius) + 1e-6);
    });
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
    // Both charts render.
    for (const builder of [(size: ChartSize) => lossChart(points, 10, size), (size: ChartSize) => rankChart(result, size)]) {
      expect(renderStaticChart(builder)).toMatch(/<svg[^]*<svg/);
    }
  });
});

describe('the real-model panel: committed runs', () => {
  const result = { config: base, scores: run(base).result.scores };

  it('matches a committed run by what the run depends on', () => {
    expect(sameRun(base, { ...base })).toBe(true);
    expect(sameRun(base, { ...base, seed: 4 })).toBe(false);
    expect(sameRun({ ...base, mode: 'full' }, { ...base, mode: 'full', rank: 64 })).toBe(true);
    expect(sameRun({ ...base, task: 'style' }, { ...base, task: 'style', n: 99 })).toBe(true);
  });

  it('says whether the scores agree, to a relative tolerance', () => {
    expect(scoreGap(result.scores, result.scores)).toBe(0);
    expect(committedLine(result, [])).toBeNull();
    expect(committedLine(result, [result])).toMatch(/agrees with them exactly\.$/);
    const off = { ...result.scores, taskLossAfter: result.scores.taskLossAfter * 1.01 };
    expect(committedLine(result, [{ config: base, scores: off }])).toMatch(/differs by 0.99 %/);
  });
});
