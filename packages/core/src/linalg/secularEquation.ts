// The secular equation of the divide-and-conquer SVD: a port of LAPACK
// 3.12's dlasd4 (with dlasd5 for two poles and dlaed6 for the three-pole
// "fixed weight" iteration). Internal to the package: bdsdc's merge step
// (lasd3 in bdsdc.ts) calls it once per root.
//
// The i-th root σ of f(σ) = 1/ρ + Σ_j z_j² / ((d_j − σ)(d_j + σ)), with
// 0 ≤ d_1 < d_2 < ... < d_n and ρ > 0, lies in (d_i, d_{i+1}) (or above
// d_n for i = n). Like LAPACK, the root is found as an offset tau from the
// nearer pole d_ii, and the differences d_j − σ and sums d_j + σ are kept
// as (d_j − d_ii) − tau and d_j + d_ii + tau and updated by each step eta:
// they are what the merge needs (its vectors are z_j / ((d_j − σ)(d_j + σ)))
// and, computed that way, they keep full relative accuracy even when σ is
// within rounding of a pole. Every branch, bound and stopping test of the
// Fortran is kept; arrays are 1-based through their base offsets, so
// D(j) = d[dBase + j] as in the Fortran.

const EPS = 1.1102230246251565e-16; // dlamch('Epsilon') = 2^-53
const MAXIT = 400;

/** INFO of the last {@link lasd4} call: 0, or 1 when it did not converge in MAXIT steps. @internal */
export let lasd4Info = 0;

// dlaed6's three poles and weights (module-level scratch: lasd4 runs once
// per root, and every allocation or captured variable there shows up).
const dd3 = new Float64Array(3);
const zz3 = new Float64Array(3);

/**
 * dlasd4: the i-th root (1-based) of the secular equation with poles
 * D(1..n) (ascending), weights Z(1..n) and rho > 0. Writes
 * DELTA(j) = D(j) − σ and WORK(j) = D(j) + σ for j = 1..n and returns σ.
 * `lasd4Info` is set to 1 if the iteration did not converge.
 *
 * The Fortran's first step and its main loop differ only in a few
 * formulas; here they are one loop with a `first` flag, so that every
 * variable stays a local (V8 boxes doubles captured by closures).
 * @internal
 */
export function lasd4(
  n: number,
  i: number,
  d: Float64Array,
  dBase: number,
  z: Float64Array,
  zBase: number,
  delta: Float64Array,
  deltaBase: number,
  rho: number,
  work: Float64Array,
  workBase: number,
): number {
  lasd4Info = 0;
  if (n === 1) {
    // Presumably, i = 1 upon entry.
    delta[deltaBase + 1] = 1;
    work[workBase + 1] = 1;
    const d1 = d[dBase + 1];
    const z1 = z[zBase + 1];
    return Math.sqrt(d1 * d1 + rho * z1 * z1);
  }
  if (n === 2) return lasd5(i, d, dBase, z, zBase, delta, deltaBase, rho, work, workBase);
  if (i === n) return lastRoot(n, d, dBase, z, zBase, delta, deltaBase, rho, work, workBase);
  return innerRoot(n, i, d, dBase, z, zBase, delta, deltaBase, rho, work, workBase);
}

