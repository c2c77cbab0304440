import type { TensorInfo } from '@lora-rank/core/io';

/** A LoRA module found in an adapter file: its A and B tensors. */
export interface AdapterPair {
  /** The module's name, e.g. `base_model.model.model.layers.0.self_attn.q_proj`. */
  module: string;
  a: TensorInfo;
  b: TensorInfo;
}

/** What {@link pairAdapterTensors} found. */
export interface AdapterPairing {
  pairs: AdapterPair[];
  /** One message per module with A but no B (or B but no A). */
  errors: { name: string; message: string }[];
  /** Tensors that are not LoRA factors (e.g. modules_to_save weights, DoRA magnitudes). */
  others: TensorInfo[];
}

// PEFT saves `<module>.lora_A.weight` / `<module>.lora_B.weight` (linear and
// conv layers) and `<module>.lora_embedding_A` / `_B` (embeddings, stored
// r × vocab and dim × r). Older versions kept the adapter name in the key:
// `<module>.lora_A.<adapter>.weight`.
const LORA_KEY = /^(.*)\.lora_(A|B)(?:\.[^.]+)?\.weight$|^(.*)\.lora_embedding_(A|B)$/;

/** Whether a file's tensor names make it a LoRA adapter (any lora_A or lora_B key). */
export function isAdapter(tensors: readonly TensorInfo[]): boolean {
  return tensors.some((t) => LORA_KEY.test(t.name));
}

/**
 * Groups the tensors of a PEFT adapter file into (A, B) pairs by module name.
 * A module with only one of the two is an error ("A without B"); tensors
 * that are not LoRA factors are returned as `others`. Pairs come in file order.
 */
export function pairAdapterTensors(tensors: readonly TensorInfo[]): AdapterPairing {
  const modules = new Map<string, { a?: TensorInfo; b?: TensorInfo }>();
  const others: TensorInfo[] = [];
  for (const t of tensors) {
    const m = LORA_KEY.exec(t.name);
    if (!m) {
      others.push(t);
      continue;
    }
    const module = m[1] ?? m[3];
    const which = (m[2] ?? m[4]) === 'A' ? 'a' : 'b';
    const entry = modules.get(module) ?? {};
    entry[which] = t;
    modules.set(module, entry);
  }
  const pairs: AdapterPair[] = [];
  const errors: { name: string; message: string }[] = [];
  for (const [module, { a, b }] of modules) {
    if (a && b) pairs.push({ module, a, b });
    else if (a) errors.push({ name: module, message: `has lora_A ("${a.name}") but no lora_B; the file is incomplete` });
    else if (b) errors.push({ name: module, message: `has lora_B ("${b.name}") but no lora_A; the file is incomplete` });
  }
  return { pairs, errors, others };
}
