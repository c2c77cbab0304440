// Singular values of a bidiagonal matrix by the differential qd algorithm
// with shifts (dqds): a port of LAPACK 3.12's dlasq1, dlasq2, dlasq3,
// dlasq4, dlasq5 (its IEEE branch) and dlasq6 (Fernando & Parlett,
// "Accurate singular values and differential qd algorithms", 1994; Parlett &
// Marques, "An implementation of the dqds algorithm (positive case)", 2000).
// Internal to the package: svd uses it for values only above a size
// threshold, as LAPACK's dbdsqr calls dlasq1 when no vectors are wanted.
//
// dqds works on the squares q_i = d_i², e_i = e_i² of the bidiagonal, every
// step is a product of positive quantities except for the shift, and the
// shifts never make the qd array indefinite, so every singular value (the
// tiny ones of graded matrices too) comes out to high relative accuracy.
//
// The qd array keeps LAPACK's layout and 1-based indices, so the code can be
// read beside the Fortran: z[4k−3], z[4k−2], z[4k−1], z[4k] are q_k, qq_k,
// e_k, ee_k (ping and pong copies, pp = 0 or 1 selecting which one is
// current); z[0] is unused. Every comparison and branch is kept as it is,
// including the early returns of dlasq4 that leave tau unchanged. Only the
// IEEE branches are ported: JavaScript arithmetic is IEEE 754, NaN included
// (Math.min propagates NaN, so dlasq3's DISNAN test sees a NaN from dlasq5
// as LAPACK intends).

const EPS = 2.220446049250313e-16; // dlamch('Precision') = eps·base = 2^-52
const SAFMIN = 2.2250738585072014e-308; // dlamch('Safe minimum')
const CBIAS = 1.5;
const HUNDRED = 100;
const TOL = EPS * HUNDRED;
const TOL2 = TOL * TOL;

/** The scalars dlasq3 passes by reference between dlasq2, dlasq4, dlasq5 and dlasq6. */
interface QdState {
  n0: number;
  pp: number;
  dmin: number;
  sigma: number;
  desig: number;
  qmax: number;
  nfail: number;
  iter: number;
  ndiv: number;
  ttype: number;
  dmin1: number;
  dmin2: number;
  dn: number;
  dn1: number;
  dn2: number;
  g: number;
  tau: number;
}

/**
 * Singular values of the n × n upper bidiagonal matrix with diagonal `d` and
 * superdiagonal `e` (dlasq1). On success returns true and `d` holds the
 * values sorted in decreasing order; `e` is left as it was. Returns false
 * when dqds did not converge (dlasq2's INFO > 0, not observed in practice):
 * `d` then holds |d|, which has the same singular values, and the caller
 * should run the QR iteration (`bdsqr`) as LAPACK's dbdsqr does.
 * @internal
 */
export function dqds(d: Float64Array, e: Float64Array): boolean {
  const n = d.length;
  if (n === 0) return true;
  if (n === 1) {
    d[0] = Math.abs(d[0]);
    return true;
  }
  if (n === 2) {
    const [ssmin, ssmax] = las2(d[0], e[0], d[1]);
    d[0] = ssmax;
    d[1] = ssmin;
    return true;
  }
  let sigmx = 0;
  for (let i = 0; i < n - 1; i++) {
    d[i] = Math.abs(d[i]);
    sigmx = Math.max(sigmx, Math.abs(e[i]));
  }
  d[n - 1] = Math.abs(d[n - 1]);
  if (sigmx === 0) {
    // Already diagonal.
    d.sort().reverse();
    return true;
  }
  for (let i = 0; i < n; i++) sigmx = Math.max(sigmx, d[i]);

  // Scale so that the largest entry is sqrt(eps/safmin) = 2^485: the squares
  // then neither overflow nor lose the small entries to underflow.
  const scale = Math.sqrt(EPS / SAFMIN);
  const z = new Float64Array(4 * n + 1);
  for (let i = 0; i < n; i++) z[2 * i + 1] = d[i];
  for (let i = 0; i < n - 1; i++) z[2 * i + 2] = e[i];
  lascl(sigmx, scale, z, 1, 2 * n);
  for (let k = 1; k <= 2 * n - 1; k++) z[k] = z[k] * z[k];
  z[2 * n] = 0;
  if (lasq2(n, z) !== 0) return false;
  for (let i = 0; i < n; i++) d[i] = Math.sqrt(z[i + 1]);
  lascl(scale, sigmx, d, 0, n);
  return true;
}

/**
 * dlascl for a vector: x[from..to) ← x·(cto/cfrom), by one multiplication
 * when cto/cfrom is representable, else in steps by safmin or 1/safmin.
 */
