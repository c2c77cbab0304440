import { type Matrix, assertDimension, matrix } from '../linalg/matrix.ts';
import { log } from './log.ts';

const N = 624;
const M = 397;

function assertCount(fn: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`RandomState.${fn}: n must be a non-negative integer; received ${String(n)}`);
  }
}

/**
 * A seeded random number generator that reproduces NumPy's legacy global
 * generator bit for bit: `new RandomState(seed)` is `np.random.seed(seed)`,
 * and each method draws the same numbers, in the same order, as its NumPy
 * namesake (`random_sample`, `randn`, `standard_normal`, `uniform`).
 *
 * The engine is the 32-bit Mersenne Twister MT19937 seeded with
 * `init_genrand(seed)`; doubles use 53 random bits from two draws; normals
 * use the legacy polar (Marsaglia) method, which makes two values per
 * accepted pair and caches the second for the next call, exactly as
 * `numpy/random/src/legacy/legacy-distributions.c` (`legacy_gauss`) does.
 *
 * @example
 * const rng = new RandomState(42);
 * rng.randn(1, 3).data; // [0.4967141530112327, -0.13826430117118466, 0.6476885381006925]
 */
export class RandomState {
  readonly #mt = new Uint32Array(N);
  #index = N;
  #hasGauss = false;
  #gauss = 0;

  /**
   * @param seed An integer in 0..2^32 − 1, as `np.random.seed` accepts.
   * @throws RangeError for anything else (negative, fractional, too large,
   *   NaN, not a number).
   */
  constructor(seed: number) {
    if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`RandomState: seed must be an integer in 0..4294967295 (2^32 - 1); received ${String(seed)}`);
    }
    const mt = this.#mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1];
      // init_genrand: mt[i] = 1812433253 * (prev ^ (prev >> 30)) + i (mod 2^32).
      mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
  }

  /** Regenerates the 624-word state (genrand's "generate N words at one time"). */
  #twist(): void {
    const mt = this.#mt;
    let kk = 0;
    let y: number;
    for (; kk < N - M; kk++) {
      y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    for (; kk < N - 1; kk++) {
      y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    y = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    this.#index = 0;
  }

  /** The next 32-bit output of MT19937 as an unsigned integer. */
  #nextUint32(): number {
    if (this.#index >= N) this.#twist();
    let y = this.#mt[this.#index++];
    // Tempering. Results may be negative int32 here; callers use >>> to read
    // them as unsigned.
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    return (y ^ (y >>> 18)) >>> 0;
  }

  /** One uniform double in [0, 1) with 53 random bits (NumPy's legacy_double). */
  #nextDouble(): number {
    const a = this.#nextUint32() >>> 5;
    const b = this.#nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * `n` uniform doubles in [0, 1), equal to `np.random.random_sample(n)`.
   *
   * @example
   * new RandomState(0).randomSample(2); // [0.5488135039273248, 0.7151893663724195]
   */
  randomSample(n: number): Float64Array {
    assertCount('randomSample', n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.#nextDouble();
    return out;
  }

  /**
   * `n` doubles uniform in [low, high), equal to
   * `np.random.uniform(low, high, n)`, which computes
   * `low + (high − low) · random_sample()`.
   *
   * @throws RangeError if low or high is not finite or n is not a
   *   non-negative integer.
   * @example
   * new RandomState(0).uniform(-1, 1, 2); // [0.0976270078546495, 0.43037873274483895]
   */
  uniform(low: number, high: number, n: number): Float64Array {
    if (!Number.isFinite(low) || !Number.isFinite(high)) {
      throw new RangeError(`RandomState.uniform: low and high must be finite; received ${low}, ${high}`);
    }
    assertCount('uniform', n);
    const range = high - low;
    if (!Number.isFinite(range)) {
      throw new RangeError(`RandomState.uniform: high - low overflows; received ${low}, ${high}`);
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = low + range * this.#nextDouble();
    return out;
  }

  /**
   * One standard normal deviate, equal to the next value of
   * `np.random.standard_normal()` / `np.random.randn()`.
   *
   * @example
   * new RandomState(42).standardNormal(); // 0.4967141530112327
   */
  standardNormal(): number {
    if (this.#hasGauss) {
      this.#hasGauss = false;
      const cached = this.#gauss;
      this.#gauss = 0;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.#nextDouble() - 1;
      x2 = 2 * this.#nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    // Same expression and evaluation order as legacy_gauss, so the result is
    // the same double: ((-2 · log r2) / r2), then sqrt. NumPy returns f·x2
    // first and keeps f·x1 for the next call.
    const f = Math.sqrt((-2 * log(r2)) / r2);
    this.#gauss = f * x1;
    this.#hasGauss = true;
    return f * x2;
  }

  /**
   * A `rows × cols` matrix of standard normal deviates filled row-major,
   * equal to `np.random.randn(rows, cols)` (and to `randn(n)` reshaped, so
   * `randn(1, n)` draws the same numbers as NumPy's `randn(n)`). The cached
   * second value of a pair carries over between calls, as in NumPy.
   *
   * @example
   * const rng = new RandomState(42);
   * rng.randn(2, 2); // [[0.4967141530112327, -0.13826430117118466], [0.6476885381006925, 1.5230298564080254]]
   */
  randn(rows: number, cols: number): Matrix {
    assertDimension('RandomState.randn: rows', rows);
    assertDimension('RandomState.randn: cols', cols);
    const out = matrix(rows, cols);
    const d = out.data;
    for (let i = 0; i < d.length; i++) d[i] = this.standardNormal();
    return out;
  }
}
