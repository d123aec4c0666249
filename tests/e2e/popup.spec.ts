import { seenRecord } from '../fixtures/library/records';
import { expect, openExtensionPage, stateOf, test } from './extension';
import { inStrip } from './shadow-controls';

const DAILY = 'https://huggingface.co/papers/date/2026-10-02';
const DIFFUSION = 'arxiv:2501.23354'; // "Decentralized Diffusion Models"
const ONE_BYTE = 'arxiv:2306.20968'; // "Just One Byte (per gradient): … Decentralized Language Model Finetuning …"
const PAPER_PAGE = 'https://huggingface.co/papers/2501.23354';

test('popup finds saved and seen papers, opens them and toggles save on the page', async ({ context, extensionId, server, consoleLog }) => {
  server.serve(DAILY, 'hf/daily-2026-10-02.html');
  server.serveHtml(PAPER_PAGE, '<!doctype html><title>Decentralized Diffusion Models</title><h1>Decentralized Diffusion Models</h1>');
  const page = await context.newPage();
  await page.goto(DAILY);
  await expect.poll(() => inStrip(page, DIFFUSION).button('Save').exists()).toBe(true);

  await inStrip(page, DIFFUSION).button('Save').click();
  await expect.poll(() => stateOf(page, DIFFUSION)).toContain('saved');
  await inStrip(page, ONE_BYTE).button('Tag').click();
  const newTag = inStrip(page, ONE_BYTE).combobox('New tag');
  await newTag.fill('lowbw');
  await newTag.press('Enter');

  const popup = await openExtensionPage(context, extensionId, 'popup.html');
  const box = popup.getByRole('combobox', { name: 'Search papers' });
  await expect(box).toBeFocused();
  const options = popup.getByRole('listbox').getByRole('option');
  // Tagging saved One Byte (what the user annotated is in their library), after Diffusion: the latest save first.
  await expect(options.first()).toContainText('Just One Byte');
  await expect(options.nth(1)).toContainText('Decentralized Diffusion Models');
  await expect(popup.getByRole('status')).toHaveText('Recently saved');

  await box.fill('decentralised diffusion');
  await expect(options.first()).toContainText('Decentralized Diffusion Models');
  await expect(options.first().locator('mark').first()).toHaveText('Decentralized');

  // Four papers on the page say "decentralized" in their title, three more only in their abstract: titles first.
  await box.fill('decentral');
  await expect(options).toHaveCount(7);
  await expect(options.first()).toContainText('Decentralized Diffusion Models');
  const titles = await popup.locator('.result-title').allTextContents();
  expect(titles.map((title) => /decentrali[sz]ed/i.test(title))).toEqual([true, true, true, true, false, false, false]);

  await box.fill('tag:lowbw');
  await expect(popup.getByRole('listitem').filter({ hasText: 'tag: lowbw' })).toBeVisible();
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText('Just One Byte');

  await box.fill('is:nonsense');
  await expect(popup.getByText('is:saved, is:seen or is:dismissed')).toBeVisible();

  await box.fill('diffusion is:saved');
  await expect(options).toHaveCount(1);
  await expect(box).toHaveAttribute('aria-activedescendant', 'result-0');
  const opened = context.waitForEvent('page');
  await box.press('Enter');
  // The tab's address, not its load event: under load Chromium has aborted the first load of a tab opened this way
  // (net::ERR_ABORTED), which says nothing about which paper Enter opened.
  const tab = await opened;
  await expect.poll(() => tab.url()).toBe(PAPER_PAGE);

  await popup.bringToFront();
  await box.focus();
  await box.press('Alt+s');
  await expect(options.first().getByRole('button', { name: 'Save', exact: true })).toBeVisible();
  await expect.poll(() => stateOf(page, DIFFUSION)).not.toContain('saved');
  expect(consoleLog.errors).toEqual([]);
});

test('the next popup shows the last recent list in its first frame, then the current one', async ({ context, extensionId, server, consoleLog }) => {
  server.serve(DAILY, 'hf/daily-2026-10-02.html');
  const page = await context.newPage();
  await page.goto(DAILY);
  await inStrip(page, DIFFUSION).button('Save').click();
  await expect.poll(() => stateOf(page, DIFFUSION)).toContain('saved');

  const first = await openExtensionPage(context, extensionId, 'popup.html');
  await expect(first.locator('.result-title')).toHaveText(['Decentralized Diffusion Models']);
  // The list is kept once the library's worker has answered (the preview's answer is not kept).
  await expect.poll(() => first.evaluate(() => localStorage.getItem('shelfmark:recent-list') ?? '')).toContain('Decentralized Diffusion Models');
  await first.close();

  // Saved after that popup closed: the cached list does not have it yet.
  await inStrip(page, ONE_BYTE).button('Save').click();
  await expect.poll(() => stateOf(page, ONE_BYTE)).toContain('saved');

  const next = await context.newPage();
  // The popup renders synchronously from its module script, which runs before DOMContentLoaded; no worker answers by then.
  await next.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      (globalThis as unknown as { firstFrame: string[] }).firstFrame = [...document.querySelectorAll('.result-title')].map((title) => title.textContent ?? '');
    });
  });
  await next.goto(`chrome-extension://${extensionId}/popup.html`);
  expect(await next.evaluate(() => (globalThis as unknown as { firstFrame: string[] }).firstFrame)).toEqual(['Decentralized Diffusion Models']);
  await expect(next.locator('.result-title')).toHaveText([/Just One Byte/, 'Decentralized Diffusion Models']);
  await expect(next.getByRole('status')).toHaveText('Recently saved');
  expect(consoleLog.errors).toEqual([]);
});

