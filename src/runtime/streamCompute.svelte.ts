import { onMount } from 'svelte';
import * as Comlink from 'comlink';
import { redrawThrottle } from './redrawThrottle.ts';
import { createComputeClient, SupersededError, type ComputeClient, type WorkerLike } from './computeClient.ts';

/** Where a streamed computation is. */
export type StreamStatus = 'idle' | 'running' | 'done' | 'stopped' | 'failed';

export interface StreamComputeOptions<Api, Req, Msg> {
  /** Starts a worker; called only in the browser, once the island has mounted. */
  spawn: () => WorkerLike;
  /** The current request, read reactively: every change restarts the run. `null` means "nothing to do". */
  request: () => Req | null;
  /** Starts one run: calls a worker method that streams messages to `onMessage` and resolves when it ends. */
  start: (api: Comlink.Remote<Api>, req: Req, onMessage: (msg: Msg) => void) => Promise<unknown>;
  /** A run is starting: reset what the messages accumulate into. */
  onStart: (req: Req) => void;
  /** One message of the current run (messages of a replaced run never arrive here). */
  onMessage: (msg: Msg) => void;
  /** Show what has accumulated: after the first message, then at most every `publishMs` while running, and once when the run ends (`final`). */
  publish: (final: boolean) => void;
  /** A drag produces many changes: the run restarts once the request has been still this long (default 150 ms). */
  restartMs?: number;
  /** Least time between two publications while running (default 0: after every message); the first message is published at once. */
  publishMs?: number;
}

/**
 * The live half of a demo whose worker streams results (the training lab,
 * the capacity experiment), as one reactive object: it owns a compute client
 * (one worker, latest wins, a replaced run's worker terminated), restarts the
 * run when `request()` changes (debounced), delivers the current run's
 * messages, throttles redraws, and exposes `status` and `failure`. Create it
 * during component initialisation: it registers `onMount` and `$effect`.
 */
export class StreamCompute<Api, Req, Msg> {
  status: StreamStatus = $state('idle');
  failure: string | null = $state(null);
  #client: ComputeClient<Api> | null = null;
  #mounted = $state(false);
  #token = $state(0);
  #spawn: () => WorkerLike;

  constructor(options: StreamComputeOptions<Api, Req, Msg>) {
    const { spawn, request, start, onStart, onMessage, publish, restartMs = 150, publishMs = 0 } = options;
    this.#spawn = spawn;
    onMount(() => {
      this.#client = createComputeClient<Api>({ spawn });
      this.#mounted = true;
      return () => this.#client?.dispose();
    });

    $effect(() => {
      void this.#token;
      const req = request();
      if (!this.#mounted || req === null) return;
      let live = true;
      const redraw = redrawThrottle((final) => {
        if (live) publish(final);
      }, publishMs);
      const deliver = (msg: Msg) => {
        if (!live) return;
        onMessage(msg);
        redraw.poke();
      };
      const begin = setTimeout(() => {
        const client = this.#client;
        if (!client || !live) return;
        this.status = 'running';
        this.failure = null;
        onStart(req);
        client
          .run((api) => start(api, req, Comlink.proxy(deliver)))
          .then(
            () => {
              if (!live) return;
              redraw.flush();
              this.status = 'done';
            },
            (error: unknown) => {
              if (error instanceof SupersededError || !live) return;
              this.status = 'failed';
              this.failure = error instanceof Error ? error.message : String(error);
            },
          );
      }, restartMs);
      return () => {
        live = false;
        clearTimeout(begin);
        redraw.cancel();
      };
    });
  }

  /** Stops the current run: its worker is terminated (a fresh one serves the next run). */
  stop(): void {
    this.#client?.dispose();
    this.#client = createComputeClient<Api>({ spawn: this.#spawn });
    this.status = 'stopped';
  }

  /** Runs the current request again. */
  rerun(): void {
    this.#token += 1;
  }
}
