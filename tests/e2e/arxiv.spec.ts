import type { Page } from '@playwright/test';
import type { PaperRecord } from '../../lib/paper';
import { cardIds, expect, openExtensionPage, readJsonFixture, stateOf, test } from './extension';
import { inBar, inStrip } from './shadow-controls';

interface ArxivManifestEntry {
  file: string;
  url: string;
  count: number;
  failures: number;
  ids: string[];
}
interface HfManifestEntry {
  url: string;
  ids: string[];
}

const arxiv = readJsonFixture<ArxivManifestEntry[]>('arxiv/manifest.json');
const hf = readJsonFixture<Record<string, HfManifestEntry>>('hf/manifest.json');
const fixture = (file: string) => arxiv.find((entry) => entry.file === file)!;
const NEW = fixture('new-cs.LG.html');
const RECENT = fixture('recent-cs.AI.html');
const ABS = fixture('abs-2505.00398.html');
const ABS_OLD_STYLE = fixture('abs-hep-th_9711200.html');
const HF_DAILY = 'daily-2026-10-02.html';
const hfIds = (file: string) => hf[file].ids.map((id) => `arxiv:${id}`);

/** Where each page shape puts its card roots. */
function rootSelector(entry: ArxivManifestEntry): string {
  if (entry.url.includes('/abs/')) return 'div#abs';
  if (entry.url.includes('/search/')) return 'li.arxiv-result';
  return 'dl > dt';
}

async function open(page: Page, entry: ArxivManifestEntry) {
  await page.goto(entry.url);
  await expect(page.locator('[data-shelfmark-id] shelfmark-controls')).toHaveCount(entry.count);
}

async function openHf(page: Page, file: string) {
  await page.goto(hf[file].url);
  await expect(page.locator('article[data-shelfmark-id] shelfmark-controls')).toHaveCount(hf[file].ids.length);
}

/** Ids, in listing order, of the entries the duplicate filter collapsed. */
async function collapsedEntries(page: Page): Promise<string[]> {
  return page
    .locator('dt[data-shelfmark-id]')
    .evaluateAll((dts) => dts.filter((dt) => dt.hasAttribute('data-shelfmark-collapsed')).map((dt) => dt.getAttribute('data-shelfmark-id') ?? ''));
}

/** The dd that belongs to the listing entry of this paper. */
function ddOf(page: Page, id: string) {
  return page.locator(`dd[data-shelfmark-id="${id}"]`);
}

/** The extension's own messaging API, as an extension page sees it (the page runs in the browser, not in Node). */
interface ExtensionGlobal {
  chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
}