test('the background stores the search indexes after install, before any popup opens', async ({ context, extensionId, consoleLog }) => {
  // Any extension page can read the extension's database; the popup would build the indexes itself.
  const page = await openExtensionPage(context, extensionId, 'options.html');
  const storedIndexes = () =>
    page.evaluate(async () => {
      if (!(await indexedDB.databases()).some((database) => database.name === 'shelfmark')) return [];
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('shelfmark');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
        const request = db.transaction('searchIndex').objectStore('searchIndex').getAllKeys();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return keys.map(String).sort();
    });
  await expect.poll(storedIndexes, { timeout: 15_000 }).toEqual(['papers', 'papers:abstracts']);
  expect(consoleLog.errors).toEqual([]);
});

test('while the library is being indexed, the popup says so for a typed query, then answers from every paper', async ({ context, extensionId, consoleLog }) => {
  test.setTimeout(120_000);
  // 20,000 papers seen over 200 days: the 5,000 most recent say "Fresh" in their title, the others "Archive".
  const DAY = 86_400_000;
  const newest = Date.UTC(2026, 9, 1);
  const papers = Array.from({ length: 20_000 }, (_, n) => {
    const at = newest - Math.floor(n / 100) * DAY - (n % 100);
    const title = `${n < 5_000 ? 'Fresh' : 'Archive'} routing study ${n}`;
    // One abstract to find: a rebuild answers from titles first and indexes the abstracts after.
    return seenRecord(`2401.${String(n).padStart(5, '0')}`, at, n === 17_321 ? { title, abstract: 'We study lighthouse keepers.' } : { title });
  });
  const setup = await openExtensionPage(context, extensionId, 'options.html');
  for (let start = 0; start < papers.length; start += 2_000) {
    await setup.evaluate(async ({ chunk, clearIndex }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('shelfmark');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['papers', 'searchIndex'], 'readwrite');
        for (const record of chunk) tx.objectStore('papers').put(record);
        // Written straight into the database, like a library from before an update: no index holds them yet.
        if (clearIndex) tx.objectStore('searchIndex').clear();
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    }, { chunk: papers.slice(start, start + 2_000), clearIndex: start + 2_000 >= papers.length });
  }
  // The rebuild of 20,000 papers takes about a second, less than typing into a popup that just opened: the setup page
  // holds the index's lock (as the background does while it builds after an update), so the query is typed while
  // the index is not ready, and the build runs once the lock is let go.
  await setup.evaluate(() => {
    void navigator.locks.request('shelfmark:search-index:papers', () => new Promise<void>((resolve) => ((globalThis as unknown as { release: () => void }).release = resolve)));
  });
  await setup.waitForFunction(() => typeof (globalThis as unknown as { release?: () => void }).release === 'function');

  const popup = await openExtensionPage(context, extensionId, 'popup.html');
  // Every status line the popup shows, from its first one on.
  await popup.evaluate(() => {
    const seen: string[] = [];
    (globalThis as unknown as { statuses: string[] }).statuses = seen;
    const status = document.querySelector('[role="status"]')!;
    seen.push(status.textContent ?? '');
    new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, { childList: true, characterData: true, subtree: true });
  });
  const box = popup.getByRole('combobox', { name: 'Search papers' });
  const status = popup.getByRole('status');
  const titles = popup.locator('.result-title');
  // As a person does: the popup's empty-box list is on screen first (typed before it, its answer is superseded).
  await expect(status).not.toHaveText('Loading…');
  await box.fill('routing');
  await expect(status).toHaveText(/^(Loading|Indexing) your library…/);
  await setup.evaluate(() => (globalThis as unknown as { release: () => void }).release());
  // The index is built in the popup's worker, from every paper; its answer is the only one drawn for the query.
  await expect(status).toHaveText(/^20000\+ papers · top 30$/, { timeout: 90_000 });
  await expect(titles).toHaveCount(30);
  for (const title of await titles.allTextContents()) expect(title).toMatch(/^Fresh routing study/);
  const statuses = await popup.evaluate(() => (globalThis as unknown as { statuses: string[] }).statuses);
  // The rebuild was reported while it ran (the count of papers read so far), and nothing else answered meanwhile.
  expect(statuses.filter((line) => /^(Loading|Indexing) your library…/.test(line)), statuses.join(' | ')).not.toEqual([]);
  expect(statuses.filter((line) => /papers? · top|paper$|papers$/.test(line) && !line.startsWith('Indexing'))).toEqual(['20000+ papers · top 30']);
  await box.fill('archive routing');
  await expect(titles.first()).toContainText('Archive routing study');
  await box.fill('lighthouse');
  await expect(titles).toHaveText(['Archive routing study 17321'], { timeout: 30_000 });
  expect(consoleLog.errors).toEqual([]);
});