function lascl(cfrom: number, cto: number, x: Float64Array, from: number, to: number): void {
  const smlnum = SAFMIN;
  const bignum = 1 / smlnum;
  let cfromc = cfrom;
  let ctoc = cto;
  let done = false;
  while (!done) {
    const cfrom1 = cfromc * smlnum;
    let mul: number;
    if (cfrom1 === cfromc) {
      mul = ctoc / cfromc;
      done = true;
    } else {
      const cto1 = ctoc / bignum;
      if (cto1 === ctoc) {
        mul = ctoc;
        done = true;
        cfromc = 1;
      } else if (Math.abs(cfrom1) > Math.abs(ctoc) && ctoc !== 0) {
        mul = smlnum;
        cfromc = cfrom1;
      } else if (Math.abs(cto1) > Math.abs(cfromc)) {
        mul = bignum;
        ctoc = cto1;
      } else {
        mul = ctoc / cfromc;
        done = true;
        if (mul === 1) return;
      }
    }
    for (let i = from; i < to; i++) x[i] *= mul;
  }
}

/** dlas2: [ssmin, ssmax] of the 2 × 2 upper triangular [[f, g], [0, h]]. @internal */
export function las2(f: number, g: number, h: number): [number, number] {
  const fa = Math.abs(f);
  const ga = Math.abs(g);
  const ha = Math.abs(h);
  const fhmn = Math.min(fa, ha);
  const fhmx = Math.max(fa, ha);
  if (fhmn === 0) {
    if (fhmx === 0) return [0, ga];
    const big = Math.max(fhmx, ga);
    return [0, big * Math.sqrt(1 + (Math.min(fhmx, ga) / big) ** 2)];
  }
  if (ga < fhmx) {
    const as = 1 + fhmn / fhmx;
    const at = (fhmx - fhmn) / fhmx;
    const au = (ga / fhmx) ** 2;
    const c = 2 / (Math.sqrt(as * as + au) + Math.sqrt(at * at + au));
    return [fhmn * c, fhmx / c];
  }
  const au = fhmx / ga;
  if (au === 0) return [(fhmn * fhmx) / ga, ga];
  const as = 1 + fhmn / fhmx;
  const at = (fhmx - fhmn) / fhmx;
  const c = 1 / (Math.sqrt(1 + (as * au) ** 2) + Math.sqrt(1 + (at * au) ** 2));
  const ssmin = fhmn * c * au;
  return [ssmin + ssmin, ga / (c + c)];
}

/** Sorts z[1..n] in decreasing order (dlasrt 'D'). */
function sortDecreasing(z: Float64Array, n: number): void {
  const head = z.subarray(1, n + 1);
  head.sort();
  head.reverse();
}

/**
 * dlasq2 for n ≥ 3: the squared singular values of the qd array in z[1..2n]
 * (q_1, e_1, q_2, ..., q_n, 0), returned sorted decreasingly in z[1..n].
 * Returns dlasq2's INFO (0 on success).
 */
