import type { Page } from '@playwright/test';
import { expect, test } from './guard.ts';
import { recordTextsFromLoad, recordedTexts } from './observe.ts';
import { lrAnswer, lrSummaries, runLrSweep } from '../../src/demos/lr-sweep/model.ts';
import { lrSweepConfig, lrSweepDefaults } from '../../src/demos/lr-sweep/params.ts';

const sweep = (page: Page) => page.locator('section.lr-sweep');
const status = (page: Page) => sweep(page).getByTestId('lr-status');

/** Opens the page with a query and scrolls to the sweep until it has read its state. */
async function openSweep(page: Page, query = '') {
  await page.goto(query);
  await sweep(page).scrollIntoViewIfNeeded();
  await expect(sweep(page)).toHaveAttribute('data-ready', 'true');
}

function runOf(text: string | null): number {
  return Number(/run (\d+)/.exec(text ?? '')?.[1] ?? Number.NaN);
}

test('the learning-rate sweep streams its runs from the lab worker and prints the answer it computes', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  // Runs arrive one at a time, so the status shows how far the sweep is before it is done. A
  // polling test can miss that on a fast machine; an observer in the page records every text it
  // takes from the start. How many partial counts show depends on the machine (the first finished
  // run is shown at once, then the status is redrawn at most every few hundred ms, and the whole
  // sweep may take less than a second): at least one must. A CI run failed when only the first
  // redraw was delayed, by those few hundred ms, past the end of the sweep.
  await recordTextsFromLoad(page, 'section.lr-sweep [data-testid="lr-status"]');
  await openSweep(page, '?lr-targets=style');
  await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(status(page)).toHaveText('Done: 72 runs.');
  const texts = await recordedTexts(page);
  const partial = texts.map(runOf).filter((run) => Number.isFinite(run) && run > 0 && run < 72);
  expect(partial.length, texts.join(' | ')).toBeGreaterThan(0);
  expect(workers.some((url) => url.includes('lab.worker'))).toBe(true);
  await expect(sweep(page).locator('.chart-live > *')).toHaveCount(3);
  // The same sweep in Node gives the same answer, word for word.
  const config = lrSweepConfig({ ...lrSweepDefaults, targets: ['style'] });
  const expected = lrAnswer(lrSummaries(runLrSweep(config), config));
  // The page sets each exponent as a superscript: r^−0.01 reads r−0.01 as text.
  await expect(sweep(page).getByTestId('lr-answer')).toHaveText(expected.replaceAll('^', ''));
  expect(expected).toMatch(/^Under α\/r, on style the best learning rate is nearly rank-independent/);
  await expect(sweep(page).getByTestId('lr-optima').locator('tbody tr th')).toHaveText(['style, α/r', 'style, α/√r']);
});

test('adding a target and seeds restarts the sweep, reaches the permalink, and a permalink restores it', async ({ page }) => {
  await openSweep(page, '?lr-targets=style&lr-ranks=1,4&lr-steps=10');
  await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(status(page)).toHaveText('Done: 36 runs.');
  await sweep(page)
    .getByLabel(/facts \(all directions\)/)
    .check();
  // Both targets are the default, so the permalink drops the key.
  await expect(page).not.toHaveURL(/lr-targets=/);
  await sweep(page).getByLabel('seeds of A').fill('2');
  await sweep(page).getByLabel('seeds of A').press('Enter');
  await expect(page).toHaveURL(/[?&]lr-seeds=2(&|$)/);
  await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(status(page)).toHaveText('Done: 144 runs.');
  await expect(sweep(page).getByTestId('lr-optima').locator('tbody tr th')).toHaveText([
    'style, α/r',
    'style, α/√r',
    'facts, α/r',
    'facts, α/√r',
  ]);
  // Two seeds: the slopes come with their spread (one rank from r = 2 gives no slope).
  await expect(sweep(page).getByTestId('lr-slope').first()).toHaveText('—');
  const url = page.url();

  await page.goto(url);
  await sweep(page).scrollIntoViewIfNeeded();
  await expect(sweep(page)).toHaveAttribute('data-ready', 'true');
  await expect(sweep(page).getByLabel(/facts \(all directions\)/)).toBeChecked();
  await expect(sweep(page).getByLabel('seeds of A')).toHaveValue('2');
  await expect(sweep(page).getByRole('checkbox', { name: '16' })).not.toBeChecked();
  await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(status(page)).toHaveText('Done: 144 runs.');
});

test('a bad sweep permalink is fixed with a notice', async ({ page }) => {
  await openSweep(page, '?lr-targets=&lr-ranks=8&lr-steps=1');
  const notice = sweep(page).getByRole('status').filter({ hasText: 'adjusted' });
  await expect(notice).toContainText('targets: none chosen; sweeping the style target.');
  await expect(notice).toContainText('adapter ranks: a slope against rank needs two or more');
  await expect(notice).toContainText('steps per run: "1" is below the minimum 5; using 5.');
  await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(status(page)).toHaveText('Done: 72 runs.');
});
