// Singular values (and optionally vectors) of an upper bidiagonal matrix by
// implicit QR iteration: a port of LAPACK's dbdsqr (Demmel & Kahan, "Accurate
// singular values of bidiagonal matrices", 1990), with its tolerances,
// convergence tests, zero-shift sweeps and direction choice kept as they are,
// so that small singular values of graded matrices come out with high
// relative accuracy. Internal to the package: svd calls it.
//
// Layout differences from LAPACK: the left vectors U (nru × n) and the right
// vectors V (n × n, i.e. VTᵀ) are both row-major, and every rotation of a
// sweep acts on columns of U and of V. A sweep's rotations are stored first
// and then applied row by row as a chain (like dlasr), so each row of U or V
// is read once per sweep, contiguously.

const EPS = 1.1102230246251565e-16; // dlamch('Epsilon') = 2^-53
const UNFL = 2.2250738585072014e-308; // dlamch('Safe minimum')
const MAXITR = 6;
const SAFMAX = 1 / UNFL;
const RTMIN = Math.sqrt(UNFL);
const RTMAX = Math.sqrt(SAFMAX / 2);

// Outputs of the plane-rotation helpers, kept in module scope so the hot
// loops do not allocate.
let rc = 0;
let rs = 0;
let rr = 0;

/** dlartg (LAPACK 3.10+): c·f + s·g = r, −s·f + c·g = 0, c ≥ 0, sign(r) = sign(f). */
function lartg(f: number, g: number): void {
  if (g === 0) {
    rc = 1;
    rs = 0;
    rr = f;
    return;
  }
  if (f === 0) {
    rc = 0;
    rs = g > 0 ? 1 : -1;
    rr = Math.abs(g);
    return;
  }
  const f1 = Math.abs(f);
  const g1 = Math.abs(g);
  if (f1 > RTMIN && f1 < RTMAX && g1 > RTMIN && g1 < RTMAX) {
    const d = Math.sqrt(f * f + g * g);
    // One division instead of LAPACK's two (c = |f|/d, s = g/r): c and s
    // then carry 1.5 instead of 0.5 ulp of error, immaterial for a rotation.
    const inv = 1 / d;
    rc = f1 * inv;
    if (f > 0) {
      rr = d;
      rs = g * inv;
    } else {
      rr = -d;
      rs = -g * inv;
    }
  } else {
    const u = Math.min(SAFMAX, Math.max(UNFL, f1, g1));
    const fs = f / u;
    const gs = g / u;
    const d = Math.sqrt(fs * fs + gs * gs);
    rc = Math.abs(fs) / d;
    rr = f > 0 ? d : -d;
    rs = gs / rr;
    rr *= u;
  }
}

/** Fortran SIGN(a, b): |a| with the sign of b. */
function sign(a: number, b: number): number {
  const x = Math.abs(a);
  return b < 0 || Object.is(b, -0) ? -x : x;
}

/** dlas2: the smaller singular value of [[f, g], [0, h]]. */
function las2min(f: number, g: number, h: number): number {
  const fa = Math.abs(f);
  const ga = Math.abs(g);
  const ha = Math.abs(h);
  const fhmn = Math.min(fa, ha);
  const fhmx = Math.max(fa, ha);
  if (fhmn === 0) return 0;
  if (ga < fhmx) {
    const as = 1 + fhmn / fhmx;
    const at = (fhmx - fhmn) / fhmx;
    const au = (ga / fhmx) ** 2;
    const c = 2 / (Math.sqrt(as * as + au) + Math.sqrt(at * at + au));
    return fhmn * c;
  }
  const au = fhmx / ga;
  if (au === 0) return (fhmn * fhmx) / ga;
  const as = 1 + fhmn / fhmx;
  const at = (fhmx - fhmn) / fhmx;
  const c = 1 / (Math.sqrt(1 + (as * au) ** 2) + Math.sqrt(1 + (at * au) ** 2));
  const ssmin = fhmn * c * au;
  return ssmin + ssmin;
}

// dlasv2 outputs.
let svMin = 0;
let svMax = 0;
let snr = 0;
let csr = 0;
let snl = 0;
let csl = 0;

