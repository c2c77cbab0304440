// The plain-JavaScript fallback of the matrix products, for engines without
// WebAssembly SIMD (and to check the wasm kernels against): the same BLIS
// blocking as gemm.ts's wasm path, with packed panels of 3 rows of A and 4
// columns of B (the shape measured fastest in V8: 12 accumulators fit the
// 16 registers) and packing buffers kept at module level, grown on demand.
// Internal to the package.

type Floats = Float64Array | Float32Array;

const MR = 3;
const NR = 4;
const KC = 256;
const MC = 96;
const NC = 2048;

let packA = new Float64Array(MC * KC);
let packB = new Float64Array(KC * NC);
/** The tile of C for edge tiles (fewer than MR rows or NR columns inside C). */
const tile = new Float64Array(MR * NR);

/**
 * `C[i·ldc + j] = (accumulate ? C : 0) + Σ_k X(i, k)·Y(k, j)` for an `m × p`
 * X with element (i, k) at `X[i·xrs + k·xcs]` and a `p × n` Y with element
 * (k, j) at `Y[k·yrs + j·ycs]`. @internal
 */
export function jsGemm(
  m: number,
  n: number,
  p: number,
  X: Floats,
  xrs: number,
  xcs: number,
  Y: Floats,
  yrs: number,
  ycs: number,
  C: Floats,
  ldc: number,
  accumulate: boolean,
): void {
  if (m === 0 || n === 0) return;
  if (p === 0) {
    if (!accumulate) for (let i = 0; i < m; i++) C.fill(0, i * ldc, i * ldc + n);
    return;
  }
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < p; pc += KC) {
      const kc = Math.min(KC, p - pc);
      const bNeeded = Math.ceil(nc / NR) * NR * kc;
      if (packB.length < bNeeded) packB = new Float64Array(bNeeded);
      pack(Y, pc * yrs + jc * ycs, ycs, yrs, nc, kc, NR, packB);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        const aNeeded = Math.ceil(mc / MR) * MR * kc;
        if (packA.length < aNeeded) packA = new Float64Array(aNeeded);
        pack(X, ic * xrs + pc * xcs, xrs, xcs, mc, kc, MR, packA);
        macro(mc, nc, kc, C, ic * ldc + jc, ldc, accumulate || pc > 0);
      }
    }
  }
}

/**
 * Packs `lines` lines of kc elements (line l, element k at
 * src[off + l·ls + k·ks]) into panels of w lines, k-major, zero-padded.
 */
function pack(src: Floats, off: number, ls: number, ks: number, lines: number, kc: number, w: number, dst: Float64Array): void {
  let d = 0;
  for (let l = 0; l < lines; l += w) {
    const width = Math.min(w, lines - l);
    for (let k = 0; k < kc; k++) {
      const base = off + l * ls + k * ks;
      for (let r = 0; r < width; r++) dst[d + r] = src[base + r * ls];
      for (let r = width; r < w; r++) dst[d + r] = 0;
      d += w;
    }
  }
}

function macro(mc: number, nc: number, kc: number, C: Floats, c0: number, ldc: number, acc: boolean): void {
  const A = packA;
  const B = packB;
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = Math.min(NR, nc - jr);
    const bp = (jr / NR) * kc * NR;
    for (let ir = 0; ir < mc; ir += MR) {
      const mr = Math.min(MR, mc - ir);
      let ai = (ir / MR) * kc * MR;
      let bi = bp;
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0;
      let c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0;
      for (let k = 0; k < kc; k++) {
        const a0 = A[ai];
        const a1 = A[ai + 1];
        const a2 = A[ai + 2];
        const b0 = B[bi];
        const b1 = B[bi + 1];
        const b2 = B[bi + 2];
        const b3 = B[bi + 3];
        c00 += a0 * b0;
        c01 += a0 * b1;
        c02 += a0 * b2;
        c03 += a0 * b3;
        c10 += a1 * b0;
        c11 += a1 * b1;
        c12 += a1 * b2;
        c13 += a1 * b3;
        c20 += a2 * b0;
        c21 += a2 * b1;
        c22 += a2 * b2;
        c23 += a2 * b3;
        ai += MR;
        bi += NR;
      }
      const c = c0 + ir * ldc + jr;
      if (mr === MR && nr === NR) {
        const r1 = c + ldc;
        const r2 = r1 + ldc;
        if (acc) {
          C[c] += c00;
          C[c + 1] += c01;
          C[c + 2] += c02;
          C[c + 3] += c03;
          C[r1] += c10;
          C[r1 + 1] += c11;
          C[r1 + 2] += c12;
          C[r1 + 3] += c13;
          C[r2] += c20;
          C[r2 + 1] += c21;
          C[r2 + 2] += c22;
          C[r2 + 3] += c23;
        } else {
          C[c] = c00;
          C[c + 1] = c01;
          C[c + 2] = c02;
          C[c + 3] = c03;
          C[r1] = c10;
          C[r1 + 1] = c11;
          C[r1 + 2] = c12;
          C[r1 + 3] = c13;
          C[r2] = c20;
          C[r2 + 1] = c21;
          C[r2 + 2] = c22;
          C[r2 + 3] = c23;
        }
      } else {
        tile[0] = c00;
        tile[1] = c01;
        tile[2] = c02;
        tile[3] = c03;
        tile[4] = c10;
        tile[5] = c11;
        tile[6] = c12;
        tile[7] = c13;
        tile[8] = c20;
        tile[9] = c21;
        tile[10] = c22;
        tile[11] = c23;
        for (let i = 0; i < mr; i++) {
          for (let j = 0; j < nr; j++) {
            const at = c + i * ldc + j;
            C[at] = acc ? C[at] + tile[i * NR + j] : tile[i * NR + j];
          }
        }
      }
    }
  }
}
