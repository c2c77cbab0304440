import type * as Comlink from 'comlink';
import { startWorker, type WorkerHandle, type WorkerLike } from './startWorker.ts';

/** Rejection reason of a task that was cancelled. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor() {
    super('Cancelled.');
  }
}

/** What a running task may ask of its pool. */
export interface TaskContext<Api> {
  /** True while the task runs; false once it is settled (cancelled, failed or done): its callbacks must then do nothing. */
  live(): boolean;
  /**
   * Up to `max` workers that are idle right now (none when every worker is
   * busy or tasks are waiting), lent to this task until it settles: a task
   * that can spread its own work (a large product by blocks of rows) uses
   * cores that would otherwise do nothing. Cancelling the task terminates
   * them with its own worker.
   */
  borrow(max: number): Comlink.Remote<Api>[];
}

/** A task for one worker of a pool: called with its worker's API and its {@link TaskContext}. */
export type PoolTask<Api, T> = (api: Comlink.Remote<Api>, context: TaskContext<Api>) => Promise<T>;

export interface WorkerPool<Api> {
  /** Number of workers. */
  readonly size: number;
  /**
   * Queues a task in the group `id` (a group is what one cancel stops, e.g.
   * every task of one file); resolves with its result, rejects with
   * {@link CancelledError} if the group is cancelled first.
   */
  run<T>(id: string, task: PoolTask<Api, T>): Promise<T>;
  /** Cancels every task of the group `id`: queued ones are dropped, running ones' workers (and the workers they borrowed) terminated and replaced. */
  cancel(id: string): void;
  /** Cancels everything and terminates the workers. */
  dispose(): void;
}

interface Entry<Api> {
  id: string;
  task: PoolTask<Api, unknown>;
  resolve: (value: unknown) => void;
  reject: (e: unknown) => void;
}

/**
 * Which waiting task a free worker takes: the first one of the group with
 * the fewest tasks running, so that a file dropped while a large checkpoint
 * is being analyzed starts at once instead of waiting behind its hundreds
 * of tensors (within a group, tasks keep their order). Returns an index
 * into `waiting`, or -1 when it is empty.
 *
 * @param running The group of every running task (one entry per task).
 */
export function nextTask(waiting: readonly { id: string }[], running: readonly string[]): number {
  let best = -1;
  let bestCount = Infinity;
  for (let i = 0; i < waiting.length; i++) {
    const id = waiting[i]!.id;
    let count = 0;
    for (const r of running) if (r === id) count++;
    if (count < bestCount) {
      best = i;
      bestCount = count;
      if (count === 0) break;
    }
  }
  return best;
}

/**
 * A pool of `size` workers, spawned up front (so every script the tasks need
 * is loaded before the first one starts: no network request while they run).
 * A worker runs one task at a time and is reused; free workers take waiting
 * tasks fairly between groups (see {@link nextTask}), and a running task may
 * borrow the idle ones. Cancelling a group terminates the workers running
 * its tasks (a running SVD cannot be interrupted any other way) and spawns
 * replacements; a worker that fails fails its task the same way.
 */
export function createWorkerPool<Api>({
  spawn,
  size = 2,
  name = 'worker',
}: {
  spawn: () => WorkerLike;
  size?: number;
  name?: string;
}): WorkerPool<Api> {
  interface Slot {
    worker: WorkerHandle<Api>;
    /** The task this worker works for, as its own worker or lent to it. */
    entry?: Entry<Api>;
    lent: boolean;
  }
  const waiting: Entry<Api>[] = [];
  let disposed = false;

  function attach(slot: Partial<Slot>): Slot {
    const mine = startWorker<Api>(spawn, (message) => {
      const entry = slot.entry;
      if (slot.worker !== mine || !entry) return;
      settle(entry, () => entry.reject(new Error(`The ${name} failed${message ? `: ${message}` : ''}`)), true);
    });
    slot.worker = mine;
    slot.lent = false;
    return slot as Slot;
  }

  const slots: Slot[] = Array.from({ length: Math.max(1, size) }, () => attach({}));

  function pump() {
    for (const slot of slots) {
      if (slot.entry || disposed) continue;
      const running = slots.filter((s) => s.entry && !s.lent).map((s) => s.entry!.id);
      const i = nextTask(waiting, running);
      if (i < 0) return;
      const entry = waiting.splice(i, 1)[0]!;
      slot.entry = entry;
      const context: TaskContext<Api> = {
        // Messages a worker posted before it was terminated can still arrive: once the task is
        // settled, `live()` is false and its callbacks must do nothing.
        live: () => slot.entry === entry,
        borrow(max) {
          if (slot.entry !== entry || waiting.length > 0) return [];
          const idle = slots.filter((s) => !s.entry).slice(0, Math.max(0, max));
          for (const s of idle) {
            s.entry = entry;
            s.lent = true;
          }
          return idle.map((s) => s.worker.api);
        },
      };
      entry.task(slot.worker.api, context).then(
        (value) => settle(entry, () => entry.resolve(value), false),
        (error: unknown) => settle(entry, () => entry.reject(error), false),
      );
    }
  }

  /** Frees the workers of a task (terminating and replacing them if `kill`), then delivers its outcome once. */
  function settle(entry: Entry<Api>, deliver: () => void, kill: boolean) {
    const mine = slots.filter((s) => s.entry === entry);
    if (mine.length === 0) return; // already settled (cancelled, failed)
    for (const slot of mine) {
      slot.entry = undefined;
      slot.lent = false;
      if (kill) {
        slot.worker.terminate();
        if (!disposed) attach(slot);
      }
    }
    deliver();
    pump();
  }

  return {
    size: slots.length,
    run<T>(id: string, task: PoolTask<Api, T>): Promise<T> {
      if (disposed) return Promise.reject(new Error(`The ${name} pool was disposed.`));
      return new Promise<T>((resolve, reject) => {
        waiting.push({ id, task, resolve: resolve as (value: unknown) => void, reject });
        pump();
      });
    },
    cancel(id) {
      for (let i = waiting.length - 1; i >= 0; i--) if (waiting[i]!.id === id) waiting.splice(i, 1)[0]!.reject(new CancelledError());
      const running = new Set(slots.filter((s) => s.entry?.id === id).map((s) => s.entry!));
      for (const entry of running) settle(entry, () => entry.reject(new CancelledError()), true);
    },
    dispose() {
      disposed = true;
      for (const e of waiting.splice(0)) e.reject(new CancelledError());
      const running = new Set(slots.filter((s) => s.entry).map((s) => s.entry!));
      for (const entry of running) settle(entry, () => entry.reject(new CancelledError()), true);
      for (const slot of slots) slot.worker.terminate();
    },
  };
}
