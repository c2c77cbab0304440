// The language-model half of `npm run bench:browser`: the default
// fine-tuning runs' training steps (FINETUNE_DEFAULTS) in a Chromium worker
// beside the same code on Node's main thread, interleaved; the median step
// extrapolated to each run's steps.

import type { Browser } from '@playwright/test';
import { FINETUNE_DEFAULTS } from '../../packages/core/src/lm/index.ts';
import { serveRepository } from './server.ts';
import { type FinetuneTiming, median, timeFinetune } from './workloads.ts';

type Case = { kind: 'style' | 'facts'; mode: 'lora' | 'full' };

const CASES: Case[] = [
  { kind: 'style', mode: 'lora' },
  { kind: 'style', mode: 'full' },
  { kind: 'facts', mode: 'lora' },
];

const f = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** The language-model figures, as markdown lines: `runs` rounds of `steps` timed steps per case and platform. */
export async function lmFigures(browser: Browser, root: string, runs: number, steps = 8): Promise<string[]> {
  const { server, url } = await serveRepository(root);
  const page = await browser.newPage();
  try {
    await page.goto(`${url}/scripts/benchBrowser/index.html`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
    const chromium = (c: Case) =>
      page.evaluate(
        ([k, m, s]) =>
          (globalThis as unknown as { bench: { finetune(k: string, m: string, s: number): Promise<FinetuneTiming> } }).bench.finetune(
            k,
            m,
            s,
          ),
        [c.kind, c.mode, steps] as const,
      );
    const backend = await page.evaluate(() =>
      (globalThis as unknown as { bench: { backend(k: string): Promise<string> } }).bench.backend('auto'),
    );
    const ms = CASES.map(() => ({ chromium: [] as number[], node: [] as number[] }));
    for (let r = 0; r < runs; r++) {
      for (let i = 0; i < CASES.length; i++) {
        ms[i]!.chromium.push((await chromium(CASES[i]!)).msPerStep);
        ms[i]!.node.push(timeFinetune(CASES[i]!.kind, CASES[i]!.mode, steps).msPerStep);
      }
    }
    const out = [
      `Chromium kernels: ${backend}; median of ${runs} rounds of ${steps} timed steps (after 2 warm-up steps), Chromium worker and Node main thread interleaved`,
      '',
      '| default run (FINETUNE_DEFAULTS) | steps × batch × length | Chromium ms/step | Chromium tok/s | Chromium run | Node ms/step | Node run |',
      '|---|---|---|---|---|---|---|',
    ];
    CASES.forEach((c, i) => {
      const d = FINETUNE_DEFAULTS[c.kind];
      const cm = median(ms[i]!.chromium);
      const nm = median(ms[i]!.node);
      const tokens = d.batchSize * 64;
      out.push(
        `| ${c.kind}, ${c.mode === 'lora' ? `LoRA r = ${d.rank}` : 'full'} | ${d.steps} × ${d.batchSize} × 64 | ${f(cm)} | ${f((1000 * tokens) / cm)} | ${f((cm * d.steps) / 1000)} s | ${f(nm)} | ${f((nm * d.steps) / 1000)} s |`,
      );
    });
    return out;
  } finally {
    await page.close();
    server.close();
  }
}
