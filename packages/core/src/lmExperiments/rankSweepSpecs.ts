import type { LmExperimentSettings } from './lmExperimentSettings.ts';
import type { LmRunSpec } from './lmRun.ts';

/**
 * (b) The LoRA rank sweep on both tasks: every rank of `ranks` on all six
 * linear layers and every rank of `attentionRanks` on q, k, v, o only, at
 * the task's LoRA rate with α/r; plus full fine-tuning and the untrained
 * baseline (LoRA, 0 steps) as references; once per seed of `sweepSeeds`.
 * The full runs have their spectra measured, so they double as (a)'s when
 * the settings agree.
 *
 * @example
 * rankSweepSpecs(settings).filter((s) => s.mode === 'full').length; // 2 · sweepSeeds.length
 */
export function rankSweepSpecs(settings: LmExperimentSettings): LmRunSpec[] {
  const out: LmRunSpec[] = [];
  for (const seed of settings.sweepSeeds) {
    for (const task of ['style', 'facts'] as const) {
      const t = settings[task];
      const common = { task, size: t.size, batchSize: t.batchSize, seed };
      out.push({ ...common, mode: 'lora', rank: 1, lr: t.loraLr, steps: 0, alpha: settings.alpha });
      out.push({ ...common, mode: 'full', lr: t.fullLr, steps: t.steps, spectra: true });
      for (const rank of settings.ranks)
        out.push({ ...common, mode: 'lora', rank, targets: 'all', alpha: settings.alpha, lr: t.loraLr, steps: t.steps });
      for (const rank of settings.attentionRanks) {
        out.push({ ...common, mode: 'lora', rank, targets: 'attention', alpha: settings.alpha, lr: t.loraLr, steps: t.steps });
      }
    }
  }
  return out;
}
