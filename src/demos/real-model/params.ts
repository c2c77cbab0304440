import { defaults, parseParams, type Parsed, type StateOf } from '../../runtime/urlParams.ts';
import { LM_LEARNING_RATES, LM_RANKS, LM_STEPS } from './model.ts';

/**
 * The real-model panel's permalink schema (prefix `lm-`). The learning rate
 * and the number of steps default to the task's own (`FINETUNE_DEFAULTS` in
 * the core), so a permalink that leaves them out follows the defaults.
 */
export const lmPanelSchema = {
  task: { kind: 'enum', label: 'task', values: ['style', 'facts'] as const, default: 'style' },
  n: { kind: 'int', label: 'new facts', min: 1, max: 256, default: 32 },
  mode: { kind: 'enum', label: 'what is trained', values: ['lora', 'full'] as const, default: 'lora' },
  rank: { kind: 'enum', label: 'LoRA rank', values: LM_RANKS, default: '8' },
  scaling: { kind: 'enum', label: 'scaling', values: ['standard', 'rslora'] as const, default: 'standard' },
  targets: { kind: 'enum', label: 'adapted layers', values: ['all', 'attention'] as const, default: 'all' },
  lr: { kind: 'enum', label: 'learning rate', values: LM_LEARNING_RATES, default: 'default' },
  steps: { kind: 'enum', label: 'steps', values: LM_STEPS, default: 'default' },
  seed: { kind: 'int', label: 'seed', min: 0, max: 2 ** 32 - 1, default: 0 },
} as const;

export const LM_PREFIX = 'lm-';
export type LmPanelState = StateOf<typeof lmPanelSchema>;
export const lmPanelDefaults: LmPanelState = defaults(lmPanelSchema);

/** Reads the panel's state from a URL query (prefix `lm-`), clamping and explaining bad values. */
export function parseLmPanelParams(params: URLSearchParams): Parsed<typeof lmPanelSchema> {
  return parseParams(lmPanelSchema, params, LM_PREFIX);
}
