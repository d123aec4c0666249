import { readFile } from 'node:fs/promises';
import { expect, openExtensionPage, stateOf, test } from './extension';
import { inStrip } from './shadow-controls';

const DAILY = 'https://huggingface.co/papers/date/2026-10-02';
const DIFFUSION = 'arxiv:2501.23354'; // "Decentralized Diffusion Models"
const ONE_BYTE = 'arxiv:2306.20968'; // "Just One Byte (per gradient): …"

test('reading list: filter, note, bulk tag, export, wipe, import the backup back', async ({ context, extensionId, server, consoleLog }) => {
  server.serve(DAILY, 'hf/daily-2026-10-02.html');
  const site = await context.newPage();
  await site.goto(DAILY);
  for (const id of [DIFFUSION, ONE_BYTE]) {
    await inStrip(site, id).button('Save').click();
    await expect.poll(() => stateOf(site, id)).toContain('saved');
  }
  await inStrip(site, DIFFUSION).button('Tag').click();
  const siteTag = inStrip(site, DIFFUSION).combobox('New tag');
  await siteTag.fill('diffusion');
  await siteTag.press('Enter');

  const list = await openExtensionPage(context, extensionId, 'reading-list.html');
  const rows = list.locator('.paper-row');
  await expect(rows).toHaveCount(2);
  await expect(list.getByText('Found on HF daily 2026-10-02').first()).toBeVisible();

  // Filter by text, then by the tag list.
  const filter = list.getByRole('searchbox');
  await filter.fill('one byte');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Just One Byte');
  await filter.fill('');
  await list.getByRole('button', { name: 'diffusion 1' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Decentralized Diffusion Models');
  await list.getByRole('button', { name: 'diffusion 1' }).click();
  await expect(rows).toHaveCount(2);

  // A note, by keyboard.
  await list.getByRole('button', { name: /^Add note for “Just One Byte/ }).click();
  const note = list.getByRole('textbox', { name: 'Note' });
  await expect(note).toBeFocused();
  await note.fill('Compare with DiLoCo');
  await note.press('Control+Enter');
  await expect(list.locator('.note-text')).toHaveText('Compare with DiLoCo');

  // Bulk tag everything shown.
  await list.getByLabel('Select all 2 shown').check();
  await list.getByRole('button', { name: 'Tag…' }).click();
  const bulkTag = list.locator('.bulk-tags').getByRole('combobox', { name: 'New tag' });
  await bulkTag.fill('decentralized');
  await bulkTag.press('Enter');
  await list.getByRole('button', { name: 'Add to 2 selected' }).click();
  await expect(list.getByRole('status').filter({ hasText: 'Tagged 2 papers “decentralized”' })).toBeVisible();
  await expect(list.locator('.paper-tags .chip', { hasText: 'decentralized' })).toHaveCount(2);

  // Export BibTeX and a full backup; check what was downloaded.
  await list.getByText('Export and import').click();
  const [format, download] = [list.getByLabel('Export format'), list.getByRole('button', { name: 'Download' })];
  await format.selectOption('bibtex');
  const [bib] = await Promise.all([list.waitForEvent('download'), download.click()]);
  expect(bib.suggestedFilename()).toMatch(/^shelfmark-\d{4}-\d{2}-\d{2}\.bib$/);
  const bibText = await readFile(await bib.path(), 'utf8');
  expect(bibText).toContain('Decentralized Diffusion Models');
  expect(bibText).toMatch(/keywords\s*=\s*\{[^}]*decentralized/);
  await format.selectOption('backup');
  const [backup] = await Promise.all([list.waitForEvent('download'), download.click()]);
  expect(backup.suggestedFilename()).toMatch(/^shelfmark-\d{4}-\d{2}-\d{2}\.json$/);
  const backupPath = await backup.path();
  const backupJson = JSON.parse(await readFile(backupPath, 'utf8')) as { papers: { id: string; note: string; tags: string[] }[] };
  expect(backupJson.papers.find((paper) => paper.id === ONE_BYTE)).toMatchObject({ note: 'Compare with DiLoCo', tags: ['decentralized'] });

  // Wipe from the options page: backup offered first, then typed confirmation.
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await options.getByRole('button', { name: 'Wipe library…' }).click();
  await options.getByRole('button', { name: 'Continue without a backup' }).click();
  const wipe = options.getByRole('button', { name: 'Wipe library', exact: true });
  await expect(wipe).toBeDisabled();
  await options.getByLabel(/Type wipe my library to confirm/).fill('wipe my library');
  await wipe.click();
  await expect(options.getByText(/Library wiped: \d+ papers/)).toBeVisible();

  // The open reading list follows the background's writes, then gets everything back from the backup.
  await list.bringToFront();
  await expect(list.getByText('No saved papers yet — save papers on Hugging Face Papers or arXiv')).toBeVisible();
  await list.locator('input[type=file]').setInputFiles(backupPath);
  await expect(list.locator('.import-report')).toContainText('papers added');
  await expect(rows).toHaveCount(2);
  await expect(list.locator('.note-text')).toHaveText('Compare with DiLoCo');
  await expect(list.locator('.paper-tags .chip', { hasText: 'decentralized' })).toHaveCount(2);
  await expect(list.getByRole('button', { name: 'diffusion 1' })).toBeVisible();

  // BibTeX goes through the same worker: TeX rendered off the page, the paper written in one request and listed.
  const references = String.raw`@misc{k, title = {Caf\'e {\"U}ber $\alpha$ Models}, eprint = {2501.09999}, archivePrefix = {arXiv}}`;
  await list.locator('input[type=file]').setInputFiles({ name: 'refs.bib', mimeType: 'application/x-bibtex', buffer: Buffer.from(references) });
  await list.locator('.import-preview').getByRole('button', { name: 'Import 1 paper' }).click();
  await expect(list.locator('.import-report')).toContainText('Imported refs.bib');
  await expect(list.locator('.import-report')).toContainText('1 papers added');
  await expect(list.getByRole('link', { name: 'Café Über α Models' })).toBeVisible();
  expect(consoleLog.errors).toEqual([]);
});
