import type { BrowserContext, Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { launchWithExtension, serveFixtures } from '../lib/fixture-browser';

/*
 * `npm start`'s offline demo: the real-markup fixture pages at their real URLs, behind a first tab that says what to
 * try, in a throwaway profile that is deleted when the demo ends.
 */

/** A fixed local address for the first tab; `.localhost` never leaves the machine, and no content script matches it. */
export const WELCOME_URL = 'http://shelfmark-demo.localhost/';

/** The demo's tabs after the first, in the order they are opened (which decides what counts as seen before). */
export const DEMO_PAGES = [
  { url: 'https://huggingface.co/papers/date/2026-10-02', fixture: 'hf/daily-2026-10-02.html' },
  { url: 'https://huggingface.co/papers/trending', fixture: 'hf/trending.html' },
  { url: 'https://arxiv.org/list/cs.LG/new', fixture: 'arxiv/new-cs.LG.html' },
  { url: 'https://arxiv.org/abs/2505.00398', fixture: 'arxiv/abs-2505.00398.html' },
] as const;

const WELCOME_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'welcome.html');
const CLOSE_TIMEOUT_MS = 10_000;
const REMOVE_ATTEMPTS = 20;

export interface DemoOptions {
  headless?: boolean;
  /** Extra Chromium switches. */
  args?: readonly string[];
}

export interface Demo {
  context: BrowserContext;
  profileDir: string;
  /** The welcome tab, then one tab per entry of DEMO_PAGES. */
  pages: Page[];
  /** Settles when the browser is gone (closed by `close()` or by its last window) and the profile deleted. */
  ended: Promise<void>;
  /** Closes the browser and deletes the profile; safe to call more than once. */
  close(): Promise<void>;
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  // A fresh directory of our own (not Playwright's default) so its name says what it is and nothing reuses it.
  const profileDir = mkdtempSync(path.join(tmpdir(), 'shelfmark-demo-'));
  const removeProfile = async () => {
    // When the browser quits by itself (its last window closed) the close event can come while Chromium still writes
    // its last files, and rmSync's own retries do not list the directory again: start over a few times instead.
    for (let attempt = 1; ; attempt++) {
      try {
        rmSync(profileDir, { recursive: true, force: true });
        return;
      } catch (error) {
        if (attempt === REMOVE_ATTEMPTS) {
          console.error(`Could not delete the demo profile ${profileDir}: ${error instanceof Error ? error.message : String(error)}`);
          return;
        }
        await delay(250);
      }
    }
  };
  let context: BrowserContext;
  try {
    context = await launchWithExtension(profileDir, { headless: options.headless ?? false, args: options.args, forPerson: true });
  } catch (error) {
    await removeProfile();
    throw error;
  }

  const ended = new Promise<void>((resolve) => context.once('close', () => resolve()));
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // A browser that will not quit must not keep the demo alive: give up waiting and delete the profile anyway.
      await Promise.race([context.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref())]);
      await removeProfile();
    })());
  // Closing the last window ends the browser without `close()`: the profile goes all the same.
  void ended.then(close);

  try {
    const server = await serveFixtures(context);
    server.serveHtml(WELCOME_URL, readFileSync(WELCOME_FILE, 'utf8'));
    for (const page of DEMO_PAGES) server.serve(page.url, page.fixture);
    // Content scripts are registered once the background is up; a page loaded before would show no strips.
    if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');

    const welcome = context.pages()[0] ?? (await context.newPage());
    await welcome.goto(WELCOME_URL);
    const pages = [welcome];
    for (const { url } of DEMO_PAGES) {
      const tab = await context.newPage();
      await tab.goto(url);
      pages.push(tab);
    }
    await welcome.bringToFront();
    return { context, profileDir, pages, ended: ended.then(() => closing), close };
  } catch (error) {
    await close();
    throw error;
  }
}
