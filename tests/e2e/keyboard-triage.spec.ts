import { expect, readJsonFixture, stateOf, test } from './extension';
import { inStrip } from './shadow-controls';

interface ManifestEntry {
  url: string;
  ids: string[];
}
const manifest = readJsonFixture<Record<string, ManifestEntry>>('hf/manifest.json');
const daily = manifest['daily-2026-10-02.html'];

test('keyboard triage through a listing: move, save, hide, undo, tag, note, open, help', async ({ context, server, consoleLog }) => {
  server.serve(daily.url, 'hf/daily-2026-10-02.html');
  for (const id of daily.ids) server.serveHtml(`https://huggingface.co/papers/${id}`, '<title>paper</title>');
  const page = await context.newPage();
  await page.goto(daily.url);
  await expect(page.locator('[data-shelfmark-id] shelfmark-controls')).toHaveCount(daily.ids.length);
  const ids = daily.ids.map((id) => `arxiv:${id}`);
  const current = page.locator('[data-shelfmark-current]');

  await page.keyboard.press('j');
  await expect(current).toHaveAttribute('data-shelfmark-id', ids[0]);
  await page.keyboard.press('s');
  await expect.poll(() => stateOf(page, ids[0])).toContain('saved');

  await page.keyboard.press('j');
  await expect(current).toHaveAttribute('data-shelfmark-id', ids[1]);
  await page.keyboard.press('x');
  await expect(page.locator(`article[data-shelfmark-id="${ids[1]}"]`)).toHaveAttribute('data-shelfmark-collapsed', '');
  await page.keyboard.press('u');
  await expect.poll(() => stateOf(page, ids[1])).not.toContain('dismissed');

  await page.keyboard.press('k');
  await expect(current).toHaveAttribute('data-shelfmark-id', ids[0]);
  await page.keyboard.press('t');
  await expect.poll(() => inStrip(page, ids[0]).combobox('New tag').isFocused()).toBe(true);
  await page.keyboard.type('triage');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect.poll(() => inStrip(page, ids[0]).labelled('Tags').text()).toBe('triage');
  // Keys typed into our editors never reached the triage: the tag above did not move the ring or save anything.
  await expect(current).toHaveAttribute('data-shelfmark-id', ids[0]);

  await page.keyboard.press('n');
  await expect.poll(() => inStrip(page, ids[0]).textbox('Note').isFocused()).toBe(true);
  await page.keyboard.type('skim §4 first');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => inStrip(page, ids[0]).labelled('Note').text()).toBe('skim §4 first');

  // Walk the whole page.
  for (let step = 1; step < ids.length; step++) await page.keyboard.press('j');
  await expect(current).toHaveAttribute('data-shelfmark-id', ids[ids.length - 1]);

  const opened = context.waitForEvent('page');
  await page.keyboard.press('o');
  expect((await opened).url()).toBe(`https://huggingface.co/papers/${daily.ids[daily.ids.length - 1]}`);

  await page.bringToFront();
  await page.keyboard.press('?');
  await expect(page.locator('shelfmark-help')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.locator('shelfmark-help')).toHaveCount(0);

  // A page's own text field keeps its keys.
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.id = 'site-search';
    document.body.prepend(input);
  });
  await page.locator('#site-search').fill('');
  await page.locator('#site-search').pressSequentially('jjs');
  await expect(page.locator('#site-search')).toHaveValue('jjs');
  await expect(current).toHaveAttribute('data-shelfmark-id', ids[ids.length - 1]);
  expect(consoleLog.errors).toEqual([]);
});
