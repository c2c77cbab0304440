import * as Comlink from 'comlink';

/** The part of `Worker` the runtime needs (a MessagePort plus terminate works in tests). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: string, listener: (event: never) => void): void;
  removeEventListener(type: string, listener: (event: never) => void): void;
  terminate(): void;
}

/** A running worker wrapped with Comlink. */
export interface WorkerHandle<Api> {
  api: Comlink.Remote<Api>;
  /** Terminates the worker; its error listener is removed first, so `onError` is never called after. */
  terminate(): void;
}

/**
 * Spawns a worker and wraps it with Comlink: the one lifecycle every client
 * and pool of the site shares. A worker that fails to load, or throws outside
 * a call, never answers the call it was given: `onError` is told (with the
 * error's message), so the owner can reject that call and start over with a
 * new worker (terminate, then spawn again).
 */
export function startWorker<Api>(spawn: () => WorkerLike, onError: (message: string) => void): WorkerHandle<Api> {
  const worker = spawn();
  const listener = ((event: ErrorEvent) => onError(event?.message ?? '')) as (event: never) => void;
  worker.addEventListener('error', listener);
  return {
    api: Comlink.wrap<Api>(worker as unknown as Comlink.Endpoint),
    terminate() {
      worker.removeEventListener('error', listener);
      worker.terminate();
    },
  };
}
