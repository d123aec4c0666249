import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { readFixture } from '../e2e/browser';

/*
 * Firefox ESR with the built MV2 extension, driven by puppeteer-core over WebDriver BiDi.
 *
 * Strip controls live in shadow roots that may be closed, so nothing here looks inside them: the tests move the
 * focus into a strip with trusted keyboard input (Tab enters closed shadow roots like any other) and read results
 * from what the page can see anyway (the card's data-shelfmark-* attributes) and from the extension's own pages.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIREFOX_EXTENSION_DIR = path.join(ROOT, '.output/firefox-mv2');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const GECKO_ID = 'shelfmark@shelfmark.app';
/** Firefox gives each install a random moz-extension:// host; this pref pins it so the tests can open our pages. */
export const EXTENSION_UUID = '6c0f7d3e-5b1a-4e2f-9c8d-0a1b2c3d4e5f';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAw6AAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const IMAGE = /\.(png|jpe?g|gif|webp|svg|ico)(\?|$)/i;

export interface FirefoxSession {
  browser: Browser;
  /** Where Firefox saves downloads without asking. */
  downloadDir: string;
  /** Pages served at real URLs to every tab opened with `newPage`. */
  serve(url: string, fixture: string): void;
  newPage(): Promise<Page>;
  /** Opens popup.html, reading-list.html or options.html of the installed extension. */
  openExtensionPage(file: string): Promise<Page>;
  close(): Promise<void>;
}

function normalize(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.toString();
}

export async function launchFirefox(): Promise<FirefoxSession> {
  const downloadDir = mkdtempSync(path.join(tmpdir(), 'shelfmark-firefox-downloads-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // WebDriver BiDi navigates only to http(s), file and blob URLs unless this flag is given; the tests need it to
    // open moz-extension:// pages (the popup and the reading list) in a tab, as a user does from the toolbar.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      'browser.download.folderList': 2,
      'browser.download.dir': downloadDir,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
    },
  });
  const installed = await browser.installExtension(FIREFOX_EXTENSION_DIR);
  if (installed !== GECKO_ID) throw new Error(`installed ${installed}, expected ${GECKO_ID}`);

  const pages = new Map<string, string>();
  // BiDi's interception has no resource types: a registered URL gets its page, images a pixel, the rest nothing.
  const answer = (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    if (!/^https?:/.test(url)) return void request.continue();
    const html = pages.get(normalize(url));
    if (html !== undefined) return void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    if (IMAGE.test(new URL(url).pathname)) return void request.respond({ status: 200, contentType: 'image/png', body: PIXEL });
    void request.respond({ status: 204, body: '' });
  };
  const newPage = async () => {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', answer);
    return page;
  };
  return {
    browser,
    downloadDir,
    serve: (url, fixture) => pages.set(normalize(url), readFixture(fixture)),
    newPage,
    async openExtensionPage(file) {
      const page = await browser.newPage();
      const url = `${EXTENSION_ORIGIN}/${file}`;
      // The page loads, but BiDi reports no navigation events for the switch into the extension's process, so
      // puppeteer's goto would wait forever: start it, let it hang (it settles when the browser closes), and wait for
      // the document itself instead.
      page.goto(url, { timeout: 0 }).catch(() => undefined);
      const deadline = Date.now() + 20_000;
      for (;;) {
        const ready = await page.evaluate(() => `${location.href} ${document.readyState}`).catch(() => '');
        if (ready === `${url} complete`) return page;
        if (Date.now() > deadline) throw new Error(`${url} did not load (last: ${ready})`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    close: () => browser.close(),
  };
}


/** The card's Shelfmark state tokens (saved, dismissed, seen), as the page sees them. */
export async function stateOf(page: Page, id: string, nth = 0): Promise<string[]> {
  return page.evaluate(
    (wanted, index) => {
      const element = document.querySelectorAll(`[data-shelfmark-id="${CSS.escape(wanted)}"]`)[index];
      return (element?.getAttribute('data-shelfmark-state') ?? '').split(' ').filter(Boolean);
    },
    id,
    nth,
  );
}

export async function isCollapsed(page: Page, id: string, nth = 0): Promise<boolean> {
  return page.evaluate(
    (wanted, index) => document.querySelectorAll(`[data-shelfmark-id="${CSS.escape(wanted)}"]`)[index]?.hasAttribute('data-shelfmark-collapsed') ?? false,
    id,
    nth,
  );
}

export async function stripCount(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('[data-shelfmark-id] shelfmark-controls').length);
}

/**
 * Puts the keyboard focus on the strip's `position`-th control (1 = its first button) without looking inside it:
 * a focusable marker is placed just before the strip's host, focused, and Tab is pressed `position` times. Every
 * key is trusted input, so the strip acts as it would for a keyboard user; the marker is removed once the focus has
 * left it.
 */
export async function focusStripControl(page: Page, id: string, position: number, nth = 0): Promise<void> {
  await page.evaluate(
    (wanted, index) => {
      const host = document.querySelectorAll(`[data-shelfmark-id="${CSS.escape(wanted)}"]`)[index]?.querySelector('shelfmark-controls');
      if (!host) throw new Error(`no strip on ${wanted}`);
      const marker = document.createElement('span');
      marker.tabIndex = 0;
      marker.id = 'shelfmark-test-focus-marker';
      // A collapsed card hides every child but the strip with !important; an inline !important wins over that.
      marker.style.setProperty('display', 'inline-block', 'important');
      marker.style.setProperty('width', '1px', 'important');
      marker.style.setProperty('height', '1px', 'important');
      host.before(marker);
      marker.focus();
      if (document.activeElement !== marker) throw new Error(`could not put the focus before the strip of ${wanted}`);
    },
    id,
    nth,
  );
  for (let step = 0; step < position; step += 1) await page.keyboard.press('Tab');
  // Open or closed, focus inside a shadow root shows to the page as focus on its host.
  const inside = await page.evaluate(() => {
    document.getElementById('shelfmark-test-focus-marker')?.remove();
    return document.activeElement?.localName ?? '';
  });
  if (inside !== 'shelfmark-controls') throw new Error(`Tab ×${position} from before the strip of ${id} left the focus on <${inside}>`);
}

/** Clicks (trusted mouse input) the first element matching `selector` whose text is `text`, on a normal-DOM page. */
export async function clickText(page: Page, selector: string, text: string | RegExp): Promise<void> {
  const handles = await page.$$(selector);
  for (const handle of handles) {
    const content = (await handle.evaluate((element) => element.textContent ?? '')).trim();
    if (typeof text === 'string' ? content === text : text.test(content)) {
      await handle.click();
      return;
    }
  }
  throw new Error(`no ${selector} with text ${String(text)} on ${page.url()}`);
}

/** The text of the whole document body, for assertions on extension pages. */
export function bodyText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.textContent ?? '');
}

/** The strip's controls in tab order while the card is shown (see components/controls/CardControls.tsx). */
export const STRIP = { save: 1, tag: 2, note: 3, hide: 4 } as const;
/** A collapsed card's stub: Undo (when dismissed), then Show. */
export const STUB = { undo: 1, show: 2 } as const;

/** Activates a strip control with the keyboard: focus it, press Enter. */
export async function pressStripControl(page: Page, id: string, position: number, nth = 0): Promise<void> {
  await focusStripControl(page, id, position, nth);
  await page.keyboard.press('Enter');
}
