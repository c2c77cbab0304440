import type * as Comlink from 'comlink';
import { startWorker, type WorkerHandle, type WorkerLike } from './startWorker.ts';

/**
 * Rejection reason for a request that a newer one replaced before it
 * finished. Callers ignore it: it means "your answer is no longer wanted".
 */
export class SupersededError extends Error {
  override name = 'SupersededError';
  constructor() {
    super('A newer request replaced this one.');
  }
}

export type { WorkerLike } from './startWorker.ts';

export interface ComputeClientOptions {
  /** Creates a fresh worker; called lazily, and again after a terminate. */
  spawn: () => WorkerLike;
  /**
   * How long a superseded request may keep running before its worker is
   * terminated and respawned. Short requests finish and are discarded
   * (cheaper than a respawn); long ones are cut off so a slider drag never
   * waits behind stale work.
   */
  respawnAfterMs?: number;
}

export interface ComputeClient<Api> {
  /**
   * Runs `task` against the worker's API. Latest wins: the promise of an
   * earlier request rejects with {@link SupersededError} as soon as a newer
   * request arrives, and its result, if it still comes, is dropped.
   */
  run<R>(task: (api: Comlink.Remote<Api>) => Promise<R>): Promise<R>;
  /** Number of workers spawned so far (for tests and diagnostics). */
  readonly spawned: number;
  /** Terminates the worker and rejects any outstanding request. */
  dispose(): void;
}

interface Job {
  task: (api: never) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/**
 * Wraps one module Worker with Comlink and serializes requests to it so that
 * at most one computation runs and at most one waits: the latest request
 * wins, and a superseded one that runs too long is cancelled by terminating
 * the worker and spawning a fresh one.
 */
export function createComputeClient<Api>({ spawn, respawnAfterMs = 120 }: ComputeClientOptions): ComputeClient<Api> {
  let worker: WorkerHandle<Api> | null = null;
  let spawned = 0;
  let running: (Job & { startedAt: number; generation: number }) | null = null;
  let waiting: Job | null = null;
  let killTimer: ReturnType<typeof setTimeout> | null = null;
  let generation = 0;
  let disposed = false;

  const onError = (message: string) => {
    // The worker will never answer: fail the running request loudly and start over with a new worker.
    const job = running;
    restart();
    job?.reject(new Error(`The compute worker failed${message ? `: ${message}` : ''}`));
    startNext();
  };

  function ensureApi(): Comlink.Remote<Api> {
    if (!worker) {
      worker = startWorker<Api>(spawn, onError);
      spawned += 1;
    }
    return worker.api;
  }

  function restart() {
    if (killTimer) clearTimeout(killTimer);
    killTimer = null;
    worker?.terminate();
    worker = null;
    running = null;
    generation += 1;
  }

  function startNext() {
    if (running || !waiting || disposed) return;
    const job = waiting;
    waiting = null;
    const mine = generation;
    running = { ...job, startedAt: performance.now(), generation: mine };
    let promise: Promise<unknown>;
    try {
      promise = job.task(ensureApi() as never);
    } catch (error) {
      promise = Promise.reject(error);
    }
    promise.then(
      (value) => settle(mine, job, () => job.resolve(value)),
      (error) => settle(mine, job, () => job.reject(error)),
    );
  }

  function settle(mine: number, job: Job, deliver: () => void) {
    // A job from a terminated worker generation was already rejected.
    if (mine !== generation || running?.resolve !== job.resolve) return;
    if (killTimer) clearTimeout(killTimer);
    killTimer = null;
    running = null;
    if (waiting) job.reject(new SupersededError());
    else deliver();
    startNext();
  }

  return {
    run<R>(task: (api: Comlink.Remote<Api>) => Promise<R>): Promise<R> {
      if (disposed) return Promise.reject(new Error('The compute client was disposed.'));
      return new Promise<R>((resolve, reject) => {
        waiting?.reject(new SupersededError());
        waiting = { task: task as Job['task'], resolve: resolve as Job['resolve'], reject };
        if (!running) {
          startNext();
          return;
        }
        if (killTimer) return;
        const elapsed = performance.now() - running.startedAt;
        killTimer = setTimeout(
          () => {
            killTimer = null;
            const stale = running;
            if (!stale) return;
            restart();
            stale.reject(new SupersededError());
            startNext();
          },
          Math.max(0, respawnAfterMs - elapsed),
        );
      });
    },
    get spawned() {
      return spawned;
    },
    dispose() {
      disposed = true;
      const stale = running;
      const queued = waiting;
      waiting = null;
      restart();
      stale?.reject(new SupersededError());
      queued?.reject(new SupersededError());
    },
  };
}
