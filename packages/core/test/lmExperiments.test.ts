import { describe, expect, it } from 'vitest';
import { CORPUS_VOCAB, createLmAdapters, createWorld, initLm, lmConfig, mergeLmAdapters } from '../src/lm/index.ts';
import {
  BITS_PER_FACT,
  LM_EXPERIMENT_SETTINGS,
  type LmExperimentSettings,
  type LmRunResult,
  type RecordedRun,
  capacityBits,
  factsCapacitySearch,
  factsSteps,
  fullSpectraSpecs,
  gapClosed,
  lmExperiments,
  lmRun,
  loraParameters,
  rankSweepSpecs,
  rankToMatch,
  runKey,
  scalingSpecs,
  spectraSummary,
  spread,
  summarizeLmExperiments,
  weightDeltaSpectra,
} from '../src/lmExperiments/index.ts';
import { RandomState } from '../src/index.ts';
import { close } from './close.ts';

// A small model with the shipped context (the forgetting batch is 64 characters wide): 1 block of width 16.
const config = lmConfig({ vocab: CORPUS_VOCAB, context: 64, dModel: 16, nLayers: 1, nHeads: 2 });
const base = initLm(config, 0);
const world = createWorld({ seed: 0, people: 16 });

const tiny: LmExperimentSettings = {
  ...LM_EXPERIMENT_SETTINGS.quick,
  style: { size: 4, steps: 2, batchSize: 2, loraLr: 1e-2, fullLr: 1e-3 },
  facts: { size: 2, steps: 2, batchSize: 2, loraLr: 1e-2, fullLr: 1e-3 },
  spectraFactsSizes: [2],
  ranks: [1, 2],
  attentionRanks: [1],
  scalingRanks: [1, 2],
  lrFactors: [1, 2],
  capacityRanks: [1],
  capacityStart: 1,
  capacityMax: 2,
  capacityBisections: 1,
};

function perturbed(seed: number, rank: number) {
  // base + a random rank-`rank` update on every linear layer (through LoRA factors with random B)
  const adapters = createLmAdapters(config, { rank, alpha: rank, seed });
  const rng = new RandomState(seed + 100);
  for (const layer of adapters.layers) for (const m of adapters.targets) layer[m]!.b.data.set(rng.randn(1, layer[m]!.b.data.length).data);
  return mergeLmAdapters(base, adapters);
}

describe('weightDeltaSpectra', () => {
  it('a LoRA update of rank r has at most r non-negligible singular values, and rank90, rank99 ≤ r', () => {
    for (const rank of [1, 2, 3]) {
      for (const seed of [0, 1]) {
        const rows = weightDeltaSpectra(base, perturbed(seed, rank));
        expect(rows).toHaveLength(6);
        for (const m of rows) {
          expect(m.s.length).toBe(16);
          for (let i = rank; i < m.s.length; i++) expect(m.s[i]).toBeLessThan(1e-12 * m.s[0]);
          expect(m.rank90).toBeLessThanOrEqual(rank);
          expect(m.rank99).toBeLessThanOrEqual(rank);
          expect(m.rank90).toBeLessThanOrEqual(m.rank99);
          expect(m.stableRank).toBeGreaterThanOrEqual(1);
          expect(m.stableRank).toBeLessThanOrEqual(rank + 1e-9);
          expect(m.effectiveRank).toBeLessThanOrEqual(rank + 1e-6);
          close(m.frobenius, Math.hypot(...m.s), { rtol: 1e-12 });
        }
      }
    }
  });

  it('no update: every rank is 0; kinds and shapes follow the modules', () => {
    const rows = weightDeltaSpectra(base, base);
    expect(rows.every((m) => m.rank90 === 0 && m.frobenius === 0 && m.stableRank === 0)).toBe(true);
    expect(rows.map((m) => m.kind)).toEqual(['attention', 'attention', 'attention', 'attention', 'mlp', 'mlp']);
    expect(rows[4].shape).toEqual([64, 16]);
  });

  it('rejects models of different shapes', () => {
    expect(() =>
      weightDeltaSpectra(base, initLm(lmConfig({ vocab: CORPUS_VOCAB, context: 64, dModel: 8, nLayers: 1, nHeads: 2 }), 0)),
    ).toThrow(RangeError);
  });
});

