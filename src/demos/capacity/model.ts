import {
  associationTask,
  createTrainer,
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

/** One point: a measure of a rank-r update on one task. */
export interface CapacityPoint extends RecallMeasures {
  task: 'facts' | 'style';
  method: 'truncation' | 'trained';
  rank: number;
}

/** Ranks of the truncation curve: every power of two up to min(d, k), and N when it fits. */
export function truncationRanks(config: Pick<CapacityConfig, 'n' | 'd' | 'k'>): number[] {
  const max = Math.min(config.d, config.k);
  const out = new Set<number>();
  for (let r = 1; r <= max; r *= 2) out.add(r);
  if (config.n <= max) out.add(config.n);
  out.add(max);
  return [...out].sort((a, b) => a - b);
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

/** The truncation curves of both tasks: cheap (one SVD each), computed first. */
export function truncationPoints(config: CapacityConfig): CapacityPoint[] {
  const tasks = capacityTasks(config);
  const ranks = truncationRanks(config);
  return (['facts', 'style'] as const).flatMap((task) =>
    truncatedRecall(tasks[task], ranks).map((row) => ({ ...row, task, method: 'truncation' as const })),
  );
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

/** The smallest rank of a curve reaching `level` in `measure` (NaN if none does). */
export function rankReaching(
  points: CapacityPoint[],
  task: 'facts' | 'style',
  method: 'truncation' | 'trained',
  measure: 'relativeError' | 'cosineShare' | 'retrievalAccuracy',
  level: number,
  below = false,
): number {
  const hit = points
    .filter((p) => p.task === task && p.method === method)
    .sort((a, b) => a.rank - b.rank)
    .find((p) => (below ? p[measure] <= level : p[measure] >= level));
  return hit ? hit.rank : Number.NaN;
}
