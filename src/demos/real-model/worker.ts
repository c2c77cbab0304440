import * as Comlink from 'comlink';
import { loadLm, type LmWeights } from '@lora-rank/core/lm';
import { lmPanelRun, type LmRunConfig, type LmRunMessage } from './model.ts';

let base: { url: string; weights: Promise<LmWeights> } | null = null;

/** The shipped base model, fetched once per worker from `url` (the site's `models/base/`, with a trailing slash). */
function baseModel(url: string): Promise<LmWeights> {
  if (base?.url !== url) {
    const get = async (name: string) => {
      const response = await fetch(new URL(name, url));
      if (!response.ok) throw new Error(`could not load the base model's ${name} (HTTP ${response.status})`);
      return response;
    };
    const weights = Promise.all([get('model.safetensors'), get('config.json')]).then(async ([m, c]) =>
      loadLm({ model: new Uint8Array(await m.arrayBuffer()), config: await c.text() }),
    );
    base = { url, weights };
    // A failed load is not cached: the next run tries again.
    weights.catch(() => (base = null));
  }
  return base.weights;
}

function buffersOf(msg: LmRunMessage): ArrayBuffer[] {
  if (msg.kind === 'chunk') return [msg.loss.buffer as ArrayBuffer];
  return [msg.result.files.model.buffer as ArrayBuffer];
}

/** The real-model panel's worker method (registered in workers/lm.worker.ts). */
export const lmMethods = {
  /**
   * Fine-tunes the shipped base model as `config` asks and streams the run:
   * a chunk of losses every few steps, then the result with the checkpoint
   * files (transferred, not copied). Resolves with the steps done.
   * Cancelling is the client's job: it terminates this worker.
   */
  async finetune(config: LmRunConfig, modelUrl: string, onMessage: (msg: LmRunMessage) => void): Promise<number> {
    const weights = await baseModel(modelUrl);
    let steps = 0;
    for (const msg of lmPanelRun(weights, config)) {
      if (msg.kind === 'chunk') steps += msg.loss.length;
      onMessage(Comlink.transfer(msg, buffersOf(msg)));
    }
    return steps;
  },
};

export type LmMethods = typeof lmMethods;
