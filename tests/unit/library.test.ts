import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ShelfmarkDb } from '../../lib/db';
import { changePaper, changePapers, libraryStats, syncCards, tagCounts, UnknownPaperError } from '../../lib/library';
import type { PageView, PaperChange, ScrapedPaper } from '../../lib/paper';
import { SAME_PAGE_GRACE_MS } from '../../lib/seen';

const sync = syncCards;

let db: ShelfmarkDb;
let counter = 0;
beforeEach(async () => {
  db = new ShelfmarkDb(`library-test-${++counter}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const paper = (n: number, extra: Partial<ScrapedPaper> = {}): ScrapedPaper => ({
  id: `arxiv:2501.0000${n}`,
  title: `Paper ${n}`,
  authors: ['Ada Lovelace'],
  url: `https://huggingface.co/papers/2501.0000${n}`,
  ...extra,
});

const view = (viewId: string, url = 'https://huggingface.co/papers/date/2026-10-02'): PageView => ({
  viewId,
  site: 'hf',
  url,
  label: 'HF daily 2026-10-02',
});

const T0 = Date.UTC(2026, 9, 2, 9);

describe('syncCards', () => {
  it('records every card as seen and answers states in the order given', async () => {
    const states = await sync(db, view('v1'), [paper(1), paper(2), paper(1)], T0);
    expect(states.map((s) => s.id)).toEqual(['arxiv:2501.00001', 'arxiv:2501.00002', 'arxiv:2501.00001']);
    expect(states.every((s) => s.earlierSighting === null && s.savedAt === null)).toBe(true);
    const record = await db.papers.get('arxiv:2501.00001');
    expect(record).toMatchObject({ seenCount: 1, firstSeenAt: T0, lastSeenAt: T0, title: 'Paper 1' });
    expect(await db.sightings.where('paperId').equals('arxiv:2501.00001').count()).toBe(1);
  });

  it('counts a page view once however often it re-renders, and never as seen before itself', async () => {
    await sync(db, view('v1'), [paper(1)], T0);
    const again = await sync(db, view('v1'), [paper(1)], T0 + 1000);
    expect(again[0].earlierSighting).toBeNull();
    expect((await db.papers.get('arxiv:2501.00001'))?.seenCount).toBe(1);
  });

  it('marks a paper seen when an earlier view was another page', async () => {
    await sync(db, view('v1'), [paper(1)], T0);
    const [state] = await sync(db, view('v2', 'https://huggingface.co/papers/trending'), [paper(1)], T0 + 60_000);
    expect(state.earlierSighting).toMatchObject({ viewId: 'v1', label: 'HF daily 2026-10-02', at: T0 });
    expect((await db.papers.get('arxiv:2501.00001'))?.seenCount).toBe(2);
  });

  it('does not mark a reload of the same page as seen, but does after the grace period', async () => {
    await sync(db, view('v1'), [paper(1)], T0);
    const [reload] = await sync(db, view('v2'), [paper(1)], T0 + 5 * 60_000);
    expect(reload.earlierSighting).toBeNull();
    const [later] = await sync(db, view('v3'), [paper(1)], T0 + SAME_PAGE_GRACE_MS + 1);
    expect(later.earlierSighting?.viewId).toBe('v1');
  });

  it('merges richer metadata from later pages without dropping what is known', async () => {
    await sync(db, view('v1'), [paper(1, { abstract: 'Short.', authors: ['A'] })], T0);
    await sync(db, view('v2'), [paper(1, { abstract: undefined, authors: ['A', 'B', 'C'], published: '2025-01-02' })], T0 + 1);
    const record = await db.papers.get('arxiv:2501.00001');
    expect(record).toMatchObject({ abstract: 'Short.', authors: ['A', 'B', 'C'], published: '2025-01-02' });
  });
});

describe('changePaper', () => {
  it('saves, tags, notes and dismisses, stamping each field edit', async () => {
    await sync(db, view('v1'), [paper(1)], T0);
    await changePaper(db, 'arxiv:2501.00001', { kind: 'save', saved: true }, T0 + 1);
    await changePaper(db, 'arxiv:2501.00001', { kind: 'tags', tags: [' RL ', 'rl', 'Large  Models', ''] }, T0 + 2);
    await changePaper(db, 'arxiv:2501.00001', { kind: 'note', note: '  read §3  ' }, T0 + 3);
    const record = await changePaper(db, 'arxiv:2501.00001', { kind: 'dismiss', dismissed: true }, T0 + 4);
    expect(record).toMatchObject({ savedAt: T0 + 1, tags: ['rl', 'large models'], note: 'read §3', dismissedAt: T0 + 4 });
    expect(record.edited).toEqual({ savedAt: T0 + 1, tags: T0 + 2, note: T0 + 3, dismissedAt: T0 + 4 });
    const undone = await changePaper(db, 'arxiv:2501.00001', { kind: 'dismiss', dismissed: false }, T0 + 5);
    expect(undone.dismissedAt).toBeNull();
  });

  it('creates a record from the clicked card when the paper is unknown, and refuses without one', async () => {
    const record = await changePaper(db, 'arxiv:2501.00009', { kind: 'save', saved: true }, T0, paper(9));
    expect(record).toMatchObject({ title: 'Paper 9', savedAt: T0, seenCount: 0 });
    await expect(changePaper(db, 'arxiv:2501.00008', { kind: 'save', saved: true }, T0)).rejects.toBeInstanceOf(UnknownPaperError);
  });

  it('applies bulk tag changes to many papers in one transaction, or to none', async () => {
    await sync(db, view('v1'), [paper(1), paper(2)], T0);
    await changePapers(db, ['arxiv:2501.00001', 'arxiv:2501.00002'], { kind: 'add-tags', tags: ['gnn'] }, T0 + 1);
    await changePapers(db, ['arxiv:2501.00001'], { kind: 'remove-tags', tags: ['GNN'] }, T0 + 2);
    expect((await db.papers.get('arxiv:2501.00001'))?.tags).toEqual([]);
    expect((await db.papers.get('arxiv:2501.00002'))?.tags).toEqual(['gnn']);
    await expect(changePapers(db, ['arxiv:2501.00002', 'arxiv:2501.00007'], { kind: 'add-tags', tags: ['x'] }, T0 + 3)).rejects.toThrow();
    expect((await db.papers.get('arxiv:2501.00002'))?.tags).toEqual(['gnn']);
  });
});

describe('tagCounts and libraryStats', () => {
  it('counts tags by use and papers by kind', async () => {
    await sync(db, view('v1'), [paper(1), paper(2), paper(3)], T0);
    await changePaper(db, 'arxiv:2501.00001', { kind: 'tags', tags: ['rl', 'llm'] }, T0);
    await changePaper(db, 'arxiv:2501.00002', { kind: 'tags', tags: ['rl'] }, T0);
    await changePaper(db, 'arxiv:2501.00002', { kind: 'save', saved: true }, T0);
    await changePaper(db, 'arxiv:2501.00003', { kind: 'dismiss', dismissed: true }, T0);
    expect(await tagCounts(db)).toEqual([
      { tag: 'rl', count: 2 },
      { tag: 'llm', count: 1 },
    ]);
    // Tagging saves a paper (lib/annotated.ts): both tagged papers are in the library.
    expect(await libraryStats(db)).toEqual({ saved: 2, tagged: 2, dismissed: 1, seen: 3 });
  });
});

describe('undoing an unsave', () => {
  it('restores the original save time when one is given', async () => {
    await sync(db, view('v1'), [paper(1)], T0);
    await changePaper(db, 'arxiv:2501.00001', { kind: 'save', saved: true }, T0 + 1);
    await changePaper(db, 'arxiv:2501.00001', { kind: 'save', saved: false }, T0 + 2);
    const restored = await changePaper(db, 'arxiv:2501.00001', { kind: 'save', saved: true, at: T0 + 1 }, T0 + 3);
    expect(restored.savedAt).toBe(T0 + 1);
    expect(restored.edited.savedAt).toBe(T0 + 3);
  });
});

describe('durable syncs', () => {
  it('answers once the sightings are stored: the next page view finds them', async () => {
    await syncCards(db, view('v1'), [paper(1)], T0);
    const second = await syncCards(db, view('v2', 'https://huggingface.co/papers/trending'), [paper(1)], T0 + 1);
    expect(second[0].earlierSighting?.viewId).toBe('v1');
    expect(await db.sightings.count()).toBe(2);
  });

  it('a failing write reaches the caller and writes nothing', async () => {
    const failing = vi.spyOn(db.sightings, 'bulkAdd').mockRejectedValueOnce(new Error('QuotaExceededError'));
    await expect(syncCards(db, view('v1'), [paper(1), paper(2)], T0)).rejects.toThrow('QuotaExceededError');
    failing.mockRestore();
    expect(await db.papers.count()).toBe(0);
    expect(await db.sightings.count()).toBe(0);
    // A retry records the cards once.
    await syncCards(db, view('v1'), [paper(1), paper(2)], T0);
    expect(await db.sightings.count()).toBe(2);
    expect((await db.papers.get('arxiv:2501.00001'))?.seenCount).toBe(1);
  });
});

describe('pages fill gaps, they do not overwrite', () => {
  const forged = { title: 'Forged', authors: ['Mallory', 'Eve', 'Trudy'], abstract: 'A much longer forged abstract that replaces the real one.' };

  it('a forged card cannot replace the abstract or authors of a saved paper', async () => {
    await sync(db, view('v1'), [paper(1, { abstract: 'Real.' })], T0);
    await changePaper(db, 'arxiv:2501.00001', { kind: 'save', saved: true }, T0 + 1);
    await sync(db, view('v2', 'https://huggingface.co/papers/trending'), [paper(1, forged)], T0 + 2);
    expect(await db.papers.get('arxiv:2501.00001')).toMatchObject({ title: 'Paper 1', authors: ['Ada Lovelace'], abstract: 'Real.' });
  });

  it.each([
    ['tagged', { kind: 'add-tags', tags: ['rl'] }],
    ['noted', { kind: 'note', note: 'mine' }],
    ['dismissed', { kind: 'dismiss', dismissed: true }],
  ] satisfies Array<[string, PaperChange]>)('nor of a %s one', async (_, change) => {
    await sync(db, view('v1'), [paper(1, { abstract: 'Real.' })], T0);
    await changePaper(db, 'arxiv:2501.00001', change, T0 + 1);
    await sync(db, view('v2', 'https://huggingface.co/papers/trending'), [paper(1, forged)], T0 + 2);
    expect(await db.papers.get('arxiv:2501.00001')).toMatchObject({ authors: ['Ada Lovelace'], abstract: 'Real.' });
  });

  it('fills what an annotated paper lacks', async () => {
    await sync(db, view('v1'), [paper(1)], T0);
    await changePaper(db, 'arxiv:2501.00001', { kind: 'save', saved: true }, T0 + 1);
    await sync(db, view('v2', 'https://huggingface.co/papers/trending'), [paper(1, { abstract: 'Now known.' })], T0 + 2);
    expect((await db.papers.get('arxiv:2501.00001'))?.abstract).toBe('Now known.');
  });

  it("the paper's own page may correct it", async () => {
    await sync(db, view('v1'), [paper(1, { abstract: 'Short.' })], T0);
    await changePaper(db, 'arxiv:2501.00001', { kind: 'save', saved: true }, T0 + 1);
    const own = { ownPage: (id: string) => id === 'arxiv:2501.00001' };
    await sync(db, view('v2', 'https://arxiv.org/abs/2501.00001'), [paper(1, { abstract: 'The full abstract.', authors: ['Ada Lovelace', 'Charles Babbage'] })], T0 + 2, own);
    expect(await db.papers.get('arxiv:2501.00001')).toMatchObject({ abstract: 'The full abstract.', authors: ['Ada Lovelace', 'Charles Babbage'] });
  });

  it('a paper only seen still takes the richer values', async () => {
    await sync(db, view('v1'), [paper(1, { abstract: 'Short.' })], T0);
    await sync(db, view('v2', 'https://huggingface.co/papers/trending'), [paper(1, { abstract: 'A longer abstract.' })], T0 + 2);
    expect((await db.papers.get('arxiv:2501.00001'))?.abstract).toBe('A longer abstract.');
  });
});
