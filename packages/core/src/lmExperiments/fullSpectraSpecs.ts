import type { LmExperimentSettings } from './lmExperimentSettings.ts';
import type { LmRunSpec } from './lmRun.ts';
import { factsSteps } from './factsSteps.ts';

/**
 * (a) The full fine-tunes whose weight updates are analysed: every weight
 * trained, on the style task and on the facts task at each of
 * `spectraFactsSizes` (larger tasks train proportionally longer, see
 * {@link factsSteps}), once per seed of `spectraSeeds`, with the spectra
 * of every ΔW measured.
 *
 * @example
 * fullSpectraSpecs(settings).length; // (1 + spectraFactsSizes.length) · spectraSeeds.length
 */
export function fullSpectraSpecs(settings: LmExperimentSettings): LmRunSpec[] {
  const { style, facts } = settings;
  const full = (task: 'style' | 'facts', size: number, seed: number): LmRunSpec => {
    const t = task === 'style' ? style : facts;
    return {
      task,
      size,
      mode: 'full',
      lr: t.fullLr,
      steps: task === 'style' ? t.steps : factsSteps(settings, size),
      batchSize: t.batchSize,
      seed,
      spectra: true,
    };
  };
  return settings.spectraSeeds.flatMap((seed) => [
    full('style', style.size, seed),
    ...settings.spectraFactsSizes.map((n) => full('facts', n, seed)),
  ]);
}
