import { describe, expect, it } from 'vitest';
import {
  type LmBatch,
  type LmWeights,
  encode,
  initLm,
  lmConfig,
  lmGradients,
  lmLogits,
  lmLoss,
  lmTensors,
  textBatch,
} from '../src/lm/index.ts';
import { close } from './close.ts';
import { TINY, finiteDifferences, randomAdapters, randomBatch, randomTiny, relativeError } from './lmFixtures.ts';

describe('lmGradients', () => {
  const weights = randomTiny(1);
  const batch = randomBatch(TINY, 2, 5, 5);
  const { loss, grads } = lmGradients(weights, batch);
  const fdTensors = lmTensors(weights);
  const gradTensors = lmTensors(grads!);

  it('the loss it reports is lmLoss of the same batch', () => {
    expect(loss).toBe(lmLoss(weights, batch));
  });

  for (const [i, t] of fdTensors.entries()) {
    it(`∂L/∂${t.name} matches central finite differences to 1e-6 relative`, () => {
      const fd = finiteDifferences(t.data, () => lmLoss(weights, batch));
      const err = relativeError(gradTensors[i].data, fd);
      expect(err).toBeLessThan(1e-6);
      expect(Math.max(...fd.map(Math.abs))).toBeGreaterThan(1e-4); // a real signal, not 0 ≈ 0
    });
  }
});

describe('lmGradients with LoRA adapters', () => {
  for (const scaling of ['standard', 'rslora'] as const) {
    const weights = randomTiny(2);
    const adapters = randomAdapters(TINY, 3, 11, scaling);
    const batch = randomBatch(TINY, 2, 6, 9);
    const { adapterGrads, grads } = lmGradients(weights, batch, { adapters, base: true });
    adapters.layers.forEach((layer, l) => {
      for (const m of adapters.targets) {
        for (const which of ['a', 'b'] as const) {
          it(`∂L/∂${which.toUpperCase()} of block ${l} ${m} (${scaling}) matches central finite differences to 1e-6`, () => {
            const x = layer[m]![which].data;
            const fd = finiteDifferences(x, () => lmLoss(weights, batch, adapters));
            expect(relativeError(adapterGrads!.layers[l][m]![which].data, fd)).toBeLessThan(1e-6);
          });
        }
      }
    });
    it(`with adapters (${scaling}), the base weights' gradients match finite differences too`, () => {
      const t = lmTensors(weights);
      const g = lmTensors(grads!);
      for (const i of [2, 4, 9, t.length - 1]) {
        const fd = finiteDifferences(t[i].data, () => lmLoss(weights, batch, adapters));
        expect(relativeError(g[i].data, fd)).toBeLessThan(1e-6);
      }
    });
  }

  it('frozen base: only the adapters get gradients (grads is null), the same as with the base learning too', () => {
    const weights = randomTiny(2);
    const adapters = randomAdapters(TINY, 2);
    const batch = randomBatch(TINY, 2, 5);
    const frozen = lmGradients(weights, batch, { adapters });
    expect(frozen.grads).toBeNull();
    const both = lmGradients(weights, batch, { adapters, base: true });
    frozen.adapterGrads!.layers.forEach((layer, l) => {
      for (const m of adapters.targets) {
        expect(layer[m]!.a.data).toEqual(both.adapterGrads!.layers[l][m]!.a.data);
        expect(layer[m]!.b.data).toEqual(both.adapterGrads!.layers[l][m]!.b.data);
      }
    });
  });
});

describe('lmLogits', () => {
  it("is causal: changing a later token never changes an earlier position's logits (bit for bit)", () => {
    const weights = randomTiny(4);
    const base = randomBatch(TINY, 2, 6, 21);
    const before = lmLogits(weights, base);
    const V = TINY.vocab.length;
    for (let s = 1; s < 6; s++) {
      const tokens = base.tokens.slice();
      tokens[s] = (tokens[s] + 1) % V; // sequence 0, position s
      tokens[6 + s] = (tokens[6 + s] + 2) % V; // sequence 1
      const after = lmLogits(weights, { ...base, tokens });
      for (const b of [0, 1]) {
        const rows = (x: Float64Array) => x.subarray(b * 6 * V, (b * 6 + s) * V);
        expect(rows(after.data)).toEqual(rows(before.data));
        // ...and position s itself does change.
        expect(after.data.subarray((b * 6 + s) * V, (b * 6 + s + 1) * V)).not.toEqual(
          before.data.subarray((b * 6 + s) * V, (b * 6 + s + 1) * V),
        );
      }
    }
  });

  it("a sequence's logits do not depend on the other sequences of the batch", () => {
    const weights = randomTiny(4);
    const b = randomBatch(TINY, 3, 5, 8);
    const all = lmLogits(weights, b);
    const one = lmLogits(weights, { tokens: b.tokens.slice(5, 10), batch: 1, length: 5 });
    close(one.data, all.data.subarray(5 * 6, 10 * 6), { rtol: 1e-13, atol: 1e-15 });
  });

  it('a fresh model predicts nearly uniformly: loss ≈ ln V', () => {
    const config = lmConfig({ vocab: 'abcdefghij', context: 16, dModel: 16, nLayers: 2, nHeads: 4 });
    const loss = lmLoss(initLm(config, 0), randomBatch(config, 4, 16, 1, false));
    close(loss, Math.log(10), { rtol: 0.02 });
  });
});

describe('bad input', () => {
  const weights: LmWeights = randomTiny(1);

  it('a sequence longer than the context is a RangeError naming both lengths', () => {
    const b = randomBatch(TINY, 1, 6);
    const long: LmBatch = { tokens: new Int32Array(7), targets: new Int32Array(7), batch: 1, length: 7 };
    expect(() => lmLoss(weights, long)).toThrow(/length 7 are longer than the model's context of 6/);
    expect(() => lmLoss(weights, b)).not.toThrow();
  });

  it('token ids outside the vocabulary, and targets below −1, are RangeErrors naming the id and index', () => {
    const b = randomBatch(TINY, 1, 4);
    const tokens = b.tokens.slice();
    tokens[2] = 6;
    expect(() => lmLoss(weights, { ...b, tokens })).toThrow(/token id 6 at index 2 is outside the vocabulary 0..5/);
    const targets = b.targets.slice();
    targets[3] = -2;
    expect(() => lmLoss(weights, { ...b, targets })).toThrow(/target -2 at index 3/);
  });

  it('a character outside the vocabulary is a RangeError naming it and its position', () => {
    expect(() => encode(TINY.vocab, 'abz')).toThrow(/character "z" \(U\+007A\) at position 2 is not in the vocabulary/);
    expect(() => textBatch(TINY.vocab, ['ab.c', 'a!cd'])).toThrow(/"!"/);
  });

  it('a batch whose arrays do not match batch·length is a RangeError', () => {
    expect(() => lmLoss(weights, { tokens: new Int32Array(5), targets: new Int32Array(5), batch: 2, length: 3 })).toThrow(
      /batch·length = 6/,
    );
  });
});