describe('summaries', () => {
  it('spread: median, NumPy quartiles, NaN skipped', () => {
    expect(spread([4, 1, 3, 2, NaN])).toEqual({ n: 4, median: 2.5, q25: 1.75, q75: 3.25, min: 1, max: 4, mean: 2.5 });
    expect(spread([]).n).toBe(0);
  });

  it('gapClosed and rankToMatch: the smallest rank closing 90 % of the base–full gap, losses and recall alike', () => {
    expect(gapClosed(1.2, 2, 1)).toBeCloseTo(0.8, 12);
    expect(gapClosed(0.45, 0, 0.5)).toBeCloseTo(0.9, 12);
    const loss = [
      { rank: 16, value: 1.0 },
      { rank: 1, value: 1.5 },
      { rank: 4, value: 1.08 },
    ];
    expect(rankToMatch(loss, 2, 1)).toBe(4);
    expect(rankToMatch(loss, 2, 1, 0.99)).toBe(16);
    expect(rankToMatch([{ rank: 1, value: 0.2 }], 0, 1)).toBeNull();
    expect(
      rankToMatch(
        [
          { rank: 8, value: 0.95 },
          { rank: 64, value: 1 },
        ],
        0,
        1,
      ),
    ).toBe(8);
  });

  it('capacityBits: log2 192 bits per fact recalled, per nominal parameter', () => {
    close(BITS_PER_FACT, Math.log2(192), { rtol: 1e-15 });
    const c = capacityBits(32, 4608);
    close(c.bits, 32 * Math.log2(192), { rtol: 1e-15 });
    close(c.bitsPerParameter, c.bits / 4608, { rtol: 1e-15 });
    // The shipped model: r·(4·(64 + 64) + (256 + 64) + (64 + 256))·4 = 4608·r on all six; 2048·r on attention.
    const shipped = lmConfig({ vocab: CORPUS_VOCAB, context: 64, dModel: 64, nLayers: 4, nHeads: 4 });
    expect(loraParameters(shipped, 1, ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'up_proj', 'down_proj'])).toBe(4608);
    expect(loraParameters(shipped, 8, ['q_proj', 'k_proj', 'v_proj', 'o_proj'])).toBe(8 * 2048);
  });

  it('spectraSummary groups full runs by task and size, energies in [0, 1] and increasing', () => {
    const mk = (task: 'style' | 'facts', seed: number, rank: number): LmRunResult =>
      ({
        spec: { task, size: 4, mode: 'full', lr: 1e-3, steps: 1, batchSize: 1, seed, spectra: true },
        spectra: weightDeltaSpectra(base, perturbed(seed, rank)),
      }) as LmRunResult;
    const [style, facts] = spectraSummary([mk('style', 0, 1), mk('style', 1, 1), mk('facts', 0, 8), mk('facts', 1, 8)]);
    expect(style).toMatchObject({ task: 'style', seeds: [0, 1], matrices: 6 });
    expect(style.rank90.median).toBe(1);
    expect(facts.rank90.median).toBeGreaterThan(style.rank90.median);
    expect(style.medianRank90PerSeed).toEqual([1, 1]);
    expect(style.byKind.attention.rank90.n).toBe(8);
    expect(style.byLayer).toHaveLength(1);
    for (const s of [style, facts]) {
      expect(s.energyCurve).toHaveLength(16);
      s.energyCurve.forEach((e, i) => {
        expect(e).toBeGreaterThanOrEqual(0);
        expect(e).toBeLessThanOrEqual(1 + 1e-12);
        if (i > 0) expect(e).toBeGreaterThanOrEqual(s.energyCurve[i - 1] - 1e-12);
      });
      close(s.energyCurve[15], 1, { rtol: 1e-12 });
    }
    close(style.energyCurve[0], 1, { rtol: 1e-9 });
  });
});

describe('plans', () => {
  it('runKey: full runs ignore LoRA fields, rank 1 ignores the scaling, defaults filled', () => {
    const s = { task: 'facts', size: 32, mode: 'lora', lr: 5e-3, steps: 100, batchSize: 16, seed: 0 } as const;
    expect(runKey({ ...s, rank: 1, scaling: 'rslora' })).toBe(
      runKey({ ...s, rank: 1, scaling: 'standard', targets: 'all', alpha: 16, warmup: 10 }),
    );
    expect(runKey({ ...s, rank: 2, scaling: 'rslora' })).not.toBe(runKey({ ...s, rank: 2 }));
    expect(runKey({ ...s, mode: 'full', rank: 4 })).toBe(runKey({ ...s, mode: 'full', rank: 8, targets: 'attention' }));
  });

  it('the specs cover what the settings ask', () => {
    const full = LM_EXPERIMENT_SETTINGS.full;
    expect(fullSpectraSpecs(full)).toHaveLength(full.spectraSeeds.length * (1 + full.spectraFactsSizes.length));
    const sweep = rankSweepSpecs(full);
    expect(sweep).toHaveLength(full.sweepSeeds.length * 2 * (2 + full.ranks.length + full.attentionRanks.length));
    expect(sweep.filter((s) => s.steps === 0).every((s) => s.mode === 'lora')).toBe(true);
    const sc = scalingSpecs(full);
    expect(sc).toHaveLength(full.scalingTasks.length * full.scalingRanks.length * 2 * full.lrFactors.length);
    // the fixed-rate α/r runs are the sweep's own
    const sweepKeys = new Set(sweep.map(runKey));
    expect(
      sc
        .filter((s) => s.scaling === 'standard' && s.lr === full[s.task].loraLr && full.ranks.includes(s.rank!))
        .every((s) => sweepKeys.has(runKey(s))),
    ).toBe(true);
  });

  it('factsCapacitySearch doubles while recall ≥ threshold, then bisects; returns the largest N recalled', () => {
    const settings = { ...tiny, capacityStart: 8, capacityMax: 512, capacityBisections: 3 };
    const truth = 45; // recall ≥ 0.9 up to 45 facts
    const gen = factsCapacitySearch(settings, 4);
    const tried: number[] = [];
    let step = gen.next();
    while (!step.done) {
      const n = step.value.size;
      tried.push(n);
      expect(step.value).toMatchObject({ task: 'facts', mode: 'lora', rank: 4, steps: factsSteps(settings, n) });
      const recall = n <= truth ? 1 : 0.5;
      step = gen.next({ spec: step.value, recall, recalled: Math.round(recall * n) } as LmRunResult);
    }
    expect(tried).toEqual([8, 16, 32, 64, 48, 40, 44]);
    expect(step.value).toMatchObject({ rank: 4, largestN: 44, recalled: 44 });
  });
});

