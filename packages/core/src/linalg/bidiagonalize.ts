// Blocked Householder bidiagonalization (LAPACK dgebrd + dlabrd, m ≥ n), in
// row-major storage, on the kernels. Internal to the package: svd uses it.
//
// dlabrd reduces a panel of NB columns and rows without touching the rest of
// the matrix, collecting X and Y such that the trailing block's update is
// A22 −= U·Yᵀ + X·V, one matrix product (the GEMM half of the flops). The
// other half are two matrix-vector products per step with the trailing
// block, x = A·v and y = Aᵀ·u, which dlabrd does as two passes over memory.
// Here they share one pass (Howell et al., "Cache efficient
// bidiagonalization using BLAS 2.5 operators", 2008): the column that the
// next step reflects is known row by row as soon as that row's x entry is,
//   ũ_r = A[r, c+1] − (panel corrections)_r − x_r,
// and the next y is Aᵀ·u with u = (1, f·ũ_{c+2..}), f = 1/(α − β) from
// dlarfg, so y = A[c+1, c+2:] + f·Σ_r ũ_r·A[r, c+2:]: each row segment
// is read once, while in L1, for its dot product with v and for its share of
// the next y. When dlarfg has to rescale (|β| tiny) the closed form does not
// hold and y is recomputed explicitly. The arithmetic is dlabrd's up to the
// order of summation.
//
// Small matrices, and the last columns of large ones, use the one-pass
// unblocked reduction (unblockedBidiagonalize.ts).

import { arena } from '../kernels/arena.ts';
import { wasmKernels } from '../kernels/kernelBackend.ts';
import { reflector } from './householder.ts';
import { type Bidiagonal, unblockedBidiagonalize } from './unblockedBidiagonalize.ts';

export type { Bidiagonal } from './unblockedBidiagonalize.ts';

/**
 * Panel width. 24 rather than dgebrd's 32: the panel's narrow matrix-vector
 * products shrink with it and the trailing products' depth hardly matters
 * here (values-only reduction, old and new alternated: 512² 35–36 → 32–34
 * ms, 1024² the same; 16 and 48 no better, 64 slower).
 */
const NB = 24;
/** Matrices with fewer columns are reduced unblocked, and so are the last ≤ TAIL columns. */
const BLOCKED_MIN = 128;
const TAIL = 64;
const TINY = 2.2250738585072014e-308 / 1.1102230246251565e-16; // dlarfg rescales below this

/**
 * Reduces the row-major m × n array `a` (m ≥ n, overwritten) to upper
 * bidiagonal form B = Qᵀ·A·P, Q = H_0···H_{n−1}, P = G_0···G_{n−2}:
 * blocked on the WebAssembly kernels from n = 128 columns on, otherwise
 * unblocked (in plain JavaScript the one-pass unblocked reduction is the
 * faster of the two). With `reflectors` false (values only) the blocked
 * reduction returns d and e alone (its reflectors empty, `a` not written
 * back): its two reflector arrays were as large as A and fresh each call.
 * @internal
 */
export function bidiagonalize(a: Float64Array, m: number, n: number, reflectors = true): Bidiagonal {
  if (n < BLOCKED_MIN || wasmKernels() === undefined) return unblockedBidiagonalize(a, m, n);
  return blockedBidiagonalize(a, m, n, reflectors);
}

/**
 * The blocked reduction on the current backend's arena (any n > TAIL + NB
 * is blocked; smaller ones go straight to the unblocked tail). @internal
 */
