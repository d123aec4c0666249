/**
 * A second device's first sync in the real browser: a device in Node (lib/sync over fake-indexeddb) puts a library of
 * N papers on a real `rclone serve webdav` (127.0.0.1:18732); then a fresh Chromium profile with the built extension
 * turns sync on in Options, as a user does, and the time from the click to "Last synced" is measured (the snapshot's
 * download, validation and IndexedDB writes in the extension's service worker). Then 50 changes on the Node device
 * and "Sync now" in Chromium.
 *
 *   npx wxt build && npx tsx scripts/bench/sync-browser.ts [papers]
 */
import 'fake-indexeddb/auto';
import { chromium } from '@playwright/test';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ShelfmarkDb } from '../../lib/db';
import { changePaper } from '../../lib/library';
import { enableSync, runSync, type SyncConfig } from '../../lib/sync/engine';
import { startDavServer } from '../../tests/helpers/rclone';
import { library } from './transfer';

const EXTENSION_DIR = fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function main(size = 100_000): Promise<void> {
  const server = await startDavServer(18732);
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: true,
    args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const config: SyncConfig = { serverUrl: server.url, username: server.user, password: server.pass, folder: 'bench-browser', passphrase: '' };
    const node = new ShelfmarkDb(`bench-sync-browser-${Date.now()}`);
    const { papers, sightings } = library(size);
    await node.papers.bulkPut(papers);
    await node.sightings.bulkAdd(sightings);
    await enableSync(node, config, Date.now());
    const seeded = await runSync(node, { now: Date.now });
    if (seeded.error) throw new Error(seeded.error);

    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const options = await context.newPage();
    await options.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
    const sync = options.getByRole('region', { name: 'Sync' });
    await sync.getByLabel('Server URL').fill(server.url);
    await sync.getByLabel('Username').fill(server.user);
    await sync.getByLabel('Password', { exact: true }).fill(server.pass);
    await sync.getByLabel('Folder').fill(config.folder);
    const status = sync.getByRole('status', { name: 'Sync status' });
    const rows: string[][] = [];
    const first = performance.now();
    await sync.getByRole('button', { name: 'Turn sync on' }).click();
    await status.filter({ hasText: /Last synced|failed|refused|reach/ }).waitFor({ timeout: 30 * 60_000 });
    rows.push([`first sync of a fresh Chromium profile, ${size.toLocaleString('en')} papers on the server`, `${((performance.now() - first) / 1000).toFixed(2)} s`, (await status.textContent()) ?? '']);
    for (let i = 0; i < 50; i++) await changePaper(node, papers[i * 7].id, { kind: 'add-tags', tags: [`bench-${i % 5}`] }, Date.now());
    await runSync(node, { now: Date.now });
    const tagged = papers[0].id;
    const start = performance.now();
    await sync.getByRole('button', { name: 'Sync now' }).click();
    // Done when the change is in the extension's database (the status line says "just now" before and after).
    await options.waitForFunction(
      (id) =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open('shelfmark');
          open.onsuccess = () => {
            const get = open.result.transaction('papers').objectStore('papers').get(id);
            get.onsuccess = () => {
              resolve(((get.result as { tags?: string[] } | undefined)?.tags ?? []).includes('bench-0'));
              open.result.close();
            };
          };
        }),
      tagged,
      { timeout: 60_000, polling: 50 },
    );
    rows.push(['incremental after 50 changes on the other device ("Sync now")', `${((performance.now() - start) / 1000).toFixed(2)} s`, '']);
    console.log(`load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
    console.log('| step | wall time (click to status) | status |\n|---|---|---|');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  } finally {
    await context.close();
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main(Number(process.argv[2]) || undefined);
