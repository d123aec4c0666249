import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ShelfmarkDb } from '../../lib/db';
import { arxivPaperId } from '../../lib/ids';
import { syncCards } from '../../lib/library';
import { createHandlers, dispatch, REBUILD_CACHES_AFTER } from '../../lib/messaging/handlers';
import { ViewLedger, memoryLedgerStore } from '../../lib/messaging/view-ledger';
import type { RelevanceCard } from '../../lib/messaging/relevance';
import type { PageView, ScrapedPaper } from '../../lib/paper';
import { ForYou } from '../../lib/relevance/for-you';
import { SimilarPapers } from '../../lib/similar-papers';

interface SeedPaper {
  arxivId: string;
  title: string;
  abstract: string;
  authors: string[];
}
const seeds = JSON.parse(readFileSync('tests/fixtures/seeds/papers.json', 'utf8')) as SeedPaper[];
const pages = JSON.parse(readFileSync('tests/fixtures/seeds/pages.json', 'utf8')) as Array<{ arxivIds: string[] }>;
const byId = new Map(seeds.map((seed) => [seed.arxivId, seed]));
const scraped = (seed: SeedPaper): ScrapedPaper => ({
  id: arxivPaperId(seed.arxivId),
  title: seed.title,
  abstract: seed.abstract,
  authors: seed.authors,
  url: `https://huggingface.co/papers/${seed.arxivId}`,
});
const card = (paper: ScrapedPaper): RelevanceCard => ({ id: paper.id, title: paper.title, abstract: paper.abstract });
const view: PageView = { viewId: 'v', site: 'hf', url: 'https://huggingface.co/papers?q=k', label: 'HF search' };

// Clustering papers (capture 001) that the distributed-training capture (000) does not show, and the reverse.
const distributedIds = new Set(pages[0].arxivIds);
const clustering = pages[1].arxivIds.filter((id) => !distributedIds.has(id)).map((id) => scraped(byId.get(id)!));
const distributed = pages[0].arxivIds.filter((id) => !pages[1].arxivIds.includes(id)).map((id) => scraped(byId.get(id)!));

let db: ShelfmarkDb;
let n = 0;
beforeEach(() => {
  db = new ShelfmarkDb(`relevance-${++n}`);
});
afterEach(() => db.delete());

function setup() {
  const ledger = new ViewLedger(memoryLedgerStore());
  const replaced: number[] = [];
  const raw = createHandlers({ db, similar: new SimilarPapers(db), forYou: new ForYou(db), ledger, now: () => 1_000, changed: () => {}, settingsChanged: () => {}, libraryReplaced: () => replaced.push(1) });
  const extension = { kind: 'extension' } as const;
  const handlers = {
    'paper/change': (payload: Parameters<typeof raw['paper/change']>[0]) => raw['paper/change'](payload, extension),
    'settings/update': (payload: Parameters<typeof raw['settings/update']>[0]) => raw['settings/update'](payload, extension),
    'library/imported': (payload: Parameters<typeof raw['library/imported']>[0]) => raw['library/imported'](payload, extension),
  };
  const ask = async (cards: unknown) => {
    const answer = await dispatch(raw, { shelfmark: 'request', type: 'cards/relevance', payload: { cards } as never }, extension);
    return answer as { ok: true; value: Array<unknown> } | { ok: false; error: string };
  };
  return { handlers, ask, replaced };
}

