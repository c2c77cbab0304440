import {
  associationTask,
  bestRankRecall,
  createTrainer,
  rankThreshold,
  recallMeasures,
  retrievalTask,
  truncatedRecall,
  type AssociationTask,
  type RecallMeasures,
} from '@lora-rank/core/train';

/** The capacity experiment's request. */
export interface CapacityConfig {
  /** Number of facts N (key → value pairs). */
  n: number;
  d: number;
  k: number;
  /** Rank of the style transform. */
  styleRank: number;
  /** Steps of training for the LoRA adapters on the retrieval objective. */
  steps: number;
  seed: number;
}

/**
 * How a rank-r update was obtained: `best`, the best rank-r fit of the
 * recalled values (reduced-rank regression of values on keys); `truncation`,
 * the SVD truncation of the least-squares update (kept for comparison: for
 * keys that are not orthonormal it recalls worse); `trained`, a LoRA
 * adapter trained on the retrieval objective.
 */
export type CapacityMethod = 'best' | 'truncation' | 'trained';

/** One point: a measure of a rank-r update on one task. */
export interface CapacityPoint extends RecallMeasures {
  task: 'facts' | 'style';
  method: CapacityMethod;
  rank: number;
}

/** Ranks of the fitted curves: every rank 1, 2, …, min(d, k), so thresholds are read to the rank. */
export function truncationRanks(config: Pick<CapacityConfig, 'd' | 'k'>): number[] {
  return Array.from({ length: Math.min(config.d, config.k) }, (_, i) => i + 1);
}

/** Ranks of the trained adapters (each costs a training run): 1, 4, 16, 64 where they fit. */
export function trainedRanks(config: Pick<CapacityConfig, 'd' | 'k'>): number[] {
  return [1, 4, 16, 64].filter((r) => r <= Math.min(config.d, config.k));
}

/** The two tasks, from one seed each (facts: seed; style: seed + 1, wrapped). */
export function capacityTasks(config: CapacityConfig): { facts: AssociationTask; style: AssociationTask } {
  const { n, d, k, seed } = config;
  return {
    facts: associationTask({ kind: 'facts', n, d, k, seed }),
    style: associationTask({ kind: 'style', n, d, k, styleRank: Math.min(config.styleRank, d, k), seed: (seed + 1) % 2 ** 32 }),
  };
}

/**
 * The fitted curves of both tasks at every rank: the best rank-r fit and,
 * for comparison, the SVD truncation (a few SVDs: cheap, computed first).
 */
export function truncationPoints(config: CapacityConfig): CapacityPoint[] {
  const tasks = capacityTasks(config);
  const ranks = truncationRanks(config);
  return (['facts', 'style'] as const).flatMap((task) => [
    ...bestRankRecall(tasks[task], ranks).map((row) => ({ ...row, task, method: 'best' as const })),
    ...truncatedRecall(tasks[task], ranks).map((row) => ({ ...row, task, method: 'truncation' as const })),
  ]);
}

/**
 * LoRA adapters of rank r trained on the retrieval objective (cross-entropy
 * over the candidates, see the core's retrievalTask), measured like the
 * truncation. Fixed, untuned settings: Adam, lr 0.01, α = 16 with α/r, B = 0
 * and PEFT's A at the experiment's seed. Yields one point at a time so the
 * worker can stream them.
 */
export function* trainedPoints(config: CapacityConfig): Generator<CapacityPoint, void, void> {
  const tasks = capacityTasks(config);
  for (const task of ['facts', 'style'] as const) {
    const association = tasks[task];
    const objective = retrievalTask(association, { seed: config.seed });
    for (const rank of trainedRanks(config)) {
      const trainer = createTrainer({
        task: objective,
        rank,
        alpha: 16,
        scaling: 'standard',
        seed: config.seed,
        optimizer: { type: 'adam', lr: 0.01 },
      });
      trainer.run(config.steps);
      yield { ...recallMeasures(association, trainer.outputs(association.keys)), task, method: 'trained', rank };
    }
  }
}

/** The whole experiment, synchronously (build time, tests). */
export function capacityExperiment(config: CapacityConfig): CapacityPoint[] {
  return [...truncationPoints(config), ...trainedPoints(config)];
}

/**
 * The smallest rank from which a curve meets `level` in `measure` at every
 * larger rank measured (null when even the largest does not), read with the
 * core's rankThreshold: exact on the fitted curves' full grid of ranks; on
 * the trained adapters' coarse grid (1, 4, 16, 64) the true threshold lies
 * between the rank returned and the grid rank before it.
 */
export function rankReaching(
  points: CapacityPoint[],
  task: 'facts' | 'style',
  method: CapacityMethod,
  measure: 'relativeError' | 'cosineShare' | 'retrievalAccuracy',
  level: number,
): number | null {
  const rows = points.filter((p) => p.task === task && p.method === method);
  return rows.length === 0 ? null : rankThreshold(rows, measure, level);
}
