import { expect, type Page } from '@playwright/test';
import { framesDuring } from './look.ts';

/** Every chart of the article: explorer 2, style vs facts 3, scale factor 2, training lab 4, learning-rate sweep 3, capacity 4, the real model's committed results 5 (the panel draws only after a run). */
export const ARTICLE_CHARTS = 23;

/** Scrolls every island into view (they hydrate on visibility) and waits until all have hydrated and drawn. */
export async function hydrateAll(page: Page) {
  // Scroll like a reader: client:visible islands hydrate as they enter the viewport. The page's height
  // is read again at every step: off-screen charts keep only a remembered size (content-visibility), so
  // the page grows as they render, and a height read once could stop short of the last islands.
  for (let y = 0; ; y += 400) {
    const height = await page.evaluate((top) => {
      window.scrollTo(0, top);
      return document.documentElement.scrollHeight;
    }, y);
    await page.waitForTimeout(30);
    if (y > height) break;
  }
  // Any island still waiting (for example above a chart that grew while we scrolled) is brought on
  // screen until it hydrates.
  await hydrateWaiting(page);
  await expect(page.locator('section.demo:not([data-ready="true"])')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.locator('.chart-live > *')).toHaveCount(ARTICLE_CHARTS, { timeout: 60_000 });
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/**
 * Brings the islands that have not hydrated on screen, one at a time, each
 * kept there a moment (a minute at most in all). Brought into view one after
 * another in a quick loop, an island can leave the viewport before a busy
 * page's IntersectionObserver reports it, and then waits forever (a CI run
 * timed out so). The page scrolls itself: an <astro-island> is `display:
 * contents`, has no box, and Playwright's scrollIntoViewIfNeeded on it waits
 * until the test's timeout for it to become visible (another CI run timed
 * out so). The islands take turns, so that one that does not hydrate does
 * not keep the others off screen; if some never do, the failure says whether
 * the page was still drawing frames.
 */
export async function hydrateWaiting(page: Page) {
  const waiting = page.locator('astro-island[ssr]');
  const deadline = Date.now() + 60_000;
  for (let turn = 0; (await waiting.count()) > 0 && Date.now() < deadline; turn++) {
    await page.evaluate(scrollToWaitingIsland, turn);
    await page.waitForTimeout(200);
  }
  const left = await page.evaluate(() =>
    [...document.querySelectorAll('astro-island[ssr]')].map((el) => (el.getAttribute('component-url') ?? '').replace(/^.*\//, '')),
  );
  if (left.length > 0) {
    const frames = await framesDuring(page, 2_000);
    expect(left, `islands that never hydrated; the page drew ${frames} frames in the last 2 s`).toEqual([]);
  }
}

/** Waits until the demos that stream results (the training lab, the learning-rate sweep, the capacity experiment) have finished. */
export async function streamsDone(page: Page) {
  await expect(page.getByTestId('lab-status')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('capacity-status')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('lr-status')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/** In the page: scrolls the waiting island `turn` (modulo their number) to the middle of the window, by its first descendant that has a box. */
function scrollToWaitingIsland(turn: number): void {
  const islands = document.querySelectorAll('astro-island[ssr]');
  if (islands.length === 0) return;
  const island = islands[turn % islands.length];
  const target = [...island.querySelectorAll('*')].find((el) => el.getClientRects().length > 0);
  (target ?? island.parentElement)?.scrollIntoView({ block: 'center' });
}
