import { expect, type Page } from '@playwright/test';

/** Every chart of the article: explorer 2, style vs facts 3, scale factor 2, training lab 4, learning-rate sweep 3, capacity 4, the real model's committed results 5 (the panel draws only after a run). */
export const ARTICLE_CHARTS = 23;

/** Scrolls every island into view (they hydrate on visibility) and waits until all have hydrated and drawn. */
export async function hydrateAll(page: Page) {
  // Scroll like a reader: client:visible islands hydrate as they enter the viewport.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y <= height; y += 400) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(30);
  }
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
  await expect(page.locator('section.demo:not([data-ready="true"])')).toHaveCount(0);
  await expect(page.locator('.chart-live > *')).toHaveCount(ARTICLE_CHARTS, { timeout: 60_000 });
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}
