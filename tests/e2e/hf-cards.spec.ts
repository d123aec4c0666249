import type { Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cardIds, expect, launchWithExtension, readJsonFixture, serveFixtures, stateOf, test } from './extension';
import { inStrip } from './shadow-controls';

interface ManifestEntry {
  url: string;
  ids: string[];
  afterWeeklyClick?: { url: string; ids: string[] };
}
const manifest = readJsonFixture<Record<string, ManifestEntry>>('hf/manifest.json');
const daily = manifest['daily-2026-10-02.html'];
const arxivIds = (ids: string[]) => ids.map((id) => `arxiv:${id}`);

async function open(page: Page, file: string) {
  await page.goto(manifest[file].url);
  await expect(page.locator('[data-shelfmark-id] shelfmark-controls')).toHaveCount(manifest[file].ids.length);
}

test.describe('Hugging Face Papers cards', () => {
  test.beforeEach(async ({ server }) => {
    for (const [file, entry] of Object.entries(manifest)) server.serve(entry.url, `hf/${file}`);
  });

  test('every card on daily, trending and search pages gets one strip and its id', async ({ context, consoleLog }) => {
    const page = await context.newPage();
    for (const file of ['daily-2026-10-02.html', 'trending.html', 'search-distributed.html']) {
      await open(page, file);
      expect(await cardIds(page, 'article[data-shelfmark-id]')).toEqual(arxivIds(manifest[file].ids));
      for (const article of await page.locator('article').all()) {
        await expect(article.locator('shelfmark-controls')).toHaveCount(1);
      }
    }
    expect(consoleLog.errors).toEqual([]);
  });

  test('save, tag, note, hide and undo; state survives a reload', async ({ context, consoleLog }) => {
    const page = await context.newPage();
    await open(page, 'daily-2026-10-02.html');
    const [first, second] = arxivIds(daily.ids);
    const controls = inStrip(page, first);

    await controls.button('Save').click();
    await expect.poll(() => controls.button('Saved').attribute('aria-pressed')).toBe('true');
    expect(await stateOf(page, first)).toContain('saved');

    await controls.button('Tag').click();
    const tagInput = controls.combobox('New tag');
    await expect.poll(() => tagInput.isFocused()).toBe(true);
    await page.keyboard.type('Reinforcement Learning');
    await page.keyboard.press('Enter');
    await page.keyboard.type('llm');
    await page.keyboard.press('Enter');
    await page.keyboard.type('to-remove');
    await page.keyboard.press('Enter');
    await expect.poll(() => controls.button('Remove tag to-remove').exists()).toBe(true);
    await page.keyboard.press('Backspace');
    await expect.poll(() => controls.button('Remove tag to-remove').exists()).toBe(false);
    await page.keyboard.press('Escape');
    await expect.poll(() => controls.labelled('Tags').text()).toMatch(/reinforcement learning\s*llm/);

    // Autocomplete on another card offers the tags already used.
    const other = inStrip(page, second);
    await other.button('Tag').click();
    await other.combobox('New tag').fill('rein');
    await expect.poll(() => other.option('reinforcement learning').exists()).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(() => other.labelled('Tags').text()).toBe('reinforcement learning');

    await controls.button('Note').click();
    await controls.textbox('Note').fill('Compare with <b>PPO</b> baseline');
    await controls.button('Save note').click();
    await expect.poll(() => controls.labelled('Note').text()).toBe('Compare with <b>PPO</b> baseline');

    await controls.button('Hide').click();
    const card = page.locator(`article[data-shelfmark-id="${first}"]`);
    await expect(card).toHaveAttribute('data-shelfmark-collapsed', '');
    await expect(card.locator('h3')).toBeHidden();
    await expect.poll(() => controls.button('Undo').isFocused()).toBe(true);
    await controls.button('Undo').click();
    await expect(card).not.toHaveAttribute('data-shelfmark-collapsed', '');
    await expect(card.locator('h3')).toBeVisible();

    await controls.button('Hide').click();
    await expect(card).toHaveAttribute('data-shelfmark-collapsed', '');
    await controls.button('Show').click();
    await expect(card.locator('h3')).toBeVisible();
    expect(await stateOf(page, first)).toContain('dismissed');
    await controls.button('Undo').click();
    await expect.poll(() => stateOf(page, first)).not.toContain('dismissed');

    await page.reload();
    await expect(page.locator('article shelfmark-controls')).toHaveCount(daily.ids.length);
    const reloaded = inStrip(page, first);
    await expect.poll(() => reloaded.button('Saved').exists()).toBe(true);
    await expect.poll(() => reloaded.labelled('Tags').text()).toMatch(/reinforcement learning\s*llm/);
    await expect.poll(() => reloaded.labelled('Note').text()).toBe('Compare with <b>PPO</b> baseline');
    // A reload is the same visit: nothing on the page is marked as seen before or folded away.
    expect(await stateOf(page, first)).toEqual(['saved']);
    await expect(page.locator('[data-shelfmark-collapsed]')).toHaveCount(0);
    expect(consoleLog.errors).toEqual([]);
  });

  test('a change in one tab shows at once in another', async ({ context }) => {
    const one = await context.newPage();
    const two = await context.newPage();
    await open(one, 'daily-2026-10-02.html');
    await open(two, 'daily-2026-10-02.html');
    const id = arxivIds(daily.ids)[3];
    await inStrip(one, id).button('Save').click();
    await expect.poll(() => inStrip(two, id).button('Saved').exists()).toBe(true);
    await inStrip(two, id).button('Hide').click();
    await expect(one.locator(`article[data-shelfmark-id="${id}"]`)).toHaveAttribute('data-shelfmark-collapsed', '');
  });

  test('a client-side re-render adds strips to new cards and never doubles one', async ({ context, consoleLog }) => {
    const page = await context.newPage();
    await open(page, 'daily-2026-10-02.html');
    await page.getByRole('button', { name: 'Weekly' }).click();
    const weekly = daily.afterWeeklyClick!;
    await expect(page).toHaveURL(weekly.url);
    await expect(page.locator('article[data-shelfmark-id]')).toHaveCount(weekly.ids.length);
    await expect.poll(() => cardIds(page, 'article[data-shelfmark-id]')).toEqual(arxivIds(weekly.ids));
    for (const article of await page.locator('article').all()) {
      await expect(article.locator('shelfmark-controls')).toHaveCount(1);
    }
    // Papers also on the daily page were seen on another page view: the weekly view marks them.
    const carriedOver = weekly.ids.filter((id) => daily.ids.includes(id));
    expect(carriedOver.length).toBeGreaterThan(0);
    for (const id of carriedOver) expect(await stateOf(page, `arxiv:${id}`)).toContain('seen');
    expect(consoleLog.errors).toEqual([]);
  });

  test("the page's own IndexedDB holds nothing of ours", async ({ context }) => {
    const page = await context.newPage();
    await open(page, 'daily-2026-10-02.html');
    await inStrip(page, arxivIds(daily.ids)[0]).button('Save').click();
    await expect.poll(() => inStrip(page, arxivIds(daily.ids)[0]).button('Saved').exists()).toBe(true);
    const databases = await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name));
    expect(databases).toEqual([]);
  });

  test('malformed cards and broken page data: good cards get controls, the page gets no errors', async ({ context, consoleLog }) => {
    const expected = readJsonFixture<{ goodIds: string[] }>('hf/malformed.json');
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(manifest['malformed.html'].url);
    await expect(page.locator('[data-shelfmark-id] shelfmark-controls')).toHaveCount(expected.goodIds.length);
    expect(await cardIds(page)).toEqual(arxivIds(expected.goodIds));
    expect(pageErrors).toEqual([]);
    expect(consoleLog.errors).toEqual([]);
  });

  test('a page script cannot press our buttons', async ({ context }) => {
    const page = await context.newPage();
    await open(page, 'daily-2026-10-02.html');
    const id = arxivIds(daily.ids)[0];
    await page.evaluate((cardId) => {
      const host = document.querySelector(`[data-shelfmark-id="${cardId}"] shelfmark-controls`);
      host?.shadowRoot?.querySelector<HTMLButtonElement>('button')?.click();
    }, id);
    await page.waitForTimeout(500);
    expect(await stateOf(page, id)).not.toContain('saved');
    await inStrip(page, id).button('Save').click();
    await expect.poll(() => stateOf(page, id)).toContain('saved');
  });

  test('the strip follows the site theme', async ({ context }) => {
    const page = await context.newPage();
    await open(page, 'daily-2026-10-02.html');
    const button = inStrip(page, arxivIds(daily.ids)[0]).button('Tag');
    const background = () => button.style('background-color');
    const light = await background();
    await page.evaluate(() => document.documentElement.classList.add('dark'));
    const dark = await background();
    expect(light).toBe('rgb(255, 255, 255)');
    expect(dark).not.toBe(light);
    await page.screenshot({ path: test.info().outputPath('dark.png') });
  });
});

test('state survives a browser restart', async () => {
  const profile = mkdtempSync(path.join(tmpdir(), 'shelfmark-restart-'));
  const id = arxivIds(daily.ids)[2];
  try {
    const first = await launchWithExtension(profile);
    (await serveFixtures(first)).serve(daily.url, 'hf/daily-2026-10-02.html');
    const page = await first.newPage();
    await open(page, 'daily-2026-10-02.html');
    await inStrip(page, id).button('Save').click();
    await expect.poll(() => inStrip(page, id).button('Saved').exists()).toBe(true);
    await first.close();

    const second = await launchWithExtension(profile);
    (await serveFixtures(second)).serve(daily.url, 'hf/daily-2026-10-02.html');
    const again = await second.newPage();
    await open(again, 'daily-2026-10-02.html');
    await expect.poll(() => inStrip(again, id).button('Saved').exists()).toBe(true);
    await second.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
