import { describe, it } from 'vitest';
import { gemmNN } from '../src/linalg/gemmNN.ts';
import { gemmNT } from '../src/linalg/gemmNT.ts';
import { gemmTN } from '../src/linalg/gemmTN.ts';
import { RandomState } from '../src/index.ts';
import { close } from './close.ts';

/** Triple-loop reference: C[i,j] = Σ_q a(i,q)·b(q,j) with accessors for any layout. */
function reference(m: number, n: number, p: number, a: (i: number, q: number) => number, b: (q: number, j: number) => number) {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let q = 0; q < p; q++) s += a(i, q) * b(q, j);
    c[i * n + j] = s;
  }
  return c;
}

const shapes: [number, number, number][] = [
  [1, 1, 1], [1, 7, 3], [7, 1, 3], [5, 6, 1], [13, 9, 17], [0, 4, 3], [4, 0, 3], [3, 4, 0],
];

describe('gemmNN, gemmNT, gemmTN', () => {
  for (const [m, n, p] of shapes) {
    it(`agree with a triple loop at m=${m}, n=${n}, p=${p}, with and without accumulate`, () => {
      const rng = new RandomState(m * 100 + n * 10 + p);
      const draw = (len: number) => (len === 0 ? new Float64Array(0) : rng.randn(1, len).data);
      const X = draw(m * p); // m × p (NN, NT) and read as p × m for TN
      const Y = draw(p * n); // p × n (NN, TN) and read as n × p for NT
      const C0 = draw(m * n);
      const nn = reference(m, n, p, (i, q) => X[i * p + q], (q, j) => Y[q * n + j]);
      const nt = reference(m, n, p, (i, q) => X[i * p + q], (q, j) => Y[j * p + q]);
      const tn = reference(m, n, p, (i, q) => X[q * m + i], (q, j) => Y[q * n + j]);
      const cases: [string, (C: Float64Array, acc: boolean) => void, Float64Array][] = [
        ['NN', (C, acc) => gemmNN(X, Y, C, m, n, p, acc), nn],
        ['NT', (C) => gemmNT(X, Y, C, m, n, p), nt],
        ['TN', (C, acc) => gemmTN(X, Y, C, m, n, p, acc), tn],
      ];
      for (const [name, run, want] of cases) {
        const C = new Float64Array(m * n).fill(Number.NaN);
        run(C, false);
        close(C, want, { rtol: 1e-12, atol: 1e-12 });
        if (name === 'NT') continue;
        const D = C0.slice();
        run(D, true);
        close(D, want.map((v, i) => v + C0[i]), { rtol: 1e-12, atol: 1e-12 });
      }
    });
  }
});
