import type { Page } from '@playwright/test';
import { expect, test } from './guard.ts';
import { ARTICLE_CHARTS } from './hydrate.ts';
import { axe, chartProblems, horizontalOverflow, keepScreenshot, mathProblems, SCHEMES, scrollingTableProblems, WIDTHS } from './look.ts';

// What a reader sees, at a phone's and a laptop's width, in both themes: before the islands
// hydrate, and without JavaScript at all (with every island hydrated and drawn:
// look-hydrated.spec.ts). Charts and formulas are checked by geometry; full-page screenshots
// are kept in test-results/screenshots/ for a person to look at.

/**
 * Opens a page as a browser without JavaScript would show it: the HTML with every <script>
 * removed (so no island ever hydrates). Playwright's own `javaScriptEnabled: false` would
 * also stop the checks below, which run in the page.
 */
async function gotoWithoutScripts(page: Page, path = '') {
  await page.route(/\/lora-rank\/(analyze\/)?(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/<script\b[\s\S]*?<\/script>/g, '');
    await route.fulfill({ response, body: html });
  });
  await page.goto(path);
  await expect(page.locator('script')).toHaveCount(0);
}

for (const width of WIDTHS) {
  for (const colorScheme of SCHEMES) {
    test.describe(`the article at ${width} px, ${colorScheme}`, () => {
      test.use({ viewport: { width, height: 800 }, colorScheme });

      test('before the islands hydrate: static charts readable, axe clean', async ({ page }) => {
        await page.goto('');
        // Islands hydrate when they scroll into view: at the top of the page none has.
        await expect(page.locator('section.demo[data-ready="true"]')).toHaveCount(0);
        expect(await axe(page)).toEqual([]);
        expect(await chartProblems(page)).toEqual([]);
      });
    });

    test.describe(`the article without JavaScript at ${width} px, ${colorScheme}`, () => {
      test.use({ viewport: { width, height: 800 }, colorScheme });

      test('static charts readable and apart, math in place, axe clean', async ({ page }, testInfo) => {
        // Geometry, axe and a full-page screenshot of the whole article: 33–55 s in CI beside another
        // test, and once past the default 60 s (after the tables' check was added).
        test.setTimeout(120_000);
        await gotoWithoutScripts(page);
        expect(await chartProblems(page)).toEqual([]);
        expect(await mathProblems(page)).toEqual([]);
        expect(await horizontalOverflow(page)).toBe(0);
        // The slope tables have four and three short columns: they fit a phone. The charts' data
        // tables (rendered on the server) are checked open, then closed again.
        const openData = (open: boolean) =>
          page.evaluate(
            (open) => document.querySelectorAll('details.chart-data').forEach((d) => ((d as HTMLDetailsElement).open = open)),
            open,
          );
        await openData(true);
        expect(await scrollingTableProblems(page, ['lab-slopes', 'scale-slopes'])).toEqual([]);
        await openData(false);
        expect(await axe(page)).toEqual([]);
        await keepScreenshot(page, testInfo, `article-nojs-${width}-${colorScheme}`);
      });
    });
  }
}

for (const width of WIDTHS) {
  for (const colorScheme of SCHEMES) {
    test.describe(`the page on the original experiment at ${width} px, ${colorScheme}`, () => {
      test.use({ viewport: { width, height: 800 }, colorScheme });

      test('math in place, tables within the window, axe clean', async ({ page }) => {
        await page.goto('original-experiment/');
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('The original experiment');
        expect(await mathProblems(page)).toEqual([]);
        expect(await horizontalOverflow(page)).toBe(0);
        expect(await axe(page)).toEqual([]);
        // The tables are the reference numbers every test compares with.
        await expect(page.locator('table').nth(1)).toContainText('9.730');
      });
    });
  }
}

test.describe('figures, pixel for pixel', () => {
  // The build-time SVGs are deterministic (seeded data, fixed sizes), so each figure of the
  // page without JavaScript is compared with a committed picture. Update the pictures after an
  // intended change with `npx playwright test look --update-snapshots` (README, "Tests").
  test.use({ viewport: { width: 360, height: 800 }, colorScheme: 'light' });

  test('every static chart matches its committed picture at 360 px', async ({ page }) => {
    await gotoWithoutScripts(page);
    await page.evaluate(() => document.fonts.ready);
    const count = await page.locator('.chart-canvas').count();
    expect(count).toBe(ARTICLE_CHARTS);
    for (let i = 0; i < count; i++) {
      // Each chart is copied to the top left corner of the window, at whole pixels, so the picture
      // does not depend on where the text above it ends (sub-pixel positions change anti-aliasing).
      await page.evaluate((n) => {
        document.getElementById('pixel-probe')?.remove();
        const probe = document.createElement('figure');
        probe.id = 'pixel-probe';
        probe.className = 'chart';
        probe.style.cssText = 'position:fixed;left:0;top:0;width:320px;margin:0;z-index:1000;background:var(--bg)';
        probe.append(document.querySelectorAll('.chart-canvas')[n]!.cloneNode(true));
        document.body.append(probe);
      }, i);
      await expect(page.locator('#pixel-probe')).toHaveScreenshot(`chart-${String(i).padStart(2, '0')}.png`, { maxDiffPixelRatio: 0.002 });
    }
  });
});
