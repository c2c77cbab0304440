import { assertFinite, nonFiniteError } from '../linalg/assertFinite.ts';
import { type Matrix, matrix } from '../linalg/matrix.ts';
import {
  exactResult,
  subspaceWorkspace,
  type RandomizedSvdOptions,
  type RandomizedSvdResult,
  subspaceIteration,
  subspaceSettings,
} from '../linalg/randomizedSvd.ts';
import { type BufferStock, bufferStock } from './bufferStock.ts';
import type { KernelReply, KernelRequest } from './messages.ts';
import { listen, type WorkerTransport } from './transport.ts';

/** A pool of compute workers running {@link serveKernels}; see {@link createKernelPool}. */
export interface KernelPool {
  /** Number of workers. */
  readonly size: number;
  /**
   * `a · b`, split by blocks of rows of `a` (each worker gets its rows of `a`
   * and all of `b`). Written into `out` when given (`a.rows × b.cols`; it
   * may be `a` or `b` itself, whose data are copied for the workers before
   * any result lands), else into a new matrix. A caller multiplying often
   * should pass `out`: a new result's first touch costs page faults that
   * are not the product's. Measured at n = 1024 on this project's 2-core
   * VMs, beside a 60 ms product: copying each worker's 4 MB half into a new
   * 8 MB result took 12 ms in 7 of 10 calls (the others reused freed
   * pages), into a reused one 0.2 ms.
   */
  matmul(a: Matrix, b: Matrix, out?: Matrix): Promise<Matrix>;
  /**
   * {@link randomizedSvd} with A's rows split over the workers: each keeps
   * its block resident for the whole computation, and only the skinny
   * matrices (n × l and m × l) travel, so the cost per iteration is the
   * slowest worker's share plus two small messages per worker. Same
   * options, same results (to rounding).
   */
  randomizedSvd(a: Matrix, options: RandomizedSvdOptions): Promise<RandomizedSvdResult>;
  /** Terminates every worker (their transports' `terminate()`); the pool is unusable afterwards. */
  terminate(): void;
}

/** A request without its id (distributed over the union's members). */
type Request = KernelRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** A successful reply. */
type Reply = Extract<KernelReply, { ok: true }>;

