import { describe, expect, it } from 'vitest';
import { adapterTensors, lmGradients, lmTensors } from '../src/lm/index.ts';
import { referenceGradients } from '../bench/lmReference.ts';
import { TINY, randomAdapters, randomBatch, randomTiny, relativeError } from './lmFixtures.ts';

// The benchmark races LmEngine against bench/lmReference.ts: a fair race needs both to compute the same thing.
describe("the benchmark's straightforward reference", () => {
  const w = randomTiny(1);
  const batch = randomBatch(TINY, 3, 6, 5);

  it("gives LmEngine's loss and full gradients (1e-12)", () => {
    const ours = lmGradients(w, batch);
    const ref = referenceGradients(w, batch, null);
    expect(Math.abs(ref.loss - ours.loss)).toBeLessThan(1e-12 * ours.loss);
    const g = lmTensors(ref.grads);
    lmTensors(ours.grads!).forEach((t, i) => expect(relativeError(g[i].data, t.data)).toBeLessThan(1e-12));
  });

  it("gives LmEngine's LoRA gradients through the merged weight (1e-12)", () => {
    const adapters = randomAdapters(TINY, 3, 2);
    const ours = adapterTensors(lmGradients(w, batch, { adapters }).adapterGrads!);
    const ref = referenceGradients(w, batch, adapters).adapterGrads;
    expect(ref).toHaveLength(ours.length);
    ours.forEach((t, i) => expect(relativeError(ref[i], t.data)).toBeLessThan(1e-12));
  });
});
