import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ShelfmarkDb } from '../../lib/db';
import { syncCards } from '../../lib/library';
import type { PageView, ScrapedPaper } from '../../lib/paper';
import { buildExport } from '../../lib/reading-list/export-file';
import { SearchSession } from '../../lib/search/session';
import { SimilarPapers } from '../../lib/similar-papers';

const view: PageView = { viewId: 'v1', site: 'hf', url: 'https://huggingface.co/papers', label: 'HF daily' };
const card = (n: number, title: string): ScrapedPaper => ({
  id: `arxiv:2501.0000${n}`,
  title,
  authors: ['Ada Lovelace'],
  abstract: 'We study sparse attention for long documents with a learned router over memory blocks.',
  url: `https://huggingface.co/papers/2501.0000${n}`,
});

/** Rows written straight into IndexedDB, past every check Shelfmark makes when it writes. */
function writeRaw(name: string, rows: object[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const transaction = open.result.transaction('papers', 'readwrite');
      for (const row of rows) transaction.objectStore('papers').put(row);
      transaction.oncomplete = () => {
        open.result.close();
        resolve();
      };
      transaction.onerror = () => reject(transaction.error);
    };
  });
}

const MALFORMED = [
  { id: 'arxiv:2501.00001', title: 42, authors: 'Mallory', tags: null, note: { x: 1 }, savedAt: 5, dismissedAt: null, url: 7, edited: null, seenCount: 'x', updatedAt: 1, abstract: ['not', 'text'] },
  { id: 'arxiv:2501.00002', savedAt: 'yesterday', dismissedAt: 3, tags: ['ok', 3] },
];

describe('malformed stored records', () => {
  let db: ShelfmarkDb;
  let counter = 0;
  beforeEach(async () => {
    db = new ShelfmarkDb(`malformed-${++counter}`);
    await db.open();
    db.close();
    await writeRaw(db.name, MALFORMED);
    await db.open();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await db.delete();
  });

  it('pages still sync, with the similar-papers index built over them (after a restart)', async () => {
    const similar = new SimilarPapers(db);
    const papers = [card(1, 'Sparse routing'), card(2, 'Another'), card(3, 'A fresh paper on sparse attention routers')];
    const states = await similar.annotate(papers, await syncCards(db, view, papers, 10));
    expect(states.map((state) => state.id)).toEqual(papers.map((paper) => paper.id));
    expect(states[0]).toMatchObject({ savedAt: 5, tags: [], note: '' });
    // Said once per paper (the first test to read them).
    expect(vi.mocked(console.warn).mock.calls.some(([message]) => String(message).includes('malformed'))).toBe(true);
  });

  it('the popup still searches, and the reading list still exports them', async () => {
    await syncCards(db, view, [card(3, 'Sparse attention routers')], 10);
    const session = new SearchSession(db);
    const found = await session.search('sparse');
    expect(found.results.map((result) => result.record.id)).toContain('arxiv:2501.00003');
    const recent = await session.recent();
    expect(recent.results.map((result) => result.record.id)).toContain('arxiv:2501.00001');
    const markdown = await buildExport(db, 'markdown', { kind: 'library' }, new Date(0));
    expect(markdown.content).toContain('arxiv:2501.00001'.slice(6));
  });

  it('reads repaired fields and says so', async () => {
    const record = await db.papers.get('arxiv:2501.00001');
    expect(record).toMatchObject({ title: 'arxiv:2501.00001', authors: [], tags: [], note: '', url: '', abstract: undefined, edited: {} });
    const second = await db.papers.get('arxiv:2501.00002');
    expect(second).toMatchObject({ savedAt: null, dismissedAt: 3, tags: ['ok'] });
  });
});
