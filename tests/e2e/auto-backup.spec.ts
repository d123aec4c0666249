import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { test as base, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { cardIds, expect, launchWithExtension, openExtensionPage, serveFixtures, stateOf, type FixtureServer } from './extension';
import { libraryOf } from './library-db';
import { inStrip } from './shadow-controls';

const DAILY = 'https://huggingface.co/papers/date/2026-10-02';
const DIFFUSION = 'arxiv:2501.23354'; // "Decentralized Diffusion Models"
const ONE_BYTE = 'arxiv:2306.20968'; // "Just One Byte (per gradient): …"

/**
 * Downloads the extension starts land where a user's would only with the browser's own download handling:
 * Playwright names every download by a GUID in a temporary folder ("allowAndName"), and CDP's "allow" drops the
 * extension's file name. So the profile's preferences name a downloads folder and the test gives the download
 * behaviour back to the browser (`Browser.setDownloadBehavior { behavior: 'default' }`).
 */
const test = base.extend<{ profile: string; context: BrowserContext; worker: Worker; extensionId: string; server: FixtureServer }>({
  // eslint-disable-next-line no-empty-pattern
  profile: async ({}, use) => {
    const profile = await mkdtemp(join(tmpdir(), 'shelfmark-auto-backup-'));
    await mkdir(join(profile, 'Default'), { recursive: true });
    const downloads = join(profile, 'Downloads');
    await writeFile(join(profile, 'Default', 'Preferences'), JSON.stringify({ download: { default_directory: downloads, prompt_for_download: false } }));
    await use(profile);
    await rm(profile, { recursive: true, force: true });
  },
  context: async ({ profile }, use) => {
    const context = await launchWithExtension(profile);
    const cdp = await context.browser()!.newBrowserCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });
    await use(context);
    await context.close();
  },
  worker: async ({ context }, use) => {
    let [worker] = context.serviceWorkers();
    worker ??= await context.waitForEvent('serviceworker');
    await use(worker);
  },
  extensionId: async ({ worker }, use) => use(new URL(worker.url()).host),
  server: async ({ context }, use) => use(await serveFixtures(context)),
});

const backupFolder = (profile: string) => join(profile, 'Downloads', 'Shelfmark');

async function backupFiles(profile: string): Promise<string[]> {
  const names = await readdir(backupFolder(profile)).catch(() => [] as string[]);
  // Chromium writes "….crdownload" while a download is in progress.
  return names.filter((name) => /^shelfmark-backup-.*\.json\.gz$/.test(name)).sort();
}

interface BackupFile {
  format: string;
  papers: { id: string; tags: string[]; note: string; savedAt: number | null }[];
  sightings: unknown[];
}

async function readBackup(path: string): Promise<BackupFile> {
  const bytes = await readFile(path);
  expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
  return JSON.parse(gunzipSync(bytes).toString('utf8')) as BackupFile;
}

async function annotateListing(context: BrowserContext, server: FixtureServer) {
  server.serve(DAILY, 'hf/daily-2026-10-02.html');
  const site = await context.newPage();
  await site.goto(DAILY);
  await expect.poll(() => cardIds(site).then((ids) => ids.length)).toBeGreaterThan(5);
  const diffusion = inStrip(site, DIFFUSION);
  await diffusion.button('Save', { exact: true }).click();
  await expect.poll(() => stateOf(site, DIFFUSION)).toContain('saved');
  await diffusion.button('Tag', { exact: true }).click();
  await diffusion.combobox('New tag').fill('diffusion');
  await diffusion.combobox('New tag').press('Enter');
  const oneByte = inStrip(site, ONE_BYTE);
  await oneByte.button('Note', { exact: true }).click();
  await oneByte.textbox('Note').fill('Compare with DiLoCo');
  await oneByte.textbox('Note').press('Control+Enter');
  await expect.poll(() => stateOf(site, ONE_BYTE)).toContain('saved');
  await site.close();
}

