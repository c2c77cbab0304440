import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './guard.ts';
import { reference } from '../../packages/core/test/fixtures.ts';

const panel = (page: Page) => page.locator('section.experiment');
const styleFacts = (page: Page) => page.locator('section.style-vs-facts');
const scaleDemo = (page: Page) => page.locator('section.scale-factor');
const peft = (page: Page) => page.locator('section.peft');

/** Scrolls a demo into view and waits until it has hydrated and read its state from the URL. */
async function hydrate(section: Locator) {
  await section.scrollIntoViewIfNeeded();
  await expect(section).toHaveAttribute('data-ready', 'true');
}

function rows(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (cell) => (cell.firstChild?.textContent ?? '').trim())),
    );
}

/** The four tables as the original printed them (the one copy, made by the core's NumPy script). */
const REFERENCE = reference.experiment.printed;

async function expectReferenceTables(page: Page) {
  const p = panel(page);
  expect(await rows(p.getByTestId('exp-top10'))).toEqual(REFERENCE.top10);
  expect(await rows(p.getByTestId('exp-errors'))).toEqual(REFERENCE.errors);
  expect(await rows(p.getByTestId('exp-energy'))).toEqual(REFERENCE.energy);
  expect(await rows(p.getByTestId('exp-scales'))).toEqual(REFERENCE.scales);
}

test('the original-experiment panel reruns the experiment in the worker and prints the reference tables', async ({ page }) => {
  await page.goto('');
  await hydrate(panel(page));
  await expectReferenceTables(page);
  const seed = panel(page).getByLabel('seed', { exact: true });
  // Another seed gives other numbers, and the same verdict.
  await seed.fill('1');
  await seed.press('Enter');
  await expect(panel(page).getByTestId('exp-top10')).not.toContainText('4.99');
  await expect(panel(page).getByTestId('exp-verdict')).toContainText('α/√r is worse than α/r at every rank in the table');
  await expect(panel(page).getByTestId('exp-verdict')).toContainText('No scaled cell beats the unscaled truncation');
  await expect(page).toHaveURL(/[?&]exp-seed=1(&|$)/);
  // Back to 42: the worker's numbers are the reference's, digit for digit.
  await seed.fill('42');
  await seed.press('Enter');
  await expect(panel(page).getByTestId('exp-top10')).toContainText('4.99');
  await expectReferenceTables(page);
  await expect(panel(page).getByTestId('exp-verdict')).toContainText('16 of the 24 scaled cells are above 1');
  await expect(panel(page).getByTestId('exp-verdict')).toContainText('At r = 8, α/r = 2 and the error is exactly 1');
});

test('lora_alpha moves the special cells of the error table', async ({ page }) => {
  await page.goto('');
  await hydrate(panel(page));
  const alpha = panel(page).getByLabel('lora_alpha');
  await alpha.fill('32');
  await alpha.press('Enter');
  await expect(panel(page).getByTestId('exp-scales').locator('tbody tr').first()).toContainText('32');
  await expect(panel(page).getByTestId('exp-verdict')).toContainText('At r = 16, α/r = 2');
  await expect(panel(page).getByTestId('exp-verdict')).toContainText('At r = 32, α/r = 1');
  await expect(page).toHaveURL(/[?&]exp-alpha=32(&|$)/);
});

test('style vs facts responds to its seed', async ({ page }) => {
  await page.goto('');
  await hydrate(styleFacts(page));
  await expect(styleFacts(page).locator('.chart-live svg')).toHaveCount(3);
  const before = await styleFacts(page).locator('.chart-live').first().innerHTML();
  const seed = styleFacts(page).getByLabel('seed', { exact: true });
  await seed.fill('2024');
  await seed.press('Enter');
  await expect(styleFacts(page).getByTestId('style-facts-ranks')).toContainText('seed 2024');
  await expect.poll(() => styleFacts(page).locator('.chart-live').first().innerHTML()).not.toBe(before);
  await expect(page).toHaveURL(/[?&]sf-seed=2024(&|$)/);
});

test('the scale-factor charts follow lora_alpha', async ({ page }) => {
  await page.goto('');
  await hydrate(scaleDemo(page));
  await expect(scaleDemo(page).locator('.chart-live svg')).toHaveCount(2);
  const before = await scaleDemo(page).locator('.chart-live').first().innerHTML();
  const slider = scaleDemo(page).getByLabel('lora_alpha');
  await slider.focus();
  await slider.press('End');
  await expect(slider).toHaveValue('256');
  await expect.poll(() => scaleDemo(page).locator('.chart-live').first().innerHTML()).not.toBe(before);
  await expect(page).toHaveURL(/[?&]scale-alpha=256(&|$)/);
});