/** Asks the background for a stored record, the way the extension's pages do. */
async function storedPaper(extensionPage: Page, id: string): Promise<{ ok: boolean; value: PaperRecord | null }> {
  return extensionPage.evaluate(
    async (paperId) =>
      (await (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage({
        shelfmark: 'request',
        type: 'paper/get',
        payload: { id: paperId },
      })) as { ok: boolean; value: PaperRecord | null },
    id,
  );
}

test.describe('arXiv pages', () => {
  test.beforeEach(async ({ server }) => {
    for (const entry of arxiv) server.serve(entry.url, `arxiv/${entry.file}`);
    for (const [file, entry] of Object.entries(hf)) server.serve(entry.url, `hf/${file}`);
  });

  test('every fixture gets exactly its manifest cards in order, one strip each; malformed entries stay untouched', async ({
    context,
    consoleLog,
  }) => {
    for (const entry of arxiv) {
      // A fresh tab per fixture; cards seen on an earlier fixture may fold, but they keep their strip.
      const page = await context.newPage();
      await open(page, entry);
      const roots = rootSelector(entry);
      expect(await cardIds(page, `${roots}[data-shelfmark-id]`), entry.file).toEqual(entry.ids);
      const strips = await page
        .locator(`${roots}[data-shelfmark-id]`)
        .evaluateAll((elements) => elements.map((element) => element.querySelectorAll(':scope > shelfmark-controls').length));
      expect(strips, entry.file).toEqual(entry.ids.map(() => 1));

      if (roots === 'dl > dt') {
        // Both halves of a listing entry carry the attributes; the strip lives in the dt only.
        expect(await cardIds(page, 'dl > dd[data-shelfmark-id]'), entry.file).toEqual(entry.ids);
        expect(await cardIds(page), entry.file).toEqual(entry.ids.flatMap((id) => [id, id]));
        await expect(page.locator('dd shelfmark-controls')).toHaveCount(0);
        const untouched = page.locator('dl > dt:not([data-shelfmark-id])');
        await expect(untouched, entry.file).toHaveCount(entry.failures);
        await expect(page.locator('dl > dd:not([data-shelfmark-id])'), entry.file).toHaveCount(
          entry.file === NEW.file ? 1 : 0, // the entry without an abstract link; the other broken entry has no dd
        );
        for (const dt of await untouched.all()) {
          await expect(dt.locator('shelfmark-controls')).toHaveCount(0);
          expect(await dt.getAttribute('data-shelfmark-state')).toBeNull();
          await expect(dt).toBeVisible();
        }
      } else {
        await expect(page.locator('[data-shelfmark-id]')).toHaveCount(entry.count);
      }
      await page.close();
    }
    expect(consoleLog.errors).toEqual([]);
  });

  test('save, tag, note, hide and undo on a listing entry; a hidden dt+dd pair folds to a stub', async ({ context, consoleLog }) => {
    const page = await context.newPage();
    await open(page, NEW);
    const id = NEW.ids[1];
    const controls = inStrip(page, id);

    await controls.button('Save').click();
    await expect.poll(() => controls.button('Saved').attribute('aria-pressed')).toBe('true');
    expect(await stateOf(page, id)).toContain('saved');
    // The dd carries the same state as its dt.
    expect((await ddOf(page, id).getAttribute('data-shelfmark-state'))?.split(' ')).toContain('saved');

    await controls.button('Tag').click();
    const tagInput = controls.combobox('New tag');
    await tagInput.fill('Data Engineering');
    await tagInput.press('Enter');
    await tagInput.fill('survey');
    await tagInput.press('Enter');
    await tagInput.press('Escape');
    await expect.poll(() => controls.labelled('Tags').text()).toMatch(/data engineering\s*survey/);

    await controls.button('Note').click();
    await controls.textbox('Note').fill('Read §3 <i>before</i> the talk');
    await controls.button('Save note').click();
    await expect.poll(() => controls.labelled('Note').text()).toBe('Read §3 <i>before</i> the talk');

    const dt = page.locator(`dt[data-shelfmark-id="${id}"]`);
    const dd = ddOf(page, id);
    const title = dd.locator('div.list-title');
    await controls.button('Hide').click();
    await expect(dt).toHaveAttribute('data-shelfmark-collapsed', '');
    await expect(dd).toHaveAttribute('data-shelfmark-collapsed', '');
    await expect(dd).toBeHidden();
    await expect(dt.locator('a[title="Abstract"]')).toBeHidden();
    await expect(dt.locator('shelfmark-controls')).toBeVisible();
    await expect.poll(() => controls.button('Undo').isFocused()).toBe(true);
    expect(await stateOf(page, id)).toContain('dismissed');

    await controls.button('Undo').click();
    await expect(dt).not.toHaveAttribute('data-shelfmark-collapsed', '');
    await expect(dd).not.toHaveAttribute('data-shelfmark-collapsed', '');
    await expect(title).toBeVisible();
    expect(await stateOf(page, id)).not.toContain('dismissed');

    await controls.button('Hide').click();
    await expect(dd).toBeHidden();
    await controls.button('Show').click();
    await expect(title).toBeVisible();
    await controls.button('Undo').click();
    await expect(dt).not.toHaveAttribute('data-shelfmark-collapsed', '');

    // Neighbours are untouched by all of this.
    expect(await stateOf(page, NEW.ids[0])).toEqual([]);
    await expect(ddOf(page, NEW.ids[2])).toBeVisible();

    await page.reload();
    await expect(page.locator('[data-shelfmark-id] shelfmark-controls')).toHaveCount(NEW.count);
    const reloaded = inStrip(page, id);
    await expect.poll(() => reloaded.button('Saved').exists()).toBe(true);
    await expect.poll(() => reloaded.labelled('Tags').text()).toMatch(/data engineering\s*survey/);
    await expect.poll(() => reloaded.labelled('Note').text()).toBe('Read §3 <i>before</i> the talk');
    await expect(page.locator('[data-shelfmark-collapsed]')).toHaveCount(0);
    expect(consoleLog.errors).toEqual([]);
  });

  test('a paper saved on arXiv shows as saved on Hugging Face', async ({ context, consoleLog }) => {
    const shared = NEW.ids.filter((id) => hfIds(HF_DAILY).includes(id));
    expect(shared.length).toBeGreaterThan(1);
    const [savedId, otherId] = shared;

    const page = await context.newPage();
    await open(page, NEW);
    await inStrip(page, savedId).button('Save').click();
    await expect.poll(() => inStrip(page, savedId).button('Saved').exists()).toBe(true);

    await openHf(page, HF_DAILY);
    expect(await stateOf(page, savedId)).toEqual(['saved', 'seen']);
    // Saved on another page view: hide mode folds it, the stub says why, Show brings back the saved strip.
    const card = page.locator(`article[data-shelfmark-id="${savedId}"]`);
    await expect(card).toHaveAttribute('data-shelfmark-collapsed', '');
    const controls = inStrip(page, savedId);
    await expect.poll(() => controls.part('reason').text()).toBe('Saved');
    await controls.button('Show').click();
    await expect.poll(() => controls.button('Saved').attribute('aria-pressed')).toBe('true');
    // A paper that was only listed on arXiv is seen there, not saved.
    expect(await stateOf(page, otherId)).toEqual(['seen']);
    expect(consoleLog.errors).toEqual([]);
  });

  test('a paper saved on Hugging Face shows as saved on its arXiv abstract page and in the listing', async ({ context, consoleLog }) => {
    const id = ABS.ids[0];
    expect(hfIds(HF_DAILY)).toContain(id);
    expect(NEW.ids).toContain(id);

    const page = await context.newPage();
    await openHf(page, HF_DAILY);
    await inStrip(page, id).button('Save').click();
    await expect.poll(() => inStrip(page, id).button('Saved').exists()).toBe(true);

    await open(page, ABS);
    expect(await stateOf(page, id)).toEqual(['saved', 'seen']);
    await expect(page.locator('div#abs')).not.toHaveAttribute('data-shelfmark-collapsed', '');
    await expect.poll(() => inStrip(page, id).button('Saved').attribute('aria-pressed')).toBe('true');

    await open(page, NEW);
    expect(await stateOf(page, id)).toEqual(['saved', 'seen']);
    await expect(ddOf(page, id)).toBeHidden();
    await expect.poll(() => inStrip(page, id).part('reason').text()).toBe('Saved');
    expect(consoleLog.errors).toEqual([]);
  });

  test('replacements and cross-lists of papers seen on another page are marked seen and folded like duplicates', async ({
    context,
    consoleLog,
  }) => {
    const page = await context.newPage();
    const visited = [HF_DAILY, 'sequence-2.html'];
    for (const file of visited) await openHf(page, file);
    const seenElsewhere = new Set(visited.flatMap(hfIds));

    await open(page, NEW);
    const sections = await page.locator('dt[data-shelfmark-id]').evaluateAll((dts) =>
      dts.map((dt) => {
        const text = dt.textContent ?? '';
        return /\(replaced\)/.test(text) ? 'replacement' : /cross-list from/.test(text) ? 'cross-list' : 'new';
      }),
    );
    const expected = NEW.ids.filter((id) => seenElsewhere.has(id));
    const kinds = new Set(expected.map((id) => sections[NEW.ids.indexOf(id)]));
    // The fixtures are chosen so each kind of entry has a paper seen on Hugging Face.
    expect([...kinds].sort()).toEqual(['cross-list', 'new', 'replacement']);

    expect(await collapsedEntries(page)).toEqual(expected);
    for (const id of NEW.ids) {
      expect(await stateOf(page, id), id).toEqual(seenElsewhere.has(id) ? ['seen'] : []);
    }
    const replacement = expected.find((id) => sections[NEW.ids.indexOf(id)] === 'replacement')!;
    const crossList = expected.find((id) => sections[NEW.ids.indexOf(id)] === 'cross-list')!;
    for (const id of [replacement, crossList]) {
      const controls = inStrip(page, id);
      await expect(ddOf(page, id)).toBeHidden();
      await expect.poll(() => controls.part('reason').text()).toMatch(/^Seen .* on HF /);
      await controls.button('Show').click();
      await expect(ddOf(page, id).locator('div.list-title')).toBeVisible();
    }
    const bar = inBar(page);
    await expect.poll(() => bar.region('Shelfmark duplicate filter').text()).toContain(`${expected.length} already seen`);
    expect(consoleLog.errors).toEqual([]);
  });

  test('a 500-entry listing: the first screen is annotated first, the rest in idle time, duplicates far down folded too', async ({
    context,
    consoleLog,
  }) => {
    const LONG = fixture('generated/pastweek-cs.LG-500.html');
    const page = await context.newPage();
    await openHf(page, HF_DAILY);
    const seenOnHf = new Set(hfIds(HF_DAILY));
    const deep = LONG.ids.filter((id, index) => index >= 40 && seenOnHf.has(id));
    // The generated listing repeats the seed papers, so papers from the daily page sit far below the first screen.
    expect(deep.length).toBeGreaterThan(5);
    const saved = deep[deep.length - 1];
    const hfStrip = inStrip(page, saved);
    await hfStrip.button('Save').click();
    await expect.poll(() => hfStrip.button('Saved').exists()).toBe(true);

    await open(page, LONG);
    const expected = LONG.ids.filter((id) => seenOnHf.has(id));
    const collapsed = await collapsedEntries(page);
    expect(collapsed.filter((id) => seenOnHf.has(id))).toEqual(expected);
    // The listing repeats seed papers under new ids: those repeating a paper of the daily page are other versions of a
    // paper seen on Hugging Face, folded as such (lib/similar-papers.ts).
    for (const id of collapsed.filter((id) => !seenOnHf.has(id))) {
      expect(await stateOf(page, id)).toEqual(['similar']);
      await expect.poll(() => inStrip(page, id).part('reason').text()).toMatch(/^seen on Hugging Face as “/i);
    }
    expect(await stateOf(page, saved)).toEqual(['saved', 'seen']);
    await expect.poll(() => inBar(page).region('Shelfmark duplicate filter').text()).toContain(
      `${expected.length - 1} already seen · 1 saved`,
    );
    // One batched request for the first screen and one for the rest; the rest mounted in idle slices after it.
    const measures = await page.evaluate(() =>
      performance.getEntriesByType('measure').map((entry) => ({ name: entry.name, at: entry.startTime })),
    );
    const named = (name: string) => measures.filter((entry) => entry.name === `shelfmark:${name}`);
    expect(named('first-screen:send')).toHaveLength(1);
    expect(named('rest:send')).toHaveLength(1);
    expect(named('rest:mount').length).toBeGreaterThan(0);
    expect(Math.min(...named('rest:mount').map((entry) => entry.at))).toBeGreaterThan(named('first-screen:mount')[0].at);
    expect(consoleLog.errors).toEqual([]);
  });

  test('the listing stores categories, comments and journal ref with each paper', async ({ context, extensionId }) => {
    const page = await context.newPage();
    await open(page, NEW);
    const options = await openExtensionPage(context, extensionId, 'options.html');

    const survey = await storedPaper(options, 'arxiv:cs/9605103');
    expect(survey.ok).toBe(true);
    expect(survey.value?.arxiv).toEqual({
      primaryCategory: 'cs.AI',
      categories: ['cs.AI', 'cs.LG'],
      comments: 'See http://www.jair.org/ for any accompanying files',
      journalRef: 'Journal of Artificial Intelligence Research, Vol 4, (1996), 237-285',
      listing: 'replacement',
    });

    // A cross-list: its primary category is the one it was cross-listed from.
    const crossList = await storedPaper(options, 'arxiv:2511.05246');
    expect(crossList.value?.arxiv).toEqual({ primaryCategory: 'stat.ML', categories: ['stat.ML', 'cs.LG'], listing: 'cross-list' });

    const withLink = await storedPaper(options, 'arxiv:2505.00398');
    expect(withLink.value?.arxiv).toEqual({
      primaryCategory: 'cs.LG',
      categories: ['cs.LG', 'cs.AI', 'cs.CL'],
      comments: 'Survey; project page at https://github.com/example/llm-x-data',
      listing: 'new',
    });

    expect((await storedPaper(options, 'arxiv:2099.99999')).value).toBeNull();
  });

  test('the abstract page: strip under the title, marked but never folded when seen before', async ({ context, consoleLog }) => {
    const page = await context.newPage();
    await open(page, NEW);
    await open(page, RECENT);

    for (const entry of [ABS, ABS_OLD_STYLE]) {
      await open(page, entry);
      const id = entry.ids[0];
      const abs = page.locator('div#abs');
      await expect(abs).toHaveAttribute('data-shelfmark-id', id);
      // The strip sits in the header, right after the title.
      const following = await page.locator('div#abs > h1.title').evaluate((title) => title.nextElementSibling?.tagName.toLowerCase());
      expect(following).toBe('shelfmark-controls');
      await expect(abs).not.toHaveAttribute('data-shelfmark-collapsed', '');
      await expect(page.locator('blockquote.abstract')).toBeVisible();
      await expect.poll(() => inStrip(page, id).button('Save').exists()).toBe(true);
    }
    // 2505.00398 was on the listings visited before; the old-style id was not.
    expect(await stateOf(page, ABS_OLD_STYLE.ids[0])).toEqual([]);
    await open(page, ABS);
    expect(await stateOf(page, ABS.ids[0])).toEqual(['seen']);
    await expect(page.locator('div#abs')).not.toHaveAttribute('data-shelfmark-collapsed', '');
    await expect(page.locator('div#abs h1.title')).toBeVisible();
    expect(consoleLog.errors).toEqual([]);
  });
});
