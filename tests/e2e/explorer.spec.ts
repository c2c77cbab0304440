import type { Locator, Page } from '@playwright/test';
import { E2E_BASE } from '../../playwright.config.ts';
import { expect, test } from './guard.ts';
import { ARTICLE_CHARTS } from './hydrate.ts';

const explorer = (page: Page) => page.locator('section.explorer');
const spectrumChart = (page: Page) => page.locator('.chart-canvas').first();

/** Waits until the island has hydrated and drawn its first live chart. */
async function waitForLive(page: Page) {
  await expect(spectrumChart(page).locator('.chart-live svg')).toBeVisible();
  await expect(page.locator('.chart-canvas.busy')).toHaveCount(0);
}

async function liveSvg(page: Page): Promise<string> {
  return spectrumChart(page).locator('.chart-live').innerHTML();
}

async function press(control: Locator, key: string, times = 1) {
  await control.focus();
  for (let i = 0; i < times; i++) await control.press(key);
}

test('the explorer loads its worker from under the base path and draws live charts', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.goto('');
  await explorer(page).scrollIntoViewIfNeeded();
  await waitForLive(page);
  expect(workers.length).toBeGreaterThan(0);
  for (const url of workers) expect(new URL(url).pathname.startsWith(E2E_BASE)).toBe(true);
  await expect(page.getByTestId('rank90')).toHaveText(/^\d+$/);
});

test('the live charts replace the static ones without shifting the layout', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { __shift: number }).__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number }[]) {
        (window as unknown as { __shift: number }).__shift += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto('');
  // Only what hydration moves counts: start after the fonts have settled.
  await page.evaluate(async () => {
    await document.fonts.ready;
    (window as unknown as { __shift: number }).__shift = 0;
  });
  const box = () => explorer(page).boundingBox();
  await explorer(page).scrollIntoViewIfNeeded();
  const before = await box();
  await waitForLive(page);
  const after = await box();
  expect(after?.height).toBeCloseTo(before?.height ?? NaN, 0);
  const shift = await page.evaluate(() => (window as unknown as { __shift: number }).__shift);
  expect(shift).toBeLessThan(0.01);
});

test('moving a control recomputes the spectrum and updates the permalink', async ({ page }) => {
  await page.goto('');
  await explorer(page).scrollIntoViewIfNeeded();
  await waitForLive(page);
  const before = await liveSvg(page);
  const rank = explorer(page).getByLabel('true rank');
  await press(rank, 'ArrowRight', 4);
  await expect(rank).toHaveValue('8');
  await expect.poll(() => liveSvg(page)).not.toBe(before);
  await expect(page).toHaveURL(/[?&]rank=8(&|$)/);

  await explorer(page).getByLabel('log').check();
  await expect(page).toHaveURL(/[?&]scale=log(&|$)/);
});

test('reloading a permalink restores the state and its numbers', async ({ page }) => {
  await page.goto('?shape=facts&rank=64&decay=0.35&seed=7');
  await explorer(page).scrollIntoViewIfNeeded();
  await waitForLive(page);
  const readouts = await explorer(page).locator('.readouts').textContent();
  await page.reload();
  await explorer(page).scrollIntoViewIfNeeded();
  await waitForLive(page);
  await expect(explorer(page).getByLabel('true rank')).toHaveValue('64');
  await expect(explorer(page).getByLabel('seed', { exact: true })).toHaveValue('7');
  await expect(explorer(page).getByLabel(/facts/)).toBeChecked();
  await expect(explorer(page).locator('.readouts')).toHaveText(readouts ?? '');
});

test('a garbled URL shows what was changed and leaves a working explorer', async ({ page }) => {
  await page.goto('?d=abc&k=99999&rank=-4&noise=NaN&seed=1.5&shape=%3Cb%3E');
  await explorer(page).scrollIntoViewIfNeeded();
  const notice = page.getByRole('status').filter({ hasText: 'adjusted' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('d (rows): "abc" is not a number; using 64.');
  await expect(notice).toContainText('k (columns): "99999" is above the maximum 512; using 512.');
  await waitForLive(page);
  await expect(explorer(page).getByLabel('d (rows)')).toHaveValue('64');
  const before = await liveSvg(page);
  await press(explorer(page).getByLabel('true rank'), 'ArrowRight', 2);
  await expect.poll(() => liveSvg(page)).not.toBe(before);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});

test('the page reads without JavaScript: static charts and readouts', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(baseURL!);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const staticCharts = page.locator('.chart-static');
  await expect(staticCharts).toHaveCount(ARTICLE_CHARTS);
  await expect(staticCharts.first()).toBeVisible();
  await expect(page.getByTestId('rank90')).toHaveText(/^\d+$/);
  await expect(page.locator('.katex').first()).toBeVisible();
  // Every number the prose quotes was filled in at build time (none left as an expression).
  expect(await page.locator('main').innerText()).not.toMatch(/\bN\.[a-zA-Z]/);
  await context.close();
});
