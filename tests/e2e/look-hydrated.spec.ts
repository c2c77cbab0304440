import { expect, test } from './guard.ts';
import { hydrateAll, hydrateWaiting, streamsDone } from './hydrate.ts';
import {
  axe,
  chartProblems,
  horizontalOverflow,
  keepScreenshot,
  mathProblems,
  openTableProblems,
  SCHEMES,
  scrollingTableProblems,
  WIDTHS,
} from './look.ts';

// The article with every island hydrated: as a reader sees it once all have drawn, at a phone's
// and a laptop's width, in both themes, and the helper that hydrates them. These tests run in
// their own project, one at a time, after the others (playwright.config.ts): a page hydrating all
// its demos keeps two cores busy, and three times in CI runs, with other tests beside it, Chromium
// stopped drawing frames for good in the middle of it (no screencast frame, no
// IntersectionObserver report, 0 animation frames in 2 s: the islands below the demo that had just
// started its lab worker never hydrated). Alone, it has not happened in any run.

for (const width of WIDTHS) {
  for (const colorScheme of SCHEMES) {
    test.describe(`the article at ${width} px, ${colorScheme}`, () => {
      test.use({ viewport: { width, height: 800 }, colorScheme });

      test('hydrated: charts readable and apart, math in place, nothing wider than the window, axe clean', async ({ page }, testInfo) => {
        test.setTimeout(300_000);
        await page.goto('');
        await hydrateAll(page);
        await streamsDone(page);
        expect(await chartProblems(page, undefined, { onScreen: true })).toEqual([]);
        expect(await mathProblems(page)).toEqual([]);
        expect(await horizontalOverflow(page)).toBe(0);
        // Open a chart's data table (they all share one component) so that axe checks its markup too.
        await page.locator('details.chart-data summary').first().click();
        expect(await openTableProblems(page)).toEqual([]);
        expect(await scrollingTableProblems(page, ['lab-slopes', 'scale-slopes'])).toEqual([]);
        expect(await axe(page)).toEqual([]);
        await keepScreenshot(page, testInfo, `article-${width}-${colorScheme}`);
      });
    });
  }
}

test('islands left off screen hydrate when the helper brings them on screen one at a time', async ({ page }) => {
  // The path hydrateAll takes when its scroll pass left an island behind, taken here for every
  // island below the first screen: it once hung until the test's timeout on the first of them.
  await page.goto('');
  expect(await page.locator('astro-island[ssr]').count()).toBeGreaterThan(5);
  await hydrateWaiting(page);
  await expect(page.locator('section.demo:not([data-ready="true"])')).toHaveCount(0, { timeout: 60_000 });
});
