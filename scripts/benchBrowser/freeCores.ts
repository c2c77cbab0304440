// How many cores this run can really use: the same pure-CPU loop on one
// worker thread, then on two at once. On an idle two-core machine the two
// finish in the time of one (2.0×); on a shared machine whose other core is
// busy they take twice as long (1.0×), and no "two workers" figure can show
// a speed-up. Printed beside the load average, so the figures can be read.

import { Worker } from 'node:worker_threads';

const SPIN = `
const { parentPort } = require('node:worker_threads');
let x = 0;
const t = performance.now();
for (let i = 0; i < 1e9; i++) x += i & 1;
parentPort.postMessage(performance.now() - t + x * 0);
`;

function spin(threads: number): Promise<number> {
  const t0 = performance.now();
  const runs = Array.from({ length: threads }, () => new Promise((resolve) => new Worker(SPIN, { eval: true }).once('message', resolve)));
  return Promise.all(runs).then(() => performance.now() - t0);
}

/** Work done per unit of time by two threads relative to one (2 = two free cores), the better of two tries. */
export async function freeCores(): Promise<number> {
  let best = 0;
  for (let i = 0; i < 2; i++) {
    const one = await spin(1);
    const two = await spin(2);
    best = Math.max(best, (2 * one) / two);
  }
  return best;
}