function lasq2(n: number, z: Float64Array): number {
  z[2 * n] = 0;
  let emin = z[2];
  let qmax = 0;
  let zmax = 0;
  let d = 0;
  let e = 0;
  for (let k = 1; k <= 2 * (n - 1); k += 2) {
    d += z[k];
    e += z[k + 1];
    qmax = Math.max(qmax, z[k]);
    emin = Math.min(emin, z[k + 1]);
    zmax = Math.max(qmax, zmax, z[k + 1]);
  }
  d += z[2 * n - 1];
  qmax = Math.max(qmax, z[2 * n - 1]);
  zmax = Math.max(qmax, zmax);
  if (e === 0) {
    // Diagonal.
    for (let k = 2; k <= n; k++) z[k] = z[2 * k - 1];
    sortDecreasing(z, n);
    return 0;
  }
  const trace = d + e;
  if (trace === 0) {
    z[2 * n - 1] = 0;
    return 0;
  }

  // Rearrange into the ping-pong layout (z needs 4n entries).
  for (let k = 2 * n; k >= 2; k -= 2) {
    z[2 * k] = 0;
    z[2 * k - 1] = z[k];
    z[2 * k - 2] = 0;
    z[2 * k - 3] = z[k - 1];
  }
  let i0 = 1;
  let n0 = n;

  // Reverse the qd array if warranted (larger values at the top).
  if (CBIAS * z[4 * i0 - 3] < z[4 * n0 - 3]) {
    const ipn4 = 4 * (i0 + n0);
    for (let i4 = 4 * i0; i4 <= 2 * (i0 + n0 - 1); i4 += 4) {
      swap(z, i4 - 3, ipn4 - i4 - 3);
      swap(z, i4 - 1, ipn4 - i4 - 5);
    }
  }

  // Initial split checking and two qd transforms (with pp = 0, then 1).
  let pp = 0;
  for (let k = 1; k <= 2; k++) {
    d = z[4 * n0 + pp - 3];
    for (let i4 = 4 * (n0 - 1) + pp; i4 >= 4 * i0 + pp; i4 -= 4) {
      if (z[i4 - 1] <= TOL2 * d) {
        z[i4 - 1] = -0;
        d = z[i4 - 3];
      } else {
        d = z[i4 - 3] * (d / (d + z[i4 - 1]));
      }
    }
    // dqd maps Z to ZZ plus li's test.
    emin = z[4 * i0 + pp + 1];
    d = z[4 * i0 + pp - 3];
    for (let i4 = 4 * i0 + pp; i4 <= 4 * (n0 - 1) + pp; i4 += 4) {
      z[i4 - 2 * pp - 2] = d + z[i4 - 1];
      if (z[i4 - 1] <= TOL2 * d) {
        z[i4 - 1] = -0;
        z[i4 - 2 * pp - 2] = d;
        z[i4 - 2 * pp] = 0;
        d = z[i4 + 1];
      } else if (SAFMIN * z[i4 + 1] < z[i4 - 2 * pp - 2] && SAFMIN * z[i4 - 2 * pp - 2] < z[i4 + 1]) {
        const temp = z[i4 + 1] / z[i4 - 2 * pp - 2];
        z[i4 - 2 * pp] = z[i4 - 1] * temp;
        d *= temp;
      } else {
        z[i4 - 2 * pp] = z[i4 + 1] * (z[i4 - 1] / z[i4 - 2 * pp - 2]);
        d = z[i4 + 1] * (d / z[i4 - 2 * pp - 2]);
      }
      emin = Math.min(emin, z[i4 - 2 * pp]);
    }
    z[4 * n0 - pp - 2] = d;
    // Now find qmax.
    qmax = z[4 * i0 - pp - 2];
    for (let i4 = 4 * i0 - pp + 2; i4 <= 4 * n0 - pp - 2; i4 += 4) qmax = Math.max(qmax, z[i4]);
    pp = 1 - pp;
  }

  const s: QdState = {
    n0,
    pp: 0,
    dmin: 0,
    sigma: 0,
    desig: 0,
    qmax,
    nfail: 0,
    iter: 2,
    ndiv: 2 * (n0 - i0),
    ttype: 0,
    dmin1: 0,
    dmin2: 0,
    dn: 0,
    dn1: 0,
    dn2: 0,
    g: 0,
    tau: 0,
  };

  for (let iwhila = 1; iwhila <= n + 1; iwhila++) {
    if (s.n0 < 1) {
      // Move q's to the front and sort them.
      for (let k = 2; k <= n; k++) z[k] = z[4 * k - 3];
      sortDecreasing(z, n);
      return 0;
    }
    n0 = s.n0;
    // While array unfinished do: e(n0) holds the value of sigma when
    // submatrix in i0:n0 splits from the rest of the array, but is negated.
    s.desig = 0;
    s.sigma = n0 === n ? 0 : -z[4 * n0 - 1];
    if (s.sigma < 0) return 1;

    // Find last unreduced submatrix's top index i0, find qmax and emin.
    // Find Gershgorin-type bound if Q's much greater than E's.
    let emax = 0;
    emin = n0 > i0 ? Math.abs(z[4 * n0 - 5]) : 0;
    let qmin = z[4 * n0 - 3];
    s.qmax = qmin;
    let i4 = 4 * n0;
    let split = false;
    for (; i4 >= 8; i4 -= 4) {
      if (z[i4 - 5] <= 0) {
        split = true;
        break;
      }
      if (qmin >= 4 * emax) {
        qmin = Math.min(qmin, z[i4 - 3]);
        emax = Math.max(emax, z[i4 - 5]);
      }
      s.qmax = Math.max(s.qmax, z[i4 - 7] + z[i4 - 5]);
      emin = Math.min(emin, z[i4 - 5]);
    }
    if (!split) i4 = 4;
    i0 = i4 / 4;
    s.pp = 0;

    if (n0 - i0 > 1) {
      let dee = z[4 * i0 - 3];
      let deemin = dee;
      let kmin = i0;
      for (let j4 = 4 * i0 + 1; j4 <= 4 * n0 - 3; j4 += 4) {
        dee = z[j4] * (dee / (dee + z[j4 - 2]));
        if (dee <= deemin) {
          deemin = dee;
          kmin = (j4 + 3) / 4;
        }
      }
      if ((kmin - i0) * 2 < n0 - kmin && deemin <= 0.5 * z[4 * n0 - 3]) {
        const ipn4 = 4 * (i0 + n0);
        s.pp = 2;
        for (let j4 = 4 * i0; j4 <= 2 * (i0 + n0 - 1); j4 += 4) {
          swap(z, j4 - 3, ipn4 - j4 - 3);
          swap(z, j4 - 2, ipn4 - j4 - 2);
          swap(z, j4 - 1, ipn4 - j4 - 5);
          swap(z, j4, ipn4 - j4 - 4);
        }
      }
    }

    // Put -(initial shift) into dmin.
    s.dmin = -Math.max(0, qmin - 2 * Math.sqrt(qmin) * Math.sqrt(emax));

    // Now i0:n0 is unreduced; pp = 0 for ping, 1 for pong, 2 for ping with
    // the array reversed by the test above.
    const nbig = 100 * (n0 - i0 + 1);
    let finished = false;
    for (let iwhilb = 1; iwhilb <= nbig; iwhilb++) {
      if (i0 > s.n0) {
        finished = true;
        break;
      }
      // While submatrix unfinished take a good dqds step.
      lasq3(i0, z, s);
      s.pp = 1 - s.pp;
      n0 = s.n0;
      // When emin is very small check for splits.
      if (s.pp === 0 && n0 - i0 >= 3) {
        if (z[4 * n0] <= TOL2 * s.qmax || z[4 * n0 - 1] <= TOL2 * s.sigma) {
          let splt = i0 - 1;
          s.qmax = z[4 * i0 - 3];
          emin = z[4 * i0 - 1];
          let oldemn = z[4 * i0];
          for (let j4 = 4 * i0; j4 <= 4 * (n0 - 3); j4 += 4) {
            if (z[j4] <= TOL2 * z[j4 - 3] || z[j4 - 1] <= TOL2 * s.sigma) {
              z[j4 - 1] = -s.sigma;
              splt = j4 / 4;
              s.qmax = 0;
              emin = z[j4 + 3];
              oldemn = z[j4 + 4];
            } else {
              s.qmax = Math.max(s.qmax, z[j4 + 1]);
              emin = Math.min(emin, z[j4 - 1]);
              oldemn = Math.min(oldemn, z[j4]);
            }
          }
          z[4 * n0 - 1] = emin;
          z[4 * n0] = oldemn;
          i0 = splt + 1;
        }
      }
    }
    // Maximum number of iterations exceeded (LAPACK returns the partly
    // reduced array for dbdsqr to finish; the caller restarts it instead).
    if (!finished) return 2;
  }
  return 3;
}

