import { defaults, type StateOf } from './urlParams.ts';

/** Ranks the lab can sweep (powers of two; those above min(d, k) are skipped). */
export const LAB_RANKS = ['1', '2', '4', '8', '16', '32', '64', '128', '256'] as const;

/**
 * The training lab's permalink schema (prefix `lab-`). Learning rates are
 * written plainly (e.g. `lab-lrAdam=0.005`); their sliders move on a log scale.
 */
export const labSchema = {
  task: { kind: 'enum', label: 'task', values: ['style', 'facts', 'rank'] as const, default: 'style' },
  targetRank: { kind: 'int', label: 'target rank', min: 1, max: 256, default: 8 },
  d: { kind: 'int', label: 'd (outputs)', min: 8, max: 256, default: 64 },
  k: { kind: 'int', label: 'k (inputs)', min: 8, max: 256, default: 64 },
  ranks: { kind: 'list', label: 'adapter ranks', values: LAB_RANKS, default: ['1', '4', '16', '64'] as const },
  alpha: { kind: 'int', label: 'lora_alpha', min: 1, max: 256, default: 16 },
  lrSgd: { kind: 'float', label: 'SGD learning rate', min: 0.0001, max: 100, default: 1, digits: 4 },
  lrAdam: { kind: 'float', label: 'Adam learning rate', min: 0.00001, max: 1, default: 0.005, digits: 5 },
  steps: { kind: 'int', label: 'steps', min: 10, max: 2000, default: 200 },
  seed: { kind: 'int', label: 'seed', min: 0, max: 2 ** 32 - 1, default: 42 },
} as const;

export const LAB_PREFIX = 'lab-';
export type LabState = StateOf<typeof labSchema>;
export const labDefaults: LabState = defaults(labSchema);

/** The ranks of a state that fit the layer (r ≤ min(d, k)), as numbers, ascending. */
export function labRanks(state: Pick<LabState, 'ranks' | 'd' | 'k'>): number[] {
  return state.ranks
    .map(Number)
    .filter((r) => r <= Math.min(state.d, state.k))
    .sort((a, b) => a - b);
}
