import type * as Comlink from 'comlink';
import { startWorker, type WorkerHandle, type WorkerLike } from './startWorker.ts';

/** Rejection reason of a task that was cancelled. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor() {
    super('Cancelled.');
  }
}

/** A task for one worker of a pool: called with its API and a `live()` test that turns false once the task is settled. */
export type PoolTask<Api> = (api: Comlink.Remote<Api>, live: () => boolean) => Promise<void>;

export interface WorkerPool<Api> {
  /** Queues a task under `id`; resolves when it is done, rejects with {@link CancelledError} if cancelled. */
  run(id: string, task: PoolTask<Api>): Promise<void>;
  /** Cancels a queued or running task: a running one's worker is terminated and replaced. */
  cancel(id: string): void;
  /** Cancels everything and terminates the workers. */
  dispose(): void;
}

interface Entry<Api> {
  id: string;
  task: PoolTask<Api>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * A pool of `size` workers, spawned up front (so every script the tasks need
 * is loaded before the first one starts: no network request while they run).
 * A worker runs one task at a time and is reused. Cancelling a running task
 * terminates its worker (a running SVD cannot be interrupted any other way)
 * and spawns a replacement; a worker that fails fails its task and is
 * replaced the same way.
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
    entry?: Entry<Api>;
  }
  const waiting: Entry<Api>[] = [];
  let disposed = false;

  function attach(slot: Partial<Slot>): Slot {
    const mine = startWorker<Api>(spawn, (message) => {
      const entry = slot.entry;
      if (slot.worker !== mine || !entry) return;
      replace(slot as Slot);
      entry.reject(new Error(`The ${name} failed${message ? `: ${message}` : ''}`));
    });
    slot.worker = mine;
    return slot as Slot;
  }

  const slots: Slot[] = Array.from({ length: size }, () => attach({}));

  function replace(slot: Slot) {
    slot.worker.terminate();
    slot.entry = undefined;
    if (disposed) return;
    attach(slot);
    pump();
  }

  function pump() {
    for (const slot of slots) {
      if (slot.entry || waiting.length === 0 || disposed) continue;
      const entry = waiting.shift()!;
      slot.entry = entry;
      // Messages a worker posted before it was terminated can still arrive: once the task is
      // settled (cancelled, failed or done), `live()` is false and its callbacks must do nothing.
      const live = () => slot.entry === entry;
      entry.task(slot.worker.api, live).then(
        () => done(slot, entry, () => entry.resolve()),
        (error: unknown) => done(slot, entry, () => entry.reject(error)),
      );
    }
  }

  function done(slot: Slot, entry: Entry<Api>, deliver: () => void) {
    if (slot.entry !== entry) return; // cancelled: already rejected
    slot.entry = undefined;
    deliver();
    pump();
  }

  return {
    run(id, task) {
      if (disposed) return Promise.reject(new Error(`The ${name} pool was disposed.`));
      return new Promise<void>((resolve, reject) => {
        waiting.push({ id, task, resolve, reject });
        pump();
      });
    },
    cancel(id) {
      const i = waiting.findIndex((e) => e.id === id);
      if (i >= 0) {
        waiting.splice(i, 1)[0]!.reject(new CancelledError());
        return;
      }
      const slot = slots.find((s) => s.entry?.id === id);
      if (!slot) return;
      const entry = slot.entry!;
      replace(slot);
      entry.reject(new CancelledError());
    },
    dispose() {
      disposed = true;
      for (const e of waiting.splice(0)) e.reject(new CancelledError());
      for (const slot of slots) {
        const entry = slot.entry;
        slot.worker.terminate();
        slot.entry = undefined;
        entry?.reject(new CancelledError());
      }
    },
  };
}
