import { defaults, type StateOf } from '../../runtime/urlParams.ts';
import { SEED } from '../../runtime/seed.ts';

/**
 * The scale-factor demo (prefix `scale-`): lora_alpha for the scale chart;
 * the target update, the number of seeds of A and the target's seed for the
 * measured first-order decrease.
 */
export const scaleSchema = {
  alpha: { kind: 'int', label: 'lora_alpha', min: 1, max: 256, default: 16 },
  target: { kind: 'enum', label: 'target update', values: ['facts', 'style'] as const, default: 'facts' },
  seeds: { kind: 'int', label: 'seeds of A', min: 2, max: 32, default: 8 },
  seed: SEED,
} as const;
export const SCALE_PREFIX = 'scale-';
export type ScaleState = StateOf<typeof scaleSchema>;
export const scaleDefaults: ScaleState = defaults(scaleSchema);
