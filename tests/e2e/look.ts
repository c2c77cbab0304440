import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';

/** The widths (a phone's, a laptop's) and themes every look test runs at. */
export const WIDTHS = [360, 1280] as const;
export const SCHEMES = ['light', 'dark'] as const;

/** WCAG 2.1 AA violations axe finds on the page, one line each (empty when clean). */
export async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
}

/** Keeps a full-page screenshot in test-results/screenshots/ (and attaches it to the report) for a person to look at. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = `test-results/screenshots/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/**
 * Checks that look at a page the way a reader does: by geometry, not by
 * pixels, so they are deterministic across machines and themes.
 */

/** The smallest text a chart may draw, in CSS px. */
export const MIN_CHART_TEXT = 11;

/**
 * Problems with the charts shown on the page: for every chart box, the SVG
 * actually displayed (the live one, or the static one the container query
 * shows), each text element's rendered size (font size × the SVG's scale on
 * screen), whether it lies inside the SVG's box, and whether any two texts
 * overlap. Texts that overlap by at most 2 px in either direction are
 * allowed (their boxes include the font's line gap).
 *
 * With `onScreen`, each chart is scrolled into view and measured after the
 * next frame has been drawn, as a reader sees it: off screen, a chart's
 * figure keeps only a remembered size (`content-visibility: auto`), and a
 * live chart may be between two renders. Leave it off where scrolling would
 * change what is tested (islands hydrate when they come into view).
 */
export async function chartProblems(page: Page, minFont = MIN_CHART_TEXT, { onScreen = false } = {}): Promise<string[]> {
  const problems = await chartProblemsOnce(page, minFont, onScreen);
  // When a live chart never showed, say whether the page was still drawing frames at all
  // (Chromium has stopped drawing for good under load), to tell slowness from a stall.
  if (onScreen && problems.some((p) => p.endsWith('no chart shown')))
    problems.push(`(the page drew ${await framesDuring(page, 2_000)} animation frames in the next 2 s)`);
  return problems;
}

function chartProblemsOnce(page: Page, minFont: number, onScreen: boolean): Promise<string[]> {
  return page.evaluate(
    async ({ minFont, onScreen }) => {
      const problems: string[] = [];
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0;
      };
      const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
      const shown = (canvas: Element) =>
        [...canvas.querySelectorAll<SVGSVGElement>(':scope > .chart-live > svg, :scope > .chart-static svg')].filter(visible);
      const canvases = [...document.querySelectorAll('.chart-canvas')];
      for (const [c, canvas] of canvases.entries()) {
        const id = canvas.getAttribute('aria-labelledby') ?? `chart ${c}`;
        let svgs = shown(canvas);
        if (onScreen) {
          canvas.scrollIntoView({ block: 'center' });
          await frame();
          // A live chart being redrawn has no SVG for a moment: look again for up to five seconds
          // (one second was too short with two hydrated articles side by side on two cores: charts
          // of every demo reported missing in 4 of 4 such tests).
          for (let tries = 0; tries < 100; tries++) {
            svgs = shown(canvas);
            if (svgs.length === 1) break;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
        if (svgs.length === 0) {
          problems.push(`${id}: no chart shown`);
          continue;
        }
        if (svgs.length > 1) problems.push(`${id}: ${svgs.length} SVGs shown at once`);
        for (const svg of svgs) {
          const box = svg.getBoundingClientRect();
          const texts = [...svg.querySelectorAll<SVGTextElement>('text')].filter((t) => (t.textContent ?? '').trim() !== '');
          const rects = texts.map((t) => {
            const ctm = t.getScreenCTM();
            const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
            return {
              text: (t.textContent ?? '').trim(),
              r: t.getBoundingClientRect(),
              px: parseFloat(getComputedStyle(t).fontSize) * scale,
            };
          });
          for (const { text, r, px } of rects) {
            if (px < minFont - 0.01) problems.push(`${id}: "${text}" is ${px.toFixed(1)} px`);
            if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
              problems.push(
                `${id}: "${text}" leaves the chart (text ${r.left.toFixed(0)}–${r.right.toFixed(0)} × ${r.top.toFixed(0)}–${r.bottom.toFixed(0)}, chart ${box.left.toFixed(0)}–${box.right.toFixed(0)} × ${box.top.toFixed(0)}–${box.bottom.toFixed(0)})`,
              );
            }
          }
          for (let i = 0; i < rects.length; i++) {
            for (let j = i + 1; j < rects.length; j++) {
              const a = rects[i]!.r;
              const b = rects[j]!.r;
              const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
              const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
              if (w > 2 && h > 2)
                problems.push(`${id}: "${rects[i]!.text}" overlaps "${rects[j]!.text}" (${w.toFixed(0)} × ${h.toFixed(0)} px)`);
            }
          }
        }
      }
      return problems;
    },
    { minFont, onScreen },
  );
}

