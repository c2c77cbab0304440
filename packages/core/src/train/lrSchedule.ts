/**
 * A learning-rate schedule over optimizer steps:
 * - `constant`: the base rate, after an optional linear warmup;
 * - `cosine`: linear warmup, then half a cosine from the base rate down to
 *   `minRatio` × base at step `total` (and that floor afterwards), as
 *   nanoGPT's `get_lr`.
 */
export type LrSchedule =
  | { type: 'constant'; /** Warmup steps, default 0. */ warmup?: number }
  | {
      type: 'cosine';
      /** Warmup steps, default 0. */
      warmup?: number;
      /** The step at which the decay ends, > warmup. */
      total: number;
      /** Final rate as a share of the base rate, in [0, 1]; default 0.1. */
      minRatio?: number;
    };

/**
 * The learning rate at step `step` (1, 2, …) for base rate `lr`: during
 * warmup `lr · step / warmup` (so step `warmup` reaches `lr`); then constant,
 * or `min + (lr − min)·(1 + cos(π·(step − warmup)/(total − warmup)))/2`.
 *
 * @throws RangeError for a bad schedule (negative warmup, total ≤ warmup,
 *   minRatio outside [0, 1], unknown type) or step < 1.
 * @example
 * scheduledLr(1e-3, { type: 'cosine', warmup: 100, total: 1000 }, 50); // 5e-4
 * scheduledLr(1e-3, { type: 'cosine', warmup: 100, total: 1000 }, 1000); // 1e-4
 */
export function scheduledLr(lr: number, schedule: LrSchedule, step: number): number {
  assertSchedule('scheduledLr', schedule);
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`scheduledLr: step must be an integer >= 1; received ${String(step)}`);
  const warmup = schedule.warmup ?? 0;
  if (step <= warmup) return (lr * step) / warmup;
  if (schedule.type === 'constant') return lr;
  const min = lr * (schedule.minRatio ?? 0.1);
  if (step >= schedule.total) return min;
  const progress = (step - warmup) / (schedule.total - warmup);
  return min + (lr - min) * 0.5 * (1 + Math.cos(Math.PI * progress));
}

/** Throws a RangeError naming what is wrong with a schedule. @internal */
export function assertSchedule(fn: string, schedule: LrSchedule): void {
  if (schedule === null || typeof schedule !== 'object') {
    throw new RangeError(`${fn}: schedule must be { type: 'constant' | 'cosine', ... }; received ${String(schedule)}`);
  }
  const warmup = schedule.warmup ?? 0;
  if (!Number.isInteger(warmup) || warmup < 0) throw new RangeError(`${fn}: warmup must be an integer >= 0; received ${String(warmup)}`);
  if (schedule.type === 'constant') return;
  if (schedule.type !== 'cosine') {
    throw new RangeError(`${fn}: schedule type must be 'constant' or 'cosine'; received ${String((schedule as { type: unknown }).type)}`);
  }
  if (!Number.isInteger(schedule.total) || schedule.total <= warmup) {
    throw new RangeError(`${fn}: total must be an integer > warmup (${warmup}); received ${String(schedule.total)}`);
  }
  const r = schedule.minRatio ?? 0.1;
  if (typeof r !== 'number' || !(r >= 0 && r <= 1)) throw new RangeError(`${fn}: minRatio must be in [0, 1]; received ${String(r)}`);
}