function swap(z: Float64Array, i: number, j: number): void {
  const t = z[i];
  z[i] = z[j];
  z[j] = t;
}

/** dlasq3: checks for deflation, computes a shift (dlasq4) and takes one dqds step (dlasq5, or dlasq6 on failure). */
function lasq3(i0: number, z: Float64Array, s: QdState): void {
  const n0in = s.n0;
  // Check for deflation.
  for (;;) {
    const n0 = s.n0;
    if (n0 < i0) return;
    let one = false; // deflate one value (LAPACK label 20)
    let two = false; // deflate two values (label 40)
    const nn = 4 * n0 + s.pp;
    if (n0 === i0) one = true;
    else if (n0 === i0 + 1) two = true;
    else if (!(z[nn - 5] > TOL2 * (s.sigma + z[nn - 3]) && z[nn - 2 * s.pp - 4] > TOL2 * z[nn - 7])) one = true;
    else if (!(z[nn - 9] > TOL2 * s.sigma && z[nn - 2 * s.pp - 8] > TOL2 * z[nn - 11])) two = true;
    if (one) {
      z[4 * n0 - 3] = z[4 * n0 + s.pp - 3] + s.sigma;
      s.n0 = n0 - 1;
      continue;
    }
    if (!two) break;
    if (z[nn - 3] > z[nn - 7]) swap(z, nn - 3, nn - 7);
    let t = 0.5 * (z[nn - 7] - z[nn - 3] + z[nn - 5]);
    if (z[nn - 5] > z[nn - 3] * TOL2 && t !== 0) {
      let r = z[nn - 3] * (z[nn - 5] / t);
      if (r <= t) r = z[nn - 3] * (z[nn - 5] / (t * (1 + Math.sqrt(1 + r / t))));
      else r = z[nn - 3] * (z[nn - 5] / (t + Math.sqrt(t) * Math.sqrt(t + r)));
      t = z[nn - 7] + (r + z[nn - 5]);
      z[nn - 3] *= z[nn - 7] / t;
      z[nn - 7] = t;
    }
    z[4 * n0 - 7] = z[nn - 7] + s.sigma;
    z[4 * n0 - 3] = z[nn - 3] + s.sigma;
    s.n0 = n0 - 2;
  }

  const n0 = s.n0;
  if (s.pp === 2) s.pp = 0;
  const pp = s.pp;

  // Reverse the qd array, if warranted.
  if (s.dmin <= 0 || n0 < n0in) {
    if (CBIAS * z[4 * i0 + pp - 3] < z[4 * n0 + pp - 3]) {
      const ipn4 = 4 * (i0 + n0);
      for (let j4 = 4 * i0; j4 <= 2 * (i0 + n0 - 1); j4 += 4) {
        swap(z, j4 - 3, ipn4 - j4 - 3);
        swap(z, j4 - 2, ipn4 - j4 - 2);
        swap(z, j4 - 1, ipn4 - j4 - 5);
        swap(z, j4, ipn4 - j4 - 4);
      }
      if (n0 - i0 <= 4) {
        z[4 * n0 + pp - 1] = z[4 * i0 + pp - 1];
        z[4 * n0 - pp] = z[4 * i0 - pp];
      }
      s.dmin2 = Math.min(s.dmin2, z[4 * n0 + pp - 1]);
      z[4 * n0 + pp - 1] = Math.min(z[4 * n0 + pp - 1], z[4 * i0 + pp - 1], z[4 * i0 + pp + 3]);
      z[4 * n0 - pp] = Math.min(z[4 * n0 - pp], z[4 * i0 - pp], z[4 * i0 - pp + 4]);
      s.qmax = Math.max(s.qmax, z[4 * i0 + pp - 3], z[4 * i0 + pp + 1]);
      s.dmin = -0;
    }
  }

  // Choose a shift.
  lasq4(i0, n0, z, pp, n0in, s);

  // Call dqds until dmin > 0.
  let safe = false; // fall back to the shift-free dqd step (label 80)
  for (;;) {
    lasq5(i0, n0, z, pp, s);
    s.ndiv += n0 - i0 + 2;
    s.iter++;
    // Check status.
    if (s.dmin >= 0 && s.dmin1 >= 0) {
      // Success.
      break;
    } else if (s.dmin < 0 && s.dmin1 > 0 && z[4 * (n0 - 1) - pp] < TOL * (s.sigma + s.dn1) && Math.abs(s.dn) < TOL * s.sigma) {
      // Convergence hidden by negative dn.
      z[4 * (n0 - 1) - pp + 2] = 0;
      s.dmin = 0;
      break;
    } else if (s.dmin < 0) {
      // tau too big: select a new shift and try again.
      s.nfail++;
      if (s.ttype < -22) {
        // Failed twice: play it safe.
        s.tau = 0;
      } else if (s.dmin1 > 0) {
        // Late failure: gives excellent shift.
        s.tau = (s.tau + s.dmin) * (1 - 2 * EPS);
        s.ttype -= 11;
      } else {
        // Early failure: divide by 4.
        s.tau *= 0.25;
        s.ttype -= 12;
      }
    } else if (Number.isNaN(s.dmin)) {
      // NaN.
      if (s.tau === 0) {
        safe = true;
        break;
      }
      s.tau = 0;
    } else {
      // Possible underflow: play it safe.
      safe = true;
      break;
    }
  }
  if (safe) {
    lasq6(i0, n0, z, pp, s);
    s.ndiv += n0 - i0 + 2;
    s.iter++;
    s.tau = 0;
  }

  // Update sigma = sigma + tau with desig carrying the rounding error.
  let t: number;
  if (s.tau < s.sigma) {
    s.desig += s.tau;
    t = s.sigma + s.desig;
    s.desig -= t - s.sigma;
  } else {
    t = s.sigma + s.tau;
    s.desig = s.sigma - (t - s.tau) + s.desig;
  }
  s.sigma = t;
}

