import { defaults, type StateOf } from '../../runtime/urlParams.ts';
import { TARGET_MODULES } from './model.ts';

/**
 * The PEFT snippet (prefix `peft-`): PEFT's own defaults r = 8,
 * lora_alpha = 8, and every linear layer as targets (no box ticked means
 * "all-linear": LoRA Without Regret found attention-only LoRA worse even at
 * a matched parameter count); and the model size whose adapter is counted.
 */
export const peftSchema = {
  r: { kind: 'int', label: 'r', min: 1, max: 1024, default: 8 },
  alpha: { kind: 'int', label: 'lora_alpha', min: 1, max: 4096, default: 8 },
  rslora: { kind: 'enum', label: 'use_rslora', values: ['false', 'true'] as const, default: 'false' },
  targets: { kind: 'list', label: 'target_modules', values: TARGET_MODULES, default: [] as const },
  dropout: { kind: 'float', label: 'lora_dropout', min: 0, max: 0.5, default: 0, digits: 2 },
  model: { kind: 'enum', label: 'model size', values: ['1B', '8B', '70B'] as const, default: '8B' },
} as const;
export const PEFT_PREFIX = 'peft-';
export type PeftState = StateOf<typeof peftSchema>;
export const peftDefaults: PeftState = defaults(peftSchema);
