import 'fake-indexeddb/auto';
import { test as base, expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { ShelfmarkDb } from '../../lib/db';
import { changePaper } from '../../lib/library';
import { enableSync, runSync, type SyncConfig } from '../../lib/sync/engine';
import { readJsonFixture } from '../e2e/browser';
import { startDavServer, type DavServer } from '../helpers/rclone';
import { bodyText, clickText, launchFirefox, pressStripControl, stateOf, STRIP, stripCount, type FirefoxSession } from './firefox';

/*
 * Sync in real Firefox ESR (the shipped MV2 build) through a real `rclone serve webdav` on 127.0.0.1:18731. The other
 * device is Shelfmark's own sync engine in Node (lib/sync over fake-indexeddb), i.e. what a Chromium profile runs,
 * without a second browser on a shared 2-core machine.
 */

const PORT = 18731;
const hf = readJsonFixture<Record<string, { url: string; ids: string[] }>>('hf/manifest.json');
const DAILY = hf['daily-2026-10-02.html'];
const DIFFUSION = 'arxiv:2501.23354';

const test = base.extend<{ firefox: FirefoxSession }>({
  // eslint-disable-next-line no-empty-pattern
  firefox: async ({}, use) => {
    const session = await launchFirefox();
    session.serve(DAILY.url, 'hf/daily-2026-10-02.html');
    await use(session);
    await session.close();
  },
});

let dav: DavServer;
test.beforeAll(async () => {
  dav = await startDavServer(PORT);
});
test.afterAll(async () => {
  await dav?.close();
});

/** Types into the options page's input whose label contains `label` (real key events, so Preact sees them). */
async function fill(options: Page, label: string, value: string): Promise<void> {
  const marked = await options.evaluate((wanted) => {
    const element = [...document.querySelectorAll('label')].find((candidate) => candidate.textContent?.trim().startsWith(wanted));
    const input = element?.querySelector('input');
    input?.setAttribute('data-test-fill', wanted);
    return input !== undefined && input !== null;
  }, label);
  if (!marked) throw new Error(`no input labelled ${label}`);
  const input = (await options.$(`input[data-test-fill="${label}"]`))!;
  await input.click({ count: 3 });
  await input.type(value);
}

const syncStatus = (options: Page) => options.evaluate(() => document.querySelector('[aria-label="Sync status"]')?.textContent ?? '');

/** The library as the extension's own database holds it, read from one of its pages. */
function paperIn(options: Page, id: string) {
  return options.evaluate(
    (wanted) =>
      new Promise<{ saved: boolean; tags: string[] } | null>((resolve, reject) => {
        const open = indexedDB.open('shelfmark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('papers').objectStore('papers').get(wanted);
          get.onsuccess = () => {
            const record = get.result as { savedAt: number | null; tags: string[] } | undefined;
            resolve(record ? { saved: record.savedAt !== null, tags: [...record.tags].sort() } : null);
            open.result.close();
          };
        };
      }),
    id,
  );
}

test('Firefox syncs with another device through WebDAV: its save goes out, the other device’s tag comes in', async ({ firefox }) => {
  const page = await firefox.newPage();
  await page.goto(DAILY.url);
  await expect.poll(() => stripCount(page)).toBe(DAILY.ids.length);
  await pressStripControl(page, DIFFUSION, STRIP.save);
  await expect.poll(() => stateOf(page, DIFFUSION)).toContain('saved');

  const options = await firefox.openExtensionPage('options.html');
  await fill(options, 'Server URL', dav.url);
  await fill(options, 'Username', dav.user);
  await fill(options, 'Password', dav.pass);
  await fill(options, 'Folder', 'firefox');
  await clickText(options, 'button', 'Turn sync on');
  await expect.poll(() => syncStatus(options), { timeout: 30_000 }).toMatch(/Last synced .* · 1 device/);

  // The other device joins and gets Firefox's save, then tags the paper.
  const other = new ShelfmarkDb(`firefox-peer-${Date.now()}`);
  const config: SyncConfig = { serverUrl: dav.url, username: dav.user, password: dav.pass, folder: 'firefox', passphrase: '' };
  await enableSync(other, config, Date.now());
  expect((await runSync(other, { now: Date.now })).warnings).toEqual([]);
  expect((await other.papers.get(DIFFUSION))?.savedAt).not.toBeNull();
  await changePaper(other, DIFFUSION, { kind: 'add-tags', tags: ['from-the-other-device'] }, Date.now());
  expect((await runSync(other, { now: Date.now })).error).toBeNull();

  await clickText(options, 'button', 'Sync now');
  await expect.poll(() => syncStatus(options), { timeout: 30_000 }).toMatch(/Last synced just now · 2 devices/);
  expect(await paperIn(options, DIFFUSION)).toEqual({ saved: true, tags: ['from-the-other-device'] });
  expect(await bodyText(options)).not.toContain(dav.pass);
});
