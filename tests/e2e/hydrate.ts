import { expect, type Page } from '@playwright/test';

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
  // screen and kept there until it hydrates, one at a time: brought into view one after another in a
  // quick loop, an island can leave the viewport before a busy page's IntersectionObserver reports
  // it, and then waits forever (a CI run timed out here). The page scrolls itself: an <astro-island>
  // is `display: contents`, has no box, and Playwright's scrollIntoViewIfNeeded on it waits for it
  // to become visible, which it never does, until the test's timeout (another CI run timed out so).
  await hydrateWaiting(page);
  await expect(page.locator('section.demo:not([data-ready="true"])')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.locator('.chart-live > *')).toHaveCount(ARTICLE_CHARTS, { timeout: 60_000 });
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/** Brings every island that has not hydrated on screen, one at a time, until it hydrates (a minute at most). */
export async function hydrateWaiting(page: Page) {
  const waiting = page.locator('astro-island[ssr]');
  const deadline = Date.now() + 60_000;
  while ((await waiting.count()) > 0 && Date.now() < deadline) {
    await page.evaluate(scrollToWaitingIsland);
    await page.waitForTimeout(200);
  }
  await expect(waiting).toHaveCount(0, { timeout: 5_000 });
}

/** In the page: scrolls the first island that has not hydrated to the middle of the window, by its first descendant that has a box. */
function scrollToWaitingIsland(): void {
  const island = document.querySelector('astro-island[ssr]');
  if (!island) return;
  const target = [...island.querySelectorAll('*')].find((el) => el.getClientRects().length > 0);
  (target ?? island.parentElement)?.scrollIntoView({ block: 'center' });
}
