import { FileFormatError } from '../io/FileFormatError.ts';
import { readSafetensors } from '../io/readSafetensors.ts';
import { writeSafetensors } from '../io/writeSafetensors.ts';
import { type LmAdapters, createLmAdapters } from './lmAdapters.ts';
import { copyChecked, type LmFiles } from './lmCheckpoint.ts';
import type { LmConfig } from './lmConfig.ts';
import { LM_MODULES, type LmModule, moduleName } from './lmWeights.ts';

/** PEFT's prefix of a LoRA tensor name (a causal LM wrapped in `PeftModel`). */
const PREFIX = 'base_model.model.';

/** The PEFT name of an adapter factor: `base_model.model.model.layers.{l}.self_attn.q_proj.lora_A.weight`. */
export function adapterTensorName(layer: number, module: LmModule, which: 'A' | 'B'): string {
  return `${PREFIX}${moduleName(layer, module)}.lora_${which}.weight`;
}

/**
 * Adapters as PEFT saves them: `adapter_model.safetensors` with
 * `…{module}.lora_A.weight` (`r × in`) and `…lora_B.weight` (`out × r`)
 * per block and targeted module, and `adapter_config.json` with `r`,
 * `lora_alpha`, `use_rslora`, `target_modules`, `peft_type: "LORA"`, so the
 * analysis page reads the scale from the config as for any PEFT adapter.
 *
 * @example
 * const { model, config } = saveLmAdapters(trainer.adapters!, { baseModel: 'lora-rank/char-gpt' });
 */
export function saveLmAdapters(adapters: LmAdapters, options: { baseModel?: string; dtype?: 'F32' | 'F64' } = {}): LmFiles {
  const tensors: { name: string; shape: number[]; data: Float64Array }[] = [];
  adapters.layers.forEach((layer, l) => {
    for (const m of adapters.targets) {
      const { a, b } = layer[m]!;
      tensors.push({ name: adapterTensorName(l, m, 'A'), shape: [a.rows, a.cols], data: a.data });
      tensors.push({ name: adapterTensorName(l, m, 'B'), shape: [b.rows, b.cols], data: b.data });
    }
  });
  const model = writeSafetensors(tensors, { dtype: options.dtype ?? 'F32', metadata: { format: 'pt' } });
  const config = {
    base_model_name_or_path: options.baseModel ?? 'lora-rank/char-gpt',
    peft_type: 'LORA',
    task_type: 'CAUSAL_LM',
    r: adapters.rank,
    lora_alpha: adapters.alpha,
    use_rslora: adapters.scaling === 'rslora',
    target_modules: [...adapters.targets],
    lora_dropout: 0,
    bias: 'none',
    fan_in_fan_out: false,
    init_lora_weights: true,
    inference_mode: true,
    modules_to_save: null,
  };
  return { model, config: `${JSON.stringify(config, null, 2)}\n` };
}

/**
 * Loads adapters saved by {@link saveLmAdapters} (or by PEFT for this
 * model) for a model of `config`.
 *
 * @throws FileFormatError naming the file (and tensor): malformed JSON or
 *   safetensors, a missing or invalid `r`/`lora_alpha`/`target_modules`,
 *   a rank out of range, a missing, unexpected or misshapen factor, a
 *   non-finite value.
 * @example
 * const adapters = loadLmAdapters({ model, config: adapterConfigText }, base.config);
 */
export function loadLmAdapters(files: LmFiles & { names?: { model: string; config: string } }, config: LmConfig): LmAdapters {
  const names = files.names ?? { model: 'adapter_model.safetensors', config: 'adapter_config.json' };
  const fail = (problem: string) => new FileFormatError(names.config, problem);
  let json: unknown;
  try {
    json = JSON.parse(files.config);
  } catch (e) {
    throw fail(`not valid JSON (${(e as Error).message})`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw fail('expected a JSON object');
  const c = json as Record<string, unknown>;
  const rank = c.r;
  const alpha = c.lora_alpha;
  const targets = c.target_modules;
  if (typeof rank !== 'number' || !Number.isInteger(rank)) throw fail(`"r" is ${JSON.stringify(rank)}, expected an integer`);
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < Infinity))
    throw fail(`"lora_alpha" is ${JSON.stringify(alpha)}, expected a number > 0`);
  if (!Array.isArray(targets) || targets.length === 0 || !targets.every((t) => LM_MODULES.includes(t))) {
    throw fail(`"target_modules" is ${JSON.stringify(targets)}, expected a non-empty list of ${LM_MODULES.join(', ')}`);
  }
  if (c.use_rslora !== undefined && typeof c.use_rslora !== 'boolean')
    throw fail(`"use_rslora" is ${JSON.stringify(c.use_rslora)}, expected true or false`);
  let adapters: LmAdapters;
  try {
    adapters = createLmAdapters(config, {
      rank,
      alpha,
      scaling: c.use_rslora ? 'rslora' : 'standard',
      targets: targets as LmModule[],
      seed: 0,
    });
  } catch (e) {
    throw fail((e as Error).message.replace(/^createLmAdapters/, 'for this model'));
  }
  const { tensors } = readSafetensors(files.model, names.model);
  const expected = new Set<string>();
  adapters.layers.forEach((layer, l) => {
    for (const m of adapters.targets) {
      const { a, b } = layer[m]!;
      for (const [which, mat] of [
        ['A', a],
        ['B', b],
      ] as const) {
        const name = adapterTensorName(l, m, which);
        expected.add(name);
        const got = tensors.get(name);
        if (!got) throw new FileFormatError(names.model, `is missing; ${names.config} targets ${m} with r = ${rank}`, name);
        copyChecked(names.model, name, got.shape, got.data, [mat.rows, mat.cols], mat.data);
      }
    }
  });
  for (const name of tensors.keys()) {
    if (!expected.has(name)) throw new FileFormatError(names.model, `is not a factor of the adapters ${names.config} describes`, name);
  }
  return adapters;
}
