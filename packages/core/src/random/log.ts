// Natural logarithm rounded correctly to the nearest double (up to ~2^-68
// relative error before the final rounding), for the legacy Gaussian sampler.
//
// Why not Math.log: V8's log (an fdlibm port) is only faithfully rounded and
// differs in the last bit from glibc's log, which NumPy calls, for about 6 %
// of arguments; that last bit then shows up in ~3 % of np.random.randn
// values. glibc's log (since 2.28) is within 0.52 ulp, i.e. correctly rounded
// for all but ~0.05 % of arguments, so a correctly rounded log reproduces
// NumPy's normals bit for bit except in those rare cases (where the two
// differ by one ulp).
//
// Method: x = 2^k · m with m in [√½, √2); c = 1 + j/128 is the table point
// nearest m; log x = k·ln2 + log c + log1p(r), r = (m − c)/c, |r| < 2^-7.5.
// log c comes from a table computed once in double-double; log1p(r) uses
// double-double for r and r²/2 and plain doubles for the tail r³/3 − ...,
// which is at most 2^-16 of the result. Everything is summed in
// double-double and rounded once.

const TABLE_BITS = 128;
const J_MIN = -38; // round((√½ − 1)·128)
const J_MAX = 53; // round((√2 − 1)·128)
const LN2_HI = 0.6931471805599453; // 0x3FE62E42FEFA39EF
const LN2_LO = 2.3190468138462996e-17; // 0x3C7ABC9E3B39803F
const LN2_LO2 = 5.707708438416212e-34; // ln 2 − LN2_HI − LN2_LO, rounded
const SPLITTER = 134217729; // 2^27 + 1, Veltkamp split of a double into 26 + 26 bits

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Little-endian hosts (every JS engine in practice) keep the exponent in u32[1].
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

let logcHi: Float64Array | undefined;
let logcLo: Float64Array | undefined;

/** Error-free product: a·b = p + e exactly (Dekker). */
function twoProdErr(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return al * bl - (p - ah * bh - al * bh - ah * bl);
}

/**
 * log c in double-double for the table points c = 1 + j/128, from
 * log c = 2·atanh(s), s = (c − 1)/(c + 1), summed in double-double until the
 * terms fall below 2^-110 of the sum.
 */
function buildTable(): void {
  const size = J_MAX - J_MIN + 1;
  logcHi = new Float64Array(size);
  logcLo = new Float64Array(size);
  for (let j = J_MIN; j <= J_MAX; j++) {
    if (j === 0) continue;
    const c = 1 + j / TABLE_BITS;
    // s = (c − 1)/(c + 1) in double-double; c − 1 and c + 1 are exact.
    const num = c - 1;
    const den = c + 1;
    const sh = num / den;
    const sl = (num - sh * den - twoProdErr(sh, den, sh * den)) / den;
    // s² in double-double
    const s2h = sh * sh;
    const s2l = twoProdErr(sh, sh, s2h) + 2 * sh * sl;
    // power = s^(2i+1), sum = Σ power/(2i+1), all in double-double
    let ph = sh;
    let pl = sl;
    let sumH = sh;
    let sumL = sl;
    for (let i = 1; i < 40; i++) {
      // power *= s²
      const nh = ph * s2h;
      const nl = twoProdErr(ph, s2h, nh) + ph * s2l + pl * s2h;
      ph = nh + nl;
      pl = nl - (ph - nh);
      // term = power / (2i + 1)
      const d = 2 * i + 1;
      const th = ph / d;
      const tl = (ph - th * d - twoProdErr(th, d, th * d) + pl) / d;
      // sum += term
      const s = sumH + th;
      const bb = s - sumH;
      const err = sumH - (s - bb) + (th - bb) + sumL + tl;
      sumH = s + err;
      sumL = err - (sumH - s);
      if (Math.abs(th) < Math.abs(sumH) * 2 ** -110) break;
    }
    logcHi[j - J_MIN] = 2 * sumH;
    logcLo[j - J_MIN] = 2 * sumL;
  }
}

/**
 * Correctly rounded natural logarithm for positive normal doubles; other
 * arguments (0, subnormals, negatives, NaN, ±Infinity) fall back to Math.log.
 * @internal
 */
export function log(x: number): number {
  if (!(x >= 2.2250738585072014e-308 && x < Infinity)) return Math.log(x);
  if (logcHi === undefined || logcLo === undefined) buildTable();
  const tableHi = logcHi as Float64Array;
  const tableLo = logcLo as Float64Array;

  f64[0] = x;
  const hiWord = u32[HI];
  let k = (hiWord >>> 20) - 1023;
  u32[HI] = (hiWord & 0x000fffff) | 0x3ff00000; // m in [1, 2)
  let m = f64[0];
  if (m > Math.SQRT2) {
    m *= 0.5;
    k += 1;
  }
  const j = Math.round((m - 1) * TABLE_BITS);
  const c = 1 + j / TABLE_BITS;
  // d = m − c is exact (Sterbenz); r = d/c in double-double.
  const d = m - c;
  const rh = d / c;
  const rl = (d - rh * c - twoProdErr(rh, c, rh * c)) / c;

  // −r²/2 in double-double (exact scaling by 1/2).
  const r2h = rh * rh;
  const r2l = twoProdErr(rh, rh, r2h) + 2 * rh * rl;
  const qh = -0.5 * r2h;
  const ql = -0.5 * r2l;
  // Tail r³(1/3 − r/4 + r²/5 − ...) in plain doubles, to r^12.
  const tail =
    r2h *
    rh *
    (1 / 3 +
      rh *
        (-1 / 4 +
          rh * (1 / 5 + rh * (-1 / 6 + rh * (1 / 7 + rh * (-1 / 8 + rh * (1 / 9 + rh * (-1 / 10 + rh * (1 / 11 + rh * (-1 / 12))))))))));

  // k·ln2 in double-double.
  const kh = k * LN2_HI;
  const kl = twoProdErr(k, LN2_HI, kh) + k * LN2_LO + k * LN2_LO2;

  // Sum in double-double: the hi parts go through two-sum (error-free), the
  // lo parts are added to the running low word, whose own rounding errors
  // are far below 2^-68 of the result.
  const idx = j - J_MIN;
  let sh = kh;
  let sl = kl + tableLo[idx] + rl + ql + tail;
  let a = tableHi[idx];
  let s = sh + a;
  let bb = s - sh;
  sl += sh - (s - bb) + (a - bb);
  sh = s;
  a = rh;
  s = sh + a;
  bb = s - sh;
  sl += sh - (s - bb) + (a - bb);
  sh = s;
  a = qh;
  s = sh + a;
  bb = s - sh;
  sl += sh - (s - bb) + (a - bb);
  sh = s;
  return sh + sl;
}
