import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { cardIds, expect, openExtensionPage, stateOf, test, type FixtureServer } from './extension';
import { libraryOf } from './library-db';
import { inStrip } from './shadow-controls';

const DAILY = 'https://huggingface.co/papers/date/2026-10-02';
const DIFFUSION = 'arxiv:2501.23354'; // "Decentralized Diffusion Models"
const ONE_BYTE = 'arxiv:2306.20968'; // "Just One Byte (per gradient): …"
const GROWN_TO = 30_000;
const MESSAGE_CAP = 64 * 1024 * 1024;

interface BackupFile {
  papers: { id: string; tags: string[]; note: string; savedAt: number | null; dismissedAt: number | null; status: string | null }[];
  sightings: { paperId: string }[];
  settings: { key: string; value: unknown }[];
}

/** The backup grown to GROWN_TO papers by cloning its own records (and their sightings) under fresh ids. */
function grow(backup: BackupFile): BackupFile {
  const papers = [...backup.papers];
  const sightings = [...backup.sightings];
  for (let n = 0; papers.length < GROWN_TO; n += 1) {
    const source = backup.papers[n % backup.papers.length];
    const id = `arxiv:2412.${String(10_000 + n).padStart(5, '0')}`;
    papers.push({ ...source, id });
    for (const row of backup.sightings.filter((sighting) => sighting.paperId === source.id)) sightings.push({ ...row, paperId: id });
  }
  return { ...backup, papers, sightings };
}

async function wipe(options: Page) {
  await options.getByRole('button', { name: 'Wipe library…' }).click();
  await options.getByRole('button', { name: 'Continue without a backup' }).click();
  await options.getByLabel(/Type wipe my library to confirm/).fill('wipe my library');
  await options.getByRole('button', { name: 'Wipe library', exact: true }).click();
  await expect(options.getByText(/Library wiped: \d+ papers/)).toBeVisible();
}

async function download(options: Page, format: 'backup' | 'backup-gz'): Promise<string> {
  await options.getByLabel('Export format').selectOption(format);
  const [file] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Download' }).click()]);
  expect(file.suggestedFilename()).toMatch(format === 'backup' ? /\.json$/ : /\.json\.gz$/);
  return file.path();
}

/** Browses the fixture listing and saves and tags one paper, notes another (a note saves it), dismisses a third. */
async function annotateListing(context: BrowserContext, server: FixtureServer) {
  server.serve(DAILY, 'hf/daily-2026-10-02.html');
  const site = await context.newPage();
  await site.goto(DAILY);
  await expect.poll(() => cardIds(site).then((ids) => ids.length)).toBeGreaterThan(5);
  const third = (await cardIds(site)).find((id) => id !== DIFFUSION && id !== ONE_BYTE)!;

  // Save and tag one, only note another (a note saves it), dismiss a third.
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
  await inStrip(site, third).button('Hide', { exact: true }).click();
  await expect.poll(() => stateOf(site, third)).toContain('dismissed');

  await site.close();
}

test('a 30,000-paper backup (> 64 MiB) restores through Options, and Cancel while it is written changes nothing', async ({ context, extensionId, server }) => {
  test.setTimeout(15 * 60_000);
  await annotateListing(context, server);
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await expect.poll(async () => (await libraryOf(options)).diffusion?.tags).toEqual(['diffusion']);
  const before = await libraryOf(options);
  const backup = JSON.parse(await readFile(await download(options, 'backup'), 'utf8')) as BackupFile;
  expect(backup.papers.length).toBe(before.papers);

  const grown = grow(backup);
  const text = JSON.stringify(grown);
  expect(Buffer.byteLength(text)).toBeGreaterThan(MESSAGE_CAP);
  const grownPath = join(tmpdir(), `shelfmark-grown-${process.pid}.json`);
  await writeFile(grownPath, text);

  // Cancel while the transaction is being written: the library is as before.
  const input = options.locator('input[type=file]');
  await input.setInputFiles(grownPath);
  const cancel = options.getByRole('group', { name: 'Import' }).getByRole('button', { name: 'Cancel' });
  await expect(options.getByText(/^Writing shelfmark-grown/)).toBeVisible({ timeout: 120_000 });
  await cancel.click();
  await expect(options.getByText(/cancelled: nothing was written/)).toBeVisible({ timeout: 120_000 });
  expect(await libraryOf(options)).toEqual(before);

  // Wipe, then restore the grown file: every paper, tag, note, status, sighting and setting back.
  await wipe(options);
  expect((await libraryOf(options)).papers).toBe(0);
  await input.setInputFiles(grownPath);
  await expect(options.locator('.import-report')).toContainText(`${GROWN_TO.toLocaleString('en')} papers added`, { timeout: 300_000 });
  const restored = await libraryOf(options);
  expect(restored.papers).toBe(GROWN_TO);
  expect(restored.sightings).toBe(grown.sightings.length);
  expect(restored.settings).toEqual(before.settings);
  expect(restored.diffusion).toMatchObject({ tags: ['diffusion'], savedAt: before.diffusion!.savedAt });
  expect(restored.oneByte).toMatchObject({ note: 'Compare with DiLoCo', savedAt: before.oneByte!.savedAt });

  // The popup finds them.
  const popup = await openExtensionPage(context, extensionId, 'popup.html');
  await popup.getByRole('combobox', { name: 'Search papers' }).fill('decentralized diffusion');
  await expect(popup.getByRole('listbox').getByRole('option').first()).toContainText('Decentralized Diffusion Models', { timeout: 120_000 });
  await popup.close();
});

test('a .json.gz backup downloaded from Options restores the same library', async ({ context, extensionId, server }) => {
  test.setTimeout(5 * 60_000);
  await annotateListing(context, server);
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await expect.poll(async () => (await libraryOf(options)).diffusion?.tags).toEqual(['diffusion']);
  const before = await libraryOf(options);
  const gzPath = await download(options, 'backup-gz');
  const bytes = await readFile(gzPath);
  expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
  await wipe(options);
  expect((await libraryOf(options)).papers).toBe(0);
  await options.locator('input[type=file]').setInputFiles(gzPath);
  await expect(options.locator('.import-report')).toContainText(`${before.papers} papers added`);
  expect(await libraryOf(options)).toEqual(before);
});
