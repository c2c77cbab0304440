import { svd } from '../linalg/svd.ts';
import { effectiveRank } from '../spectra/effectiveRank.ts';
import { rankFor } from '../spectra/rankFor.ts';
import { stableRank } from '../spectra/stableRank.ts';
import { LM_MODULES, type LmModule, type LmWeights, moduleShape } from '../lm/lmWeights.ts';

/** The spectrum of one weight matrix's update ΔW = W_tuned − W_base and its rank summaries. */
export interface MatrixDeltaSpectrum {
  /** Block index, 0-based. */
  layer: number;
  module: LmModule;
  /** `'attention'` for q, k, v, o; `'mlp'` for up and down. */
  kind: 'attention' | 'mlp';
  /** `[out, in]` as stored (PyTorch's layout). */
  shape: [number, number];
  /** Singular values of ΔW, descending (min(out, in) of them). */
  s: number[];
  /** ‖ΔW‖_F. */
  frobenius: number;
  /** ‖ΔW‖_F / ‖W_base‖_F: how large the update is relative to the weight. */
  relative: number;
  /** Least rank capturing 90 % of ‖ΔW‖_F² ({@link rankFor}); 0 for ΔW = 0. */
  rank90: number;
  /** Least rank capturing 99 %. */
  rank99: number;
  /** Roy–Vetterli effective rank ({@link effectiveRank}). */
  effectiveRank: number;
  /** ‖ΔW‖_F² / ‖ΔW‖₂² ({@link stableRank}). */
  stableRank: number;
}

/**
 * The update of every linear layer of every block between two models of
 * the same shape (a base and its fine-tune, full or with adapters merged
 * by {@link mergeLmAdapters}): per matrix ΔW = W_tuned − W_base, its
 * singular values (exact SVD, {@link svd}) and the ranks that summarise
 * them: for 90 % and 99 % of the energy, effective rank and stable rank.
 * Block by block, modules in {@link LM_MODULES} order (24 matrices for the
 * shipped model). Embeddings, LayerNorms and the head are not included.
 *
 * @throws RangeError when the two models differ in shape.
 * @example
 * const rows = weightDeltaSpectra(base, trainer.weights);
 * rows.map((r) => r.rank90); // one per matrix
 */
export function weightDeltaSpectra(base: LmWeights, tuned: LmWeights): MatrixDeltaSpectrum[] {
  const a = base.config;
  const b = tuned.config;
  if (a.nLayers !== b.nLayers || a.dModel !== b.dModel || a.dMlp !== b.dMlp) {
    throw new RangeError(
      `weightDeltaSpectra: models differ in shape (${a.nLayers} × ${a.dModel}/${a.dMlp} against ${b.nLayers} × ${b.dModel}/${b.dMlp})`,
    );
  }
  const out: MatrixDeltaSpectrum[] = [];
  base.layers.forEach((layer, l) => {
    for (const module of LM_MODULES) {
      const [rows, cols] = moduleShape(a, module);
      const w0 = layer[module];
      const w1 = tuned.layers[l][module];
      const delta = new Float64Array(rows * cols);
      let baseSq = 0;
      for (let i = 0; i < delta.length; i++) {
        delta[i] = w1[i] - w0[i];
        baseSq += w0[i] * w0[i];
      }
      const s = Array.from(svd({ rows, cols, data: delta }, { vectors: false }).s);
      let sq = 0;
      for (const v of s) sq += v * v;
      const frobenius = Math.sqrt(sq);
      out.push({
        layer: l,
        module,
        kind: module === 'up_proj' || module === 'down_proj' ? 'mlp' : 'attention',
        shape: [rows, cols],
        s,
        frobenius,
        relative: baseSq > 0 ? frobenius / Math.sqrt(baseSq) : 0,
        rank90: rankFor(s, 0.9),
        rank99: rankFor(s, 0.99),
        effectiveRank: effectiveRank(s),
        stableRank: stableRank(s),
      });
    }
  });
  return out;
}
