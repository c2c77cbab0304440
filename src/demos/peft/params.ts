import { defaults, type StateOf } from '../../runtime/urlParams.ts';
import { TARGET_MODULES } from './model.ts';

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