/** dlasd4 for i = n: the root above the largest pole. */
function lastRoot(
  n: number,
  d: Float64Array,
  D: number,
  z: Float64Array,
  Z: number,
  delta: Float64Array,
  DE: number,
  rho: number,
  work: Float64Array,
  WO: number,
): number {
  const rhoinv = 1 / rho;
  const ii = n - 1;
  const dn = d[D + n];
  const dn1 = d[D + n - 1];
  const zn = z[Z + n];
  const zn1 = z[Z + n - 1];
  let tau2: number;
  let tau: number;
  let a: number;
  let b: number;
  let c: number;
  let temp = rho / 2;
  // The last root lies in (D(n), D(n) + rho·Z'Z); initial guess, the
  // offset from D(n) via sum and difference to avoid loss of accuracy.
  let temp1 = temp / (dn + Math.sqrt(dn * dn + temp));
  for (let j = 1; j <= n; j++) {
    work[WO + j] = d[D + j] + dn + temp1;
    delta[DE + j] = d[D + j] - dn - temp1;
  }
  let psi = 0;
  for (let j = 1; j <= n - 2; j++) psi += (z[Z + j] * z[Z + j]) / (delta[DE + j] * work[WO + j]);
  c = rhoinv + psi;
  let w = c + (zn1 * zn1) / (delta[DE + ii] * work[WO + ii]) + (zn * zn) / (delta[DE + n] * work[WO + n]);
  if (w <= 0) {
    temp1 = Math.sqrt(dn * dn + rho);
    temp = (zn1 * zn1) / ((dn1 + temp1) * (dn - dn1 + rho / (dn + temp1))) + (zn * zn) / rho;
    // The following tau2 is to approximate sigma_n² − D(n)².
    if (c <= temp) {
      tau = rho;
    } else {
      const delsq = (dn - dn1) * (dn + dn1);
      a = -c * delsq + zn1 * zn1 + zn * zn;
      b = zn * zn * delsq;
      if (a < 0) tau2 = (2 * b) / (Math.sqrt(a * a + 4 * b * c) - a);
      else tau2 = (a + Math.sqrt(a * a + 4 * b * c)) / (2 * c);
      tau = tau2 / (dn + Math.sqrt(dn * dn + tau2));
    }
    // It can be proved that D(n)² + rho/2 ≤ sigma_n² < D(n)² + tau2 ≤ D(n)² + rho.
  } else {
    const delsq = (dn - dn1) * (dn + dn1);
    a = -c * delsq + zn1 * zn1 + zn * zn;
    b = zn * zn * delsq;
    // The following tau2 is to approximate sigma_n² − D(n)².
    if (a < 0) tau2 = (2 * b) / (Math.sqrt(a * a + 4 * b * c) - a);
    else tau2 = (a + Math.sqrt(a * a + 4 * b * c)) / (2 * c);
    tau = tau2 / (dn + Math.sqrt(dn * dn + tau2));
    // It can be proved that D(n)² < D(n)² + tau2 < sigma(n)² < D(n)² + rho/2.
  }
  // The approximation to sigma_n is D(n) + tau.
  let sigma = dn + tau;
  for (let j = 1; j <= n; j++) {
    delta[DE + j] = d[D + j] - dn - tau;
    work[WO + j] = d[D + j] + dn + tau;
  }
  let eta = 0;
  for (let niter = 1; niter <= MAXIT; niter++) {
    // Move by the last step (eta = 0 on the first pass), in the same pass as
    // the evaluation: each entry is updated before it is read.
    tau += eta;
    sigma += eta;
    // Evaluate psi and the derivative dpsi.
    let dpsi = 0;
    psi = 0;
    let erretm = 0;
    for (let j = 1; j <= ii; j++) {
      const dj = delta[DE + j] - eta;
      const wj = work[WO + j] + eta;
      delta[DE + j] = dj;
      work[WO + j] = wj;
      temp = z[Z + j] / (dj * wj);
      psi += z[Z + j] * temp;
      dpsi += temp * temp;
      erretm += psi;
    }
    erretm = Math.abs(erretm);
    // Evaluate phi and the derivative dphi.
    delta[DE + n] -= eta;
    work[WO + n] += eta;
    tau2 = work[WO + n] * delta[DE + n];
    temp = zn / tau2;
    const phi = zn * temp;
    const dphi = temp * temp;
    erretm = 8 * (-phi - psi) + erretm - phi + rhoinv;
    w = rhoinv + phi + psi;
    // Test for convergence.
    if (Math.abs(w) <= EPS * erretm) return sigma;
    if (niter === MAXIT) break;

    // Calculate the new step.
    const dtnsq1 = work[WO + n - 1] * delta[DE + n - 1];
    const dtnsq = work[WO + n] * delta[DE + n];
    c = w - dtnsq1 * dpsi - dtnsq * dphi;
    a = (dtnsq + dtnsq1) * w - dtnsq * dtnsq1 * (dpsi + dphi);
    b = dtnsq * dtnsq1 * w;
    const first = niter === 1;
    if (first && c < 0) c = Math.abs(c);
    if (first && c === 0) eta = rho - sigma * sigma;
    else if (a >= 0) eta = (a + Math.sqrt(Math.abs(a * a - 4 * b * c))) / (2 * c);
    else eta = (2 * b) / (a - Math.sqrt(Math.abs(a * a - 4 * b * c)));
    // Note, eta should be positive if w is negative, and eta should be
    // negative otherwise. However, if for some reason caused by roundoff,
    // eta·w > 0, we simply use one Newton step instead.
    if (w * eta > 0) eta = -w / (dpsi + dphi);
    temp = eta - dtnsq;
    if (first) {
      if (temp > rho) eta = rho + dtnsq;
    } else if (temp <= 0) {
      eta /= 2;
    }
    eta /= sigma + Math.sqrt(eta + sigma * sigma);
  }
  // Return with INFO = 1, NITER = MAXIT and not converged.
  lasd4Info = 1;
  return sigma;
}