describe('cards/relevance in the background', () => {
  it('marks nothing below the minimum saved count, then the saved topic’s cards with the tag and saved papers', async () => {
    const { handlers, ask } = setup();
    const shown = [...clustering.slice(0, 30), ...distributed.slice(0, 30)];
    await syncCards(db, view, shown, 1_000);
    const save = async (paper: ScrapedPaper) => {
      await handlers['paper/change']({ id: paper.id, change: { kind: 'save', saved: true } });
      await handlers['paper/change']({ id: paper.id, change: { kind: 'add-tags', tags: ['clustering'] } });
    };
    for (const paper of clustering.slice(0, 4)) await save(paper);
    const listing = [...clustering.slice(10, 20), ...distributed.slice(10, 20)].map(card);
    const early = await ask(listing);
    expect(early.ok && (early.value as unknown[]).every((mark) => mark === null)).toBe(true);

    for (const paper of clustering.slice(4, 8)) await save(paper);
    const answer = await ask(listing);
    if (!answer.ok) throw new Error(answer.error);
    const marks = answer.value as Array<{ tag: string | null; like: Array<{ title: string }> } | null>;
    const onTopic = marks.slice(0, 10).filter((mark) => mark !== null).length;
    const offTopic = marks.slice(10).filter((mark) => mark !== null).length;
    expect(onTopic).toBeGreaterThan(offTopic);
    const first = marks.find((mark) => mark !== null)!;
    expect(first.tag).toBe('clustering');
    const savedTitles = new Set(clustering.slice(0, 8).map((paper) => paper.title));
    expect(first.like.length).toBeGreaterThan(0);
    for (const like of first.like) expect(savedTitles.has(like.title)).toBe(true);

    // The Options threshold: marking the best 40 % of what is seen marks more of the same listing than the best 10 %.
    await handlers['settings/update']({ relevance: { percent: 40 } });
    const wider = await ask(listing);
    if (!wider.ok) throw new Error(wider.error);
    const count = (values: unknown[]) => values.filter((mark) => mark !== null).length;
    expect(count(wider.value)).toBeGreaterThan(count(marks));
  });

  // An import worker writes the database itself, then tells the background: the model built before must learn of it.
  it.each([
    ['a small import, applied to the model', 0],
    ['a restore past the rebuild bound, read again', REBUILD_CACHES_AFTER + 1],
  ])('marks the topic of papers saved by %s', async (_name, fillers) => {
    const { handlers, ask, replaced } = setup();
    await syncCards(db, view, [...clustering.slice(0, 30), ...distributed.slice(0, 30)], 1_000);
    const listing = [...clustering.slice(10, 20), ...distributed.slice(10, 20)].map(card);
    const before = await ask(listing);
    expect(before.ok && (before.value as unknown[]).every((mark) => mark === null)).toBe(true);

    const saved = (await db.papers.bulkGet(clustering.slice(0, 8).map((paper) => paper.id))).map((record) => ({ ...record!, savedAt: 2_000, updatedAt: 2_000 }));
    const filler = Array.from({ length: fillers }, (_, i) => ({ ...saved[0], id: `doi:10.1000/filler-${i}` as const, title: `Filler ${i}`, abstract: 'Unrelated.', savedAt: null, lastSeenAt: 1 }));
    await db.papers.bulkPut([...saved, ...filler]);
    await handlers['library/imported']({ ids: [...saved, ...filler].map((record) => record.id) });
    // A restore past the bound has the search index rebuilt too.
    expect(replaced.length).toBe(fillers ? 1 : 0);

    const after = await ask(listing);
    if (!after.ok) throw new Error(after.error);
    const marks = after.value as unknown[];
    expect(marks.slice(0, 10).filter((mark) => mark !== null).length).toBeGreaterThan(marks.slice(10).filter((mark) => mark !== null).length);
  });

  it('is off when the setting is off', async () => {
    const { handlers, ask } = setup();
    for (const paper of clustering.slice(0, 8)) {
      await handlers['paper/change']({ id: paper.id, change: { kind: 'save', saved: true }, paper });
    }
    await handlers['settings/update']({ relevance: { enabled: false } });
    const answer = await ask(clustering.slice(10, 20).map(card));
    expect(answer.ok && (answer.value as unknown[]).every((mark) => mark === null)).toBe(true);
  });

  it('rejects a malformed payload from a page instead of scoring it', async () => {
    const { ask } = setup();
    expect(await ask([{ id: 'javascript:alert(1)', title: 'x' }])).toMatchObject({ ok: false });
    expect(await ask([{ id: 'arxiv:2501.01234', title: 7 }])).toMatchObject({ ok: false });
  });
});
