import type { Page } from '@playwright/test';
import { expect, test } from './guard.ts';
import { longTaskMessage, longTasks, watchLongTasks } from './observe.ts';

/*
 * Main-thread responsiveness. This file runs in its own Playwright project,
 * after all other tests (see playwright.config.ts), so nothing else competes
 * for the CPU while it measures.
 */

const lab = (page: Page) => page.locator('section.lab');
const status = (page: Page) => lab(page).getByTestId('lab-status');

test('while a sweep runs and a slider is dragged, no main-thread task takes over 50 ms', async ({ page }) => {
  await page.goto('?lab-steps=2000');
  await lab(page).scrollIntoViewIfNeeded();
  // Let the first charts draw (Plot's code is compiled on first use), then watch.
  await expect(lab(page).locator('.chart-live > *')).toHaveCount(4, { timeout: 30_000 });
  // Find the slider before watching: Playwright resolves a label locator by
  // scripting the page, and on a page this size that is itself a long task.
  const slider = lab(page).getByLabel('lora_alpha');
  const box = (await slider.boundingBox())!;
  await watchLongTasks(page);
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 4, y);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) {
    await page.mouse.move(box.x + 4 + (i * (box.width - 8)) / 20, y);
    await page.waitForTimeout(40);
  }
  await page.mouse.up();
  // Keep watching while the restarted sweep streams its results in (no locator queries meanwhile).
  await page.waitForTimeout(2000);
  const long = await longTasks(page);
  await expect(status(page)).toHaveAttribute('data-state', /running|done/);
  expect(long, await longTaskMessage(page)).toEqual([]);
});

test('while the real-model panel fine-tunes, no main-thread task takes over 50 ms', async ({ page }) => {
  test.setTimeout(300_000);
  const panel = page.locator('section.real-model');
  await page.goto('?lm-steps=100');
  await panel.scrollIntoViewIfNeeded();
  await expect(panel).toHaveAttribute('data-ready', 'true');
  const train = panel.getByRole('button', { name: 'Train in your browser' });
  await train.click();
  // Let the loss chart draw once (Plot's code is compiled on first use), then watch while steps stream in.
  await expect(panel.locator('.chart-live > *')).toHaveCount(1, { timeout: 120_000 });
  await watchLongTasks(page);
  await page.waitForTimeout(5000);
  const long = await longTasks(page);
  await expect(panel.getByTestId('lm-status')).toHaveAttribute('data-state', /running|done/);
  expect(long, await longTaskMessage(page)).toEqual([]);
});