/** dlasd4 for i < n: the root in (D(i), D(i+1)). */
function innerRoot(
  n: number,
  i: number,
  d: Float64Array,
  D: number,
  z: Float64Array,
  Z: number,
  delta: Float64Array,
  DE: number,
  rho: number,
  work: Float64Array,
  WO: number,
): number {
  const rhoinv = 1 / rho;
  const ip1 = i + 1;
  const di = d[D + i];
  const dip1 = d[D + ip1];
  const zi = z[Z + i];
  const zip1 = z[Z + ip1];
  let tau2: number;
  let tau: number;
  let a: number;
  let b: number;
  let c: number;
  let temp: number;
  let temp1: number;
  // Calculate the initial guess.
  const delsq = (dip1 - di) * (dip1 + di);
  const delsq2 = delsq / 2;
  const sq2 = Math.sqrt((di * di + dip1 * dip1) / 2);
  temp = delsq2 / (di + sq2);
  for (let j = 1; j <= n; j++) {
    work[WO + j] = d[D + j] + di + temp;
    delta[DE + j] = d[D + j] - di - temp;
  }
  let psi = 0;
  for (let j = 1; j <= i - 1; j++) psi += (z[Z + j] * z[Z + j]) / (work[WO + j] * delta[DE + j]);
  let phi = 0;
  for (let j = n; j >= i + 2; j--) phi += (z[Z + j] * z[Z + j]) / (work[WO + j] * delta[DE + j]);
  c = rhoinv + psi + phi;
  let w = c + (zi * zi) / (work[WO + i] * delta[DE + i]) + (zip1 * zip1) / (work[WO + ip1] * delta[DE + ip1]);

  let geomavg = false;
  let orgati: boolean;
  let ii: number;
  let sglb: number;
  let sgub: number;
  if (w > 0) {
    // d(i)² < the i-th sigma² < (d(i)² + d(i+1)²)/2: take D(i) as origin.
    orgati = true;
    ii = i;
    sglb = 0;
    sgub = delsq2 / (di + sq2);
    a = c * delsq + zi * zi + zip1 * zip1;
    b = zi * zi * delsq;
    if (a > 0) tau2 = (2 * b) / (a + Math.sqrt(Math.abs(a * a - 4 * b * c)));
    else tau2 = (a - Math.sqrt(Math.abs(a * a - 4 * b * c))) / (2 * c);
    // tau2 now is an estimation of sigma² − D(i)². The following, however,
    // is the corresponding estimation of sigma − D(i).
    tau = tau2 / (di + Math.sqrt(di * di + tau2));
    temp = Math.sqrt(EPS);
    if (di <= temp * dip1 && Math.abs(zi) <= temp && di > 0) {
      tau = Math.min(10 * di, sgub);
      geomavg = true;
    }
  } else {
    // (d(i)² + d(i+1)²)/2 ≤ the i-th sigma² < d(i+1)²: take D(i+1) as origin.
    orgati = false;
    ii = ip1;
    sglb = -delsq2 / (dip1 + sq2);
    sgub = 0;
    a = c * delsq - zi * zi - zip1 * zip1;
    b = zip1 * zip1 * delsq;
    if (a < 0) tau2 = (2 * b) / (a - Math.sqrt(Math.abs(a * a + 4 * b * c)));
    else tau2 = -(a + Math.sqrt(Math.abs(a * a + 4 * b * c))) / (2 * c);
    // tau2 now is an estimation of sigma² − D(ip1)². The following, however,
    // is the corresponding estimation of sigma − D(ip1).
    tau = tau2 / (dip1 + Math.sqrt(Math.abs(dip1 * dip1 + tau2)));
  }

  // The approximation to sigma_i is D(ii) + tau.
  const dii = d[D + ii];
  const zii = z[Z + ii];
  let sigma = dii + tau;
  for (let j = 1; j <= n; j++) {
    work[WO + j] = d[D + j] + dii + tau;
    delta[DE + j] = d[D + j] - dii - tau;
  }
  const iim1 = ii - 1;
  const iip1 = ii + 1;

  // w is the value of the secular function with its ii-th element removed;
  // swtch3 selects the three-pole interpolation (decided on the first evaluation).
  let swtch3 = false;
  let swtch = false;
  let eta = 0;
  let prew = 0;
  for (let niter = 1; niter <= MAXIT; niter++) {
    // Move by the last step (eta = 0 on the first pass), in the same pass as
    // the evaluation: each entry is updated before it is read, as in the
    // Fortran's two loops.
    tau += eta;
    sigma += eta;
    work[WO + ii] += eta;
    delta[DE + ii] -= eta;
    // Evaluate psi and the derivative dpsi.
    let dpsi = 0;
    psi = 0;
    let erretm = 0;
    for (let j = 1; j <= iim1; j++) {
      const wj = work[WO + j] + eta;
      const dj = delta[DE + j] - eta;
      work[WO + j] = wj;
      delta[DE + j] = dj;
      temp = z[Z + j] / (wj * dj);
      psi += z[Z + j] * temp;
      dpsi += temp * temp;
      erretm += psi;
    }
    erretm = Math.abs(erretm);
    // Evaluate phi and the derivative dphi.
    let dphi = 0;
    phi = 0;
    for (let j = n; j >= iip1; j--) {
      const wj = work[WO + j] + eta;
      const dj = delta[DE + j] - eta;
      work[WO + j] = wj;
      delta[DE + j] = dj;
      temp = z[Z + j] / (wj * dj);
      phi += z[Z + j] * temp;
      dphi += temp * temp;
      erretm += phi;
    }
    if (niter === 1) {
      w = rhoinv + phi + psi;
      if (orgati) {
        if (w < 0) swtch3 = true;
      } else if (w > 0) swtch3 = true;
      if (ii === 1 || ii === n) swtch3 = false;
    }
    tau2 = work[WO + ii] * delta[DE + ii];
    temp = zii / tau2;
    const dw = dpsi + dphi + temp * temp;
    temp = zii * temp;
    w = rhoinv + phi + psi + temp;
    erretm = 8 * (phi - psi) + erretm + 2 * rhoinv + 3 * Math.abs(temp);
    if (niter === 2) {
      swtch = orgati ? -w > Math.abs(prew) / 10 : w > Math.abs(prew) / 10;
    } else if (niter > 2 && w * prew > 0 && Math.abs(w) > Math.abs(prew) / 10) {
      swtch = !swtch;
    }

    // Test for convergence.
    if (Math.abs(w) <= EPS * erretm) return sigma;
    if (niter === MAXIT) break;
    if (w <= 0) sglb = Math.max(sglb, tau);
    else sgub = Math.min(sgub, tau);

    // Calculate the new step (the first step, niter = 1 here, is LAPACK's NITER = 2).
    let threePoles = swtch3;
    if (swtch3) {
      // Interpolation using three most relevant poles.
      const dtiim = work[WO + iim1] * delta[DE + iim1];
      const dtiip = work[WO + iip1] * delta[DE + iip1];
      temp = rhoinv + psi + phi;
      if (swtch) {
        c = temp - dtiim * dpsi - dtiip * dphi;
        zz3[0] = dtiim * dtiim * dpsi;
        zz3[2] = dtiip * dtiip * dphi;
      } else if (orgati) {
        temp1 = z[Z + iim1] / dtiim;
        temp1 *= temp1;
        c = temp - dtiip * (dpsi + dphi) - (d[D + iim1] - d[D + iip1]) * (d[D + iim1] + d[D + iip1]) * temp1;
        zz3[0] = z[Z + iim1] * z[Z + iim1];
        if (dpsi < temp1) zz3[2] = dtiip * dtiip * dphi;
        else zz3[2] = dtiip * dtiip * (dpsi - temp1 + dphi);
      } else {
        temp1 = z[Z + iip1] / dtiip;
        temp1 *= temp1;
        c = temp - dtiim * (dpsi + dphi) - (d[D + iip1] - d[D + iim1]) * (d[D + iim1] + d[D + iip1]) * temp1;
        if (dphi < temp1) zz3[0] = dtiim * dtiim * dpsi;
        else zz3[0] = dtiim * dtiim * (dpsi + (dphi - temp1));
        zz3[2] = z[Z + iip1] * z[Z + iip1];
      }
      zz3[1] = zii * zii;
      dd3[0] = dtiim;
      dd3[1] = delta[DE + ii] * work[WO + ii];
      dd3[2] = dtiip;
      eta = laed6(niter + 1, orgati, c, dd3, zz3, w);
      if (laed6Info !== 0) {
        // If info is not 0, i.e., dlaed6 failed, switch back to two poles.
        swtch3 = false;
        threePoles = false;
      }
    }
    if (!threePoles) {
      const dtipsq = work[WO + ip1] * delta[DE + ip1];
      const dtisq = work[WO + i] * delta[DE + i];
      if (!swtch) {
        if (orgati) c = w - dtipsq * dw + delsq * (zi / dtisq) ** 2;
        else c = w - dtisq * dw - delsq * (zip1 / dtipsq) ** 2;
      } else {
        temp = zii / (work[WO + ii] * delta[DE + ii]);
        if (orgati) dpsi += temp * temp;
        else dphi += temp * temp;
        c = w - dtisq * dpsi - dtipsq * dphi;
      }
      a = (dtipsq + dtisq) * w - dtipsq * dtisq * dw;
      b = dtipsq * dtisq * w;
      if (c === 0) {
        if (a === 0) {
          if (!swtch) {
            if (orgati) a = zi * zi + dtipsq * dtipsq * (dpsi + dphi);
            else a = zip1 * zip1 + dtisq * dtisq * (dpsi + dphi);
          } else {
            a = dtisq * dtisq * dpsi + dtipsq * dtipsq * dphi;
          }
        }
        eta = b / a;
      } else if (a <= 0) {
        eta = (a - Math.sqrt(Math.abs(a * a - 4 * b * c))) / (2 * c);
      } else {
        eta = (2 * b) / (a + Math.sqrt(Math.abs(a * a - 4 * b * c)));
      }
    }

    // Note, eta should be positive if w is negative, and eta should be
    // negative otherwise. However, if for some reason caused by roundoff,
    // eta·w > 0, we simply use one Newton step instead.
    if (w * eta >= 0) eta = -w / dw;
    eta /= sigma + Math.sqrt(sigma * sigma + eta);
    temp = tau + eta;
    if (temp > sgub || temp < sglb) {
      if (w < 0) eta = (sgub - tau) / 2;
      else eta = (sglb - tau) / 2;
      if (geomavg) {
        if (w < 0) {
          if (tau > 0) eta = Math.sqrt(sgub * tau) - tau;
        } else if (sglb > 0) {
          eta = Math.sqrt(sglb * tau) - tau;
        }
      }
    }
    prew = w;
  }
  // Return with INFO = 1, NITER = MAXIT and not converged.
  lasd4Info = 1;
  return sigma;
}

