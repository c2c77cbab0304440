import type { LmExperimentSettings } from './lmExperimentSettings.ts';
import type { LmRunSpec } from './lmRun.ts';

/**
 * (c) Scaling and learning rate: for each task of `scalingTasks`, each
 * rank of `scalingRanks`, α/r and α/√r, LoRA on all six linear layers at
 * every learning rate `loraLr · f` for f in `lrFactors` (f = 1 is the
 * fixed-rate comparison; the best over the grid is the tuned one). First
 * seed of `sweepSeeds`. Runs at f = 1 with α/r are the rank sweep's own.
 *
 * @example
 * scalingSpecs(settings).length; // tasks · ranks · 2 · lrFactors.length
 */
export function scalingSpecs(settings: LmExperimentSettings): LmRunSpec[] {
  const seed = settings.sweepSeeds[0];
  const out: LmRunSpec[] = [];
  for (const task of settings.scalingTasks) {
    const t = settings[task];
    for (const rank of settings.scalingRanks) {
      for (const scaling of ['standard', 'rslora'] as const) {
        for (const f of settings.lrFactors) {
          out.push({
            task,
            size: t.size,
            mode: 'lora',
            rank,
            targets: 'all',
            scaling,
            alpha: settings.alpha,
            lr: t.loraLr * f,
            steps: t.steps,
            batchSize: t.batchSize,
            seed,
          });
        }
      }
    }
  }
  return out;
}
