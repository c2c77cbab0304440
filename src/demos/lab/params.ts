import { defaults, parseParams, type Parsed, type StateOf } from '../../runtime/urlParams.ts';
import { labOptimizers, type LabConfig } from './model.ts';

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
  // 0.2: the largest round rate at which no default run diverges (at 1, r = 1 and 4 blow up under
  // both scalings: their γ² is large), so the default charts compare ranks, not blow-ups.
  lrSgd: { kind: 'float', label: 'SGD learning rate', min: 0.0001, max: 100, default: 0.2, digits: 4 },
  lrAdam: { kind: 'float', label: 'Adam learning rate', min: 0.00001, max: 1, default: 0.005, digits: 5 },
  steps: { kind: 'int', label: 'steps', min: 10, max: 2000, default: 200 },
  optimizers: { kind: 'list', label: 'optimizers', values: ['sgd', 'adam'] as const, default: ['sgd', 'adam'] as const },
  momentum: { kind: 'float', label: 'SGD momentum', min: 0, max: 0.99, default: 0, digits: 2 },
  weightDecay: { kind: 'float', label: 'AdamW weight decay', min: 0, max: 1, default: 0, digits: 4 },
  lrRatio: { kind: 'float', label: 'LoRA+ ratio (learning rate of B / A)', min: 1, max: 64, default: 1, digits: 2 },
  batch: { kind: 'enum', label: 'batch size', values: ['full', '64', '16', '4'] as const, default: 'full' },
  // PyTorch's default, and a value small enough that Adam is scale-free to rounding (the LoRA+ twin then agrees to ~1e-12).
  eps: { kind: 'enum', label: 'Adam eps', values: ['1e-8', '1e-16'] as const, default: '1e-8' },
  twin: { kind: 'enum', label: 'LoRA+ twin', values: ['off', 'on'] as const, default: 'off' },
  seed: { kind: 'int', label: 'seed', min: 0, max: 2 ** 32 - 1, default: 42 },
} as const;

export const LAB_PREFIX = 'lab-';
export type LabState = StateOf<typeof labSchema>;
export const labDefaults: LabState = defaults(labSchema);

/**
 * Rows per step for a batch setting: all of them, or the named size capped at
 * the task's n rows (n = 2k, see `regressionTask`).
 */
export function labBatchSize(batch: LabState['batch'], k: number): number {
  const n = 2 * k;
  return batch === 'full' ? n : Math.min(n, Number(batch));
}

/** The ranks of a state that fit the layer (r ≤ min(d, k)), as numbers, ascending. */
export function labRanks(state: Pick<LabState, 'ranks' | 'd' | 'k'>): number[] {
  return state.ranks
    .map(Number)
    .filter((r) => r <= Math.min(state.d, state.k))
    .sort((a, b) => a - b);
}

/**
 * Reads the lab's state from a URL query (prefix `lab-`), clamping and
 * explaining bad values, then fixes what the fields allow together but the
 * lab cannot run: no optimizer (both run), no rank that fits min(d, k) (rank 1).
 */
export function parseLabParams(params: URLSearchParams): Parsed<typeof labSchema> {
  const { state, notices } = parseParams(labSchema, params, LAB_PREFIX);
  let fixed: LabState = state;
  const out = [...notices];
  if (fixed.optimizers.length === 0) {
    out.push('optimizers: none chosen; running SGD and Adam.');
    fixed = { ...fixed, optimizers: ['sgd', 'adam'] };
  }
  if (labRanks(fixed).length === 0) {
    out.push(`adapter ranks: none of ${fixed.ranks.join(', ') || '(none)'} fits min(d, k) = ${Math.min(fixed.d, fixed.k)}; using 1.`);
    fixed = { ...fixed, ranks: ['1'] };
  }
  return { state: fixed, notices: out };
}

/** The training run a state asks for. */
export function labConfig(state: LabState): LabConfig {
  return {
    task: state.task,
    targetRank: Math.min(state.targetRank, state.d, state.k),
    d: state.d,
    k: state.k,
    ranks: labRanks(state),
    alpha: state.alpha,
    lrSgd: state.lrSgd,
    lrAdam: state.lrAdam,
    steps: state.steps,
    seed: state.seed,
    optimizers: labOptimizers({ optimizers: state.optimizers }),
    momentum: state.momentum,
    weightDecay: state.weightDecay,
    lrRatio: state.lrRatio,
    batchSize: labBatchSize(state.batch, state.k),
    adamEps: Number(state.eps),
    twins: state.twin === 'on',
  };
}