/**
 * dlasd5: the i-th (1 or 2) root of the 2 × 2 secular equation with poles
 * D(1) < D(2); writes DELTA(j) = D(j) − σ and WORK(j) = D(j) + σ and returns σ.
 */
function lasd5(
  i: number,
  d: Float64Array,
  dBase: number,
  z: Float64Array,
  zBase: number,
  delta: Float64Array,
  deltaBase: number,
  rho: number,
  work: Float64Array,
  workBase: number,
): number {
  const d1 = d[dBase + 1];
  const d2 = d[dBase + 2];
  const z1 = z[zBase + 1];
  const z2 = z[zBase + 2];
  const del = d2 - d1;
  const delsq = del * (d2 + d1);
  let b: number;
  let c: number;
  let tau: number;
  if (i === 1) {
    const w = 1 + (4 * rho * ((z2 * z2) / (d1 + 3 * d2) - (z1 * z1) / (3 * d1 + d2))) / del;
    if (w > 0) {
      b = delsq + rho * (z1 * z1 + z2 * z2);
      c = rho * z1 * z1 * delsq;
      // The following tau is dsigma² − D(1)².
      tau = (2 * c) / (b + Math.sqrt(Math.abs(b * b - 4 * c)));
      // The following tau is dsigma − D(1).
      tau /= d1 + Math.sqrt(d1 * d1 + tau);
      delta[deltaBase + 1] = -tau;
      delta[deltaBase + 2] = del - tau;
      work[workBase + 1] = 2 * d1 + tau;
      work[workBase + 2] = d1 + tau + d2;
      return d1 + tau;
    }
    b = -delsq + rho * (z1 * z1 + z2 * z2);
    c = rho * z2 * z2 * delsq;
    // The following tau is dsigma² − D(2)².
    if (b > 0) tau = (-2 * c) / (b + Math.sqrt(b * b + 4 * c));
    else tau = (b - Math.sqrt(b * b + 4 * c)) / 2;
    // The following tau is dsigma − D(2).
    tau /= d2 + Math.sqrt(Math.abs(d2 * d2 + tau));
    delta[deltaBase + 1] = -(del + tau);
    delta[deltaBase + 2] = -tau;
    work[workBase + 1] = d1 + tau + d2;
    work[workBase + 2] = 2 * d2 + tau;
    return d2 + tau;
  }
  // Now i = 2.
  b = -delsq + rho * (z1 * z1 + z2 * z2);
  c = rho * z2 * z2 * delsq;
  // The following tau is dsigma² − D(2)².
  if (b > 0) tau = (b + Math.sqrt(b * b + 4 * c)) / 2;
  else tau = (2 * c) / (-b + Math.sqrt(b * b + 4 * c));
  // The following tau is dsigma − D(2).
  tau /= d2 + Math.sqrt(d2 * d2 + tau);
  delta[deltaBase + 1] = -(del + tau);
  delta[deltaBase + 2] = -tau;
  work[workBase + 1] = d1 + tau + d2;
  work[workBase + 2] = 2 * d2 + tau;
  return d2 + tau;
}

