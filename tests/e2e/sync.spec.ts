import type { BrowserContext, Page } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDavServer, type DavServer } from '../helpers/rclone';
import { expect, launchWithExtension, openExtensionPage, readJsonFixture, serveFixtures, test } from './extension';
import { inStrip } from './shadow-controls';

/** Two browser profiles = two devices, syncing through a real `rclone serve webdav` on loopback. */
const PORT = 18721;
const manifest = readJsonFixture<Record<string, { url: string; ids: string[] }>>('hf/manifest.json');
const daily = manifest['daily-2026-10-02.html'];
const [first, second, third] = daily.ids.map((id) => `arxiv:${id}`);

interface Device {
  context: BrowserContext;
  extensionId: string;
  page: Page;
}

async function device(profileDir = '', port = PORT): Promise<Device> {
  const context = await launchWithExtension(profileDir);
  const server = await serveFixtures(context);
  server.serve(daily.url, 'hf/daily-2026-10-02.html');
  // Registered last, so it runs first: the WebDAV server is real, not a fixture.
  await context.route(new RegExp(`^http://127\\.0\\.0\\.1:(${PORT}|${port})/`), (route) => route.continue());
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  const page = await context.newPage();
  await page.goto(daily.url);
  await expect(page.locator('[data-shelfmark-id] shelfmark-controls')).toHaveCount(daily.ids.length);
  return { context, extensionId: new URL(worker.url()).host, page };
}

/** Each test syncs its own folder on the one server, so no test sees another's library. */
async function turnOn(d: Device, dav: DavServer, passphrase = '', url = dav.url, folder = 'e2e'): Promise<Page> {
  const options = await openExtensionPage(d.context, d.extensionId, 'options.html');
  const sync = options.getByRole('region', { name: 'Sync' });
  await sync.getByLabel('Server URL').fill(url);
  await sync.getByLabel('Username').fill(dav.user);
  await sync.getByLabel('Password', { exact: true }).fill(dav.pass);
  await sync.getByLabel('Folder').fill(folder);
  if (passphrase) {
    await sync.getByLabel('Encrypt with a passphrase').check();
    await sync.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  }
  await sync.getByRole('button', { name: 'Turn sync on' }).click();
  await expect(sync.getByRole('status', { name: 'Sync status' })).toContainText('Last synced', { timeout: 20_000 });
  return options;
}

async function syncNow(options: Page): Promise<string> {
  const sync = options.getByRole('region', { name: 'Sync' });
  await sync.getByRole('button', { name: 'Sync now' }).click();
  const status = sync.getByRole('status', { name: 'Sync status' });
  await expect(status).toContainText('Last synced just now', { timeout: 20_000 });
  return (await status.textContent()) ?? '';
}

/** The user-visible library, read from the extension's own database in an extension page. */
function library(options: Page) {
  return options.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('shelfmark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('papers').objectStore('papers').getAll();
          all.onsuccess = () =>
            resolve(
              (all.result as { id: string; savedAt: number | null; dismissedAt: number | null; tags: string[]; note: string }[])
                .map(({ id, savedAt, dismissedAt, tags, note }) => ({ id, saved: savedAt !== null, dismissed: dismissedAt !== null, tags: [...tags].sort(), note }))
                .sort((a, b) => (a.id < b.id ? -1 : 1)),
            );
        };
      }),
  );
}


