import { FileFormatError } from '../io/FileFormatError.ts';
import { readSafetensors } from '../io/readSafetensors.ts';
import { writeSafetensors } from '../io/writeSafetensors.ts';
import { type LmConfig, lmConfigFromJson, lmConfigToJson } from './lmConfig.ts';
import { type LmWeights, lmTensors, zerosLike } from './lmWeights.ts';

/** A checkpoint as files: the safetensors bytes and the JSON config text. */
export interface LmFiles {
  /** `model.safetensors` (or `adapter_model.safetensors`). */
  model: Uint8Array;
  /** `config.json` (or `adapter_config.json`), pretty-printed. */
  config: string;
}

/**
 * A model as a checkpoint: every tensor of {@link lmTensors} under its
 * Hugging Face-style name in a safetensors file (F32 by default, what the
 * site ships; F64 keeps every bit), and `config.json` from
 * {@link lmConfigToJson}. A fine-tuned model saved this way pairs tensor by
 * tensor with its base on the analysis page.
 *
 * @example
 * const { model, config } = saveLm(trainer.weights);
 * writeFileSync('public/models/base/model.safetensors', model);
 */
export function saveLm(weights: LmWeights, options: { dtype?: 'F32' | 'F64'; metadata?: Record<string, string> } = {}): LmFiles {
  const model = writeSafetensors(
    lmTensors(weights).map((t) => ({ name: t.name, shape: t.shape, data: t.data })),
    { dtype: options.dtype ?? 'F32', metadata: { format: 'pt', ...options.metadata } },
  );
  return { model, config: `${JSON.stringify(lmConfigToJson(weights.config), null, 2)}\n` };
}

/**
 * Loads a model saved by {@link saveLm} (F64, F32, F16 or BF16 tensors, to
 * doubles). Checks that the file holds exactly the tensors a model of the
 * config has, with their shapes, and only finite values.
 *
 * @param files.names File names for error messages; default `model.safetensors` and `config.json`.
 * @throws FileFormatError naming the file (and tensor): a malformed
 *   config or safetensors file, a missing, unexpected or misshapen tensor,
 *   a non-finite value.
 * @example
 * const weights = loadLm({ model: new Uint8Array(await modelRes.arrayBuffer()), config: await configRes.text() });
 */
export function loadLm(files: LmFiles & { names?: { model: string; config: string } }): LmWeights {
  const names = files.names ?? { model: 'model.safetensors', config: 'config.json' };
  let config: LmConfig;
  try {
    config = lmConfigFromJson(files.config);
  } catch (e) {
    throw new FileFormatError(names.config, (e as Error).message.replace(/^lmConfig(FromJson)?: /, ''));
  }
  const { tensors } = readSafetensors(files.model, names.model);
  const weights = zerosLike(config);
  const expected = lmTensors(weights);
  const known = new Set(expected.map((t) => t.name));
  for (const name of tensors.keys()) {
    if (!known.has(name))
      throw new FileFormatError(
        names.model,
        `is not a tensor of this model (${describe(config)}); the file and ${names.config} do not match`,
        name,
      );
  }
  for (const t of expected) {
    const got = tensors.get(t.name);
    if (!got) throw new FileFormatError(names.model, `is missing; a model of ${names.config} (${describe(config)}) has it`, t.name);
    copyChecked(names.model, t.name, got.shape, got.data, t.shape, t.data);
  }
  return weights;
}

function describe(c: LmConfig): string {
  return `${c.nLayers} blocks, d = ${c.dModel}, ${c.nHeads} heads, MLP ${c.dMlp}, context ${c.context}, ${c.vocab.length} characters`;
}

/** Copies a decoded tensor into place after checking its shape and values. @internal */
export function copyChecked(file: string, name: string, shape: number[], data: Float64Array, want: number[], out: Float64Array): void {
  if (shape.length !== want.length || shape.some((d, i) => d !== want[i])) {
    throw new FileFormatError(file, `has shape [${shape.join(', ')}], expected [${want.join(', ')}]`, name);
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) throw new FileFormatError(file, `entry ${i} is ${data[i]}; a checkpoint must hold finite numbers`, name);
  }
  out.set(data);
}