test('the PEFT snippet follows the choices and copies', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('');
  await hydrate(peft(page));
  const r = peft(page).getByLabel('r', { exact: true });
  await r.fill('16');
  await r.press('Enter');
  const alpha = peft(page).getByLabel('lora_alpha');
  await alpha.fill('32');
  await alpha.press('Enter');
  await peft(page)
    .getByLabel(/use_rslora=True/)
    .check();
  const code = peft(page).getByTestId('peft-code');
  // Every linear layer by default (LoRA Without Regret).
  await expect(code).toContainText('target_modules="all-linear"');
  await peft(page).getByLabel('o_proj').check();
  await expect(code).toContainText('r=16,');
  await expect(code).toContainText('use_rslora=True,  # scale = 32 / sqrt(16) = 8');
  await expect(code).toContainText('target_modules=["o_proj"]');
  // The adapter's size on the chosen Llama 3 model follows r and the targets.
  await expect(peft(page).getByTestId('peft-parameters')).toContainText('Llama-3.1-8B');
  await expect(peft(page).getByTestId('peft-scale')).toContainText('γ = 8');
  await expect(page).toHaveURL(/peft-r=16/);
  await peft(page).getByRole('button', { name: 'Copy' }).click();
  await expect(peft(page).getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('lora_alpha=32');
});

test('one permalink restores every demo, and garbled values get a notice', async ({ page }) => {
  // Only the demos the permalink sets are hydrated: a full hydration (every demo training in its
  // workers) beside another test worker took 2.3–3 min in CI, and once Chromium stopped drawing
  // frames in the middle of it (see look-hydrated.spec.ts, where the full hydrations run alone).
  test.setTimeout(120_000);
  await page.goto('?sf-seed=7&exp-seed=9&exp-alpha=8&scale-alpha=64&peft-r=4&peft-rslora=true&peft-targets=k_proj,bogus');
  for (const demo of [styleFacts(page), panel(page), scaleDemo(page), peft(page)]) await hydrate(demo);
  await expect(styleFacts(page).getByLabel('seed', { exact: true })).toHaveValue('7');
  await expect(panel(page).getByLabel('seed', { exact: true })).toHaveValue('9');
  await expect(panel(page).getByLabel('lora_alpha')).toHaveValue('8');
  await expect(scaleDemo(page).getByLabel('lora_alpha')).toHaveValue('64');
  await expect(peft(page).getByLabel('r', { exact: true })).toHaveValue('4');
  await expect(peft(page).getByLabel(/use_rslora=True/)).toBeChecked();
  await expect(peft(page).getByLabel('k_proj')).toBeChecked();
  await expect(peft(page).getByRole('status').filter({ hasText: 'adjusted' })).toContainText('"bogus" is not one of');
  await expect(page).not.toHaveURL(/bogus/);

  await page.goto('?exp-alpha=abc&scale-alpha=1e9');
  await hydrate(panel(page));
  await hydrate(scaleDemo(page));
  await expect(panel(page)).not.toHaveAttribute('aria-busy', 'true');
  await expect(panel(page).getByRole('status').filter({ hasText: 'adjusted' })).toContainText(
    'lora_alpha: "abc" is not a number; using 16.',
  );
  await expect(scaleDemo(page).getByRole('status').filter({ hasText: 'adjusted' })).toContainText('above the maximum 256');
  await expectReferenceTables(page);
});

test('charts download as CSV, SVG with resolved colours, and PNG', async ({ page }) => {
  await page.goto('');
  await hydrate(styleFacts(page));
  await expect(styleFacts(page).locator('.chart-live svg')).toHaveCount(3);
  const figure = styleFacts(page).locator('figure').first();
  const [csv] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'CSV' }).click()]);
  expect(csv.suggestedFilename()).toBe('style-vs-facts-spectra.csv');
  const csvText = readFileSync((await csv.path())!, 'utf8');
  expect(csvText.split('\r\n')[0]).toBe('i,"singular value, style","singular value, facts"');
  expect(csvText.split('\r\n')).toHaveLength(66);
  const [svg] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'SVG' }).click()]);
  const svgText = readFileSync((await svg.path())!, 'utf8');
  expect(svgText).toContain('<svg');
  expect(svgText).not.toContain('var(--');
  const [png] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'PNG' }).click()]);
  expect(png.suggestedFilename()).toBe('style-vs-facts-spectra.png');
  expect(
    readFileSync((await png.path())!)
      .subarray(1, 4)
      .toString(),
  ).toBe('PNG');
});
