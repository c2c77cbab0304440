import { TARGET_MODULES } from './peftSnippet.ts';
import { defaults, type StateOf } from './urlParams.ts';

/**
 * The permalink schemas of the article's demos. Each demo owns a key prefix,
 * so all of them share the page's one address without clashing (the Spectrum
 * Explorer, the first demo, uses bare keys).
 */

const SEED = { kind: 'int', label: 'seed', min: 0, max: 2 ** 32 - 1, default: 42 } as const;

/** Style vs facts, side by side: only the seed. */
export const styleFactsSchema = { seed: SEED } as const;
export const STYLE_FACTS_PREFIX = 'sf-';
export type StyleFactsState = StateOf<typeof styleFactsSchema>;
export const styleFactsDefaults: StyleFactsState = defaults(styleFactsSchema);

/** The original experiment: seed and lora_alpha (16 in the article). */
export const experimentSchema = {
  seed: SEED,
  alpha: { kind: 'int', label: 'lora_alpha', min: 1, max: 256, default: 16 },
} as const;
export const EXPERIMENT_PREFIX = 'exp-';
export type ExperimentState = StateOf<typeof experimentSchema>;
export const experimentDefaults: ExperimentState = defaults(experimentSchema);

/** The scale-factor charts: lora_alpha. */
export const scaleSchema = {
  alpha: { kind: 'int', label: 'lora_alpha', min: 1, max: 256, default: 16 },
} as const;
export const SCALE_PREFIX = 'scale-';
export type ScaleState = StateOf<typeof scaleSchema>;
export const scaleDefaults: ScaleState = defaults(scaleSchema);

/** The PEFT snippet: PEFT's own defaults (r = 8, lora_alpha = 8) and the original LoRA targets (q, v). */
export const peftSchema = {
  r: { kind: 'int', label: 'r', min: 1, max: 1024, default: 8 },
  alpha: { kind: 'int', label: 'lora_alpha', min: 1, max: 4096, default: 8 },
  rslora: { kind: 'enum', label: 'use_rslora', values: ['false', 'true'] as const, default: 'false' },
  targets: { kind: 'list', label: 'target_modules', values: TARGET_MODULES, default: ['q_proj', 'v_proj'] as const },
  dropout: { kind: 'float', label: 'lora_dropout', min: 0, max: 0.5, default: 0, digits: 2 },
} as const;
export const PEFT_PREFIX = 'peft-';
export type PeftState = StateOf<typeof peftSchema>;
export const peftDefaults: PeftState = defaults(peftSchema);
