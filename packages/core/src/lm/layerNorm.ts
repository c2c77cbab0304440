import { LAYER_NORM_EPS } from './lmConfig.ts';

/** Row-wise LayerNorm (`n` rows of `d`): xhat = (x − mean)/√(var + eps) with the biased variance (PyTorch's), y = xhat·w + b; keeps xhat and 1/√(var + eps) for the backward pass. @internal */
export function layerNorm(
  x: Float64Array,
  w: Float64Array,
  b: Float64Array,
  xhat: Float64Array,
  rstd: Float64Array,
  y: Float64Array,
  n: number,
  d: number,
): void {
  for (let i = 0; i < n; i++) {
    const xi = i * d;
    let mean = 0;
    for (let c = 0; c < d; c++) mean += x[xi + c];
    mean /= d;
    let v = 0;
    for (let c = 0; c < d; c++) {
      const e = x[xi + c] - mean;
      v += e * e;
    }
    const r = 1 / Math.sqrt(v / d + LAYER_NORM_EPS);
    rstd[i] = r;
    for (let c = 0; c < d; c++) {
      const h = (x[xi + c] - mean) * r;
      xhat[xi + c] = h;
      y[xi + c] = h * w[c] + b[c];
    }
  }
}

/**
 * Backward of {@link layerNorm}: adds ∂L/∂x to dx; writes ∂w and ∂b when
 * given: dxhat = dy·w, dx = rstd·(dxhat − mean(dxhat) − xhat·mean(dxhat·xhat)). @internal
 */
export function layerNormBackward(
  dy: Float64Array,
  xhat: Float64Array,
  rstd: Float64Array,
  w: Float64Array,
  dx: Float64Array,
  dw: Float64Array | null,
  db: Float64Array | null,
  n: number,
  d: number,
): void {
  if (dw) dw.fill(0);
  if (db) db.fill(0);
  for (let i = 0; i < n; i++) {
    const xi = i * d;
    let m1 = 0;
    let m2 = 0;
    for (let c = 0; c < d; c++) {
      const g = dy[xi + c] * w[c];
      m1 += g;
      m2 += g * xhat[xi + c];
    }
    m1 /= d;
    m2 /= d;
    const r = rstd[i];
    for (let c = 0; c < d; c++) {
      const g = dy[xi + c] * w[c];
      dx[xi + c] += r * (g - m1 - xhat[xi + c] * m2);
    }
    if (dw && db) {
      for (let c = 0; c < d; c++) {
        dw[c] += dy[xi + c] * xhat[xi + c];
        db[c] += dy[xi + c];
      }
    }
  }
}
