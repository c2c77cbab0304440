import { defaults, parseParams, type Parsed, type StateOf } from '../../runtime/urlParams.ts';
import { LR_RANKS, type LrSweepConfig, type LrTarget } from './model.ts';

/**
 * The learning-rate sweep's permalink schema (prefix `lr-`). The default is
 * the fast setting: ranks 1, 4, 16, 64, both scalings, both targets, 9 rates
 * from 0.003 to 0.3, 30 steps, one seed of A.
 */
export const lrSweepSchema = {
  targets: { kind: 'list', label: 'targets', values: ['style', 'facts'] as const, default: ['style', 'facts'] as const },
  ranks: { kind: 'list', label: 'adapter ranks', values: LR_RANKS, default: ['1', '4', '16', '64'] as const },
  grid: { kind: 'enum', label: 'learning rates', values: ['coarse', 'fine'] as const, default: 'coarse' },
  steps: { kind: 'int', label: 'steps per run', min: 5, max: 300, default: 30 },
  seeds: { kind: 'int', label: 'seeds of A', min: 1, max: 8, default: 1 },
  seed: { kind: 'int', label: 'seed of the targets and inputs', min: 0, max: 2 ** 32 - 1, default: 42 },
} as const;

export const LR_PREFIX = 'lr-';
export type LrSweepState = StateOf<typeof lrSweepSchema>;
export const lrSweepDefaults: LrSweepState = defaults(lrSweepSchema);

/**
 * Reads the sweep's state from a URL query (prefix `lr-`), clamping and
 * explaining bad values, then fixes what the fields allow but the sweep
 * cannot run: no target (style), fewer than two ranks (the default ranks:
 * a slope against rank needs two).
 */
export function parseLrSweepParams(params: URLSearchParams): Parsed<typeof lrSweepSchema> {
  const { state, notices } = parseParams(lrSweepSchema, params, LR_PREFIX);
  let fixed: LrSweepState = state;
  const out = [...notices];
  if (fixed.targets.length === 0) {
    out.push('targets: none chosen; sweeping the style target.');
    fixed = { ...fixed, targets: ['style'] };
  }
  if (fixed.ranks.length < 2) {
    out.push(`adapter ranks: a slope against rank needs two or more; using ${lrSweepSchema.ranks.default.join(', ')}.`);
    fixed = { ...fixed, ranks: [...lrSweepSchema.ranks.default] };
  }
  return { state: fixed, notices: out };
}

/** The sweep a state asks for. */
export function lrSweepConfig(state: LrSweepState): LrSweepConfig {
  return {
    targets: lrSweepSchema.targets.values.filter((t): t is LrTarget => state.targets.includes(t)),
    ranks: state.ranks.map(Number).sort((a, b) => a - b),
    grid: state.grid,
    steps: state.steps,
    seeds: state.seeds,
    seed: state.seed,
  };
}
