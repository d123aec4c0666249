import { cardIds, expect, openExtensionPage, readJsonFixture, test } from './extension';
import { inBar } from './shadow-controls';

const daily = readJsonFixture<Record<string, { url: string; ids: string[] }>>('hf/manifest.json')['daily-2026-10-02.html'];

test('switching a site off in Options leaves its pages untouched; switching it on brings the strips back', async ({ context, extensionId, server }) => {
  server.serve(daily.url, 'hf/daily-2026-10-02.html');
  const options = await openExtensionPage(context, extensionId, 'options.html');
  const huggingFace = options.getByRole('switch', { name: 'Hugging Face' });
  await expect(huggingFace).toBeChecked();
  await huggingFace.uncheck();

  const page = await context.newPage();
  await page.goto(daily.url);
  await expect(page.locator('article').first()).toBeVisible();
  await expect(page.locator('shelfmark-controls, shelfmark-bar')).toHaveCount(0);
  expect(await cardIds(page)).toEqual([]);

  await huggingFace.check();
  await page.reload();
  await expect(page.locator('article shelfmark-controls')).toHaveCount(daily.ids.length);

  // The duplicate filter's default, set in Options, is what a page starts with.
  await options.getByRole('radio', { name: /Dim/ }).check();
  await page.reload();
  await expect.poll(() => inBar(page).combobox('Duplicate filter mode').value()).toBe('dim');
});

test('a broken import file is refused with the entry and line named, and nothing is written', async ({ context, extensionId }) => {
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await expect(options.getByText('0 saved, 0 seen, 0 dismissed papers.')).toBeVisible();
  const broken = '@misc{good2025, title = {A fine paper}, eprint = {2501.01234}, archivePrefix = {arXiv}}\n@misc{broken,\n  title = {Never closed\n';
  await options.locator('input[type=file]').setInputFiles({ name: 'broken.bib', mimeType: 'application/x-bibtex', buffer: Buffer.from(broken) });
  // Read entry by entry: the entry that never closes is skipped and named in the preview; Cancel writes nothing.
  await expect(options.locator('.import-preview')).toContainText('1 paper, 1 skipped');
  await options.locator('.import-preview summary').first().click();
  await expect(options.locator('.import-skipped')).toContainText('“broken” (line 2)');
  await options.locator('.import-preview').getByRole('button', { name: 'Cancel' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'cancelled: nothing was written' })).toBeVisible();

  await options.locator('input[type=file]').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"shelfmark-backup","version":99,"papers":[]}') });
  await expect(options.getByRole('alert')).toContainText(/newer/i);
  await options.reload();
  await expect(options.getByText('0 saved, 0 seen, 0 dismissed papers.')).toBeVisible();
});
