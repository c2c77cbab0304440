// The analysis page's two paths for big matrices, one run each
// (they take seconds, not milliseconds): the top 64 singular values of a
// full 4096 × 4096 update by randomized SVD, with its error against the
// exact SVD at 1024 × 1024 (and the time ratio), and the exact spectrum of a
// rank-64 adapter γ·B·A on 4096 × 4096 from the small problem, beside the
// cost of merely forming the product.
//
//   node bench/analysisBench.ts        (or, with the SVD bench, npm run bench -w @lora-rank/core)

import { pathToFileURL } from 'node:url';
import {
  RandomState,
  adapterSpectrum,
  frobeniusNorm,
  matmul,
  randomizedSvd,
  svd,
  type Matrix,
  type RandomizedSvdResult,
} from '../src/index.ts';

/**
 * An n × n "fine-tune-like" update with a decaying spectrum: X·diag(0.97^j)·Y
 * (X n × 256, Y 256 × n Gaussian, scaled) plus a little Gaussian noise.
 */
function decayingUpdate(n: number, seed: number): Matrix {
  const rng = new RandomState(seed);
  const k = 256;
  const x = rng.randn(n, k);
  const y = rng.randn(k, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) x.data[i * k + j] *= 0.97 ** j / n;
  const a = matmul(x, y);
  const noise = rng.randn(n, n);
  for (let i = 0; i < a.data.length; i++) a.data[i] += (1e-4 * noise.data[i]) / Math.sqrt(n);
  return a;
}

function once<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0];
}

/** What an adaptive run did: its power iterations and the accuracy it reports. */
function iterationsOf(r: RandomizedSvdResult): string {
  return `adaptive to 1e-6: ${r.iterations} power iterations, estimated accuracy ${r.accuracy.toExponential(1)}${r.converged ? '' : ', not converged'}`;
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

export function benchAnalysis(): void {
  const out: string[] = [];
  const a1 = decayingUpdate(1024, 1024);
  const [exact, exactMs] = once(() => svd(a1, { vectors: false }).s);
  // The analysis page's call: adaptive (default tolerance 1e-6), so the iterations done are printed.
  const [fit, approxMs] = once(() => randomizedSvd(a1, { rank: 64 }));
  const approx = fit.s;
  const worstOf = (k: number) => {
    let worst = 0;
    for (let i = 0; i < k; i++) worst = Math.max(worst, Math.abs(approx[i] - exact[i]) / exact[i]);
    return worst.toExponential(1);
  };
  out.push(
    `1024 × 1024, decaying spectrum: exact svd (values) ${fmt(exactMs)} ms; randomized top-64 ${fmt(approxMs)} ms ` +
      `(${iterationsOf(fit)}; ${(exactMs / approxMs).toFixed(1)}× faster); max relative error of σ_1..8 ${worstOf(8)}, σ_1..32 ${worstOf(32)}, σ_1..64 ${worstOf(64)}`,
  );
  const a4 = decayingUpdate(4096, 4096);
  const [big, rsvdMs] = once(() => randomizedSvd(a4, { rank: 64 }));
  const [, froMs] = once(() => frobeniusNorm(a4));
  out.push(`4096 × 4096: randomized top-64 (oversample 10, ${iterationsOf(big)}) ${fmt(rsvdMs)} ms, plus exact ‖ΔW‖_F ${fmt(froMs)} ms`);
  const rng = new RandomState(64);
  const b = rng.randn(4096, 64);
  const a = rng.randn(64, 4096);
  adapterSpectrum(b, a, 2); // warm-up
  const [, adapterMs] = once(() => adapterSpectrum(b, a, 2));
  const [, productMs] = once(() => matmul(b, a));
  out.push(
    `adapter γ·B·A, r = 64, 4096 × 4096: exact spectrum from the small problem ${fmt(adapterMs)} ms ` +
      `(forming the product alone takes ${fmt(productMs)} ms, ${(productMs / adapterMs).toFixed(0)}×)`,
  );
  console.log('\nanalysis paths (single runs)');
  for (const line of out) console.log(`- ${line}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) benchAnalysis();
