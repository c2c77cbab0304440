import type { LmRunSpec } from './lmRun.ts';

/**
 * A canonical string for a run spec: two specs with the same key train the
 * same parameters on the same batches, so an experiment can reuse a run
 * another one made. Full runs ignore the LoRA fields; at rank 1 α/r and
 * α/√r are the same scale, so the scaling is dropped there too; defaults
 * are filled in.
 *
 * @example
 * runKey({ task: 'facts', size: 32, mode: 'lora', rank: 1, scaling: 'rslora', lr: 5e-3, steps: 100, batchSize: 16, seed: 0 });
 * // 'facts:32:lora:r1:all:standard:a16:lr0.005:s100:b16:w10:seed0'
 */
export function runKey(spec: LmRunSpec): string {
  const head = `${spec.task}:${spec.size}:${spec.mode}`;
  const tail = `lr${spec.lr}:s${spec.steps}:b${spec.batchSize}:w${spec.warmup ?? 10}:seed${spec.seed}`;
  if (spec.mode === 'full') return `${head}:${tail}`;
  const rank = spec.rank ?? 8;
  const scaling = rank === 1 ? 'standard' : (spec.scaling ?? 'standard');
  return `${head}:r${rank}:${spec.targets ?? 'all'}:${scaling}:a${spec.alpha ?? 16}:${tail}`;
}
