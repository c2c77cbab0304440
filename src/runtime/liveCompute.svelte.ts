import { onMount } from 'svelte';
import type * as Comlink from 'comlink';
import { createComputeClient, SupersededError, type ComputeClient, type WorkerLike } from './computeClient.ts';

/** How long a computation may take before its chart says it is updating (answers within ~150 ms never show it). */
export const BUSY_AFTER_MS = 150;

export interface LiveComputeOptions<Api, Req, Res> {
  /** Starts a worker; called only in the browser, once the island has mounted. */
  spawn: () => WorkerLike;
  /** The current request, read reactively: every change starts a new computation. `null` means "nothing to do". */
  request: () => Req | null;
  /** Runs one request against the worker's API. */
  run: (api: Comlink.Remote<Api>, req: Req) => Promise<Res>;
}

/**
 * The live half of every demo, as one reactive object: it owns a compute
 * client (one module worker, latest wins), reruns `run` whenever `request()`
 * changes, and exposes the latest `result`, whether a slow computation is
 * under way (`busy`, set only after {@link BUSY_AFTER_MS} so fast answers do
 * not flicker) and the last error. Create it during component initialisation:
 * it registers `onMount` and `$effect` for the component.
 */
export class LiveCompute<Api, Req, Res> {
  result: Res | null = $state.raw(null);
  busy = $state(false);
  failure: string | null = $state(null);
  /** True once the island runs in the browser. */
  mounted = $state(false);
  #client: ComputeClient<Api> | null = null;

  constructor({ spawn, request, run }: LiveComputeOptions<Api, Req, Res>) {
    onMount(() => {
      this.#client = createComputeClient<Api>({ spawn });
      this.mounted = true;
      return () => this.#client?.dispose();
    });

    $effect(() => {
      if (!this.mounted || !this.#client) return;
      const req = request();
      if (req === null) return;
      let done = false;
      const slow = setTimeout(() => {
        if (!done) this.busy = true;
      }, BUSY_AFTER_MS);
      this.#client
        .run((api) => run(api, req))
        .then(
          (value) => {
            this.result = value;
            this.failure = null;
            this.busy = false;
          },
          (error: unknown) => {
            if (error instanceof SupersededError) return;
            this.failure = error instanceof Error ? error.message : String(error);
            this.busy = false;
          },
        )
        .finally(() => {
          done = true;
          clearTimeout(slow);
        });
    });
  }
}