/** dlasv2: SVD of the 2 × 2 upper triangular [[f, g], [0, h]]. */
function lasv2(f: number, g: number, h: number): void {
  let ft = f;
  let fa = Math.abs(ft);
  let ht = h;
  let ha = Math.abs(h);
  let pmax = 1;
  const swap = ha > fa;
  if (swap) {
    pmax = 3;
    let t = ft;
    ft = ht;
    ht = t;
    t = fa;
    fa = ha;
    ha = t;
  }
  const gt = g;
  const ga = Math.abs(gt);
  let clt: number;
  let crt: number;
  let slt: number;
  let srt: number;
  let ssmin: number;
  let ssmax: number;
  if (ga === 0) {
    ssmin = ha;
    ssmax = fa;
    clt = 1;
    crt = 1;
    slt = 0;
    srt = 0;
  } else {
    let gasmal = true;
    ssmin = 0;
    ssmax = 0;
    clt = 1;
    crt = 1;
    slt = 0;
    srt = 0;
    if (ga > fa) {
      pmax = 2;
      if (fa / ga < EPS) {
        // Very large g.
        gasmal = false;
        ssmax = ga;
        ssmin = ha > 1 ? fa / (ga / ha) : (fa / ga) * ha;
        clt = 1;
        slt = ht / gt;
        srt = 1;
        crt = ft / gt;
      }
    }
    if (gasmal) {
      const dd = fa - ha;
      let l = dd === fa ? 1 : dd / fa;
      const m = gt / ft;
      let t = 2 - l;
      const mm = m * m;
      const tt = t * t;
      const s = Math.sqrt(tt + mm);
      const r = l === 0 ? Math.abs(m) : Math.sqrt(l * l + mm);
      const a = 0.5 * (s + r);
      ssmin = ha / a;
      ssmax = fa * a;
      if (mm === 0) {
        if (l === 0) t = sign(2, ft) * sign(1, gt);
        else t = gt / sign(dd, ft) + m / t;
      } else {
        t = (m / (s + t) + m / (r + l)) * (1 + a);
      }
      l = Math.sqrt(t * t + 4);
      crt = 2 / l;
      srt = t / l;
      clt = (crt + srt * m) / a;
      slt = ((ht / ft) * srt) / a;
    }
  }
  if (swap) {
    csl = srt;
    snl = crt;
    csr = slt;
    snr = clt;
  } else {
    csl = clt;
    snl = slt;
    csr = crt;
    snr = srt;
  }
  let tsign = 1;
  if (pmax === 1) tsign = sign(1, csr) * sign(1, csl) * sign(1, f);
  if (pmax === 2) tsign = sign(1, snr) * sign(1, csl) * sign(1, g);
  if (pmax === 3) tsign = sign(1, snr) * sign(1, snl) * sign(1, h);
  svMax = sign(ssmax, tsign);
  svMin = sign(ssmin, tsign * sign(1, f) * sign(1, h));
}

/**
 * Applies the rotations of one sweep to columns lo..lo+count of every row of
 * the row-major `x` (`rows` rows of `ld` entries), as dlasr with pivot 'V':
 * rotation j mixes columns lo+j and lo+j+1 as
 * (x_j, x_{j+1}) ← (c·x_j + s·x_{j+1}, c·x_{j+1} − s·x_j).
 * Forward applies j = 0, 1, ...; backward j = count−1, ..., 0. The running
 * entry stays in a register, and four rows are interleaved so that their
 * (serial) chains overlap in the CPU.
 */
