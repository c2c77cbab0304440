import type { MatrixLocation, SafetensorsHeader } from '@lora-rank/core/io';

/** A tensor present in both checkpoints with the same 2-D shape. */
export interface CheckpointPair {
  name: string;
  base: MatrixLocation & { shard: number };
  tuned: MatrixLocation & { shard: number };
}

/** What {@link pairCheckpoints} found. */
export interface CheckpointPairing {
  pairs: CheckpointPair[];
  /** Names or shapes that do not match, one message per tensor. */
  errors: { name: string; message: string }[];
  /** Tensors in both that are not 2-D (biases, norms), skipped. */
  skipped: string[];
}

function index(headers: readonly SafetensorsHeader[], side: string, errors: CheckpointPairing['errors']) {
  const out = new Map<string, MatrixLocation & { shard: number }>();
  headers.forEach((h, shard) => {
    for (const t of h.tensors) {
      const prev = out.get(t.name);
      if (prev) {
        errors.push({ name: t.name, message: `appears in two ${side} shards (${prev.file} and ${h.file})` });
        continue;
      }
      out.set(t.name, { file: h.file, ...t, shard });
    }
  });
  return out;
}

/**
 * Matches the tensors of a base and a fine-tuned checkpoint (each one or
 * more safetensors shards) by name. Every 2-D tensor in both with the same
 * shape becomes a pair, whose update is `tuned − base`. A name in only one
 * checkpoint, or with different shapes, is an error; tensors that are not
 * 2-D in both are skipped (listed). Pairs come in the base's order.
 */
export function pairCheckpoints(base: readonly SafetensorsHeader[], tuned: readonly SafetensorsHeader[]): CheckpointPairing {
  const errors: CheckpointPairing['errors'] = [];
  const b = index(base, 'base', errors);
  const t = index(tuned, 'fine-tuned', errors);
  const pairs: CheckpointPair[] = [];
  const skipped: string[] = [];
  for (const [name, bl] of b) {
    const tl = t.get(name);
    if (!tl) {
      errors.push({ name, message: `is in the base checkpoint (${bl.file}) but not in the fine-tuned one` });
      continue;
    }
    const same = bl.shape.length === tl.shape.length && bl.shape.every((d, i) => d === tl.shape[i]);
    if (!same) {
      errors.push({
        name,
        message: `has shape [${bl.shape.join(', ')}] in the base checkpoint but [${tl.shape.join(', ')}] in the fine-tuned one`,
      });
      continue;
    }
    if (bl.shape.length !== 2) skipped.push(name);
    else pairs.push({ name, base: bl, tuned: tl });
  }
  for (const [name, tl] of t) {
    if (!b.has(name)) errors.push({ name, message: `is in the fine-tuned checkpoint (${tl.file}) but not in the base one` });
  }
  return { pairs, errors, skipped };
}
