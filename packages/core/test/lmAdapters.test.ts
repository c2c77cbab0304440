import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomState } from '../src/index.ts';
import { LM_MODULES, adapterTensors, createLmAdapters, lmLogits, mergeLmAdapters, moduleShape } from '../src/lm/index.ts';
import { close } from './close.ts';
import { TINY, randomAdapters, randomBatch, randomTiny } from './lmFixtures.ts';

describe('createLmAdapters', () => {
  it('starts from B = 0 and A uniform in ±1/√in (PEFT), one adapter per targeted module per block', () => {
    const ad = createLmAdapters(TINY, { rank: 2, alpha: 4, targets: ['v_proj', 'q_proj', 'down_proj'], seed: 0 });
    expect(ad.targets).toEqual(['q_proj', 'v_proj', 'down_proj']);
    expect(ad.gamma).toBe(2);
    expect(ad.layers).toHaveLength(TINY.nLayers);
    for (const layer of ad.layers) {
      expect(Object.keys(layer).sort()).toEqual(['down_proj', 'q_proj', 'v_proj']);
      for (const m of ad.targets) {
        const [out, inp] = moduleShape(TINY, m);
        const { a, b } = layer[m]!;
        expect([a.rows, a.cols, b.rows, b.cols]).toEqual([2, inp, out, 2]);
        expect(b.data.every((v) => v === 0)).toBe(true);
        expect(a.data.every((v) => Math.abs(v) <= 1 / Math.sqrt(inp))).toBe(true);
      }
    }
  });

  it('draws block l, module i from RandomState(seed + 6l + i): the same A whatever the other targets', () => {
    const all = createLmAdapters(TINY, { rank: 2, alpha: 1, seed: 10 });
    const some = createLmAdapters(TINY, { rank: 2, alpha: 1, targets: ['up_proj'], seed: 10 });
    expect(some.layers[1].up_proj!.a.data).toEqual(all.layers[1].up_proj!.a.data);
    const bound = 1 / Math.sqrt(TINY.dModel);
    expect(all.layers[1].up_proj!.a.data).toEqual(new RandomState(10 + 6 + 4).uniform(-bound, bound, 2 * TINY.dModel));
  });

  it('the rank-r A is the first r rows of the rank-R A (nested across ranks)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.nat(1000), (r, R, seed) => {
        const [lo, hi] = [Math.min(r, R), Math.max(r, R)];
        const small = createLmAdapters(TINY, { rank: lo, alpha: 1, seed });
        const big = createLmAdapters(TINY, { rank: hi, alpha: 1, seed });
        for (const m of LM_MODULES) {
          const a = small.layers[0][m]!.a.data;
          expect(a).toEqual(big.layers[0][m]!.a.data.subarray(0, a.length));
        }
      }),
      { seed: 4242, numRuns: 30 },
    );
  });

  it('gamma is alpha/r (standard) or alpha/√r (rslora)', () => {
    expect(createLmAdapters(TINY, { rank: 4, alpha: 8, seed: 0 }).gamma).toBe(2);
    expect(createLmAdapters(TINY, { rank: 4, alpha: 8, scaling: 'rslora', seed: 0 }).gamma).toBe(4);
  });

  it('lists its factors block by block, module by module, A before B', () => {
    const ad = createLmAdapters(TINY, { rank: 1, alpha: 1, targets: ['k_proj', 'o_proj'], seed: 0 });
    expect(adapterTensors(ad).map((t) => `${t.layer}.${t.module}.${t.which}`)).toEqual([
      '0.k_proj.A',
      '0.k_proj.B',
      '0.o_proj.A',
      '0.o_proj.B',
      '1.k_proj.A',
      '1.k_proj.B',
      '1.o_proj.A',
      '1.o_proj.B',
    ]);
  });

  it('rejects ranks out of range, unknown targets, bad alpha and seeds with a RangeError saying what was received', () => {
    expect(() => createLmAdapters(TINY, { rank: 0, alpha: 1, seed: 0 })).toThrow(
      /rank must be an integer in 1\.\.min\(d, k\) = 1\.\.8; received 0/,
    );
    expect(() => createLmAdapters(TINY, { rank: 9, alpha: 1, targets: ['up_proj'], seed: 0 })).toThrow(/up_proj, 12 × 8.*received 9/);
    expect(() => createLmAdapters(TINY, { rank: 2.5, alpha: 1, seed: 0 })).toThrow(RangeError);
    expect(() => createLmAdapters(TINY, { rank: 2, alpha: 1, targets: ['c_attn' as never], seed: 0 })).toThrow(
      /unknown target module "c_attn"/,
    );
    expect(() => createLmAdapters(TINY, { rank: 2, alpha: 1, targets: [], seed: 0 })).toThrow(/non-empty/);
    expect(() => createLmAdapters(TINY, { rank: 2, alpha: 0, seed: 0 })).toThrow(/alpha must be a finite number > 0/);
    expect(() => createLmAdapters(TINY, { rank: 2, alpha: 1, seed: -1 })).toThrow(/seed/);
  });
});

describe('LoRA invariants', () => {
  const weights = randomTiny(6);
  const batch = randomBatch(TINY, 2, 6, 3);

  it('fresh adapters (B = 0) leave every output unchanged, bit for bit', () => {
    const fresh = createLmAdapters(TINY, { rank: 4, alpha: 16, seed: 1 });
    expect(lmLogits(weights, batch, fresh).data).toEqual(lmLogits(weights, batch).data);
  });

  for (const targets of [['q_proj'], ['v_proj', 'o_proj'], ['up_proj', 'down_proj'], [...LM_MODULES]] as const) {
    it(`merging W + gamma·B·A gives the outputs of the unmerged model (${targets.join(', ')})`, () => {
      const ad = randomAdapters(TINY, 3, 2);
      const only = { ...ad, targets: [...targets], layers: ad.layers.map((l) => Object.fromEntries(targets.map((m) => [m, l[m]]))) };
      const merged = mergeLmAdapters(weights, only);
      close(lmLogits(merged, batch).data, lmLogits(weights, batch, only).data, { rtol: 1e-11, atol: 1e-12 });
      // The base model is untouched and the adapters did change the outputs.
      expect(lmLogits(weights, batch).data).not.toEqual(lmLogits(merged, batch).data);
    });
  }
});