function applyChain(
  x: Float64Array,
  r0: number,
  rows: number,
  ld: number,
  lo: number,
  count: number,
  cs: Float64Array,
  sn: Float64Array,
  off: number,
  forward: boolean,
): void {
  let r = r0;
  if (forward) {
    for (; r + 3 < rows; r += 4) {
      const b0 = r * ld + lo;
      const b1 = b0 + ld;
      const b2 = b1 + ld;
      const b3 = b2 + ld;
      let x0 = x[b0];
      let x1 = x[b1];
      let x2 = x[b2];
      let x3 = x[b3];
      for (let j = 0; j < count; j++) {
        const c = cs[off + j];
        const s = sn[off + j];
        const y0 = x[b0 + j + 1];
        const y1 = x[b1 + j + 1];
        const y2 = x[b2 + j + 1];
        const y3 = x[b3 + j + 1];
        x[b0 + j] = s * y0 + c * x0;
        x[b1 + j] = s * y1 + c * x1;
        x[b2 + j] = s * y2 + c * x2;
        x[b3 + j] = s * y3 + c * x3;
        x0 = c * y0 - s * x0;
        x1 = c * y1 - s * x1;
        x2 = c * y2 - s * x2;
        x3 = c * y3 - s * x3;
      }
      x[b0 + count] = x0;
      x[b1 + count] = x1;
      x[b2 + count] = x2;
      x[b3 + count] = x3;
    }
    for (; r < rows; r++) {
      const b0 = r * ld + lo;
      let x0 = x[b0];
      for (let j = 0; j < count; j++) {
        const c = cs[off + j];
        const s = sn[off + j];
        const y0 = x[b0 + j + 1];
        x[b0 + j] = s * y0 + c * x0;
        x0 = c * y0 - s * x0;
      }
      x[b0 + count] = x0;
    }
  } else {
    for (; r + 3 < rows; r += 4) {
      const b0 = r * ld + lo;
      const b1 = b0 + ld;
      const b2 = b1 + ld;
      const b3 = b2 + ld;
      let x0 = x[b0 + count];
      let x1 = x[b1 + count];
      let x2 = x[b2 + count];
      let x3 = x[b3 + count];
      for (let j = count - 1; j >= 0; j--) {
        const c = cs[off + j];
        const s = sn[off + j];
        const y0 = x[b0 + j];
        const y1 = x[b1 + j];
        const y2 = x[b2 + j];
        const y3 = x[b3 + j];
        x[b0 + j + 1] = c * x0 - s * y0;
        x[b1 + j + 1] = c * x1 - s * y1;
        x[b2 + j + 1] = c * x2 - s * y2;
        x[b3 + j + 1] = c * x3 - s * y3;
        x0 = s * x0 + c * y0;
        x1 = s * x1 + c * y1;
        x2 = s * x2 + c * y2;
        x3 = s * x3 + c * y3;
      }
      x[b0] = x0;
      x[b1] = x1;
      x[b2] = x2;
      x[b3] = x3;
    }
    for (; r < rows; r++) {
      const b0 = r * ld + lo;
      let x0 = x[b0 + count];
      for (let j = count - 1; j >= 0; j--) {
        const c = cs[off + j];
        const s = sn[off + j];
        const y0 = x[b0 + j];
        x[b0 + j + 1] = c * x0 - s * y0;
        x0 = s * x0 + c * y0;
      }
      x[b0] = x0;
    }
  }
}

// Sweeps are not applied to U and V at once: up to QUEUE of them are queued
// and then applied row block by row block, so a few rows of U (or V) stay in
// L1 cache while every queued sweep passes over them, instead of streaming
// the whole matrix through the cache once per sweep. The rotations of a sweep
// depend only on d and e, never on U or V, so the order of operations on
// each row, and hence the result, is unchanged.
const QUEUE = 16;
const ROW_BLOCK = 4;

interface SweepQueue {
  size: number;
  lo: Int32Array;
  count: Int32Array;
  forward: Uint8Array;
  csU: Float64Array;
  snU: Float64Array;
  csV: Float64Array;
  snV: Float64Array;
}

function newQueue(n: number): SweepQueue {
  return {
    size: 0,
    lo: new Int32Array(QUEUE),
    count: new Int32Array(QUEUE),
    forward: new Uint8Array(QUEUE),
    csU: new Float64Array(QUEUE * n),
    snU: new Float64Array(QUEUE * n),
    csV: new Float64Array(QUEUE * n),
    snV: new Float64Array(QUEUE * n),
  };
}

/** Applies the queued sweeps to the rows of x, ROW_BLOCK rows at a time. */
function flushTo(q: SweepQueue, x: Float64Array, rows: number, n: number, cs: Float64Array, sn: Float64Array): void {
  for (let r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
    const r1 = Math.min(r0 + ROW_BLOCK, rows);
    for (let k = 0; k < q.size; k++) {
      applyChain(x, r0, r1, n, q.lo[k], q.count[k], cs, sn, k * n, q.forward[k] === 1);
    }
  }
}

function flush(q: SweepQueue, vectors: BidiagonalVectors, n: number): void {
  if (q.size === 0) return;
  flushTo(q, vectors.u, vectors.uRows, n, q.csU, q.snU);
  flushTo(q, vectors.v, vectors.vRows, n, q.csV, q.snV);
  q.size = 0;
}