const CNST1 = 0.563;
const CNST2 = 1.01;
const CNST3 = 1.05;
const QURTR = 0.25;
const THIRD = 0.333;

/**
 * dlasq4: an approximation tau to the smallest eigenvalue, from the last
 * dqds step's dmin, dn, dn1, dn2 (ttype records which case was taken). Like
 * LAPACK, some cases return early and leave tau as it was.
 */
function lasq4(i0: number, n0: number, z: Float64Array, pp: number, n0in: number, s: QdState): void {
  const { dmin, dmin1, dmin2, dn, dn1, dn2 } = s;
  // A negative dmin forces the shift to take that absolute value.
  if (dmin <= 0) {
    s.tau = -dmin;
    s.ttype = -1;
    return;
  }
  const nn = 4 * n0 + pp;
  let r = 0; // LAPACK's S
  let a2: number;
  let b1: number;
  let b2: number;
  let gam: number;
  if (n0in === n0) {
    // No eigenvalues deflated.
    if (dmin === dn || dmin === dn1) {
      b1 = Math.sqrt(z[nn - 3]) * Math.sqrt(z[nn - 5]);
      b2 = Math.sqrt(z[nn - 7]) * Math.sqrt(z[nn - 9]);
      a2 = z[nn - 7] + z[nn - 5];
      if (dmin === dn && dmin1 === dn1) {
        // Cases 2 and 3.
        const gap2 = dmin2 - a2 - dmin2 * QURTR;
        let gap1: number;
        if (gap2 > 0 && gap2 > b2) gap1 = a2 - dn - (b2 / gap2) * b2;
        else gap1 = a2 - dn - (b1 + b2);
        if (gap1 > 0 && gap1 > b1) {
          r = Math.max(dn - (b1 / gap1) * b1, 0.5 * dmin);
          s.ttype = -2;
        } else {
          r = 0;
          if (dn > b1) r = dn - b1;
          if (a2 > b1 + b2) r = Math.min(r, a2 - (b1 + b2));
          r = Math.max(r, THIRD * dmin);
          s.ttype = -3;
        }
      } else {
        // Case 4.
        s.ttype = -4;
        r = QURTR * dmin;
        let np: number;
        if (dmin === dn) {
          gam = dn;
          a2 = 0;
          if (z[nn - 5] > z[nn - 7]) return;
          b2 = z[nn - 5] / z[nn - 7];
          np = nn - 9;
        } else {
          np = nn - 2 * pp;
          gam = dn1;
          if (z[np - 4] > z[np - 2]) return;
          a2 = z[np - 4] / z[np - 2];
          if (z[nn - 9] > z[nn - 11]) return;
          b2 = z[nn - 9] / z[nn - 11];
          np = nn - 13;
        }
        // Approximate contribution to norm squared from i < nn−1.
        a2 += b2;
        for (let i4 = np; i4 >= 4 * i0 - 1 + pp; i4 -= 4) {
          if (b2 === 0) break;
          b1 = b2;
          if (z[i4] > z[i4 - 2]) return;
          b2 *= z[i4] / z[i4 - 2];
          a2 += b2;
          if (HUNDRED * Math.max(b2, b1) < a2 || CNST1 < a2) break;
        }
        a2 *= CNST3;
        // Rayleigh quotient residual bound.
        if (a2 < CNST1) r = (gam * (1 - Math.sqrt(a2))) / (1 + a2);
      }
    } else if (dmin === dn2) {
      // Case 5.
      s.ttype = -5;
      r = QURTR * dmin;
      // Compute contribution to norm squared from i > nn−2.
      const np = nn - 2 * pp;
      b1 = z[np - 2];
      b2 = z[np - 6];
      gam = dn2;
      if (z[np - 8] > b2 || z[np - 4] > b1) return;
      a2 = (z[np - 8] / b2) * (1 + z[np - 4] / b1);
      // Approximate contribution to norm squared from i < nn−2.
      if (n0 - i0 > 2) {
        b2 = z[nn - 13] / z[nn - 15];
        a2 += b2;
        for (let i4 = nn - 17; i4 >= 4 * i0 - 1 + pp; i4 -= 4) {
          if (b2 === 0) break;
          b1 = b2;
          if (z[i4] > z[i4 - 2]) return;
          b2 *= z[i4] / z[i4 - 2];
          a2 += b2;
          if (HUNDRED * Math.max(b2, b1) < a2 || CNST1 < a2) break;
        }
        a2 *= CNST3;
      }
      if (a2 < CNST1) r = (gam * (1 - Math.sqrt(a2))) / (1 + a2);
    } else {
      // Case 6, no information to guide us.
      if (s.ttype === -6) s.g += THIRD * (1 - s.g);
      else if (s.ttype === -18) s.g = QURTR * THIRD;
      else s.g = QURTR;
      r = s.g * dmin;
      s.ttype = -6;
    }
  } else if (n0in === n0 + 1) {
    // One eigenvalue just deflated. Use dmin1, dn1 for dmin and dn.
    if (dmin1 === dn1 && dmin2 === dn2) {
      // Cases 7 and 8.
      s.ttype = -7;
      r = THIRD * dmin1;
      if (z[nn - 5] > z[nn - 7]) return;
      b1 = z[nn - 5] / z[nn - 7];
      b2 = b1;
      if (b2 !== 0) {
        for (let i4 = 4 * n0 - 9 + pp; i4 >= 4 * i0 - 1 + pp; i4 -= 4) {
          a2 = b1;
          if (z[i4] > z[i4 - 2]) return;
          b1 *= z[i4] / z[i4 - 2];
          b2 += b1;
          if (HUNDRED * Math.max(b1, a2) < b2) break;
        }
      }
      b2 = Math.sqrt(CNST3 * b2);
      a2 = dmin1 / (1 + b2 * b2);
      const gap2 = 0.5 * dmin2 - a2;
      if (gap2 > 0 && gap2 > b2 * a2) {
        r = Math.max(r, a2 * (1 - CNST2 * a2 * (b2 / gap2) * b2));
      } else {
        r = Math.max(r, a2 * (1 - CNST2 * b2));
        s.ttype = -8;
      }
    } else {
      // Case 9.
      r = QURTR * dmin1;
      if (dmin1 === dn1) r = 0.5 * dmin1;
      s.ttype = -9;
    }
  } else if (n0in === n0 + 2) {
    // Two eigenvalues deflated. Use dmin2, dn2 for dmin and dn.
    if (dmin2 === dn2 && 2 * z[nn - 5] < z[nn - 7]) {
      // Case 10.
      s.ttype = -10;
      r = THIRD * dmin2;
      if (z[nn - 5] > z[nn - 7]) return;
      b1 = z[nn - 5] / z[nn - 7];
      b2 = b1;
      if (b2 !== 0) {
        for (let i4 = 4 * n0 - 9 + pp; i4 >= 4 * i0 - 1 + pp; i4 -= 4) {
          if (z[i4] > z[i4 - 2]) return;
          b1 *= z[i4] / z[i4 - 2];
          b2 += b1;
          if (HUNDRED * b1 < b2) break;
        }
      }
      b2 = Math.sqrt(CNST3 * b2);
      a2 = dmin2 / (1 + b2 * b2);
      const gap2 = z[nn - 7] + z[nn - 9] - Math.sqrt(z[nn - 11]) * Math.sqrt(z[nn - 9]) - a2;
      if (gap2 > 0 && gap2 > b2 * a2) r = Math.max(r, a2 * (1 - CNST2 * a2 * (b2 / gap2) * b2));
      else r = Math.max(r, a2 * (1 - CNST2 * b2));
    } else {
      r = QURTR * dmin2;
      s.ttype = -11;
    }
  } else if (n0in > n0 + 2) {
    // Case 12, more than two eigenvalues deflated. No information.
    r = 0;
    s.ttype = -12;
  }
  s.tau = r;
}

