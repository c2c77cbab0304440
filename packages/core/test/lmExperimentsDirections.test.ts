import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lmLoss, loadLm, pretrainHeldout, pretrainWorld } from '../src/lm/index.ts';
import { lmRun, spread } from '../src/lmExperiments/index.ts';

// Reduced versions of the experiments on the shipped model: 10 steps of 8 rows, 3 seeds.
const dir = new URL('../../../public/models/base/', import.meta.url);
const base = loadLm({ model: readFileSync(new URL('model.safetensors', dir)), config: readFileSync(new URL('config.json', dir), 'utf8') });
const world = pretrainWorld();

describe('style against facts on the shipped model (reduced)', () => {
  it('full fine-tuning: the facts update has higher rank than the style update, seed by seed, and both forget', () => {
    const untrained = lmLoss(base, pretrainHeldout());
    for (const seed of [0, 1, 2]) {
      const run = (task: 'style' | 'facts') =>
        lmRun(base, world, {
          task,
          size: 32,
          mode: 'full',
          lr: task === 'style' ? 3e-4 : 1e-3,
          steps: 10,
          batchSize: 8,
          seed,
          spectra: true,
        });
      const style = run('style');
      const facts = run('facts');
      const med = (r: typeof style, k: 'rank90' | 'stableRank') => spread(r.spectra!.map((m) => m[k])).median;
      // measured: rank90 10 against 12.5–13, stable rank 3.2–3.4 against 4.4–4.6
      expect(med(style, 'rank90')).toBeLessThan(med(facts, 'rank90'));
      expect(med(style, 'stableRank')).toBeLessThan(med(facts, 'stableRank'));
      for (const r of [style, facts]) {
        expect(r.pretrainLoss).toBeGreaterThan(untrained);
        for (const m of r.spectra!) {
          expect(m.rank90).toBeGreaterThan(0);
          expect(m.rank90).toBeLessThanOrEqual(m.rank99);
        }
      }
    }
  }, 120_000);
});

describe('LoRA rank and scale on the shipped model (reduced)', () => {
  it('the rank sweep: a rank-8 adapter learns the new facts better than a rank-1 one, and LoRA at low rank forgets less than full fine-tuning, seed by seed', () => {
    for (const seed of [0, 1, 2]) {
      const lora = (rank: number) =>
        lmRun(base, world, { task: 'facts', size: 16, mode: 'lora', rank, lr: 5e-3, steps: 30, batchSize: 8, seed });
      const r1 = lora(1);
      const r8 = lora(8);
      const full = lmRun(base, world, { task: 'facts', size: 16, mode: 'full', lr: 1e-3, steps: 30, batchSize: 8, seed });
      // The task's own held-out loss: the rank-8 adapter fits the new bindings better.
      expect(r8.heldoutLoss).toBeLessThan(r1.heldoutLoss);
      expect(r8.trainLoss).toBeLessThan(r1.trainLoss);
      expect(r1.pretrainLoss).toBeLessThan(full.pretrainLoss);
    }
  }, 300_000);

  it('the scale: at one learning rate, α/√r makes the update larger than α/r by about √r (Adam steps A and B by the rate whatever γ)', () => {
    for (const seed of [0, 1, 2]) {
      const run = (scaling: 'standard' | 'rslora') =>
        lmRun(base, world, {
          task: 'facts',
          size: 16,
          mode: 'lora',
          rank: 16,
          scaling,
          lr: 1e-3,
          steps: 3,
          batchSize: 4,
          warmup: 0,
          seed,
          spectra: true,
        });
      const norm = (r: ReturnType<typeof run>) => Math.hypot(...r.spectra!.map((m) => m.frobenius));
      const ratio = norm(run('rslora')) / norm(run('standard'));
      // γ grows by √16 = 4; the first Adam steps of B are the same size under both, so ΔW = γBA grows by about 4.
      expect(ratio).toBeGreaterThan(3);
      expect(ratio).toBeLessThan(5);
    }
  }, 120_000);
});
