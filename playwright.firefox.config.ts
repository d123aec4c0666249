import { defineConfig } from '@playwright/test';

// Firefox end-to-end: the Playwright runner drives Firefox ESR through puppeteer-core (WebDriver BiDi), see docs/firefox.md.
export default defineConfig({
  testDir: 'tests/firefox',
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-reports/firefox.json' }]],
});
