import type { Page } from '@playwright/test';
import { expect, readFixture, stateOf, test, type FixtureServer } from './extension';
import { inStrip } from './shadow-controls';

/**
 * One paper, SWE-agent (arXiv 2405.15793, NeurIPS 2024), on five pages at their real URLs. Only arXiv gives an id;
 * NeurIPS (paper page and year index), the OpenReview forum without External IDs and the Scholar [CITATION] result
 * give only its title, so their cards carry `title:` ids and must still show the arXiv record's state.
 */
const ARXIV_ID = 'arxiv:2405.15793';
const TITLE_ID = 'title:swe-agent-agent-computer-interfaces-enable-automated-software-engineering';
const PAGES = {
  arxiv: { url: 'https://arxiv.org/abs/2405.15793', fixture: 'arxiv/abs-2405.15793.html', cards: 1, id: ARXIV_ID },
  neuripsPaper: {
    url: 'https://proceedings.neurips.cc/paper_files/paper/2024/hash/5a7c947568c1b1328ccc5230172e1e7c-Abstract-Conference.html',
    fixture: 'neurips/paper-2024-5a7c9475.html',
    cards: 1,
    id: TITLE_ID,
  },
  neuripsYear: { url: 'https://proceedings.neurips.cc/paper_files/paper/2024', fixture: 'neurips/year-2024.html', cards: 2, id: TITLE_ID },
  openreview: { url: 'https://openreview.net/forum?id=mXpq6ut8J3', fixture: 'openreview/forum-swe-agent.html', cards: 1, id: TITLE_ID },
  scholar: { url: 'https://scholar.google.com/scholar?q=turboquant', fixture: 'scholar/results-turboquant.html', cards: 4, id: TITLE_ID },
} as const;
type PageKey = keyof typeof PAGES;

function serveAll(server: FixtureServer) {
  for (const entry of Object.values(PAGES)) server.serve(entry.url, entry.fixture);
}

async function open(page: Page, key: PageKey) {
  const entry = PAGES[key];
  await page.goto(entry.url);
  await expect(page.locator('shelfmark-controls')).toHaveCount(entry.cards);
  await expect(page.locator(`[data-shelfmark-id="${entry.id}"]`)).toHaveCount(1);
}

async function save(page: Page, key: PageKey) {
  const { id } = PAGES[key];
  await inStrip(page, id).button('Save', { exact: true }).click();
  await expect.poll(() => inStrip(page, id).button('Saved', { exact: true }).exists()).toBe(true);
}

/** Saved, as the card's state says (a listing may fold a saved card seen before into a stub: no Saved button then). */
async function expectSaved(page: Page, key: PageKey) {
  expect(await stateOf(page, PAGES[key].id)).toContain('saved');
}

test.describe('one record per work across sites, by title', () => {
  test('saved on arXiv shows as saved on its NeurIPS pages, OpenReview forum and Scholar result', async ({ context, server, consoleLog }) => {
    serveAll(server);
    const page = await context.newPage();
    await open(page, 'arxiv');
    await save(page, 'arxiv');
    for (const key of ['neuripsPaper', 'neuripsYear', 'openreview', 'scholar'] as const) {
      await open(page, key);
      await expectSaved(page, key);
    }
    // The other NeurIPS entry and the other Scholar results are other papers.
    await open(page, 'neuripsYear');
    expect(await page.locator('[data-shelfmark-state~="saved"]').count()).toBe(1);
    expect(consoleLog.errors).toEqual([]);
  });

  test('unsaving on the NeurIPS page unsaves the arXiv record: the title-only strip acts on the one record', async ({ context, server }) => {
    serveAll(server);
    const page = await context.newPage();
    await open(page, 'arxiv');
    await save(page, 'arxiv');
    await open(page, 'neuripsPaper');
    await inStrip(page, TITLE_ID).button('Saved', { exact: true }).click();
    await expect.poll(() => inStrip(page, TITLE_ID).button('Save', { exact: true }).exists()).toBe(true);
    await open(page, 'arxiv');
    expect(await stateOf(page, ARXIV_ID)).not.toContain('saved');
  });

  test('saved on NeurIPS shows as saved on arXiv, and stays one record on every page after', async ({ context, server }) => {
    serveAll(server);
    const page = await context.newPage();
    await open(page, 'neuripsPaper');
    expect(await stateOf(page, TITLE_ID)).not.toContain('saved');
    await save(page, 'neuripsPaper');
    await open(page, 'arxiv');
    await expectSaved(page, 'arxiv');
    // arXiv's sighting folded the title record into the arXiv one: the other title-only pages now meet that record.
    for (const key of ['scholar', 'openreview', 'neuripsYear'] as const) {
      await open(page, key);
      await expectSaved(page, key);
    }
    await open(page, 'arxiv');
    await inStrip(page, ARXIV_ID).button('Saved', { exact: true }).click();
    await expect.poll(() => inStrip(page, ARXIV_ID).button('Save', { exact: true }).exists()).toBe(true);
    await open(page, 'neuripsPaper');
    expect(await stateOf(page, TITLE_ID)).not.toContain('saved');
  });

  test('a change made on arXiv reaches an open NeurIPS tab showing the paper by title', async ({ context, server }) => {
    serveAll(server);
    const arxiv = await context.newPage();
    await open(arxiv, 'arxiv');
    const neurips = await context.newPage();
    await open(neurips, 'neuripsYear');
    expect(await stateOf(neurips, TITLE_ID)).not.toContain('saved');
    await arxiv.bringToFront();
    await save(arxiv, 'arxiv');
    await expect.poll(() => stateOf(neurips, TITLE_ID)).toContain('saved');
  });
});

