import type { Page } from '@playwright/test';
import { expect, test } from './guard.ts';
import { openTableProblems } from './look.ts';
import { recordTextsFromLoad, recordedTexts } from './observe.ts';
import { runLab } from '../../src/demos/lab/model.ts';
import { floorNote, labSeries } from '../../src/demos/lab/summary.ts';
import { labDefaults } from '../../src/demos/lab/params.ts';
import { formatSlope } from '../../src/demos/lab/charts.ts';

const lab = (page: Page) => page.locator('section.lab');
const status = (page: Page) => lab(page).getByTestId('lab-status');

async function openLab(page: Page, query = '') {
  await page.goto(query);
  await lab(page).scrollIntoViewIfNeeded();
  await expect(lab(page)).toHaveAttribute('data-ready', 'true');
}

function stepOf(text: string | null): number {
  return Number(/step (\d+)/.exec(text ?? '')?.[1] ?? Number.NaN);
}

/** The mean of a "−0.97 ± 0.20" cell. */
function slopeOf(text: string): number {
  return Number(text.split(' ±')[0]!.replace('−', '-'));
}

/** The largest relative gaps the twin note prints, one per rank. */
async function twinGaps(page: Page): Promise<number[]> {
  const text = (await lab(page).getByTestId('lab-twin-note').textContent()) ?? '';
  const list = /over \d+ steps: (.*?) \(Adam eps/.exec(text)?.[1] ?? '';
  return [...list.matchAll(/r = (\d+): ([\d.e+-]+)/g)].map((m) => Number(m[2]));
}

test('the lab trains in its worker, streams progress and finishes with the predicted slopes and the floors', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  // Progress arrives in messages while it trains, not all at the end: an observer in the page
  // records every status text from the start (polling could miss them: the whole sweep may take a
  // second or two, and the status is redrawn every few hundred ms).
  await recordTextsFromLoad(page, 'section.lab [data-testid="lab-status"]');
  await openLab(page, '?lab-steps=600');
  await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const texts = await recordedTexts(page);
  const partial = texts.map(stepOf).filter((step) => Number.isFinite(step) && step > 0 && step < 600);
  expect(partial.length, texts.join(' | ')).toBeGreaterThan(0);
  expect(workers.some((url) => url.includes('lab.worker'))).toBe(true);
  await expect(lab(page).locator('.chart-live > *')).toHaveCount(4);
  // Slopes at the probe rate over 8 seeds, mean ± sd: the default style target gives −0.97 ± 0.20,
  // +0.03 ± 0.20, 0.00 ± 0.10, +0.50 ± 0.10.
  const slopes = await lab(page).getByTestId('lab-slopes').locator('tbody tr td:first-of-type').allTextContents();
  expect(slopes.every((t) => / ± \d\.\d\d$/.test(t))).toBe(true);
  const [sgdStd, sgdRs, adamStd, adamRs] = slopes.map(slopeOf);
  expect(Math.abs(sgdStd! + 1)).toBeLessThan(0.1);
  expect(Math.abs(sgdRs!)).toBeLessThan(0.1);
  expect(Math.abs(adamStd!)).toBeLessThan(0.1);
  expect(Math.abs(adamRs! - 0.5)).toBeLessThan(0.1);
  // Every run is read against its rank's floor: the best rank-r fit, named in the final-loss chart's key.
  await expect(lab(page).getByTestId('lab-floor-note')).toContainText('Training reaches at best this floor, whatever γ');
  await expect(lab(page).getByTestId('lab-floor-note')).toContainText('At the best rank-r fit (within 1 %) after 600 steps:');
  await expect(lab(page).locator('figure').filter({ hasText: 'Loss after the last step' }).locator('.chart-legend')).toHaveText(
    'best rank-r fit (floor)',
  );
  // The every-step table is built only when opened (not on every redraw): opened, it has every run's steps.
  const curves = lab(page).locator('figure').filter({ hasText: 'Loss against step' });
  await curves.locator('details.chart-data summary').click();
  await expect(curves.locator('.chart-data thead th')).toHaveText([
    'optimizer',
    'scaling',
    'rank',
    'step',
    'loss',
    '|grad A|',
    '|grad B|',
    '|gamma B A|',
  ]);
  await expect(curves.locator('.chart-data tbody tr')).toHaveCount(500);
  await expect(curves.locator('.chart-data-more')).toHaveText(`The first 500 of ${16 * 600} rows; the CSV has them all.`);
  // The open table spans its figure, below the download buttons (this test runs at 1280 px, where it once sat beside them).
  expect(await openTableProblems(page)).toEqual([]);
});

