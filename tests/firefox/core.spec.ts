import { test as base, expect } from '@playwright/test';
import { readFile, readdir } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { readJsonFixture } from '../e2e/browser';
import { bodyText, clickText, isCollapsed, launchFirefox, pressStripControl, stateOf, STRIP, stripCount, STUB, type FirefoxSession } from './firefox';

/*
 * The core flows in real Firefox ESR with the shipped MV2 build (.output/firefox-mv2). Strips are driven by trusted
 * keys only and never looked into, so these tests hold whether the strips' shadow roots are open or closed.
 */

const hf = readJsonFixture<Record<string, { url: string; ids: string[] }>>('hf/manifest.json');
const arxiv = readJsonFixture<{ file: string; url: string; ids: string[] }[]>('arxiv/manifest.json');
const DAILY = hf['daily-2026-10-02.html'];
const NEW = arxiv.find((entry) => entry.file === 'new-cs.LG.html')!;
const DIFFUSION = 'arxiv:2501.23354'; // "Decentralized Diffusion Models", on both pages
const ONE_BYTE = 'arxiv:2306.20968'; // "Just One Byte (per gradient) …", on the HF daily page

const test = base.extend<{ firefox: FirefoxSession }>({
  // eslint-disable-next-line no-empty-pattern
  firefox: async ({}, use) => {
    const session = await launchFirefox();
    session.serve(DAILY.url, 'hf/daily-2026-10-02.html');
    session.serve(NEW.url, 'arxiv/new-cs.LG.html');
    await use(session);
    await session.close();
  },
});

async function openListing(firefox: FirefoxSession, url: string, strips: number): Promise<Page> {
  const page = await firefox.newPage();
  await page.goto(url);
  await expect.poll(() => stripCount(page)).toBe(strips);
  return page;
}

async function addTag(page: Page, id: string, tag: string) {
  await pressStripControl(page, id, STRIP.tag);
  // The tag editor opens with its input focused (the Chromium specs check that by role).
  await page.keyboard.type(tag);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
}

test('Hugging Face: strips on every card; save, hide, undo by keyboard; state kept over a reload', async ({ firefox }) => {
  const page = await openListing(firefox, DAILY.url, DAILY.ids.length);
  const ids = await page.evaluate(() => [...document.querySelectorAll('article[data-shelfmark-id]')].map((card) => card.getAttribute('data-shelfmark-id')));
  expect(ids).toEqual(DAILY.ids.map((id) => `arxiv:${id}`));

  await pressStripControl(page, DIFFUSION, STRIP.save);
  await expect.poll(() => stateOf(page, DIFFUSION)).toContain('saved');

  await pressStripControl(page, ONE_BYTE, STRIP.hide);
  await expect.poll(() => isCollapsed(page, ONE_BYTE)).toBe(true);
  await expect.poll(() => stateOf(page, ONE_BYTE)).toContain('dismissed');
  await pressStripControl(page, ONE_BYTE, STUB.undo);
  await expect.poll(() => isCollapsed(page, ONE_BYTE)).toBe(false);
  await expect.poll(() => stateOf(page, ONE_BYTE)).not.toContain('dismissed');

  // Hidden for good this time: the reload must fold it again and keep the save.
  await pressStripControl(page, ONE_BYTE, STRIP.hide);
  await expect.poll(() => isCollapsed(page, ONE_BYTE)).toBe(true);
  await page.reload();
  await expect.poll(() => stripCount(page)).toBe(DAILY.ids.length);
  await expect.poll(() => stateOf(page, DIFFUSION)).toEqual(['saved']);
  await expect.poll(() => isCollapsed(page, ONE_BYTE)).toBe(true);
  expect(await stateOf(page, ONE_BYTE)).toEqual(['dismissed']);

  // The page's own IndexedDB holds nothing of ours: the library lives in the extension's origin.
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name))).toEqual([]);
});

