import type { Page } from '@playwright/test';
import { cardIds, expect, readJsonFixture, test } from './extension';
import { inBar, inStrip, inStripOf } from './shadow-controls';

interface SequencePage {
  file: string;
  url: string;
}
interface ManifestEntry {
  ids: string[];
}
const sequence = readJsonFixture<SequencePage[]>('hf/sequence.json');
const manifest = readJsonFixture<Record<string, ManifestEntry>>('hf/manifest.json');
const seeds = readJsonFixture<Array<{ arxivId: string; title: string }>>('seeds/papers.json');
const idOf = (titleStart: string) => `arxiv:${seeds.find((paper) => paper.title.startsWith(titleStart))!.arxivId}`;

// The real pair of versions in the seeds: saving one must flag the other, and nothing else.
const FASTER = idOf('Faster k-Medoids Clustering');
const EAGER = idOf('Fast and Eager k-Medoids Clustering');

type Expectation = Map<number, Set<string>>;

/**
 * What each card should carry on page k, worked out from the fixtures alone: seen = on an earlier page of the sequence;
 * repeat = earlier on the same page; similar = the other version of the paper saved on the first page; saved = that paper.
 */
function expectedTokens(k: number): Expectation {
  const earlier = new Set(sequence.slice(0, k).flatMap((page) => manifest[page.file].ids.map((id) => `arxiv:${id}`)));
  const result: Expectation = new Map();
  const onPage = new Set<string>();
  manifest[sequence[k].file].ids.forEach((bare, index) => {
    const id = `arxiv:${bare}`;
    const tokens = new Set<string>();
    if (k > 0 && id === FASTER) tokens.add('saved');
    if (earlier.has(id)) tokens.add('seen');
    if (onPage.has(id)) tokens.add('repeat');
    if (k > 0 && id === EAGER) tokens.add('similar');
    onPage.add(id);
    result.set(index, tokens);
  });
  return result;
}

async function tokensOnPage(page: Page): Promise<Array<Set<string>>> {
  const values = await page
    .locator('article[data-shelfmark-id]')
    .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-shelfmark-state') ?? ''));
  return values.map((value) => new Set(value.split(' ').filter(Boolean)));
}

async function collapsedIndexes(page: Page): Promise<number[]> {
  return page
    .locator('article[data-shelfmark-id]')
    .evaluateAll((cards) => cards.flatMap((card, index) => (card.hasAttribute('data-shelfmark-collapsed') ? [index] : [])));
}

