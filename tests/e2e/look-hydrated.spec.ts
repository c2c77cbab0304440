import { expect, test } from './guard.ts';
import { hydrateAll, streamsDone } from './hydrate.ts';
import { axe, chartProblems, horizontalOverflow, keepScreenshot, mathProblems, openTableProblems, SCHEMES, WIDTHS } from './look.ts';

// The article as a reader sees it once every island has hydrated and drawn, at a phone's and a
// laptop's width, in both themes. These tests run in their own project, one at a time, after the
// others (playwright.config.ts): a page hydrating all its demos keeps two cores busy, and twice in
// CI, with other tests running beside it, Chromium stopped producing frames for the rest of the
// test (no screencast frame, no IntersectionObserver report: the islands below the training lab
// never hydrated). Alone, it has not happened in any run.

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
        expect(await axe(page)).toEqual([]);
        await keepScreenshot(page, testInfo, `article-${width}-${colorScheme}`);
      });
    });
  }
}