/** INFO of the last laed6 call. */
let laed6Info = 0;

// dlaed6's scaling thresholds: base^(int(log(safmin)/log(base)/3)) = 2^-340.
const SMALL1 = 2 ** -340;
const SMINV1 = 2 ** 340;
const SMALL2 = SMALL1 * SMALL1;
const SMINV2 = SMINV1 * SMINV1;
const MAXIT6 = 40;
const dscale3 = new Float64Array(3);
const zscale3 = new Float64Array(3);

/**
 * dlaed6: the root tau nearest 0 (in the gap on the side `orgati` selects)
 * of rho + Σ_{j=1..3} z_j/(d_j − tau) = 0, given finit = f(0), by the
 * cubically convergent "middle way" iteration. 0-based arrays of length 3.
 */
function laed6(kniter: number, orgati: boolean, rho: number, d: Float64Array, z: Float64Array, finit: number): number {
  laed6Info = 0;
  let lbd: number;
  let ubd: number;
  if (orgati) {
    lbd = d[1];
    ubd = d[2];
  } else {
    lbd = d[0];
    ubd = d[1];
  }
  if (finit < 0) lbd = 0;
  else ubd = 0;

  let tau = 0;
  let temp: number;
  if (kniter === 2) {
    let a: number;
    let b: number;
    let c: number;
    if (orgati) {
      temp = (d[2] - d[1]) / 2;
      c = rho + z[0] / (d[0] - d[1] - temp);
      a = c * (d[1] + d[2]) + z[1] + z[2];
      b = c * d[1] * d[2] + z[1] * d[2] + z[2] * d[1];
    } else {
      temp = (d[0] - d[1]) / 2;
      c = rho + z[2] / (d[2] - d[1] - temp);
      a = c * (d[0] + d[1]) + z[0] + z[1];
      b = c * d[0] * d[1] + z[0] * d[1] + z[1] * d[0];
    }
    temp = Math.max(Math.abs(a), Math.abs(b), Math.abs(c));
    a /= temp;
    b /= temp;
    c /= temp;
    if (c === 0) tau = b / a;
    else if (a <= 0) tau = (a - Math.sqrt(Math.abs(a * a - 4 * b * c))) / (2 * c);
    else tau = (2 * b) / (a + Math.sqrt(Math.abs(a * a - 4 * b * c)));
    if (tau < lbd || tau > ubd) tau = (lbd + ubd) / 2;
    if (d[0] === tau || d[1] === tau || d[2] === tau) {
      tau = 0;
    } else {
      temp = finit + (tau * z[0]) / (d[0] * (d[0] - tau)) + (tau * z[1]) / (d[1] * (d[1] - tau)) + (tau * z[2]) / (d[2] * (d[2] - tau));
      if (temp <= 0) lbd = tau;
      else ubd = tau;
      if (Math.abs(finit) <= Math.abs(temp)) tau = 0;
    }
  }

  // Get machine parameters for possible scaling to avoid overflow.
  if (orgati) temp = Math.min(Math.abs(d[1] - tau), Math.abs(d[2] - tau));
  else temp = Math.min(Math.abs(d[0] - tau), Math.abs(d[1] - tau));
  let scale = false;
  let sclfac = 1;
  let sclinv = 1;
  const dscale = dscale3;
  const zscale = zscale3;
  if (temp <= SMALL1) {
    scale = true;
    if (temp <= SMALL2) {
      // Scale up by power of radix nearest 1/safmin^(2/3).
      sclfac = SMINV2;
      sclinv = SMALL2;
    } else {
      // Scale up by power of radix nearest 1/safmin^(1/3).
      sclfac = SMINV1;
      sclinv = SMALL1;
    }
    // Scaling up safe because d, z, tau scaled elsewhere to be O(1).
    for (let j = 0; j < 3; j++) {
      dscale[j] = d[j] * sclfac;
      zscale[j] = z[j] * sclfac;
    }
    tau *= sclfac;
    lbd *= sclfac;
    ubd *= sclfac;
  } else {
    for (let j = 0; j < 3; j++) {
      dscale[j] = d[j];
      zscale[j] = z[j];
    }
  }

  let fc = 0;
  let df = 0;
  let ddf = 0;
  for (let j = 0; j < 3; j++) {
    temp = 1 / (dscale[j] - tau);
    const temp1 = zscale[j] * temp;
    const temp2 = temp1 * temp;
    const temp3 = temp2 * temp;
    fc += temp1 / dscale[j];
    df += temp2;
    ddf += temp3;
  }
  let f = finit + tau * fc;

  done: {
    if (Math.abs(f) <= 0) break done;
    if (f <= 0) lbd = tau;
    else ubd = tau;

    // Iteration begins. It is not hard to see that
    //   1) iterations will go up monotonically if finit < 0;
    //   2) iterations will go down monotonically if finit > 0.
    for (let niter = 2; niter <= MAXIT6; niter++) {
      let temp1: number;
      let temp2: number;
      if (orgati) {
        temp1 = dscale[1] - tau;
        temp2 = dscale[2] - tau;
      } else {
        temp1 = dscale[0] - tau;
        temp2 = dscale[1] - tau;
      }
      let a = (temp1 + temp2) * f - temp1 * temp2 * df;
      let b = temp1 * temp2 * f;
      let c = f - (temp1 + temp2) * df + temp1 * temp2 * ddf;
      temp = Math.max(Math.abs(a), Math.abs(b), Math.abs(c));
      a /= temp;
      b /= temp;
      c /= temp;
      let eta: number;
      if (c === 0) eta = b / a;
      else if (a <= 0) eta = (a - Math.sqrt(Math.abs(a * a - 4 * b * c))) / (2 * c);
      else eta = (2 * b) / (a + Math.sqrt(Math.abs(a * a - 4 * b * c)));
      if (f * eta >= 0) eta = -f / df;
      tau += eta;
      if (tau < lbd || tau > ubd) tau = (lbd + ubd) / 2;

      fc = 0;
      let erretm = 0;
      df = 0;
      ddf = 0;
      for (let j = 0; j < 3; j++) {
        if (dscale[j] - tau === 0) break done;
        temp = 1 / (dscale[j] - tau);
        const t1 = zscale[j] * temp;
        const t2 = t1 * temp;
        const t3 = t2 * temp;
        const t4 = t1 / dscale[j];
        fc += t4;
        erretm += Math.abs(t4);
        df += t2;
        ddf += t3;
      }
      f = finit + tau * fc;
      erretm = 8 * (Math.abs(finit) + Math.abs(tau) * erretm) + Math.abs(tau) * df;
      if (Math.abs(f) <= 4 * EPS * erretm || ubd - lbd <= 4 * EPS * Math.abs(tau)) break done;
      if (f <= 0) lbd = tau;
      else ubd = tau;
    }
    laed6Info = 1;
  }
  // Undo scaling.
  if (scale) tau *= sclinv;
  return tau;
}
