import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { launchWithExtension, serveFixtures, type FixtureServer } from '../../scripts/lib/fixture-browser';

export { FIXTURES_DIR, launchWithExtension, readFixture, readJsonFixture, serveFixtures } from '../../scripts/lib/fixture-browser';
export type { FixtureServer } from '../../scripts/lib/fixture-browser';

export interface ConsoleLog {
  errors: string[];
}

interface Fixtures {
  context: BrowserContext;
  extensionId: string;
  server: FixtureServer;
  consoleLog: ConsoleLog;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    const context = await launchWithExtension();
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    let [worker] = context.serviceWorkers();
    worker ??= await context.waitForEvent('serviceworker');
    await use(new URL(worker.url()).host);
  },
  server: async ({ context }, use) => {
    await use(await serveFixtures(context));
  },
  consoleLog: async ({ context }, use) => {
    const log: ConsoleLog = { errors: [] };
    const watch = (page: Page) => {
      page.on('console', (message) => {
        if (message.type() === 'error') log.errors.push(`${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => log.errors.push(`${page.url()}: uncaught ${error.message}`));
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    await use(log);
  },
});

export { expect };

/** The page's cards that carry Shelfmark's id attribute, in page order. */
export async function cardIds(page: Page, rootSelector = '[data-shelfmark-id]'): Promise<string[]> {
  return page.locator(rootSelector).evaluateAll((elements) => elements.map((element) => element.getAttribute('data-shelfmark-id') ?? ''));
}

export async function stateOf(page: Page, id: string, nth = 0): Promise<string[]> {
  const value = await page.locator(`[data-shelfmark-id="${id}"]`).nth(nth).getAttribute('data-shelfmark-state');
  return value ? value.split(' ') : [];
}

/** Opens an extension page (popup.html, reading-list.html, options.html) in a tab. */
export async function openExtensionPage(context: BrowserContext, extensionId: string, page: string): Promise<Page> {
  const tab = await context.newPage();
  await tab.goto(`chrome-extension://${extensionId}/${page}`);
  return tab;
}