/** Queues one sweep: rotations (csV, snV) for V and (csU, snU) for U. */
function push(
  q: SweepQueue,
  vectors: BidiagonalVectors,
  n: number,
  lo: number,
  count: number,
  forward: boolean,
  csV: Float64Array,
  snV: Float64Array,
  csU: Float64Array,
  snU: Float64Array,
): void {
  const k = q.size;
  q.lo[k] = lo;
  q.count[k] = count;
  q.forward[k] = forward ? 1 : 0;
  q.csV.set(csV.subarray(0, count), k * n);
  q.snV.set(snV.subarray(0, count), k * n);
  q.csU.set(csU.subarray(0, count), k * n);
  q.snU.set(snU.subarray(0, count), k * n);
  q.size = k + 1;
  if (q.size === QUEUE) flush(q, vectors, n);
}

/** Optional singular vectors updated alongside the bidiagonal. @internal */
export interface BidiagonalVectors {
  /** Left vectors, `uRows × n` row-major; on exit U·(rotations). */
  u: Float64Array;
  uRows: number;
  /** Right vectors V (not Vᵀ), `vRows × n` row-major. */
  v: Float64Array;
  vRows: number;
}

/**
 * Computes the singular values of the n × n upper bidiagonal matrix with
 * diagonal `d` and superdiagonal `e` (both overwritten; on exit `d` holds the
 * singular values, non-negative but *not* sorted, and `e` is zero). When
 * `vectors` is given, its U and V are multiplied on the right by the left and
 * right rotations, and the columns of V are negated where a singular value
 * was made positive, so U·B·Vᵀ is preserved.
 *
 * `maxIterations` caps the total number of inner steps (LAPACK: 6·n²); when
 * it is exceeded an Error reports how many superdiagonal entries remained.
 * @internal
 */
export function bdsqr(
  d: Float64Array,
  e: Float64Array,
  vectors?: BidiagonalVectors,
  maxIterations: number = MAXITR * d.length * d.length,
): void {
  const n = d.length;
  if (n === 0) return;
  if (n > 1) iterate(d, e, vectors, maxIterations);
  for (let i = 0; i < n; i++) {
    if (d[i] === 0) d[i] = 0; // avoid −0
    if (d[i] < 0) {
      d[i] = -d[i];
      if (vectors) {
        const { v, vRows } = vectors;
        for (let r = 0; r < vRows; r++) v[r * n + i] = -v[r * n + i];
      }
    }
  }
}