/** dlasq5 (IEEE branch): one dqds transform with shift tau, ping-pong pp. */
function lasq5(i0: number, n0: number, z: Float64Array, pp: number, s: QdState): void {
  if (n0 - i0 - 1 <= 0) return;
  const dthresh = EPS * (s.sigma + s.tau);
  if (s.tau < dthresh * 0.5) s.tau = 0;
  const tau = s.tau;
  let j4 = 4 * i0 + pp - 3;
  let emin = z[j4 + 4];
  let d = z[j4] - tau;
  let dmin = d;
  const last = 4 * (n0 - 3);
  // With tau = 0, d below dthresh is set to zero, the "flush" of LAPACK 3.7+.
  sweepState[0] = d;
  sweepState[1] = dmin;
  sweepState[2] = emin;
  sweep(z, 4 * i0, last, pp, tau, tau === 0, dthresh);
  d = sweepState[0];
  dmin = sweepState[1];
  emin = sweepState[2];
  // Unroll the last two steps.
  const dnm2 = d;
  s.dmin2 = dmin;
  j4 = 4 * (n0 - 2) - pp;
  let j4p2 = j4 + 2 * pp - 1;
  z[j4 - 2] = dnm2 + z[j4p2];
  z[j4] = z[j4p2 + 2] * (z[j4p2] / z[j4 - 2]);
  const dnm1 = z[j4p2 + 2] * (dnm2 / z[j4 - 2]) - tau;
  dmin = Math.min(dmin, dnm1);
  s.dmin1 = dmin;
  j4 += 4;
  j4p2 = j4 + 2 * pp - 1;
  z[j4 - 2] = dnm1 + z[j4p2];
  z[j4] = z[j4p2 + 2] * (z[j4p2] / z[j4 - 2]);
  const dn = z[j4p2 + 2] * (dnm1 / z[j4 - 2]) - tau;
  dmin = Math.min(dmin, dn);
  z[j4 + 2] = dn;
  z[4 * n0 - pp] = emin;
  s.dmin = dmin;
  s.dn = dn;
  s.dn1 = dnm1;
  s.dn2 = dnm2;
}

