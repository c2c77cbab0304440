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

/**
 * Records every text the element matching `selector` takes, from the page's
 * first script on: call it before `page.goto`. For a demo that starts on its
 * own, {@link recordTexts} after hydration races the first redraws.
 */
export async function recordTextsFromLoad(page: Page, selector: string): Promise<void> {
  await page.addInitScript((sel) => {
    const seen: string[] = [];
    (window as unknown as { __texts: string[] }).__texts = seen;
    const note = () => {
      const text = document.querySelector(sel)?.textContent;
      if (text != null && text !== seen.at(-1)) seen.push(text);
    };
    new MutationObserver(note).observe(document, { childList: true, characterData: true, subtree: true });
  }, selector);
}

/** The texts recorded since {@link recordTexts} or {@link recordTextsFromLoad}. */
export function recordedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __texts: string[] }).__texts);
}

/**
 * Starts collecting the durations of main-thread long tasks (over 50 ms);
 * read them with {@link longTasks}. Long animation frames (over 50 ms, with
 * the scripts that ran in them) are collected too, to say in a failure what
 * took the time: {@link longTaskMessage}.
 */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[]; __frames: string[] };
    w.__long = [];
    w.__frames = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__long.push(Math.round(entry.duration));
    }).observe({ type: 'longtask' });
    interface Script {
      invoker: string;
      sourceURL: string;
      sourceFunctionName: string;
      duration: number;
    }
    interface Frame extends PerformanceEntry {
      blockingDuration: number;
      renderStart: number;
      styleAndLayoutStart: number;
      scripts: Script[];
    }
    // Chromium only (PerformanceLongAnimationFrameTiming); elsewhere nothing is observed.
    if (!PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) return;
    new PerformanceObserver((list) => {
      for (const f of list.getEntries() as Frame[]) {
        const end = f.startTime + f.duration;
        const scripts = f.scripts.map(
          (s) => `${s.invoker} ${s.sourceURL.replace(/^.*\//, '')}:${s.sourceFunctionName} ${Math.round(s.duration)} ms`,
        );
        const layout = f.styleAndLayoutStart > 0 ? Math.round(end - f.styleAndLayoutStart) : 0;
        const render = f.renderStart > 0 ? Math.round(end - f.renderStart) : 0;
        w.__frames.push(
          `${Math.round(f.duration)} ms frame (render ${render} ms, style and layout ${layout} ms; scripts: ${scripts.join(', ') || 'none'})`,
        );
      }
    }).observe({ type: 'long-animation-frame' });
  });
}

/** What to say when long tasks were seen: the long animation frames since {@link watchLongTasks}, with their scripts. */
export async function longTaskMessage(page: Page): Promise<string> {
  const frames = await page.evaluate(() => (window as unknown as { __frames: string[] }).__frames);
  return `long tasks (ms) on the main thread; long frames: ${frames.join(' | ') || 'none'}`;
}

/** Long tasks (ms) seen since {@link watchLongTasks}. */
export function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __long: number[] }).__long);
}
