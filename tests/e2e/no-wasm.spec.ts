import type { BrowserContext, Page } from '@playwright/test';
import { csvParse } from 'd3-dsv';
import { RandomState } from '@lora-rank/core';
import { npyBytes } from '../../packages/core/test/ioFixtures.ts';
import { downloadCsv } from './downloadCsv.ts';
import { expect, test } from './guard.ts';
import { hydrateAll, streamsDone } from './hydrate.ts';

// The site on an engine without WebAssembly, where the core's feature
// detection must pick its plain-JavaScript kernels in the page and in every
// worker. Chromium has no switch for that (`--js-flags=--noexpose-wasm`
// left `WebAssembly` defined in the page and in workers, checked), so every
// script the site serves, the workers' included, is served here with a
// first line that deletes `globalThis.WebAssembly`. (`?kernels=js` on the
// analysis page forces the fallback on an engine that has WebAssembly: see
// analyze.spec.ts.) Full hydrations run in the serial `hydrated` project
// (see playwright.config.ts).

/** Serves every script of the site with `WebAssembly` removed first; resolves to the list of script URLs served so. */
async function withoutWebAssembly(context: BrowserContext): Promise<string[]> {
  const served: string[] = [];
  await context.route(/\.m?js(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    served.push(route.request().url());
    await route.fulfill({ response, body: `delete globalThis.WebAssembly;\n${await response.text()}` });
  });
  return served;
}

/** `typeof WebAssembly` in the page and in each of its workers (by the worker script's name). */
async function webAssemblyTypes(page: Page): Promise<Record<string, string>> {
  const types: Record<string, string> = { page: await page.evaluate(() => typeof WebAssembly) };
  for (const worker of page.workers()) {
    types[
      worker
        .url()
        .replace(/^.*\//, '')
        .replace(/-[\w-]{8}\.js$/, '')
    ] = await worker.evaluate(() => typeof WebAssembly);
  }
  return types;
}

test('without WebAssembly, every demo of the article computes on the plain-JavaScript kernels, the real model trains', async ({
  page,
  context,
}) => {
  test.setTimeout(300_000);
  const served = await withoutWebAssembly(context);
  await page.goto('?lm-steps=20&lm-rank=2&lm-seed=1');
  await hydrateAll(page);
  await streamsDone(page);
  // The original experiment's worker still prints the original's numbers.
  await expect(page.locator('section.experiment').getByTestId('exp-top10')).toContainText('4.99');
  await expect(page.getByTestId('lab-slopes').locator('tbody tr')).toHaveCount(4);
  const panel = page.locator('section.real-model');
  await panel.scrollIntoViewIfNeeded();
  await panel.getByRole('button', { name: 'Train in your browser' }).click();
  await expect(panel.getByTestId('lm-status')).toHaveText('Done: 20 steps.', { timeout: 180_000 });
  await expect(panel.getByTestId('lm-scores')).toContainText('held-out people answered in the persona');
  // Nothing had WebAssembly: the page, the article's compute worker, the training worker, the language model's.
  const types = await webAssemblyTypes(page);
  expect(Object.keys(types)).toEqual(expect.arrayContaining(['page', 'compute.worker', 'lab.worker', 'lm.worker']));
  expect(new Set(Object.values(types)), JSON.stringify(types)).toEqual(new Set(['undefined']));
  expect(served.filter((url) => url.includes('.worker')).length).toBeGreaterThanOrEqual(3);
});

test('without WebAssembly, the analysis page analyzes a matrix on the plain-JavaScript kernels and says so', async ({ page, context }) => {
  await withoutWebAssembly(context);
  await page.goto('analyze/');
  await expect(page.getByTestId('files')).toBeEnabled();
  // 600 × 500: large enough for the randomized SVD's products.
  const bytes = npyBytes(new RandomState(5).randn(600, 500).data, [600, 500], { descr: '<f8' });
  await page.getByTestId('files').setInputFiles([{ name: 'noise.npy', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) }]);
  await expect(page.locator('.job')).not.toHaveCount(0);
  await expect(page.locator('.job[data-status="running"], .job[data-status="queued"]')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('row-ok')).toHaveCount(1);
  const [row] = csvParse(await downloadCsv(page));
  expect(row).toMatchObject({ name: 'noise.npy', status: 'ok', kernels: 'js' });
  expect((await webAssemblyTypes(page)).page).toBe('undefined');
});