/** A proxy in front of rclone that can hold every request: a sync started then cannot finish by itself. */
async function stallingProxy(port: number) {
  const gate = {
    stall: false,
    stalled: [] as (() => void)[],
    release: () => {
      for (const forward of gate.stalled.splice(0)) forward();
    },
    close: async () => {
      gate.release();
      await new Promise((resolve) => proxy.close(resolve));
    },
  };
  const proxy: Server = createServer((incoming, outgoing) => {
    const forward = () => {
      const upstream = httpRequest({ host: '127.0.0.1', port: PORT, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      upstream.on('error', () => outgoing.destroy());
      incoming.pipe(upstream);
    };
    if (gate.stall) gate.stalled.push(forward);
    else forward();
  });
  await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
  return gate;
}

test.describe('Sync between two browsers through WebDAV', () => {
  let dav: DavServer;
  test.beforeAll(async () => {
    dav = await startDavServer(PORT);
  });
  test.afterAll(async () => {
    await dav?.close();
  });

  test('edits on both devices offline: equal libraries, concurrent tags kept, the later note wins and the other is kept', async () => {
    test.setTimeout(120_000);
    const laptop = await device();
    const desktop = await device();
    try {
      // Offline on both (sync not on yet): save, tag, note, hide.
      const a = inStrip(laptop.page, first);
      await a.button('Save').click();
      await expect.poll(() => a.button('Saved').exists()).toBe(true);
      await a.button('Tag').click();
      await expect.poll(() => a.combobox('New tag').isFocused()).toBe(true);
      await laptop.page.keyboard.type('rl');
      await laptop.page.keyboard.press('Enter');
      await laptop.page.keyboard.press('Escape');
      await a.button('Note').click();
      await a.textbox('Note').fill('laptop note');
      await a.button('Save note').click();
      await expect.poll(() => a.labelled('Note').text()).toBe('laptop note');

      const b = inStrip(desktop.page, first);
      await b.button('Tag').click();
      await expect.poll(() => b.combobox('New tag').isFocused()).toBe(true);
      await desktop.page.keyboard.type('agents');
      await desktop.page.keyboard.press('Enter');
      await desktop.page.keyboard.press('Escape');
      await b.button('Note').click();
      await b.textbox('Note').fill('desktop note');
      await b.button('Save note').click();
      await expect.poll(() => b.labelled('Note').text()).toBe('desktop note');
      await inStrip(desktop.page, second).button('Hide').click();
      await inStrip(desktop.page, third).button('Save').click();
      await expect.poll(() => inStrip(desktop.page, third).button('Saved').exists()).toBe(true);

      const laptopOptions = await turnOn(laptop, dav);
      const desktopOptions = await turnOn(desktop, dav);
      const status = await syncNow(laptopOptions);
      expect(status).toMatch(/2 devices · \d+ papers/);

      const onLaptop = await library(laptopOptions);
      expect(await library(desktopOptions)).toEqual(onLaptop);
      const paper = (id: string) => (onLaptop as { id: string }[]).find((p) => p.id === id) as unknown as { saved: boolean; dismissed: boolean; tags: string[]; note: string };
      expect(paper(first)).toMatchObject({ saved: true, tags: ['agents', 'rl'], note: 'desktop note' });
      expect(paper(second).dismissed).toBe(true);
      expect(paper(third).saved).toBe(true);

      // The laptop's card shows the merged state; the reading list keeps the overwritten note.
      await expect.poll(() => a.labelled('Note').text(), { timeout: 10_000 }).toBe('desktop note');
      const list = await openExtensionPage(laptop.context, laptop.extensionId, 'reading-list.html');
      await list.getByText('Earlier versions of the note (1)').click();
      await expect(list.getByText(/laptop note/)).toBeVisible();
    } finally {
      await laptop.context.close();
      await desktop.context.close();
    }
  });

  test('a wipe with sync on reaches the other device, and what is saved there after it comes back', async () => {
    test.setTimeout(120_000);
    const laptop = await device();
    const desktop = await device();
    try {
      const a = inStrip(laptop.page, first);
      await a.button('Save').click();
      await expect.poll(() => a.button('Saved').exists()).toBe(true);
      const laptopOptions = await turnOn(laptop, dav, '', dav.url, 'e2e-wipe');
      const desktopOptions = await turnOn(desktop, dav, '', dav.url, 'e2e-wipe');
      expect(((await library(desktopOptions)) as { id: string; saved: boolean }[]).find((paper) => paper.id === first)?.saved).toBe(true);

      // The danger zone says what a wipe means with sync on, then wipes.
      const danger = laptopOptions.getByRole('region', { name: 'Danger zone' });
      await danger.getByRole('button', { name: 'Wipe library…' }).click();
      await expect(danger).toContainText('Sync is on: the wipe reaches every device that syncs this library.');
      await danger.getByRole('button', { name: 'Continue without a backup' }).click();
      await danger.getByLabel('Type wipe my library to confirm').fill('wipe my library');
      await danger.getByRole('button', { name: 'Wipe library', exact: true }).click();
      await expect(danger.getByRole('status')).toContainText('Your other devices follow at their next sync.');
      await syncNow(laptopOptions);
      await syncNow(desktopOptions);
      const saved = (lib: unknown[]) => (lib as { id: string; saved: boolean; tags: string[] }[]).filter((paper) => paper.saved || paper.tags.length).map((paper) => paper.id);
      expect(saved(await library(desktopOptions))).toEqual([]);
      // The desktop's open page shows the paper as not saved any more.
      await expect.poll(() => inStrip(desktop.page, first).button('Save').exists(), { timeout: 10_000 }).toBe(true);

      // Saved on the desktop after the wipe: it reaches the laptop.
      await desktop.page.bringToFront();
      await inStrip(desktop.page, second).button('Save').click();
      await expect.poll(() => inStrip(desktop.page, second).button('Saved').exists()).toBe(true);
      await syncNow(desktopOptions);
      await syncNow(laptopOptions);
      expect(saved(await library(laptopOptions))).toEqual([second]);
      expect(saved(await library(desktopOptions))).toEqual([second]);
    } finally {
      await laptop.context.close();
      await desktop.context.close();
    }
  });

  test('with a passphrase the server files hold no title or tag in clear text; a wrong password gives a clear status', async () => {
    test.setTimeout(90_000);
    const laptop = await device();
    try {
      const a = inStrip(laptop.page, first);
      await a.button('Tag').click();
      await expect.poll(() => a.combobox('New tag').isFocused()).toBe(true);
      await laptop.page.keyboard.type('zebra-secret-tag');
      await laptop.page.keyboard.press('Enter');
      await laptop.page.keyboard.press('Escape');
      const options = await openExtensionPage(laptop.context, laptop.extensionId, 'options.html');
      const sync = options.getByRole('region', { name: 'Sync' });
      await sync.getByLabel('Server URL').fill(dav.url);
      await sync.getByLabel('Username').fill(dav.user);
      await sync.getByLabel('Password', { exact: true }).fill('not the password');
      await sync.getByLabel('Folder').fill('e2e-encrypted');
      await sync.getByLabel('Encrypt with a passphrase').check();
      await sync.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
      await sync.getByRole('button', { name: 'Turn sync on' }).click();
      await expect(sync.getByRole('status', { name: 'Sync status' })).toContainText('The server refused the username or password', { timeout: 20_000 });

      await sync.getByLabel('Password', { exact: true }).fill(dav.pass);
      await sync.getByRole('button', { name: 'Save and sync' }).click();
      await expect(sync.getByRole('status', { name: 'Sync status' })).toContainText('Last synced', { timeout: 30_000 });
      const title = (await laptop.page.locator(`[data-shelfmark-id="${first}"] h3`).first().textContent())!.trim();
      const files = readdirSync(join(dav.dir, 'e2e-encrypted'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
      expect(files.some((entry) => entry.name.endsWith('.smk'))).toBe(true);
      for (const entry of files) {
        const text = readFileSync(join(entry.parentPath, entry.name), 'latin1');
        expect(text).not.toContain('zebra-secret-tag');
        expect(text).not.toContain(title.slice(0, 20));
      }
    } finally {
      await laptop.context.close();
    }
  });

  test('the browser closed in the middle of a sync: the next start resumes it and the devices converge', async () => {
    test.setTimeout(150_000);
    const proxyPort = PORT + 1;
    const gate = await stallingProxy(proxyPort);
    const profile = mkdtempSync(join(tmpdir(), 'shelfmark-sync-profile-'));
    const proxied = `http://127.0.0.1:${proxyPort}/`;
    try {
      let laptop = await device(profile, proxyPort);
      const options = await turnOn(laptop, dav, '', proxied, 'e2e-resume');
      await laptop.page.bringToFront();
      await laptop.page.reload();
      await expect(laptop.page.locator('[data-shelfmark-id] shelfmark-controls')).toHaveCount(daily.ids.length);
      await inStrip(laptop.page, first).button('Save').click();
      await expect.poll(() => inStrip(laptop.page, first).button('Saved').exists()).toBe(true);
      // No alarm may do the work instead: only the resumed run can upload the save.
      type Alarms = { chrome: { alarms: { clear(name: string): Promise<boolean> } } };
      await options.evaluate(() => Promise.all(['shelfmark-sync', 'shelfmark-sync-soon'].map((name) => (globalThis as unknown as Alarms).chrome.alarms.clear(name))));
      gate.stall = true;
      await options.getByRole('region', { name: 'Sync' }).getByRole('button', { name: 'Sync now' }).click();
      await expect.poll(() => gate.stalled.length, { timeout: 20_000 }).toBeGreaterThan(0);
      await laptop.context.close();
      gate.stall = false;

      laptop = await device(profile, proxyPort);
      const reopened = await openExtensionPage(laptop.context, laptop.extensionId, 'options.html');
      const status = reopened.getByRole('region', { name: 'Sync' }).getByRole('status', { name: 'Sync status' });
      // Nobody clicks anything: the background saw the interrupted run and resumed it.
      await expect(status).toContainText('Last synced', { timeout: 30_000 });
      await expect(status).not.toContainText('Syncing');

      const desktop = await device('', proxyPort);
      const desktopOptions = await turnOn(desktop, dav, '', proxied, 'e2e-resume');
      const onDesktop = (await library(desktopOptions)) as { id: string; saved: boolean }[];
      expect(onDesktop.find((paper) => paper.id === first)?.saved).toBe(true);
      await desktop.context.close();
      await laptop.context.close();
    } finally {
      await gate.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  test('the server stopped in the middle of a sync and restarted: nothing lost, the next sync converges', async () => {
    test.setTimeout(120_000);
    const proxyPort = PORT + 2;
    const gate = await stallingProxy(proxyPort);
    const proxied = `http://127.0.0.1:${proxyPort}/`;
    const laptop = await device('', proxyPort);
    const desktop = await device('', proxyPort);
    try {
      const laptopOptions = await turnOn(laptop, dav, '', proxied, 'e2e-outage');
      const desktopOptions = await turnOn(desktop, dav, '', proxied, 'e2e-outage');
      await laptop.page.bringToFront();
      const a = inStrip(laptop.page, second);
      await a.button('Tag').click();
      await expect.poll(() => a.combobox('New tag').isFocused()).toBe(true);
      await laptop.page.keyboard.type('survives-outage');
      await laptop.page.keyboard.press('Enter');
      await laptop.page.keyboard.press('Escape');
      gate.stall = true;
      await laptopOptions.getByRole('region', { name: 'Sync' }).getByRole('button', { name: 'Sync now' }).click();
      await expect.poll(() => gate.stalled.length, { timeout: 20_000 }).toBeGreaterThan(0);
      await dav.stop();
      gate.stall = false;
      gate.release();
      const status = laptopOptions.getByRole('region', { name: 'Sync' }).getByRole('status', { name: 'Sync status' });
      await expect(status).toContainText(/Could not reach the server|broke off|answered 50/, { timeout: 30_000 });
      await dav.start();
      await syncNow(laptopOptions);
      await syncNow(desktopOptions);
      expect(await library(desktopOptions)).toEqual(await library(laptopOptions));
      const onDesktop = (await library(desktopOptions)) as { id: string; tags: string[] }[];
      expect(onDesktop.find((paper) => paper.id === second)?.tags).toEqual(['survives-outage']);
    } finally {
      await laptop.context.close();
      await desktop.context.close();
      await gate.close();
    }
  });
});