function iterate(d: Float64Array, e: Float64Array, vectors: BidiagonalVectors | undefined, maxIterations: number): void {
  const n = d.length;
  const tolmul = Math.max(10, Math.min(100, EPS ** -0.125));
  const tol = tolmul * EPS;
  const cs1 = new Float64Array(n);
  const sn1 = new Float64Array(n);
  const cs2 = new Float64Array(n);
  const sn2 = new Float64Array(n);
  const queue = vectors ? newQueue(n) : undefined;

  let smax = 0;
  for (let i = 0; i < n; i++) smax = Math.max(smax, Math.abs(d[i]));
  for (let i = 0; i < n - 1; i++) smax = Math.max(smax, Math.abs(e[i]));

  // Relative accuracy: a lower bound on the smallest singular value.
  let sminoa = Math.abs(d[0]);
  if (sminoa !== 0) {
    let mu = sminoa;
    for (let i = 1; i < n; i++) {
      mu = Math.abs(d[i]) * (mu / (mu + Math.abs(e[i - 1])));
      sminoa = Math.min(sminoa, mu);
      if (sminoa === 0) break;
    }
  }
  sminoa = sminoa / Math.sqrt(n);
  const thresh = Math.max(tol * sminoa, MAXITR * (n * (n * UNFL)));

  // hi is the last index of the unconverged part, lo its first; oldLo/oldHi
  // remember the previous block (LAPACK's OLDLL/OLDM, here 0-based).
  let iter = 0;
  let oldLo = -2;
  let oldHi = -2;
  let idir = 0;
  let hi = n - 1;
  let smin = 0;

  outer: while (hi > 0) {
    if (iter >= maxIterations) {
      let left = 0;
      for (let i = 0; i < n - 1; i++) if (e[i] !== 0) left++;
      throw new Error(
        `svd: the bidiagonal QR iteration did not converge after ${iter} inner steps ` +
          `(limit ${maxIterations}); ${left} superdiagonal entries are still nonzero`,
      );
    }

    // Find the diagonal block to work on: e[lo−1] = 0, e[lo..hi−1] ≠ 0.
    smax = Math.abs(d[hi]);
    let lo = 0;
    for (let ll = hi - 1; ll >= 0; ll--) {
      const abss = Math.abs(d[ll]);
      const abse = Math.abs(e[ll]);
      if (abse <= thresh || abse === 0) {
        e[ll] = 0;
        if (ll === hi - 1) {
          // The bottom singular value has converged.
          hi--;
          continue outer;
        }
        lo = ll + 1;
        break;
      }
      smax = Math.max(smax, abss, abse);
    }

    if (lo === hi - 1) {
      // 2 × 2 block: solve it directly.
      lasv2(d[hi - 1], e[hi - 1], d[hi]);
      d[hi - 1] = svMax;
      e[hi - 1] = 0;
      d[hi] = svMin;
      if (queue && vectors) {
        // One rotation of columns hi−1, hi (BLAS drot) is a chain of length 1.
        cs1[0] = csr;
        sn1[0] = snr;
        cs2[0] = csl;
        sn2[0] = snl;
        push(queue, vectors, n, hi - 1, 1, true, cs1, sn1, cs2, sn2);
      }
      hi -= 2;
      continue;
    }

    // On a new block, chase the bulge from the larger end towards the smaller.
    if (lo > oldHi || hi < oldLo) idir = Math.abs(d[lo]) >= Math.abs(d[hi]) ? 1 : 2;

    // Convergence tests.
    if (idir === 1) {
      if (Math.abs(e[hi - 1]) <= tol * Math.abs(d[hi])) {
        e[hi - 1] = 0;
        continue;
      }
      let mu = Math.abs(d[lo]);
      smin = mu;
      for (let l = lo; l < hi; l++) {
        if (Math.abs(e[l]) <= tol * mu) {
          e[l] = 0;
          continue outer;
        }
        mu = Math.abs(d[l + 1]) * (mu / (mu + Math.abs(e[l])));
        smin = Math.min(smin, mu);
      }
    } else {
      if (Math.abs(e[lo]) <= tol * Math.abs(d[lo])) {
        e[lo] = 0;
        continue;
      }
      let mu = Math.abs(d[hi]);
      smin = mu;
      for (let l = hi - 1; l >= lo; l--) {
        if (Math.abs(e[l]) <= tol * mu) {
          e[l] = 0;
          continue outer;
        }
        mu = Math.abs(d[l]) * (mu / (mu + Math.abs(e[l])));
        smin = Math.min(smin, mu);
      }
    }
    oldLo = lo;
    oldHi = hi;

    // Shift: zero if shifting could ruin relative accuracy, else the smaller
    // singular value of the trailing (leading, for idir = 2) 2 × 2 block.
    let shift: number;
    if (n * tol * (smin / smax) <= Math.max(EPS, 0.01 * tol)) {
      shift = 0;
    } else {
      let sll: number;
      if (idir === 1) {
        sll = Math.abs(d[lo]);
        shift = las2min(d[hi - 1], e[hi - 1], d[hi]);
      } else {
        sll = Math.abs(d[hi]);
        shift = las2min(d[lo], e[lo], d[lo + 1]);
      }
      if (sll > 0 && (shift / sll) ** 2 < EPS) shift = 0;
    }

    iter += hi - lo;
    const count = hi - lo;

    if (shift === 0) {
      if (idir === 1) {
        // Zero-shift QR sweep, top to bottom.
        let cs = 1;
        let oldcs = 1;
        let oldsn = 0;
        for (let i = lo; i < hi; i++) {
          lartg(d[i] * cs, e[i]);
          cs = rc;
          const sn = rs;
          const r = rr;
          if (i > lo) e[i - 1] = oldsn * r;
          lartg(oldcs * r, d[i + 1] * sn);
          oldcs = rc;
          oldsn = rs;
          d[i] = rr;
          cs1[i - lo] = cs;
          sn1[i - lo] = sn;
          cs2[i - lo] = oldcs;
          sn2[i - lo] = oldsn;
        }
        const h = d[hi] * cs;
        d[hi] = h * oldcs;
        e[hi - 1] = h * oldsn;
        if (queue && vectors) push(queue, vectors, n, lo, count, true, cs1, sn1, cs2, sn2);
        if (Math.abs(e[hi - 1]) <= thresh) e[hi - 1] = 0;
      } else {
        // Zero-shift QR sweep, bottom to top.
        let cs = 1;
        let oldcs = 1;
        let oldsn = 0;
        for (let i = hi; i > lo; i--) {
          lartg(d[i] * cs, e[i - 1]);
          cs = rc;
          const sn = rs;
          const r = rr;
          if (i < hi) e[i] = oldsn * r;
          lartg(oldcs * r, d[i - 1] * sn);
          oldcs = rc;
          oldsn = rs;
          d[i] = rr;
          cs1[i - lo - 1] = cs;
          sn1[i - lo - 1] = -sn;
          cs2[i - lo - 1] = oldcs;
          sn2[i - lo - 1] = -oldsn;
        }
        const h = d[lo] * cs;
        d[lo] = h * oldcs;
        e[lo] = h * oldsn;
        if (queue && vectors) push(queue, vectors, n, lo, count, false, cs2, sn2, cs1, sn1);
        if (Math.abs(e[lo]) <= thresh) e[lo] = 0;
      }
    } else if (idir === 1) {
      // Shifted QR sweep, top to bottom.
      let f = (Math.abs(d[lo]) - shift) * (sign(1, d[lo]) + shift / d[lo]);
      let g = e[lo];
      for (let i = lo; i < hi; i++) {
        lartg(f, g);
        const cosr = rc;
        const sinr = rs;
        if (i > lo) e[i - 1] = rr;
        f = cosr * d[i] + sinr * e[i];
        e[i] = cosr * e[i] - sinr * d[i];
        g = sinr * d[i + 1];
        d[i + 1] = cosr * d[i + 1];
        lartg(f, g);
        const cosl = rc;
        const sinl = rs;
        d[i] = rr;
        f = cosl * e[i] + sinl * d[i + 1];
        d[i + 1] = cosl * d[i + 1] - sinl * e[i];
        if (i < hi - 1) {
          g = sinl * e[i + 1];
          e[i + 1] = cosl * e[i + 1];
        }
        cs1[i - lo] = cosr;
        sn1[i - lo] = sinr;
        cs2[i - lo] = cosl;
        sn2[i - lo] = sinl;
      }
      e[hi - 1] = f;
      if (queue && vectors) push(queue, vectors, n, lo, count, true, cs1, sn1, cs2, sn2);
      if (Math.abs(e[hi - 1]) <= thresh) e[hi - 1] = 0;
    } else {
      // Shifted QR sweep, bottom to top.
      let f = (Math.abs(d[hi]) - shift) * (sign(1, d[hi]) + shift / d[hi]);
      let g = e[hi - 1];
      for (let i = hi; i > lo; i--) {
        lartg(f, g);
        const cosr = rc;
        const sinr = rs;
        if (i < hi) e[i] = rr;
        f = cosr * d[i] + sinr * e[i - 1];
        e[i - 1] = cosr * e[i - 1] - sinr * d[i];
        g = sinr * d[i - 1];
        d[i - 1] = cosr * d[i - 1];
        lartg(f, g);
        const cosl = rc;
        const sinl = rs;
        d[i] = rr;
        f = cosl * e[i - 1] + sinl * d[i - 1];
        d[i - 1] = cosl * d[i - 1] - sinl * e[i - 1];
        if (i > lo + 1) {
          g = sinl * e[i - 2];
          e[i - 2] = cosl * e[i - 2];
        }
        cs1[i - lo - 1] = cosr;
        sn1[i - lo - 1] = -sinr;
        cs2[i - lo - 1] = cosl;
        sn2[i - lo - 1] = -sinl;
      }
      e[lo] = f;
      if (Math.abs(e[lo]) <= thresh) e[lo] = 0;
      if (queue && vectors) push(queue, vectors, n, lo, count, false, cs2, sn2, cs1, sn1);
    }
  }
  if (queue && vectors) flush(queue, vectors, n);
}
