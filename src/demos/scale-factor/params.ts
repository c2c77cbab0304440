import { defaults, type StateOf } from '../../runtime/urlParams.ts';

/** The scale-factor charts: lora_alpha (prefix `scale-`). */
export const scaleSchema = {
  alpha: { kind: 'int', label: 'lora_alpha', min: 1, max: 256, default: 16 },
} as const;
export const SCALE_PREFIX = 'scale-';
export type ScaleState = StateOf<typeof scaleSchema>;
export const scaleDefaults: ScaleState = defaults(scaleSchema);
