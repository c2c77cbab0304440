import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every e2e test runs with a guard that fails it on a console error, an
 * uncaught page error, a failed or 4xx/5xx request, or any request to an
 * origin other than the site's own (fonts, scripts and styles are all served
 * by the site; nothing the reader does leaves the browser).
 */
export interface Guard {
  problems: string[];
  requests: string[];
  /** Stop treating console errors as problems (for tests that provoke them on purpose). */
  allowConsoleErrors(): void;
}

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      let consoleErrorsAllowed = false;
      const guard: Guard = {
        problems: [],
        requests: [],
        allowConsoleErrors() {
          consoleErrorsAllowed = true;
        },
      };
      watch(page, origin, guard, () => consoleErrorsAllowed);
      await use(guard);
      expect(guard.problems, 'console errors, failed requests or foreign requests').toEqual([]);
    },
    { auto: true },
  ],
});

function watch(page: Page, origin: string, guard: Guard, consoleErrorsAllowed: () => boolean) {
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !consoleErrorsAllowed()) guard.problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => guard.problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    guard.requests.push(url);
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) {
      guard.problems.push(`request to another origin: ${url}`);
    }
  });
  page.on('requestfailed', (request) => {
    guard.problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) guard.problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
}

export { expect };
