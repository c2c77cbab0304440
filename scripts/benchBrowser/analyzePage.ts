// The page half of `npm run bench:browser`: the production build's
// /analyze/ page in Chromium, timed from choosing the files to the last job
// done, with what its CSV says about the rows.

import type { Browser, Page } from '@playwright/test';
import { csvParse } from 'd3-dsv';
import type { BenchFiles } from './fixtures.ts';

/** What one timed analysis gave. */
export interface PageRun {
  seconds: number;
  ok: number;
  errors: number;
  /** Largest `sigma_accuracy` and `energy_share_error` over the randomized rows, and their iteration counts. */
  sigma: number;
  share: number;
  iterations: string;
}

/** A way to open the page: a label, the site's base URL and a query (`?workers=1`). */
export interface PageVariant {
  label: string;
  url: string;
  query: string;
}

async function waitForJobs(page: Page, timeout: number): Promise<void> {
  await page.waitForFunction(
    () => {
      const jobs = [...document.querySelectorAll<HTMLElement>('.job')];
      return jobs.length > 0 && jobs.every((j) => j.dataset.status !== 'running' && j.dataset.status !== 'queued');
    },
    null,
    { polling: 50, timeout },
  );
}

async function csvRows(page: Page): Promise<Record<string, string>[]> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const stream = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return csvParse(Buffer.concat(chunks).toString('utf8'));
}

/** Opens the variant's /analyze/ page (with its query), runs `choose`, and times until every job is done. */
async function timeAnalysis(browser: Browser, variant: PageVariant, choose: (page: Page) => Promise<void>): Promise<PageRun> {
  const page = await browser.newPage({ acceptDownloads: true });
  try {
    await page.goto(`${variant.url}analyze/${variant.query}`);
    await page.getByTestId('files').waitFor();
    await page.waitForFunction(() => !(document.querySelector('[data-testid="files"]') as HTMLInputElement).disabled);
    const t0 = performance.now();
    await choose(page);
    await waitForJobs(page, 30 * 60_000);
    const seconds = (performance.now() - t0) / 1000;
    const rows = await csvRows(page);
    const randomized = rows.filter((r) => r.method === 'randomized' && r.sigma_accuracy);
    const count = (key: string) => {
      const tally = new Map<string, number>();
      for (const r of randomized) tally.set(r[key]!, (tally.get(r[key]!) ?? 0) + 1);
      return [...tally].map(([v, n]) => `${v}: ${n}`).join(', ') || '–';
    };
    return {
      seconds,
      ok: rows.filter((r) => r.status === 'ok').length,
      errors: rows.filter((r) => r.status === 'error').length,
      sigma: Math.max(0, ...randomized.map((r) => Number(r.sigma_accuracy))),
      share: Math.max(0, ...randomized.map((r) => Number(r.energy_share_error))),
      iterations: count('power_iterations'),
    };
  } finally {
    await page.close();
  }
}

/** Each scenario on each variant of the page, one after the other; rows of a markdown table. */
export async function pageFigures(
  browser: Browser,
  files: BenchFiles,
  variants: readonly PageVariant[],
  { pair = true } = {},
): Promise<string[]> {
  const out = [
    '| analysis in the page | page | seconds | rows ok / errors | randomized rows: largest σ error, largest share bound, {iterations: rows} |',
    '|---|---|---|---|---|',
  ];
  const scenarios: [string, (page: Page) => Promise<void>][] = [
    [
      '8B-shaped adapter (224 modules, r = 16, BF16)',
      (page) => page.getByTestId('files').setInputFiles([files.adapter, files.adapterConfig]),
    ],
    ['one 4096 × 4096 F32 matrix (.npy)', (page) => page.getByTestId('files').setInputFiles([files.square])],
    ['one 8192 × 2048 BF16 matrix', (page) => page.getByTestId('files').setInputFiles([files.tall])],
  ];
  if (pair) {
    scenarios.push([
      'Llama-3.2-1B-shaped base/fine-tuned pair (112 matrices, BF16, 2 × 2.5 GB)',
      async (page) => {
        await page.getByTestId('base-files').setInputFiles([files.base]);
        await page.getByTestId('tuned-files').setInputFiles([files.tuned]);
        await page.getByRole('button', { name: 'Compare' }).click();
      },
    ]);
  }
  for (const [name, choose] of scenarios) {
    for (const variant of variants) {
      const run = await timeAnalysis(browser, variant, choose);
      const acc =
        run.sigma > 0 ? `${(100 * run.sigma).toPrecision(2)} %, ${(100 * run.share).toPrecision(2)} points, {${run.iterations}}` : '–';
      out.push(`| ${name} | ${variant.label} | ${run.seconds.toFixed(1)} | ${run.ok} / ${run.errors} | ${acc} |`);
      console.log(out.at(-1));
    }
  }
  return out;
}