/**
 * Problems with the typeset math: in every sub- and superscript pair
 * (KaTeX's `.msupsub` with two entries, subscript first), the superscript
 * must sit clearly above the subscript; every limit under an operator
 * (`\min_{…}` in display) must sit below it; no display formula may be wider
 * than its column (it would need a scrollbar).
 */
export function mathProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const formula = (el: Element) => ((el.closest('.katex') ?? el).querySelector('annotation')?.textContent ?? '?').trim().slice(0, 60);
    for (const pair of document.querySelectorAll('.katex .msupsub')) {
      const vlist = pair.querySelector(':scope > .vlist-t > .vlist-r > .vlist');
      const items = vlist
        ? [...vlist.children]
            .map((c) => c.querySelector(':scope > .sizing, :scope > .mord, :scope > span:not(.pstrut)'))
            .filter((x): x is Element => !!x)
        : [];
      if (items.length !== 2) continue;
      const sub = items[0]!.getBoundingClientRect();
      const sup = items[1]!.getBoundingClientRect();
      if (sub.height === 0 || sup.height === 0) continue;
      // The boxes include the scripts' line height, so they touch even when typeset right; their
      // centres are about 0.7 of a box apart (KaTeX shifts the superscript up about 0.36 em and the
      // subscript down about 0.2 em). Mis-typeset pairs sit at one height or are inverted.
      const apart = (sub.top + sub.bottom) / 2 - (sup.top + sup.bottom) / 2;
      const size = (sub.height + sup.height) / 2;
      if (apart < 0.45 * size)
        problems.push(
          `${formula(pair)}: superscript centre only ${apart.toFixed(1)} px above the subscript's (boxes ${size.toFixed(1)} px tall)`,
        );
    }
    for (const op of document.querySelectorAll('.katex .op-limits')) {
      const vlist = op.querySelector(':scope > .vlist-t > .vlist-r > .vlist');
      if (!vlist) continue;
      // Each row is a strut and its content: the limit's content is a smaller .sizing span.
      const content = (row: Element) => [...row.children].find((c) => !c.classList.contains('pstrut'));
      const rows = [...vlist.children];
      const limit = rows.find((r) => content(r)?.classList.contains('sizing'));
      const base = rows.find((r) => r !== limit && content(r));
      if (!limit || !base) continue;
      const limitBox = content(limit)!.getBoundingClientRect();
      const baseBox = content(base)!.getBoundingClientRect();
      if (limitBox.top < baseBox.bottom - 2)
        problems.push(
          `${formula(op)}: limit (top ${limitBox.top.toFixed(1)}) not below its operator (bottom ${baseBox.bottom.toFixed(1)})`,
        );
    }
    for (const display of document.querySelectorAll<HTMLElement>('.katex-display')) {
      if (display.scrollWidth > display.clientWidth + 1)
        problems.push(`${formula(display)}: display formula ${display.scrollWidth} px wide in a ${display.clientWidth} px column`);
    }
    return problems;
  });
}

/** How far the page scrolls sideways (0 when nothing is wider than the window). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Problems with the open data tables of the charts: each open table's scroll
 * region should span its figure (±2 px) and overlap neither the figure's
 * download buttons nor its caption. (It once sat in the buttons' row, as
 * narrow as the "Data" summary, and scrolled sideways beside empty space.)
 */