/**
 * REALM: "REALM: Retrieval-Augmented Language Model Pre-Training" on arXiv (2002.08909), "Retrieval Augmented Language
 * Model Pre-Training" in PMLR 119 (ICML 2020). The title changed, so the title rule keeps two records; the near-duplicate
 * check against papers seen recently folds the PMLR card as seen on arXiv. Pages: the SWE-agent abstract page and the
 * PMLR volume fixture with REALM's entry in place of one of theirs (title, authors, id; the abstract is REALM's first
 * sentence).
 */
const REALM_ARXIV = 'https://arxiv.org/abs/2002.08909';
const REALM_PMLR = 'https://proceedings.mlr.press/v119/';
const REALM_PMLR_ID = 'title:retrieval-augmented-language-model-pre-training';

function realmPages(server: FixtureServer) {
  const abs = readFixture('arxiv/abs-2405.15793.html')
    .replaceAll('2405.15793', '2002.08909')
    .replaceAll('SWE-agent: Agent-Computer Interfaces Enable Automated Software Engineering', 'REALM: Retrieval-Augmented Language Model Pre-Training')
    .replace(/(<meta name="citation_abstract" content=")[^"]*/, '$1Language model pre-training has been shown to capture a surprising amount of world knowledge, crucial for NLP tasks such as question answering.')
    .replace(/(<span class="descriptor">Abstract:<\/span>)[^\n]*/, '$1Language model pre-training has been shown to capture a surprising amount of world knowledge, crucial for NLP tasks such as question answering.');
  const volume = readFixture('pmlr/volume-v267.html')
    .replace('Online Vector Quantization at Scale', 'Retrieval Augmented Language Model Pre-Training')
    .replace('Amir&nbsp;Zandieh,&nbsp;Majid&nbsp;Daliri', 'Kelvin&nbsp;Guu,&nbsp;Kenton&nbsp;Lee,&nbsp;Zora&nbsp;Tung,&nbsp;Panupong&nbsp;Pasupat,&nbsp;Mingwei&nbsp;Chang')
    .replaceAll('zandieh25a', 'guu20a')
    .replaceAll('v267', 'v119');
  server.serveHtml(REALM_ARXIV, abs);
  server.serveHtml(REALM_PMLR, volume);
}

test('a conference version with a changed title is folded as "seen on arXiv as …", the text only in the closed root', async ({ context, server }) => {
  realmPages(server);
  const page = await context.newPage();
  await page.goto(REALM_ARXIV);
  await expect(page.locator('[data-shelfmark-id="arxiv:2002.08909"]')).toHaveCount(1);
  await page.goto(REALM_PMLR);
  await expect(page.locator('shelfmark-controls')).toHaveCount(2);
  await expect.poll(() => stateOf(page, REALM_PMLR_ID)).toContain('similar');
  expect(await stateOf(page, REALM_PMLR_ID)).not.toContain('seen');
  await expect(page.locator(`[data-shelfmark-id="${REALM_PMLR_ID}"]`)).toHaveAttribute('data-shelfmark-collapsed', '');
  await expect.poll(() => inStrip(page, REALM_PMLR_ID).text()).toMatch(/seen on arXiv as “REALM: Retrieval-Augmented Language Model Pre-Training”/i);
  // The arXiv title is in no page-reachable DOM: not in the light DOM, not in any attribute.
  expect(await page.content()).not.toContain('REALM');
  // The other paper on the volume is not folded.
  expect(await stateOf(page, 'title:accelerating-regression-tasks-with-quantum-algorithms')).toEqual([]);
});
