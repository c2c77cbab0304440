import type { LmExperimentSettings } from './lmExperimentSettings.ts';

/**
 * Steps of a facts run with `n` facts: the default run's `facts.steps` up
 * to `facts.size` facts, then proportionally more (the same number of
 * epochs over the 2n training sentences), at most `factsMaxSteps`.
 *
 * @example
 * factsSteps(settings, 128); // 400 with facts = { size: 32, steps: 100 } and factsMaxSteps ≥ 400
 */
export function factsSteps(settings: Pick<LmExperimentSettings, 'facts' | 'factsMaxSteps'>, n: number): number {
  const { size, steps } = settings.facts;
  return n <= size ? steps : Math.min(settings.factsMaxSteps, Math.round((steps * n) / size));
}
