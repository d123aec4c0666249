import type { BrowserContext, Page } from '@playwright/test';
import { cardIds, expect, launchWithExtension, readJsonFixture, serveFixtures, test } from './extension';
import { inBar, inStrip } from './shadow-controls';

interface SequencePage {
  file: string;
  url: string;
}
const sequence = readJsonFixture<SequencePage[]>('hf/sequence.json');
const manifest = readJsonFixture<Record<string, { ids: string[] }>>('hf/manifest.json');
const seeds = readJsonFixture<Array<{ arxivId: string; title: string; abstract: string }>>('seeds/papers.json');
const seedOf = new Map(seeds.map((seed) => [`arxiv:${seed.arxivId}`, seed]));

// The user's topic: the first six papers of the "distributed systems" search whose title says distributed.
const SEARCH = sequence[0];
const saved = [...new Set(manifest[SEARCH.file].ids)].map((id) => `arxiv:${id}`).filter((id) => /distributed/i.test(seedOf.get(id)!.title)).slice(0, 6);
const savedTitles = saved.map((id) => seedOf.get(id)!.title);
// Two daily pages of mixed topics, read one after the other.
const [FIRST_DAY, NEXT_DAY] = [sequence[2], sequence[4]];

function serveAll(server: { serve(url: string, fixture: string): void }) {
  for (const page of sequence) server.serve(page.url, `hf/${page.file}`);
}

async function open(page: Page, listing: SequencePage) {
  await page.goto(listing.url);
  await expect(page.locator('article[data-shelfmark-id] shelfmark-controls')).toHaveCount(manifest[listing.file].ids.length);
}

/** Saves the topic's papers on the search page and tags each "distributed", as a user would. */
async function saveTopic(page: Page) {
  await open(page, SEARCH);
  for (const id of saved) {
    await page.locator(`[data-shelfmark-id="${id}"]`).first().scrollIntoViewIfNeeded();
    const strip = inStrip(page, id);
    await strip.button('Save').click();
    await expect.poll(() => strip.button('Saved').exists()).toBe(true);
    await strip.button('Tag').click();
    await expect.poll(() => strip.combobox('New tag').isFocused()).toBe(true);
    await page.keyboard.type('distributed');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(() => strip.labelled('Tags').text()).toBe('distributed');
  }
}

/** How many cards the bar counts "for you" (once the background answered). */
async function forYouCount(page: Page): Promise<number> {
  const bar = inBar(page);
  await expect.poll(() => bar.region('Shelfmark duplicate filter').text(), { timeout: 20_000 }).toMatch(/\d+ for you/);
  return Number(/(\d+) for you/.exec(await bar.region('Shelfmark duplicate filter').text())![1]);
}

/** The badged cards, read off the page as the user sees them after "Sort by relevance": the first `count` cards. */
async function badgedBySort(page: Page): Promise<string[]> {
  const count = await forYouCount(page);
  await inBar(page).button('Sort by relevance').click();
  await expect.poll(() => inBar(page).button('Original order').exists()).toBe(true);
  return (await cardIds(page, 'article[data-shelfmark-id]')).slice(0, count);
}

const text = (id: string) => `${seedOf.get(id)!.title} ${seedOf.get(id)!.abstract}`;

test.describe('For you', () => {
  test.beforeEach(({ server }) => serveAll(server));

  test('badges the saved topic’s cards with a why, sorts them first and puts every card back', async ({ context, consoleLog }) => {
    const page = await context.newPage();
    await saveTopic(page);
    await open(page, FIRST_DAY);
    const original = await cardIds(page, 'article[data-shelfmark-id]');
    const count = await forYouCount(page);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(original.length / 4);

    // Keyboard: the bar's button in its closed root, focused and pressed.
    await inBar(page).button('Sort by relevance').press('Enter');
    await expect.poll(() => inBar(page).button('Original order').exists()).toBe(true);
    const sorted = await cardIds(page, 'article[data-shelfmark-id]');
    expect([...sorted].sort()).toEqual([...original].sort());
    const badged = sorted.slice(0, count);
    // The cards not for you keep their page order after the badged ones.
    expect(sorted.slice(count)).toEqual(original.filter((id) => !badged.includes(id)));
    expect(await page.locator('article[data-shelfmark-id]').first().getAttribute('data-shelfmark-id')).toBe(badged[0]);

    for (const id of badged) {
      // Every badged card is about training or systems at scale (many machines), and its why names the papers it resembles.
      expect(text(id), id).toMatch(/distribut|parallel|GPUs|clusters/i);
      const strip = inStrip(page, id);
      await expect.poll(() => strip.text()).toContain('For you · like your distributed papers');
      const why = /Like: (.*)$/.exec(await strip.text())?.[1] ?? '';
      const named = savedTitles.filter((title) => why.includes(title));
      expect(named.length, why).toBeGreaterThanOrEqual(2);
    }
    // Not one private word in the page's reachable DOM.
    expect(await page.content()).not.toContain('like your distributed papers');

    await inBar(page).button('Original order').press('Enter');
    await expect.poll(() => cardIds(page, 'article[data-shelfmark-id]')).toEqual(original);
    await expect.poll(() => inBar(page).button('Sort by relevance').exists()).toBe(true);
    expect(await page.content()).not.toContain('shelfmark-slot');
    expect(consoleLog.errors).toEqual([]);
  });

  test('Hide on a badged card lowers similar cards on the next page', async ({ context }) => {
    // The same user twice, in two fresh profiles: one reads on, the other hides a badged card first.
    const readOn = async (browser: BrowserContext, hide: boolean) => {
      const page = await browser.newPage();
      await saveTopic(page);
      await open(page, FIRST_DAY);
      const badged = await badgedBySort(page);
      let hidden: string | null = null;
      if (hide) {
        hidden = badged[0];
        const strip = inStrip(page, hidden);
        await strip.button('Hide').click();
        await expect(page.locator(`[data-shelfmark-id="${hidden}"]`).first()).toHaveAttribute('data-shelfmark-state', /dismissed/);
      }
      await open(page, NEXT_DAY);
      return { hidden, next: await badgedBySort(page) };
    };
    const control = await readOn(context, false);
    const other = await launchWithExtension();
    try {
      serveAll(await serveFixtures(other));
      const { hidden, next } = await readOn(other, true);
      expect(hidden).not.toBeNull();
      expect(control.next.length).toBeGreaterThan(0);
      // Some cards lost their badge after the hide, none gained one.
      expect(next.filter((id) => !control.next.includes(id))).toEqual([]);
      const lowered = control.next.filter((id) => !next.includes(id));
      expect(lowered.length).toBeGreaterThan(0);
      // The hidden card trains large language models on thousands of GPUs; so do the ones it lowered.
      expect(text(hidden!)).toMatch(/LLM/);
      for (const id of lowered) expect(text(id), id).toMatch(/LLM/);
    } finally {
      await other.close();
    }
  });
});