/** Records, on every frame from the very start of the page, which cards had their title painted. */
function recordPaintedTitles() {
  const painted = new Set<string>();
  (window as unknown as { __paintedTitles: Set<string> }).__paintedTitles = painted;
  const tick = () => {
    for (const link of document.querySelectorAll<HTMLElement>('article h3 a[href^="/papers/"]')) {
      if (link.checkVisibility({ visibilityProperty: true })) painted.add(link.getAttribute('href')!.slice('/papers/'.length));
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

async function openPage(page: Page, k: number) {
  await page.goto(sequence[k].url);
  await expect(page.locator('article[data-shelfmark-id] shelfmark-controls')).toHaveCount(manifest[sequence[k].file].ids.length);
}

test.describe('hiding duplicates across a morning of pages', () => {
  test.beforeEach(async ({ server }) => {
    for (const page of sequence) server.serve(page.url, `hf/${page.file}`);
  });

  test('each page marks exactly the cards the sequence implies, and hide mode collapses exactly those', async ({ context, consoleLog }) => {
    const page = await context.newPage();
    await page.addInitScript(recordPaintedTitles);
    for (let k = 0; k < sequence.length; k++) {
      await openPage(page, k);
      expect(await cardIds(page, 'article[data-shelfmark-id]')).toEqual(manifest[sequence[k].file].ids.map((id) => `arxiv:${id}`));
      if (k === 0) {
        // Far down the page its strip is drawn only when scrolled near, as for a reader.
        await page.locator(`[data-shelfmark-id="${FASTER}"]`).first().scrollIntoViewIfNeeded();
        const faster = inStrip(page, FASTER);
        await faster.button('Save').click();
        await expect.poll(() => faster.button('Saved').exists()).toBe(true);
      }
      const expected = expectedTokens(k);
      const actual = await tokensOnPage(page);
      expected.forEach((tokens, index) => {
        const got = new Set([...actual[index]].filter((token) => token !== 'saved' || k > 0));
        expect([...got].sort(), `page ${k} card ${index}`).toEqual([...tokens].sort());
      });

      const duplicates = [...expected].filter(([, tokens]) => tokens.size > 0).map(([index]) => index);
      expect(await collapsedIndexes(page)).toEqual(duplicates);
      if (k > 0) expect(duplicates.length).toBeGreaterThan(0);

      // No flash: a card the filter collapses never had its title painted on this page load.
      const painted = await page.evaluate(() => [...(window as unknown as { __paintedTitles: Set<string> }).__paintedTitles]);
      const collapsedIds = duplicates.map((index) => manifest[sequence[k].file].ids[index]);
      expect(collapsedIds.filter((id) => painted.includes(id))).toEqual([]);
      expect(painted.length).toBeGreaterThan(0);
    }
    expect(consoleLog.errors).toEqual([]);
  });

  test('the bar counts, Show all reveals, the mode persists, and a reload does not mark a page as seen by itself', async ({ context }) => {
    const page = await context.newPage();
    await openPage(page, 0);
    await openPage(page, 1);
    const expected = expectedTokens(1);
    const seenCount = [...expected.values()].filter((tokens) => tokens.has('seen')).length;
    const bar = inBar(page);
    await expect.poll(() => bar.region('Shelfmark duplicate filter').text()).toContain(`${seenCount} already seen — hidden`);

    await bar.button('Show all').press('Enter');
    await expect(page.locator('[data-shelfmark-collapsed]')).toHaveCount(0);
    await expect(page.locator('[data-shelfmark-dimmed]')).toHaveCount(seenCount);
    await bar.button('Hide again').click();
    await expect(page.locator('[data-shelfmark-collapsed]')).toHaveCount(seenCount);

    // Show on one card.
    const firstCollapsed = page.locator('article[data-shelfmark-collapsed]').first();
    const id = await firstCollapsed.getAttribute('data-shelfmark-id');
    const stub = inStripOf(page, 'article[data-shelfmark-collapsed]');
    await expect.poll(() => stub.text()).toMatch(/Seen just now on HF search “distributed systems”/);
    await stub.button('Show').click();
    await expect(page.locator(`article[data-shelfmark-id="${id}"] h3`)).toBeVisible();

    await bar.combobox('Duplicate filter mode').selectOption('Dim');
    await expect(page.locator('[data-shelfmark-collapsed]')).toHaveCount(0);
    await expect(page.locator('[data-shelfmark-dimmed]')).toHaveCount(seenCount);

    // A reload minutes later is the same visit: the same cards are seen as before, nothing more.
    await page.reload();
    await expect(page.locator('article[data-shelfmark-id] shelfmark-controls')).toHaveCount(manifest[sequence[1].file].ids.length);
    await expect.poll(() => inBar(page).combobox('Duplicate filter mode').value()).toBe('dim');
    await expect(page.locator('[data-shelfmark-dimmed]')).toHaveCount(seenCount);
    const tokens = await tokensOnPage(page);
    expect(tokens.filter((set) => set.has('seen'))).toHaveLength(seenCount);

    await inBar(page).combobox('Duplicate filter mode').selectOption('Off');
    await expect(page.locator('[data-shelfmark-dimmed], [data-shelfmark-collapsed]')).toHaveCount(0);
    await openPage(page, 2);
    await expect.poll(() => inBar(page).combobox('Duplicate filter mode').value()).toBe('off');
    await expect(page.locator('[data-shelfmark-collapsed]')).toHaveCount(0);
  });
});