test('changing a control restarts the sweep and updates the permalink', async ({ page }) => {
  await openLab(page, '?lab-steps=2000');
  await expect(status(page)).toHaveAttribute('data-state', 'running');
  await expect.poll(async () => stepOf(await status(page).textContent())).toBeGreaterThan(20);
  const before = stepOf(await status(page).textContent());
  await lab(page)
    .getByLabel(/facts \(all directions\)/)
    .check();
  await expect(page).toHaveURL(/[?&]lab-task=facts(&|$)/);
  // The new sweep starts from step 0 and counts up again.
  await expect.poll(async () => stepOf(await status(page).textContent())).toBeLessThan(before);
  await expect(status(page)).toHaveAttribute('data-state', 'running');
  await lab(page).getByRole('button', { name: 'Stop' }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'stopped');
  await page.reload();
  await lab(page).scrollIntoViewIfNeeded();
  await expect(lab(page).getByLabel(/facts \(all directions\)/)).toBeChecked();
});

test('the optimizer controls choose what runs, reach the permalink, and a diverging run is named', async ({ page }) => {
  await openLab(page, '?lab-steps=30&lab-d=16&lab-k=16&lab-ranks=1,4,16&lab-lrSgd=1');
  await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const slopeRows = lab(page).getByTestId('lab-slopes').locator('tbody tr th');
  await expect(slopeRows).toHaveText(['SGD, α/r', 'SGD, α/√r', 'Adam, α/r', 'Adam, α/√r']);
  // SGD at learning rate 1 on a 16 × 16 layer with γ up to 16 blows up: the lab says which runs did.
  await expect(lab(page).getByTestId('lab-diverged')).toContainText('SGD, α/r, r = 1');

  await lab(page).getByRole('checkbox', { name: 'SGD', exact: true }).uncheck();
  await expect(page).toHaveURL(/[?&]lab-optimizers=adam(&|$)/);
  // The last optimizer left cannot be unchecked.
  await expect(lab(page).getByRole('checkbox', { name: 'Adam', exact: true })).toBeDisabled();
  await expect(lab(page).getByLabel('SGD learning rate')).toHaveCount(0);
  await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(slopeRows).toHaveText(['Adam, α/r', 'Adam, α/√r']);
  await expect(lab(page).getByTestId('lab-diverged')).toHaveCount(0);
  // SGD is off, so the twin toggle (an Adam comparison) is on offer; with weight decay it explains why it cannot run.
  await expect(status(page)).toContainText('× 6 runs');

  await lab(page).getByText('More optimizer settings').click();
  await lab(page)
    .getByLabel(/batch size/)
    .selectOption('16');
  await lab(page).getByLabel('AdamW weight decay').fill('0.05');
  await lab(page).getByLabel('AdamW weight decay').press('Enter');
  const ratio = lab(page).getByLabel(/LoRA\+ ratio/);
  await ratio.focus();
  for (let i = 0; i < 4; i++) await ratio.press('ArrowRight');
  await expect(page).toHaveURL(/[?&]lab-batch=16(&|$)/);
  await expect(page).toHaveURL(/[?&]lab-weightDecay=0\.05(&|$)/);
  await expect(page).toHaveURL(/[?&]lab-lrRatio=16(&|$)/);
  await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  // The page shows what the same sweep computes in Node (every number from the seed), including
  // the series whose first step overshoots.
  const expected = labSeries(
    runLab({
      ...labDefaults,
      d: 16,
      k: 16,
      ranks: [1, 4, 16],
      steps: 30,
      optimizers: ['adam'],
      weightDecay: 0.05,
      lrRatio: 16,
      batchSize: 16,
    }),
  );
  const measured = await lab(page).getByTestId('lab-slopes').locator('tbody tr td:first-of-type').allTextContents();
  expect(measured).toEqual(expected.map((s) => formatSlope(s.measuredSlope, s.slopeSd)));
  await expect(lab(page).getByTestId('lab-floor-note')).toContainText(floorNote(expected, 30));
  await lab(page)
    .getByRole('checkbox', { name: /LoRA\+ twin/ })
    .check();
  await expect(page).toHaveURL(/[?&]lab-twin=on(&|$)/);
  await expect(lab(page).getByTestId('lab-twin-note')).toContainText('needs AdamW weight decay 0');

  await page.reload();
  await lab(page).scrollIntoViewIfNeeded();
  await expect(lab(page).getByRole('checkbox', { name: 'SGD', exact: true })).not.toBeChecked();
  await expect(lab(page).locator('details.more')).toHaveAttribute('open', '');
  await expect(lab(page).getByLabel(/batch size/)).toHaveValue('16');
  await expect(lab(page).getByLabel('AdamW weight decay')).toHaveValue('0.05');
});