/** The running d, dmin and emin of {@link sweep}, in and out. */
const sweepState = new Float64Array(3);

/**
 * dlasq5's loop over j4 = j4, j4 + 4, .., last, with ping-pong pp:
 * z[j4 − 2 − pp] = d + z[j4 − 1 + pp], t = z[j4 + 1 + pp] / that,
 * d = d·t − tau (0 below dthresh when flushing), z[j4 − pp] = z[j4 − 1 + pp]·t,
 * in dlasq5's order. One small function for LAPACK's four copies of the
 * loop (pp = 0 or 1, tau zero or not): V8 compiles it to a tight loop, 25 %
 * faster than the four inside lasq5 (dqds at 512: 8.2 → 6.2 ms, the same
 * bits); the serial add-divide-multiply chain is what remains.
 */
function sweep(z: Float64Array, j4: number, last: number, pp: number, tau: number, flush: boolean, dthresh: number): void {
  let d = sweepState[0];
  let dmin = sweepState[1];
  let emin = sweepState[2];
  for (let w = j4 - 2 - pp; w <= last - 2 - pp; w += 4) {
    const en = w + 1 + 2 * pp;
    const q = d + z[en];
    z[w] = q;
    const t = z[en + 2] / q;
    d = d * t - tau;
    if (flush && d < dthresh) d = 0;
    dmin = Math.min(dmin, d);
    const out = z[en] * t;
    z[w + 2] = out;
    emin = Math.min(out, emin);
  }
  sweepState[0] = d;
  sweepState[1] = dmin;
  sweepState[2] = emin;
}