/** The worker's `chrome` (the tests have no chrome types): the alarm and the stored state. */
interface Chrome {
  chrome: {
    alarms: { create(name: string, info: { when: number }): Promise<void>; get(name: string): Promise<{ periodInMinutes?: number } | undefined> };
    storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
  };
}
const fireCheck = (worker: Worker) => worker.evaluate(() => (globalThis as unknown as Chrome).chrome.alarms.create('shelfmark-backup', { when: Date.now() + 100 }));

const section = (options: Page) => options.getByRole('region', { name: 'Automatic backups' });

test('an automatic backup is written into Downloads/Shelfmark on schedule, rotates, and restores through Options', async ({ context, worker, extensionId, server, profile }) => {
  test.setTimeout(4 * 60_000);
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await expect(section(options).getByRole('status')).toHaveText(/No automatic backup yet/);

  // An empty library is not backed up, even when the check fires.
  await fireCheck(worker);
  await options.waitForTimeout(2_000);
  expect(await backupFiles(profile)).toEqual([]);

  await annotateListing(context, server);
  const before = await libraryOf(options);
  expect(before.diffusion?.tags).toEqual(['diffusion']);

  // The scheduled check, driven from the test: the real alarm, due in a moment.
  await fireCheck(worker);
  await expect.poll(() => backupFiles(profile), { timeout: 60_000 }).toHaveLength(1);
  const [first] = await backupFiles(profile);
  const backup = await readBackup(join(backupFolder(profile), first));
  expect(backup.format).toBe('shelfmark-backup');
  expect(backup.papers).toHaveLength(before.papers);
  expect(backup.papers.find((paper) => paper.id === DIFFUSION)?.tags).toEqual(['diffusion']);
  // The hourly check is back after the one-off alarm fired.
  await expect.poll(() => worker.evaluate(async () => (await (globalThis as unknown as Chrome).chrome.alarms.get('shelfmark-backup'))?.periodInMinutes)).toBe(60);

  // Options says when and where; a second check soon after writes nothing (one a day).
  await options.reload();
  await expect(section(options).getByRole('status')).toContainText(join(backupFolder(profile), first));
  await fireCheck(worker);
  await options.waitForTimeout(2_000);
  expect(await backupFiles(profile)).toEqual([first]);

  // Keep 2: after two more backups the first file is deleted from the folder.
  await section(options).getByLabel('Backups to keep').fill('2');
  await section(options).getByLabel('Backups to keep').press('Tab');
  for (let n = 0; n < 2; n += 1) {
    await section(options).getByRole('button', { name: 'Back up now' }).click();
    await expect(section(options).getByRole('button', { name: 'Back up now' })).toBeEnabled({ timeout: 60_000 });
  }
  await expect.poll(() => backupFiles(profile)).toHaveLength(2);
  const kept = await backupFiles(profile);
  expect(kept).not.toContain(first);
  await expect(section(options).getByText('2 backup files kept')).toBeVisible();

  // A file the user deleted is noticed.
  const newest = (await worker.evaluate(async () => {
    const { autoBackup } = (await (globalThis as unknown as Chrome).chrome.storage.local.get('autoBackup')) as { autoBackup: { files: { path: string }[] } };
    return autoBackup.files.at(-1)!.path;
  })) as string;
  await rm(newest);
  await expect
    .poll(async () => {
      await options.reload();
      return section(options).getByRole('alert').textContent({ timeout: 2_000 }).catch(() => '');
    }, { timeout: 30_000 })
    .toContain('no longer in your downloads folder');

  // Restore the other kept file with the normal import after a wipe: the library is back.
  const remaining = (await backupFiles(profile))[0];
  await options.getByRole('button', { name: 'Wipe library…' }).click();
  await options.getByRole('button', { name: 'Continue without a backup' }).click();
  await options.getByLabel(/Type wipe my library to confirm/).fill('wipe my library');
  await options.getByRole('button', { name: 'Wipe library', exact: true }).click();
  await expect(options.getByText(/Library wiped: \d+ papers/)).toBeVisible();
  expect((await libraryOf(options)).papers).toBe(0);
  await options.locator('input[type=file]').setInputFiles(join(backupFolder(profile), remaining));
  await expect(options.locator('.import-report')).toContainText(`${before.papers} papers added`);
  expect(await libraryOf(options)).toEqual(before);
});
