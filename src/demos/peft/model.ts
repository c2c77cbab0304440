import { loraScale } from '@lora-rank/core';
import { LLAMA_SHAPES, loraParameterCount, type LoraParameterCount } from '@lora-rank/core/train';

/** The reader's choices for a PEFT LoraConfig. */
export interface PeftChoices {
  r: number;
  alpha: number;
  rslora: boolean;
  /** Module names (e.g. q_proj) or the PEFT shorthand "all-linear". */
  targets: string[];
  dropout: number;
}

/** Attention and MLP projections of Llama-style models, PEFT's usual targets. */
export const TARGET_MODULES = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'] as const;

function pyString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function pyNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

/**
 * Python source for `peft.LoraConfig` with the reader's choices. An empty
 * target list falls back to "all-linear" (PEFT's shorthand for every linear
 * layer but the output head) so the snippet always runs.
 */
export function peftSnippet({ r, alpha, rslora, targets, dropout }: PeftChoices): string {
  const modules = targets.length === 0 ? pyString('all-linear') : `[${targets.map(pyString).join(', ')}]`;
  const scale = loraScale(alpha, r, rslora ? 'rslora' : 'standard');
  const formula = rslora ? `${pyNumber(alpha)} / sqrt(${r})` : `${pyNumber(alpha)} / ${r}`;
  return [
    'from peft import LoraConfig',
    '',
    'config = LoraConfig(',
    `    r=${r},`,
    `    lora_alpha=${pyNumber(alpha)},`,
    `    use_rslora=${rslora ? 'True' : 'False'},  # scale = ${formula} = ${pyNumber(scale)}`,
    `    target_modules=${modules},`,
    `    lora_dropout=${pyNumber(dropout)},`,
    '    task_type="CAUSAL_LM",',
    ')',
    '',
  ].join('\n');
}

/** The factor PEFT multiplies the adapter's output by for these choices. */
export function peftScale({ r, alpha, rslora }: Pick<PeftChoices, 'r' | 'alpha' | 'rslora'>): number {
  return loraScale(alpha, r, rslora ? 'rslora' : 'standard');
}

/** The Llama 3 shapes the reader can count an adapter for. */
export type ModelSize = keyof typeof LLAMA_SHAPES;

/**
 * How many parameters the chosen adapter adds to a Llama 3 model of the
 * chosen size (r·(in + out) per adapted linear layer, every layer), and the
 * share of the model that is. No target ticked means "all-linear".
 */
export function peftParameters(
  { r, targets }: Pick<PeftChoices, 'r' | 'targets'>,
  model: ModelSize,
): LoraParameterCount & { shape: string } {
  const modules = targets.length === 0 ? 'all-linear' : (targets as (typeof TARGET_MODULES)[number][]);
  return { ...loraParameterCount(LLAMA_SHAPES[model], r, modules), shape: LLAMA_SHAPES[model].name };
}
