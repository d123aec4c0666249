import type { Page } from '@playwright/test';
import { expect, readFixture, stateOf, test } from './extension';
import { inStrip } from './shadow-controls';

/** Every new page kind, at its real URL, with the number of cards its fixture holds (malformed ones excluded). */
const PAGES: Array<{ url: string; fixture: string; cards: number }> = [
  { url: 'https://huggingface.co/papers/2509.24002', fixture: 'hf-paper/paper-2509.24002.html', cards: 1 },
  { url: 'https://arxiv.org/catchup/cs.LG/2026-06-03?abs=True&page=1', fixture: 'arxiv-catchup/cs.LG-2026-06-03-abs.html', cards: 15 },
  { url: 'https://export.arxiv.org/catchup/cs.LG/2026-06-03?abs=False&page=1', fixture: 'arxiv-catchup/cs.LG-2026-06-03.html', cards: 15 },
  { url: 'https://openreview.net/forum?id=tO3ASKZlok', fixture: 'openreview/forum-tO3ASKZlok.html', cards: 1 },
  { url: 'https://openreview.net/group?id=ICLR.cc/2026/Conference', fixture: 'openreview/group-ICLR2026-rendered.html', cards: 2 },
  { url: 'https://aclanthology.org/volumes/2025.acl-long/', fixture: 'acl/volume-2025.acl-long.html', cards: 2 },
  { url: 'https://aclanthology.org/2023.findings-emnlp.725/', fixture: 'acl/paper-2023.findings-emnlp.725.html', cards: 1 },
  { url: 'https://proceedings.mlr.press/v267/', fixture: 'pmlr/volume-v267.html', cards: 2 },
  { url: 'https://proceedings.mlr.press/v267/liu25bi.html', fixture: 'pmlr/paper-v267-liu25bi.html', cards: 1 },
  { url: 'https://proceedings.neurips.cc/paper_files/paper/2024', fixture: 'neurips/year-2024.html', cards: 2 },
  { url: 'https://proceedings.neurips.cc/paper_files/paper/2024/hash/5a7c947568c1b1328ccc5230172e1e7c-Abstract-Conference.html', fixture: 'neurips/paper-2024-5a7c9475.html', cards: 1 },
  { url: 'https://openaccess.thecvf.com/CVPR2025?day=all', fixture: 'cvf/CVPR2025-day-all.html', cards: 2 },
  { url: 'https://openaccess.thecvf.com/content/CVPR2025/html/Wang_VGGT_Visual_Geometry_Grounded_Transformer_CVPR_2025_paper.html', fixture: 'cvf/paper-Wang_VGGT.html', cards: 1 },
  { url: 'https://scholar.google.com/scholar?q=turboquant', fixture: 'scholar/results-turboquant.html', cards: 4 },
];

const SCHOLAR = PAGES.find((entry) => entry.url.includes('scholar'))!;
const FORUM = PAGES.find((entry) => entry.url.includes('forum'))!;
const TURBOQUANT = 'arxiv:2504.19874';

async function open(page: Page, url: string, cards: number) {
  await page.goto(url);
  await expect(page.locator('shelfmark-controls')).toHaveCount(cards);
}

test.describe('other sites', () => {
  test('strips on every page kind', async ({ context, server, consoleLog }) => {
    for (const entry of PAGES) server.serve(entry.url, entry.fixture);
    const page = await context.newPage();
    for (const entry of PAGES) await open(page, entry.url, entry.cards);
    expect(consoleLog.errors).toEqual([]);
  });

  test('OpenReview venue tabs: strips appear when React renders the list and again after paging', async ({ context, server }) => {
    const url = 'https://openreview.net/group?id=ICLR.cc/2026/Conference';
    server.serve(url, 'openreview/group-ICLR2026-server.html');
    const page = await context.newPage();
    await page.goto(url);
    await expect(page.locator('shelfmark-controls')).toHaveCount(0);
    const rendered = readFixture('openreview/group-ICLR2026-rendered.html');
    const notes = /<div id="notes">[\s\S]*<\/div><\/div><\/div><\/div>/.exec(rendered)![0];
    // As the client does after its API calls: the spinner goes, the tabs come.
    await page.evaluate((html) => {
      document.querySelector('#group-container')!.innerHTML = html;
    }, notes);
    await expect(page.locator('shelfmark-controls')).toHaveCount(2);
    await page.evaluate((html) => {
      document.querySelector('ul.list-paginated')!.innerHTML = html;
    }, readFixture('openreview/group-ICLR2026-page2.html'));
    await expect(page.locator('div.note[data-shelfmark-id] shelfmark-controls')).toHaveCount(2);
    await expect(page.locator('div.note[data-shelfmark-id="title:graph-narrators-for-neural-networks"]')).toHaveCount(1);
  });

  test('a paper saved on its OpenReview forum shows as saved on its Scholar result', async ({ context, server }) => {
    server.serve(FORUM.url, FORUM.fixture);
    server.serve(SCHOLAR.url, SCHOLAR.fixture);
    const page = await context.newPage();
    await open(page, FORUM.url, 1);
    await inStrip(page, TURBOQUANT).button('Save', { exact: true }).click();
    await expect.poll(() => inStrip(page, TURBOQUANT).button('Saved', { exact: true }).exists()).toBe(true);
    await open(page, SCHOLAR.url, SCHOLAR.cards);
    expect(await stateOf(page, TURBOQUANT)).toContain('saved');
  });

  test('a paper saved on its Scholar result shows as saved on its OpenReview forum', async ({ context, server }) => {
    server.serve(FORUM.url, FORUM.fixture);
    server.serve(SCHOLAR.url, SCHOLAR.fixture);
    const page = await context.newPage();
    await open(page, SCHOLAR.url, SCHOLAR.cards);
    expect(await stateOf(page, TURBOQUANT)).not.toContain('saved');
    await inStrip(page, TURBOQUANT).button('Save', { exact: true }).click();
    await expect.poll(() => inStrip(page, TURBOQUANT).button('Saved', { exact: true }).exists()).toBe(true);
    await open(page, FORUM.url, 1);
    expect(await stateOf(page, TURBOQUANT)).toContain('saved');
    await expect.poll(() => inStrip(page, TURBOQUANT).button('Saved', { exact: true }).exists()).toBe(true);
  });

  test('a CVF entry saved on the ?day=all list shows as saved on its paper page (same arXiv id)', async ({ context, server }) => {
    const list = PAGES.find((entry) => entry.url.includes('day=all'))!;
    const paper = PAGES.find((entry) => entry.url.includes('/content/CVPR2025/html/'))!;
    server.serve(list.url, list.fixture);
    server.serve(paper.url, paper.fixture);
    const page = await context.newPage();
    await open(page, list.url, list.cards);
    await inStrip(page, 'arxiv:2503.11651').button('Save', { exact: true }).click();
    await expect.poll(() => inStrip(page, 'arxiv:2503.11651').button('Saved', { exact: true }).exists()).toBe(true);
    await open(page, paper.url, 1);
    expect(await stateOf(page, 'arxiv:2503.11651')).toContain('saved');
  });
});
