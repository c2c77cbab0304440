import { defineConfig } from 'vitest/config';

// One Vitest run covers the core package and the site's pure modules
// (URL state, compute client, chart options). Components are covered by the
// Playwright tests against the built site.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