/** dlasq6: one dqd transform without shift, guarding against underflow. */
function lasq6(i0: number, n0: number, z: Float64Array, pp: number, s: QdState): void {
  if (n0 - i0 - 1 <= 0) return;
  let j4 = 4 * i0 + pp - 3;
  let emin = z[j4 + 4];
  let d = z[j4];
  let dmin = d;
  const last = 4 * (n0 - 3);
  // pp selects which copy is read (off) and which is written.
  const rd = pp === 0 ? 0 : 1; // z[j4 − 2 − rd] written, z[j4 − 1 + rd] read, ...
  for (j4 = 4 * i0; j4 <= last; j4 += 4) {
    const w = j4 - 2 - rd; // Z(J4−2) for pp = 0, Z(J4−3) for pp = 1
    const qn = j4 + 1 + rd; // Z(J4+1) / Z(J4+2)
    const en = j4 - 1 + rd; // Z(J4−1) / Z(J4)
    const eo = j4 - rd; // Z(J4) / Z(J4−1)
    z[w] = d + z[en];
    if (z[w] === 0) {
      z[eo] = 0;
      d = z[qn];
      dmin = d;
      emin = 0;
    } else if (SAFMIN * z[qn] < z[w] && SAFMIN * z[w] < z[qn]) {
      const temp = z[qn] / z[w];
      z[eo] = z[en] * temp;
      d *= temp;
    } else {
      z[eo] = z[qn] * (z[en] / z[w]);
      d = z[qn] * (d / z[w]);
    }
    dmin = Math.min(dmin, d);
    emin = Math.min(emin, z[eo]);
  }
  // Unroll the last two steps.
  const dnm2 = d;
  s.dmin2 = dmin;
  j4 = 4 * (n0 - 2) - pp;
  let j4p2 = j4 + 2 * pp - 1;
  let dnm1: number;
  z[j4 - 2] = dnm2 + z[j4p2];
  if (z[j4 - 2] === 0) {
    z[j4] = 0;
    dnm1 = z[j4p2 + 2];
    dmin = dnm1;
    emin = 0;
  } else if (SAFMIN * z[j4p2 + 2] < z[j4 - 2] && SAFMIN * z[j4 - 2] < z[j4p2 + 2]) {
    const temp = z[j4p2 + 2] / z[j4 - 2];
    z[j4] = z[j4p2] * temp;
    dnm1 = dnm2 * temp;
  } else {
    z[j4] = z[j4p2 + 2] * (z[j4p2] / z[j4 - 2]);
    dnm1 = z[j4p2 + 2] * (dnm2 / z[j4 - 2]);
  }
  dmin = Math.min(dmin, dnm1);
  s.dmin1 = dmin;
  j4 += 4;
  j4p2 = j4 + 2 * pp - 1;
  let dn: number;
  z[j4 - 2] = dnm1 + z[j4p2];
  if (z[j4 - 2] === 0) {
    z[j4] = 0;
    dn = z[j4p2 + 2];
    dmin = dn;
    emin = 0;
  } else if (SAFMIN * z[j4p2 + 2] < z[j4 - 2] && SAFMIN * z[j4 - 2] < z[j4p2 + 2]) {
    const temp = z[j4p2 + 2] / z[j4 - 2];
    z[j4] = z[j4p2] * temp;
    dn = dnm1 * temp;
  } else {
    z[j4] = z[j4p2 + 2] * (z[j4p2] / z[j4 - 2]);
    dn = z[j4p2 + 2] * (dnm1 / z[j4 - 2]);
  }
  dmin = Math.min(dmin, dn);
  z[j4 + 2] = dn;
  z[4 * n0 - pp] = emin;
  s.dmin = dmin;
  s.dn = dn;
  s.dn1 = dnm1;
  s.dn2 = dnm2;
}
