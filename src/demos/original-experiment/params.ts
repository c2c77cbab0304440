import { defaults, type StateOf } from '../../runtime/urlParams.ts';
import { SEED } from '../../runtime/seed.ts';

/** The original experiment: seed and lora_alpha (16 in the article), prefix `exp-`. */
export const experimentSchema = {
  seed: SEED,
  alpha: { kind: 'int', label: 'lora_alpha', min: 1, max: 256, default: 16 },
} as const;
export const EXPERIMENT_PREFIX = 'exp-';
export type ExperimentState = StateOf<typeof experimentSchema>;
export const experimentDefaults: ExperimentState = defaults(experimentSchema);
