// Timing helpers shared by the benches: contenders run interleaved (a, b, c,
// a, b, c, ...) so that a busy patch of a shared machine hits all of them
// alike, with a short pause before each timed call, and the medians kept.
//
// Why the pause: on this project's 2-core VMs a call timed right after
// another contender's heavy one (NumPy's BLAS in its child process, or the
// two pool workers) ran 30–40 % slower than the same call timed alone
// (float64 GEMM at n = 1024: 11–12.8 GFLOP/s right after NumPy, 17.8–18.6
// after a 30 ms pause, 18.3 alone), whichever contender came second. 50 ms
// is enough and costs a few seconds per table.

/** The pause before each timed call, in ms. */
export const SETTLE_MS = 50;

/** The median of `xs` (the lower one of the middle two for even lengths). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[(s.length - 1) >> 1];
}

/** Wall time of one call of `fn`, in ms (awaited when it returns a promise). */
export async function time(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Median wall times in ms of `runs` interleaved calls of each contender.
 * Each is first warmed up for `warmupMs` (at least one call), so the JIT has
 * compiled its hot loops (V8 needs a few hundred calls of a small SVD to
 * reach optimized code); each timed call follows a {@link SETTLE_MS} pause.
 */
export async function interleaved(contenders: (() => unknown)[], runs: number, warmupMs = 0): Promise<number[]> {
  for (const fn of contenders) {
    const t0 = performance.now();
    do await fn();
    while (performance.now() - t0 < warmupMs);
  }
  const ts: number[][] = contenders.map(() => []);
  for (let r = 0; r < runs; r++)
    for (let i = 0; i < contenders.length; i++) {
      await pause(SETTLE_MS);
      ts[i].push(await time(contenders[i]));
    }
  return ts.map(median);
}