interface Pending {
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

/**
 * Drives a pool of compute workers, each running {@link serveKernels}, to
 * split large products by blocks of rows. DOM-free: the workers can be Web
 * Workers or Node `worker_threads`, anything satisfying
 * {@link WorkerTransport}; size the pool with {@link suggestedPoolSize}.
 * Calls are serialized (one computation at a time on the pool).
 *
 * @param workers The workers' transports, at least one.
 * @example
 * import { Worker } from 'node:worker_threads';
 * const url = new URL('./kernelWorker.ts', import.meta.url); // serveKernels(parentPort!)
 * const pool = createKernelPool(Array.from({ length: suggestedPoolSize() }, () => new Worker(url)));
 * const { s, accuracy } = await pool.randomizedSvd(a, { rank: 64 });
 * pool.terminate();
 */
export function createKernelPool(workers: readonly WorkerTransport[]): KernelPool {
  if (workers.length === 0) throw new RangeError('createKernelPool: received 0 workers, expected at least 1');
  const pending = workers.map(() => new Map<number, Pending>());
  // Buffers for the messages to each worker: those its replies bring back
  // (results once read, and the spares it returns) fill the next requests.
  const stocks: BufferStock[] = workers.map(() => bufferStock(3));
  let nextId = 1;
  workers.forEach((worker, w) => {
    listen(worker, (message) => {
      const reply = message as KernelReply;
      for (const spare of reply.spares ?? []) stocks[w].give(spare);
      const waiter = pending[w].get(reply.id);
      if (waiter === undefined) return;
      pending[w].delete(reply.id);
      if (reply.ok) waiter.resolve(reply);
      else waiter.reject(new Error(`kernel worker ${w}: ${reply.error}`));
    });
  });

  /** Posts `request` to worker `w`, transferring `transfer`'s buffers; resolves with the reply's data. */
  async function send(w: number, request: Request, transfer: Float64Array[] = []): Promise<Float64Array | undefined> {
    return (await ask(w, request, transfer)).data;
  }

  /** {@link send}, resolving with the whole reply. */
  function ask(w: number, request: Request, transfer: Float64Array[] = []): Promise<Reply> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending[w].set(id, { resolve, reject });
      workers[w].postMessage(
        { ...request, id },
        transfer.map((t) => t.buffer as ArrayBuffer),
      );
    });
  }

  /** `source` copied into a buffer for worker `w` (a spare when one fits), to transfer. */
  function staged(w: number, source: Float64Array): Float64Array {
    const out = stocks[w].take(source.length);
    out.set(source);
    return out;
  }

  /** Reads a reply's data with `use`, then keeps its buffer for worker `w`'s next requests. */
  function consume<T>(w: number, data: Float64Array | undefined, use: (d: Float64Array) => T): T {
    const value = use(data!);
    stocks[w].give(data!.buffer);
    return value;
  }

  // Rows per 'rows' message when loading a block: about 4 MB, so that a few
  // reused buffers carry any matrix (and copying into the worker's memory
  // overlaps with filling the next piece).
  const CHUNK_BYTES = 4 * 2 ** 20;

  /** Row ranges of m rows over the workers (the first ones one row longer). */
  function blocks(m: number): [number, number][] {
    const count = Math.min(workers.length, m);
    const out: [number, number][] = [];
    for (let w = 0, start = 0; w < count; w++) {
      const rows = Math.floor(m / count) + (w < m % count ? 1 : 0);
      out.push([start, start + rows]);
      start += rows;
    }
    return out;
  }

  // The subspace iteration's buffers, kept between calls (calls are serialized).
  const ws = subspaceWorkspace();
  let queue: Promise<unknown> = Promise.resolve();
  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    size: workers.length,

    matmul: (a, b, into) =>
      serialized(async () => {
        if (a.cols !== b.rows) {
          throw new RangeError(
            `matmul: inner dimensions differ; received ${a.rows}×${a.cols} · ${b.rows}×${b.cols}, expected a.cols = b.rows`,
          );
        }
        if (into !== undefined && (into.rows !== a.rows || into.cols !== b.cols)) {
          throw new RangeError(`matmul: out is ${into.rows}×${into.cols}; expected ${a.rows}×${b.cols} (a.rows × b.cols)`);
        }
        const out = into ?? matrix(a.rows, b.cols);
        const { cols: p } = a;
        const n = b.cols;
        await Promise.all(
          // Each callback stages its inputs before its first await, so all of a and b are copied
          // before any result is written: out may alias them.
          blocks(a.rows).map(async ([r0, r1], w) => {
            const block = staged(w, a.data.subarray(r0 * p, r1 * p));
            const right = staged(w, b.data);
            const c = await send(w, { type: 'gemm', m: r1 - r0, n, p, a: block, b: right }, [block, right]);
            consume(w, c, (d) => out.data.set(d, r0 * n));
          }),
        );
        return out;
      }),

    randomizedSvd: (a, options) =>
      serialized(async () => {
        const settings = subspaceSettings(a.rows, a.cols, options);
        if (settings.l === Math.min(a.rows, a.cols)) {
          assertFinite('randomizedSvd', a);
          return exactResult(a, settings.keep);
        }
        const { rows: m, cols: n } = a;
        const parts = blocks(m);
        const chunkRows = Math.max(1, Math.floor(CHUNK_BYTES / 8 / Math.max(1, n)));
        // The workers look for NaN and infinities in the rows they are sent (in parallel, instead
        // of a scan of all of A here first: 30 ms of a 0.6 s float32 run at 4096 × 4096); the
        // error names the first one in row-major order, as assertFinite does.
        let firstNonFinite = Infinity;
        await Promise.all(
          parts.map(async ([r0, r1], w) => {
            await send(w, { type: 'load', rows: r1 - r0, cols: n, float32: settings.single });
            for (let s0 = r0; s0 < r1; s0 += chunkRows) {
              const s1 = Math.min(r1, s0 + chunkRows);
              const data = staged(w, a.data.subarray(s0 * n, s1 * n));
              const { nonFinite } = await ask(w, { type: 'rows', start: s0 - r0, data }, [data]);
              if (nonFinite !== undefined) firstNonFinite = Math.min(firstNonFinite, s0 * n + nonFinite);
            }
          }),
        );
        try {
          if (firstNonFinite < Infinity) throw nonFiniteError('randomizedSvd', a, firstNonFinite);
          const steps = subspaceIteration(settings, ws);
          let next = steps.next();
          while (!next.done) {
            const { op, x, l, single } = next.value;
            if (op === 'A') {
              // A·X: every worker multiplies its rows by the whole X.
              const y = ws('A', m * l); // every row is written below
              await Promise.all(
                parts.map(async ([r0], w) => {
                  const xw = staged(w, x);
                  const part = await send(w, { type: 'times', x: xw, l, single }, [xw]);
                  consume(w, part, (d) => y.set(d, r0 * l));
                }),
              );
              next = steps.next(y);
            } else {
              // Aᵀ·X = Σ_w A_wᵀ·X_w: every worker gets its rows of X; the partial sums are added here.
              const z = ws('At', n * l).fill(0);
              const partials = await Promise.all(
                parts.map(([r0, r1], w) => {
                  const xw = staged(w, x.subarray(r0 * l, r1 * l));
                  return send(w, { type: 'transposeTimes', x: xw, l, single }, [xw]);
                }),
              );
              // Summed in worker order, whatever order the replies came in: the same bits every run.
              partials.forEach((part, w) =>
                consume(w, part, (d) => {
                  for (let i = 0; i < z.length; i++) z[i] += d[i];
                }),
              );
              next = steps.next(z);
            }
          }
          return next.value;
        } finally {
          await Promise.all(parts.map((_, w) => send(w, { type: 'release' })));
        }
      }),

    terminate() {
      for (const worker of workers) worker.terminate?.();
      for (const map of pending) {
        for (const waiter of map.values()) waiter.reject(new Error('createKernelPool: the pool was terminated'));
        map.clear();
      }
    },
  };
}