test('arXiv: strips on a listing; save and tag by keyboard; the popup finds the paper by its tag', async ({ firefox }) => {
  const page = await openListing(firefox, NEW.url, NEW.ids.length);
  const id = NEW.ids[1];
  await pressStripControl(page, id, STRIP.save);
  await expect.poll(() => stateOf(page, id)).toContain('saved');
  await addTag(page, id, 'firefox-check');

  const popup = await firefox.openExtensionPage('popup.html');
  // The manifest's __MSG_name__ resolves from _locales/en/messages.json.
  expect(await popup.evaluate(() => (globalThis as unknown as { browser: { runtime: { getManifest(): { name: string } } } }).browser.runtime.getManifest().name)).toBe('Shelfmark');
  const box = await popup.waitForSelector('input[role=combobox]');
  await expect.poll(() => popup.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search papers');
  await box!.type('tag:firefox-check');
  await expect
    .poll(() => popup.evaluate(() => [...document.querySelectorAll('[role=listbox] [role=option] .result-title')].map((title) => title.textContent)))
    .toHaveLength(1);
  const title = await popup.evaluate(() => document.querySelector('[role=option] .result-title')?.textContent ?? '');
  const listed = await page.evaluate((wanted) => [...document.querySelectorAll(`[data-shelfmark-id="${wanted}"]`)].map((part) => part.textContent).join(' '), id);
  expect(title.length).toBeGreaterThan(10);
  expect(listed).toContain(title);
});

test('reading list: export downloads a backup in Firefox; a wiped library comes back from importing it', async ({ firefox }) => {
  const page = await openListing(firefox, DAILY.url, DAILY.ids.length);
  for (const id of [DIFFUSION, ONE_BYTE]) {
    await pressStripControl(page, id, STRIP.save);
    await expect.poll(() => stateOf(page, id)).toContain('saved');
  }
  await addTag(page, DIFFUSION, 'diffusion');

  const list = await firefox.openExtensionPage('reading-list.html');
  const rowCount = () => list.evaluate(() => document.querySelectorAll('.paper-row').length);
  await expect.poll(rowCount).toBe(2);
  await expect.poll(() => list.evaluate(() => [...document.querySelectorAll('.paper-tags .chip')].map((chip) => chip.textContent))).toContain('diffusion');

  // Export a full backup: Firefox saves it (the download pref points at a temporary directory).
  await clickText(list, 'summary', 'Export and import');
  const format = await list.evaluate(() => {
    const select = [...document.querySelectorAll('select')].find((element) => element.labels?.[0]?.textContent?.includes('Export format') || element.getAttribute('aria-label') === 'Export format');
    if (!select) return '';
    select.id ||= 'shelfmark-test-export-format';
    return `#${select.id}`;
  });
  expect(format).not.toBe('');
  await list.select(format, 'backup');
  await clickText(list, 'button', 'Download');
  const backupFile = () => readdir(firefox.downloadDir).then((names) => names.filter((name) => /^shelfmark-\d{4}-\d{2}-\d{2}\.json$/.test(name)));
  await expect.poll(backupFile).toHaveLength(1);
  const backupPath = path.join(firefox.downloadDir, (await backupFile())[0]);
  const readBackup = async () => JSON.parse(await readFile(backupPath, 'utf8')) as { papers: { id: string; tags: string[] }[] };
  await expect.poll(() => readBackup().then((backup) => backup.papers.find((paper) => paper.id === DIFFUSION)?.tags, () => undefined)).toEqual(['diffusion']);
  expect((await readBackup()).papers.map((paper) => paper.id)).toEqual(expect.arrayContaining([DIFFUSION, ONE_BYTE]));

  // Wipe through the options page (typed confirmation), then import the downloaded file into the open reading list.
  const options = await firefox.openExtensionPage('options.html');
  // Firefox grants persistent storage to an extension with unlimitedStorage when asked, without a prompt: the
  // background page asked at the first save, before any click.
  await expect.poll(() => options.evaluate(() => navigator.storage.persisted())).toBe(true);
  await expect.poll(() => bodyText(options)).toContain('Storage is persistent');
  await clickText(options, 'button', 'Wipe library…');
  await clickText(options, 'button', 'Continue without a backup');
  // The typed-confirmation box, found by its label (the page has other forms, e.g. sync's).
  await expect
    .poll(() =>
      options.evaluate(() => {
        const label = [...document.querySelectorAll('label')].find((element) => element.textContent?.includes('wipe my library to confirm'));
        label?.querySelector('input')?.setAttribute('data-test-wipe-confirm', '');
        return label !== undefined;
      }),
    )
    .toBe(true);
  const confirm = await options.$('input[data-test-wipe-confirm]');
  await confirm!.type('wipe my library');
  await confirm!.press('Enter');
  await expect.poll(() => bodyText(options)).toMatch(/Library wiped: \d+ papers/);

  await list.bringToFront();
  await expect.poll(rowCount).toBe(0);
  const input = await list.$('input[type=file]');
  await input!.uploadFile(backupPath);
  await expect.poll(() => list.evaluate(() => document.querySelector('.import-report')?.textContent ?? '')).toContain('papers added');
  await expect.poll(rowCount).toBe(2);
  await expect.poll(() => list.evaluate(() => [...document.querySelectorAll('.paper-tags .chip')].map((chip) => chip.textContent))).toContain('diffusion');
  // The page follows: its saved cards show as saved again.
  await expect.poll(() => stateOf(page, DIFFUSION)).toContain('saved');
});

test('automatic backup: the background page writes Downloads/Shelfmark/….json.gz through the downloads API', async ({ firefox }) => {
  const page = await openListing(firefox, DAILY.url, DAILY.ids.length);
  await pressStripControl(page, DIFFUSION, STRIP.save);
  await expect.poll(() => stateOf(page, DIFFUSION)).toContain('saved');
  await addTag(page, DIFFUSION, 'diffusion');

  const options = await firefox.openExtensionPage('options.html');
  await expect.poll(() => bodyText(options)).toContain('No automatic backup yet');
  await clickText(options, 'button', 'Back up now');
  const folder = path.join(firefox.downloadDir, 'Shelfmark');
  const files = () => readdir(folder).then((names) => names.filter((name) => /^shelfmark-backup-.*\.json\.gz$/.test(name)), () => []);
  await expect.poll(files, { timeout: 30_000 }).toHaveLength(1);
  const bytes = await readFile(path.join(folder, (await files())[0]));
  const backup = JSON.parse(gunzipSync(bytes).toString('utf8')) as { format: string; papers: { id: string; tags: string[] }[] };
  expect(backup.format).toBe('shelfmark-backup');
  expect(backup.papers.find((paper) => paper.id === DIFFUSION)?.tags).toEqual(['diffusion']);
  await expect.poll(() => bodyText(options)).toContain(path.join(folder, (await files())[0]));
});