export function openTableProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const overlap = (a: DOMRect, b: DOMRect) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    for (const details of document.querySelectorAll<HTMLDetailsElement>('details.chart-data[open]')) {
      const figure = details.closest('figure');
      const scroll = details.querySelector('.chart-data-scroll');
      if (!figure || !scroll) continue;
      const name = figure.querySelector('figcaption')?.textContent?.slice(0, 40) ?? '(figure)';
      const f = figure.getBoundingClientRect();
      const s = scroll.getBoundingClientRect();
      if (Math.abs(s.left - f.left) > 2 || Math.abs(s.right - f.right) > 2)
        problems.push(
          `${name}: open table spans ${Math.round(s.left)}–${Math.round(s.right)} px, its figure ${Math.round(f.left)}–${Math.round(f.right)} px`,
        );
      for (const other of figure.querySelectorAll('.chart-downloads, figcaption'))
        if (overlap(s, other.getBoundingClientRect())) problems.push(`${name}: open table overlaps ${other.className || other.tagName}`);
    }
    return problems;
  });
}

/**
 * Problems with the tables that scroll sideways in a `.table-scroll` region
 * (or a chart's open data table, `.chart-data-scroll`; closed ones are skipped):
 * scrolled to either end, the caption must stay inside the region's visible
 * box and every row's first cell (its label) on screen; the tables named by
 * `mustFit` (data-testid) must not scroll at all. (At 360 px the captions of
 * the wide tables were cut mid-word at the right edge, and the lab's slope
 * table hid its "predicted" column off screen.)
 */
export function scrollingTableProblems(page: Page, mustFit: readonly string[] = []): Promise<string[]> {
  return page.evaluate((mustFit) => {
    const problems: string[] = [];
    for (const region of document.querySelectorAll<HTMLElement>('.table-scroll, .chart-data-scroll')) {
      const name = (region.getAttribute('aria-label') ?? '(table)').slice(0, 60);
      const table = region.querySelector('table');
      if (!table || region.clientWidth === 0) continue;
      const testId = table.getAttribute('data-testid') ?? '';
      if (mustFit.includes(testId) && region.scrollWidth > region.clientWidth + 1)
        problems.push(`${name}: ${region.scrollWidth} px wide in a ${region.clientWidth} px column (scrolls sideways)`);
      if (region.scrollWidth <= region.clientWidth + 1) continue;
      for (const end of ['start', 'end'] as const) {
        region.scrollLeft = end === 'start' ? 0 : region.scrollWidth;
        const box = region.getBoundingClientRect();
        const caption = table.querySelector('caption')?.getBoundingClientRect();
        if (caption && (caption.left < box.left - 1 || caption.right > box.right + 1))
          problems.push(
            `${name}, scrolled to the ${end}: caption spans ${Math.round(caption.left)}–${Math.round(caption.right)} px, visible ${Math.round(box.left)}–${Math.round(box.right)} px`,
          );
        for (const row of table.querySelectorAll('tr')) {
          const first = row.firstElementChild?.getBoundingClientRect();
          if (first && first.width > 0 && first.left < box.left - 1) {
            problems.push(
              `${name}, scrolled to the ${end}: a row's first cell starts at ${Math.round(first.left)} px, left of the visible ${Math.round(box.left)} px`,
            );
            break;
          }
        }
      }
      region.scrollLeft = 0;
    }
    return problems;
  }, mustFit);
}

/** Animation frames the page draws during the next `ms` (0 when its rendering has stopped). */
export async function framesDuring(page: Page, ms: number): Promise<number> {
  return page.evaluate(
    (ms) =>
      new Promise<number>((resolve) => {
        let frames = 0;
        const end = performance.now() + ms;
        const tick = () => {
          frames += 1;
          if (performance.now() < end) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        setTimeout(() => resolve(frames), ms);
      }),
    ms,
  );
}