test('the LoRA+ twin follows the α/√r Adam run: to rounding with eps 1e-16, within 1e-3 with PyTorch’s 1e-8', async ({ page }) => {
  test.setTimeout(150_000);
  // Restored from a permalink: twins on, Adam's eps 1e-16.
  await openLab(page, '?lab-optimizers=adam&lab-steps=60&lab-ranks=1,4,16&lab-eps=1e-16&lab-twin=on');
  await expect(lab(page).getByRole('checkbox', { name: /LoRA\+ twin/ })).toBeChecked();
  await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(status(page)).toContainText('× 9 runs');
  const exact = await twinGaps(page);
  expect(exact).toHaveLength(3);
  for (const gap of exact) expect(gap).toBeLessThan(1e-9);
  await expect(lab(page).getByTestId('lab-twin-note')).toContainText('With eps 1e-16 Adam is scale-free down to rounding');
  // The twins are drawn dotted over the α/√r Adam panel, one line per rank, in the loss and the gradient charts.
  await expect(lab(page).locator('.chart-live svg g[stroke-dasharray="1.5 3"] path')).toHaveCount(6);
  await expect(lab(page).locator('.chart-legend').first()).toContainText('dotted: LoRA+ twin');

  // A non-default eps opens the optimizer settings by itself.
  await expect(lab(page).locator('details.more')).toHaveAttribute('open', '');
  await lab(page).getByLabel('Adam eps').selectOption('1e-8');
  await expect(page).not.toHaveURL(/lab-eps=/);
  // The new sweep's gaps replace the old ones (Adam eps 1e-8 in the note), then it finishes.
  await expect(lab(page).getByTestId('lab-twin-note')).toContainText('(Adam eps 1e-8)', { timeout: 60_000 });
  await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(status(page)).toContainText('Done');
  const pytorch = await twinGaps(page);
  expect(pytorch[0]).toBe(0); // r = 1: √r = 1, the same run
  for (const gap of pytorch.slice(1)) {
    expect(gap).toBeGreaterThan(1e-8);
    expect(gap).toBeLessThan(1e-2);
  }
  await expect(lab(page).getByTestId('lab-twin-note')).toContainText("With PyTorch's eps 1e-8 they drift");

  await lab(page)
    .getByRole('checkbox', { name: /LoRA\+ twin/ })
    .uncheck();
  await expect(page).not.toHaveURL(/lab-twin=/);
  await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(status(page)).toContainText('× 6 runs');
  await expect(lab(page).getByTestId('lab-twin-note')).toHaveCount(0);
});

test('a bad lab permalink is clamped with a notice', async ({ page }) => {
  await openLab(page, '?lab-d=4&lab-ranks=64,999&lab-lrAdam=-1');
  const notice = lab(page).getByRole('status').filter({ hasText: 'adjusted' });
  await expect(notice).toContainText('d (outputs): "4" is below the minimum 8; using 8.');
  await expect(notice).toContainText('"999" is not one of');
  await expect(notice).toContainText('none of 64 fits min(d, k) = 8; using 1.');
  await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
});

test('the capacity experiment streams its points and reads out the ranks each measure needs', async ({ page }) => {
  const capacity = page.locator('section.capacity');
  await page.goto('?cap-steps=40&cap-n=32');
  await capacity.scrollIntoViewIfNeeded();
  await expect(capacity).toHaveAttribute('data-ready', 'true');
  const state = capacity.getByTestId('capacity-status');
  await expect(state).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(state).toContainText('8 trained adapters');
  const readouts = capacity.getByTestId('capacity-readouts');
  // Reproducing 32 random values needs about one direction per fact: error ≤ 0.1 only near r = N.
  await expect(readouts.locator('dd').first()).toHaveText(/^r = (2[89]|3[0-2])$/);
  // Three live charts of the run, and the bits chart drawn from the core's measurements.
  await expect(capacity.locator('.chart-live > *')).toHaveCount(4);
  await expect(page).toHaveURL(/cap-n=32/);
});
