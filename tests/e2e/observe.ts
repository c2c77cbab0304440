import type { Locator, Page } from '@playwright/test';

/**
 * Records every text an element takes from now on, in the page (a polling
 * test can miss short-lived states on a fast machine). Read them back with
 * {@link recordedTexts}.
 */
export async function recordTexts(element: Locator): Promise<void> {
  await element.evaluate((el) => {
    const seen: string[] = [el.textContent ?? ''];
    (window as unknown as { __texts: string[] }).__texts = seen;
    new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
  });
}

/** The texts recorded since {@link recordTexts}. */
export function recordedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __texts: string[] }).__texts);
}

/** Starts collecting the durations of main-thread long tasks (over 50 ms); read them with {@link longTasks}. */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__long.push(Math.round(entry.duration));
    }).observe({ type: 'longtask' });
  });
}

/** Long tasks (ms) seen since {@link watchLongTasks}. */
export function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __long: number[] }).__long);
}