describe('factsSteps', () => {
  it('the default steps up to the default size, then as many epochs, capped', () => {
    const s = { facts: { size: 32, steps: 100, batchSize: 16, loraLr: 1, fullLr: 1 }, factsMaxSteps: 400 };
    expect([8, 32, 48, 64, 128, 256].map((n) => factsSteps(s, n))).toEqual([100, 100, 150, 200, 400, 400]);
  });
});

describe('lmRun and lmExperiments (tiny model)', () => {
  it('lmRun is deterministic, measures the task, and LoRA updates have rank ≤ r', () => {
    const spec = { task: 'facts', size: 2, mode: 'lora', rank: 2, lr: 1e-2, steps: 2, batchSize: 2, seed: 0, spectra: true } as const;
    const a = lmRun(base, world, spec);
    const b = lmRun(base, world, spec);
    expect(a).toEqual(b);
    expect(a.parameters).toBe(loraParameters(config, 2, ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'up_proj', 'down_proj']));
    expect(a.recall).toBeGreaterThanOrEqual(0);
    expect(Number.isNaN(a.pirate)).toBe(true);
    expect(a.spectra!.every((m) => m.rank90 <= 2 && m.s.slice(2).every((v) => v < 1e-10 * m.s[0]))).toBe(true);
    const baseline = lmRun(base, world, { ...spec, steps: 0, spectra: false });
    expect(Number.isNaN(baseline.trainLoss)).toBe(true);
    const style = lmRun(base, world, { task: 'style', size: 4, mode: 'full', lr: 1e-3, steps: 1, batchSize: 2, seed: 1 });
    expect(style.pirate).toBeGreaterThanOrEqual(0);
    expect(style.parameters).toBeGreaterThan(a.parameters);
  });

  it('runs every experiment once, reuses shared runs, and the summary has every section', () => {
    const events = [...lmExperiments(base, world, tiny)];
    const runs: RecordedRun[] = [];
    for (const e of events) {
      const known = runs.find((r) => r.key === e.key);
      expect(e.reused).toBe(known !== undefined);
      if (known) {
        known.experiments.push(e.experiment);
        if (e.capacityRank !== undefined) known.capacityRanks = [e.capacityRank];
      } else
        runs.push({
          key: e.key,
          experiments: [e.experiment],
          capacityRanks: e.capacityRank === undefined ? undefined : [e.capacityRank],
          seconds: 0,
          result: e.result,
        });
    }
    expect(events.some((e) => e.reused)).toBe(true);
    expect(new Set(events.map((e) => e.experiment))).toEqual(new Set(['fullSpectra', 'rankSweep', 'scaling', 'capacity']));
    const s = summarizeLmExperiments(tiny, config, runs);
    expect(s.fullSpectra.map((x) => x.task)).toEqual(['style', 'facts']);
    expect(s.rankSweep.map((c) => `${c.task}:${c.targets}`)).toEqual(['style:all', 'style:attention', 'facts:all', 'facts:attention']);
    expect(s.scaling).toHaveLength(2);
    expect(s.capacity).toHaveLength(1);
    expect(s.forgetting.filter((f) => f.mode === 'base')).toHaveLength(2);
    // forgetting: the base row is the untrained model's loss
    const b = s.forgetting.find((f) => f.task === 'style' && f.mode === 'base')!;
    expect(b.pretrainLoss.median).toBe(runs.find((r) => r.result.spec.steps === 0 && r.result.spec.task === 'style')!.result.pretrainLoss);
    expect(s.headline.medianRank90).toHaveLength(2);
    // known runs are not made again
    const again = [...lmExperiments(base, world, tiny, { known: new Map(runs.map((r) => [r.key, r.result])) })];
    expect(again.map((e) => e.key)).toEqual(events.map((e) => e.key));
    expect(again.every((e) => e.reused)).toBe(true);
  }, 60_000);
});