export function blockedBidiagonalize(a: Float64Array, m: number, n: number, reflectors = true): Bidiagonal {
  const nr = n - 1;
  const d = new Float64Array(n);
  const e = new Float64Array(nr);
  const lt = new Float64Array(reflectors ? n * m : 0);
  const lTau = new Float64Array(reflectors ? n : 0);
  const rt = new Float64Array(reflectors ? nr * nr : 0);
  const rTau = new Float64Array(reflectors ? nr : 0);

  // Arena layout (element offsets): A, X (m × NB), Y (n × NB), then vectors.
  const X0 = m * n;
  const Y0 = X0 + m * NB;
  const S0 = Y0 + n * NB; // Σ ũ_r·A[r, c+2:], n
  const CX = S0 + n; // corrections of x, m
  const CU = CX + m; // corrections of the next column, m
  const UC = CU + m; // the current left reflector, gathered, m
  const YV = UC + m; // the current y, n
  const T1 = YV + n; // small vectors, NB + 1 each
  const T2 = T1 + NB + 1;
  const T3 = T2 + NB + 1;
  const T4 = T3 + NB + 1;
  const T5 = T4 + NB + 1;
  const ar = arena(T5 + NB + 1);
  const F = ar.data;
  try {
    F.set(a.subarray(0, m * n));
    let k = 0;
    for (; n - k > TAIL + NB; k += NB) {
      let fused = false; // y of this step was accumulated by the previous step's pass
      for (let i = 0; i < NB; i++) {
        const c = k + i;
        const ncol = n - c - 1;

        // Left reflector from column c (rows c..m−1), already updated.
        for (let r = c; r < m; r++) F[UC + r - c] = F[r * n + c];
        const alpha = F[UC];
        const tauq = reflector(F, UC, m - c);
        const beta = F[UC];
        d[c] = beta;
        if (reflectors) lTau[c] = tauq;
        for (let r = c + 1; r < m; r++) F[r * n + c] = F[UC + r - c];
        F[c * n + c] = 1;
        F[UC] = 1;

        // Y[c+1:n, i] = tauq·(A[c:m, c+1:n]ᵀ·u − Y·(A[c:m, k:c]ᵀ·u) − A[k:c, c+1:n]ᵀ·(X[c:m, 0:i]ᵀ·u)).
        if (tauq === 0) {
          for (let j = c + 1; j < n; j++) F[Y0 + j * NB + i] = 0;
        } else {
          if (fused && Math.abs(beta) >= TINY) {
            const f = 1 / (alpha - beta);
            for (let j = 0; j < ncol; j++) F[YV + j] = F[c * n + c + 1 + j] + f * F[S0 + j];
          } else {
            ar.gemvT(c * n + c + 1, n, m - c, ncol, UC, YV, 1, false);
          }
          if (i > 0) {
            ar.gemvT(c * n + k, n, m - c, i, UC, T1, 1, false);
            ar.gemvN(Y0 + (c + 1) * NB, NB, ncol, i, T1, YV, -1, true);
            ar.gemvT(X0 + c * NB, NB, m - c, i, UC, T2, 1, false);
            ar.gemvT(k * n + c + 1, n, i, ncol, T2, YV, -1, true);
          }
          for (let j = 0; j < ncol; j++) F[Y0 + (c + 1 + j) * NB + i] = tauq * F[YV + j];
        }

        // Row c: A[c, c+1:n] −= Y[c+1:n, 0:i+1]·A[c, k:c+1]ᵀ + A[k:c, c+1:n]ᵀ·X[c, 0:i]ᵀ.
        const rowC = c * n + c + 1;
        ar.gemvN(Y0 + (c + 1) * NB, NB, ncol, i + 1, c * n + k, rowC, -1, true);
        if (i > 0) ar.gemvT(k * n + c + 1, n, i, ncol, X0 + c * NB, rowC, -1, true);

        // Right reflector from row c, in place (v = A[c, c+1:n] with head 1).
        const taup = reflector(F, rowC, ncol);
        e[c] = F[rowC];
        if (reflectors) rTau[c] = taup;
        F[rowC] = 1;

        // X[c+1:m, i] = taup·(A[c+1:m, c+1:n]·v − A[c+1:m, k:c+1]·t3 − X[c+1:m, 0:i]·t4),
        // t3 = Y[c+1:n, 0:i+1]ᵀ·v, t4 = A[k:c, c+1:n]·v; the corrections first.
        const rows = m - c - 1;
        ar.gemvT(Y0 + (c + 1) * NB, NB, ncol, i + 1, rowC, T3, 1, false);
        ar.gemvN((c + 1) * n + k, n, rows, i + 1, T3, CX, 1, false);
        if (i > 0) {
          ar.gemvN(k * n + c + 1, n, i, ncol, rowC, T4, 1, false);
          ar.gemvN(X0 + (c + 1) * NB, NB, rows, i, T4, CX, 1, true);
        }
        const xAt = X0 + (c + 1) * NB + i;
        fused = i + 1 < NB;
        if (fused) {
          // The next column's corrections: A[r, k:c+1]·Y[c+1, 0:i+1]ᵀ + X[r, 0:i]·A[k:c, c+1]
          // (its last term, X[r, i]·A[c, c+1] = x_r·1, is added in the pass).
          for (let q = 0; q < i; q++) F[T5 + q] = F[(k + q) * n + c + 1];
          ar.gemvN((c + 1) * n + k, n, rows, i + 1, Y0 + (c + 1) * NB, CU, 1, false);
          if (i > 0) ar.gemvN(X0 + (c + 1) * NB, NB, rows, i, T5, CU, 1, true);
          // Row c+1 heads the next reflector (its y share is A[c+1, c+2:] itself).
          ar.bidiagPass((c + 1) * n + c + 1, n, 1, ncol, rowC, CX, CU, xAt, NB, taup, S0, 1);
          F.fill(0, S0, S0 + ncol - 1);
          ar.bidiagPass((c + 2) * n + c + 1, n, rows - 1, ncol, rowC, CX + 1, CU + 1, xAt + NB, NB, taup, S0, 2);
        } else {
          ar.bidiagPass((c + 1) * n + c + 1, n, rows, ncol, rowC, CX, CU, xAt, NB, taup, S0, 0);
        }
      }

      // Trailing block: A22 −= U·Yᵀ + X·V, with U = A[k2:m, k:k2], V = A[k:k2, k2:n].
      const k2 = k + NB;
      for (let j = Y0 + k2 * NB; j < Y0 + n * NB; j++) F[j] = -F[j];
      for (let j = X0 + k2 * NB; j < X0 + m * NB; j++) F[j] = -F[j];
      ar.gemm(m - k2, n - k2, NB, k2 * n + k, n, 1, Y0 + k2 * NB, 1, NB, k2 * n + k2, n);
      ar.gemm(m - k2, n - k2, NB, X0 + k2 * NB, NB, 1, k * n + k2, n, 1, k2 * n + k2, n);
    }

    // The last columns, unblocked (on a copy: F keeps the blocked columns' reflectors).
    const m2 = m - k;
    const n2 = n - k;
    const sub = new Float64Array(m2 * n2);
    for (let r = 0; r < m2; r++) sub.set(F.subarray((k + r) * n + k, (k + r + 1) * n), r * n2);
    const tail = unblockedBidiagonalize(sub, m2, n2);
    d.set(tail.d, k);
    e.set(tail.e, k);

    if (reflectors) {
      // Every reflector, in the layout formQ reads: the blocked columns' from F, then the tail's.
      for (let c = 0; c < k; c++) {
        lt[c * m] = d[c];
        for (let r = c + 1; r < m; r++) lt[c * m + r - c] = F[r * n + c];
        rt[c * nr] = e[c];
        for (let j = c + 2; j < n; j++) rt[c * nr + j - c - 1] = F[c * n + j];
      }
      lTau.set(tail.left.taus, k);
      rTau.set(tail.right.taus, k);
      for (let i = 0; i < n2; i++) lt.set(tail.left.tails.subarray(i * m2, i * m2 + m2 - i), (k + i) * m);
      for (let i = 0; i < n2 - 1; i++) rt.set(tail.right.tails.subarray(i * (n2 - 1), (i + 1) * (n2 - 1) - i), (k + i) * nr);
      a.set(F.subarray(0, m * n));
    }
  } finally {
    ar.release();
  }
  return { d, e, left: { tails: lt, taus: lTau }, right: { tails: rt, taus: rTau } };
}
