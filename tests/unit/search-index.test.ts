import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ShelfmarkDb } from '../../lib/db';
import { changePaper } from '../../lib/library';
import type { PaperRecord } from '../../lib/paper';
import { SEARCH_SCHEMA_VERSION } from '../../lib/search/document';
import { CATCH_UP_OVERLAP_MS, ensureStoredIndex, INDEX_ROWS, loadAbstracts, openIndex, persistIndex, REBUILD_OVER_CHANGES } from '../../lib/search/index-store';
import { BodyRebuild, type PaperIndex } from '../../lib/search/paper-index';
import { parseQuery } from '../../lib/search/query';
import { rankPapers } from '../../lib/search/rank';
import { SearchSession } from '../../lib/search/session';
import { seenRecord } from '../fixtures/library/records';

const T0 = Date.UTC(2026, 9, 1);
let db: ShelfmarkDb;
let counter = 0;

function record(id: string, title: string, updatedAt: number, extra: Partial<PaperRecord> = {}): PaperRecord {
  return seenRecord(id, updatedAt, { title, authors: ['Ana Silva'], abstract: 'An abstract.', ...extra }, { viewId: 'v1' });
}

const found = (index: PaperIndex, input: string) => rankPapers(index, parseQuery(input), 30).hits.map((hit) => hit.id);
const titles = async (session: SearchSession, input: string) => (await session.search(input)).results.map((r) => r.record.title);

beforeEach(async () => {
  db = new ShelfmarkDb(`search-index-test-${++counter}`);
  await db.papers.bulkPut([
    record('2501.00001', 'Pipeline Parallelism at Scale', T0),
    record('2501.00002', 'Reward Models for Reasoning', T0 + 1_000),
  ]);
});

afterEach(async () => {
  await db.delete();
});

describe('index lifecycle', () => {
  it('builds when nothing is stored, then loads the persisted index', async () => {
    const buildStarted = Date.now();
    const first = await openIndex(db);
    await first.stored;
    expect(first.origin).toBe('rebuilt');
    expect(first.index.size).toBe(2);
    await persistIndex(db, first);
    const row = await db.searchIndex.get(INDEX_ROWS.head);
    expect(row?.schemaVersion).toBe(SEARCH_SCHEMA_VERSION);
    // Everything written before the build began (less the overlap) is in it.
    expect(row?.coversUpTo).toBeGreaterThanOrEqual(buildStarted);

    const second = await openIndex(db);

    await second.stored;
    expect(second.origin).toBe('loaded');
    expect(found(second.index, 'pipeline')).toEqual(['arxiv:2501.00001']);
  });

  it('catches up on papers written after the stored index, without rebuilding', async () => {
    await (await openIndex(db)).stored;
    // Written after the build (stamps are the writer's clock).
    const later = Date.now() + 10 * CATCH_UP_OVERLAP_MS;
    await db.papers.put(record('2501.00001', 'Pipeline Parallelism at Scale', later, { tags: ['systems'], savedAt: later }));
    await db.papers.put(record('2501.00003', 'Diffusion Planners', later + 1));

    const opened = await openIndex(db);

    await opened.stored;
    expect(opened.origin).toBe('loaded');
    // The two new writes (the index covers up to when its build began: older papers are not read again).
    expect(opened.caughtUp).toBe(2);
    expect(opened.coversUpTo).toBe(later + 1);
    expect(found(opened.index, 'diffusion')).toEqual(['arxiv:2501.00003']);
    expect(opened.index.metaOf('arxiv:2501.00001')?.t).toEqual(['systems']);
    // The replaced paper is found once, under its new tag too.
    expect(found(opened.index, 'systems')).toEqual(['arxiv:2501.00001']);
    expect(found(opened.index, 'pipeline')).toHaveLength(1);
  });

  it('reads again after a build only what changed from just before it began, not all papers stamped alike', async () => {
    // A restore stamps every paper with one time: re-reading the overlap before the newest stamp re-read them all.
    const opened = await openIndex(db);
    await opened.stored;
    expect(opened.origin).toBe('rebuilt');
    expect(opened.caughtUp).toBe(0);
    await opened.stored;
  });

  it('rebuilds instead of catching up when most of the library changed since it was stored (a restore)', async () => {
    await (await openIndex(db)).stored;
    // The index was stored well before the restore, which stamped every paper it wrote alike.
    const restoredAt = Date.now() - 2 * CATCH_UP_OVERLAP_MS;
    await db.searchIndex.update(INDEX_ROWS.head, { coversUpTo: restoredAt - 10 * CATCH_UP_OVERLAP_MS });
    const restored = Array.from({ length: REBUILD_OVER_CHANGES + 1 }, (_, i) => record(`2502.${String(i).padStart(5, '0')}`, `Restored paper ${i}`, restoredAt));
    await db.papers.bulkPut(restored);
    const opened = await openIndex(db);
    await opened.stored;
    expect(opened.origin).toBe('rebuilt');
    expect(opened.index.size).toBe(restored.length + 2);
    expect(found(opened.index, 'pipeline')).toEqual(['arxiv:2501.00001']);
    await opened.stored;
    // A few changes are still caught up on.
    await db.papers.put(record('2501.00003', 'Diffusion Planners', Date.now()));
    const next = await openIndex(db);
    await next.stored;
    expect(next.origin).toBe('loaded');
    expect(found(next.index, 'diffusion')).toEqual(['arxiv:2501.00003']);
  });

  it('a rebuilt index answers title queries from its head, then indexes the abstracts once for both who ask', async () => {
    const bodyPasses = vi.spyOn(BodyRebuild.prototype, 'finish');
    const opened = await openIndex(db);
    expect(opened.origin).toBe('rebuilt');
    expect(found(opened.index, 'pipeline')).toEqual(['arxiv:2501.00001']);
    expect(opened.index.complete).toBe(false);
    expect(rankPapers(opened.index, parseQuery('abstract'), 30).complete).toBe(false);
    // The popup asks for the abstracts while the build stores the index, which needs them too.
    expect(await loadAbstracts(db, opened)).toBe('rebuilt');
    expect(opened.index.complete).toBe(true);
    expect(found(opened.index, 'abstract').sort()).toEqual(['arxiv:2501.00001', 'arxiv:2501.00002']);
    await opened.stored;
    expect(bodyPasses).toHaveBeenCalledTimes(1);
    // What was stored pairs the head with the abstracts indexed after it.
    const next = await openIndex(db);
    expect(next.origin).toBe('loaded');
    expect(await loadAbstracts(db, next)).toBe('loaded');
    expect(found(next.index, 'abstract').sort()).toEqual(['arxiv:2501.00001', 'arxiv:2501.00002']);
    bodyPasses.mockRestore();
  });

  it('a rebuild indexes papers written while it read the library, with their abstracts', async () => {
    const papers = Array.from({ length: 5_000 }, (_, n) => record(`2502.${String(n).padStart(5, '0')}`, `Archive study ${n}`, T0));
    await db.papers.bulkPut(papers);
    const opening = openIndex(db);
    // Written while the head is built: a paper in a page already read, and a new one.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await db.papers.put(record('2501.00001', 'Pipeline Parallelism at Scale', Date.now(), { abstract: 'Revised with lighthouse keepers.' }));
    await db.papers.put(record('2599.99999', 'Late Arrival', Date.now(), { abstract: 'Also about lighthouse keepers.' }));
    const opened = await opening;
    await loadAbstracts(db, opened);
    expect(found(opened.index, 'lighthouse').sort()).toEqual(['arxiv:2501.00001', 'arxiv:2599.99999']);
    // Every paper's abstract but the revised one's ("An abstract.").
    expect(rankPapers(opened.index, parseQuery('abstract'), 10_000).hits).toHaveLength(papers.length + 1);
    await opened.stored;
    const next = await openIndex(db);
    await loadAbstracts(db, next);
    expect(found(next.index, 'lighthouse').sort()).toEqual(['arxiv:2501.00001', 'arxiv:2599.99999']);
  });

  it('rebuilds when the stored schema version differs', async () => {
    const opened = await openIndex(db);
    await opened.stored;
    await db.searchIndex.put({ ...(await persistAndRead(opened)), schemaVersion: SEARCH_SCHEMA_VERSION + 1 });
    expect((await openIndex(db)).origin).toBe('rebuilt');
  });

  it('rebuilds when the stored data is unreadable', async () => {
    await db.searchIndex.put({ key: INDEX_ROWS.head, schemaVersion: SEARCH_SCHEMA_VERSION, coversUpTo: T0, data: '{"not":' });
    const opened = await openIndex(db);
    await opened.stored;
    expect(opened.origin).toBe('rebuilt');
    expect(opened.index.size).toBe(2);
  });
});

async function persistAndRead(opened: Awaited<ReturnType<typeof openIndex>>) {
  await persistIndex(db, opened);
  return (await db.searchIndex.get(INDEX_ROWS.head))!;
}

describe('search session', () => {
  it('lists recent sightings when nothing is saved, recent saves otherwise', async () => {
    const session = new SearchSession(db);
    const before = await session.search('');
    expect(before.source).toBe('recent-sightings');
    expect(before.results.map((r) => r.record.title)).toEqual(['Reward Models for Reasoning', 'Pipeline Parallelism at Scale']);
    await changePaper(db, 'arxiv:2501.00001', { kind: 'save', saved: true }, T0 + 5_000);
    const after = await session.search('  ');
    expect(after.source).toBe('recent-saves');
    expect(after.results.map((r) => r.record.title)).toEqual(['Pipeline Parallelism at Scale']);
  });

  it('applies changes made while open after a refresh', async () => {
    const session = new SearchSession(db);
    expect(await titles(session, 'is:saved')).toEqual([]);
    await changePaper(db, 'arxiv:2501.00002', { kind: 'add-tags', tags: ['rl'] }, Date.now());
    await changePaper(db, 'arxiv:2501.00002', { kind: 'save', saved: true }, Date.now());
    await session.refresh();
    expect(await titles(session, 'is:saved tag:rl')).toEqual(['Reward Models for Reasoning']);
    expect(await titles(session, 'rl')).toEqual(['Reward Models for Reasoning']);
  });

  it('answers with the current records after a refresh, not the ones it read for earlier answers', async () => {
    const session = new SearchSession(db);
    const savedState = async () => (await session.search('reward')).results.map((result) => result.record.savedAt !== null);
    expect(await savedState()).toEqual([false]);
    await changePaper(db, 'arxiv:2501.00002', { kind: 'save', saved: true }, Date.now());
    await session.refresh();
    expect(await savedState()).toEqual([true]);
  });

  it('answers without abstracts: the popup never shows them and they are most of what crosses from its worker', async () => {
    const session = new SearchSession(db);
    const [found] = (await session.search('pipeline')).results;
    expect(found.record.title).toBe('Pipeline Parallelism at Scale');
    expect('abstract' in found.record).toBe(false);
    expect((await session.recent()).results.every((result) => !('abstract' in result.record))).toBe(true);
  });

  it('checks quoted phrases word for word', async () => {
    await db.papers.put(record('2501.00004', 'Parallelism for Pipeline Stages', T0 + 2_000));
    const session = new SearchSession(db);
    expect(await titles(session, '"pipeline parallelism"')).toEqual(['Pipeline Parallelism at Scale']);
    expect(await titles(session, 'pipeline parallelism')).toHaveLength(2);
  });

  it('stores a rebuilt index as soon as it is built, and the next session loads it', async () => {
    const session = new SearchSession(db);
    const opened = await session.open();
    expect(opened.origin).toBe('rebuilt');
    // It answers first and is stored right after, without the session asking: a popup closed soon does not lose it.
    expect(session.stale).toBe(false);
    await opened.stored;
    expect((await db.searchIndex.get(INDEX_ROWS.head))?.schemaVersion).toBe(SEARCH_SCHEMA_VERSION);
    const next = new SearchSession(db);
    expect((await next.open()).origin).toBe('loaded');
    expect(await titles(next, 'reward')).toEqual(['Reward Models for Reasoning']);
  });

  it('forgets papers that disappeared from the library', async () => {
    const session = new SearchSession(db);
    await session.open();
    await db.papers.delete('arxiv:2501.00002');
    expect(await titles(session, 'reward')).toEqual([]);
    expect((await session.open()).index.has('arxiv:2501.00002')).toBe(false);
  });
});

describe('building an index once, wherever it is asked for', () => {
  /** Web Locks as the browser has them: one holder per name, the others wait in order. */
  function fakeLocks() {
    const tails = new Map<string, Promise<unknown>>();
    return {
      request: (name: string, work: () => Promise<unknown>) => {
        const run = (tails.get(name) ?? Promise.resolve()).then(work);
        tails.set(name, run.catch(() => {}));
        return run;
      },
    };
  }

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('builds and stores a missing or outdated index, and leaves a current one alone', async () => {
    expect(await ensureStoredIndex(db)).toBe(true);
    expect((await db.searchIndex.get(INDEX_ROWS.head))?.schemaVersion).toBe(SEARCH_SCHEMA_VERSION);
    expect((await db.searchIndex.get(INDEX_ROWS.body))?.schemaVersion).toBe(SEARCH_SCHEMA_VERSION);
    expect(await ensureStoredIndex(db)).toBe(false);
    await db.searchIndex.update(INDEX_ROWS.head, { schemaVersion: SEARCH_SCHEMA_VERSION - 1 });
    expect(await ensureStoredIndex(db)).toBe(true);
    expect((await openIndex(db)).origin).toBe('loaded');
  });

  it('rebuilds a stored index that most of the library changed since (a restore), once', async () => {
    expect(await ensureStoredIndex(db)).toBe(true);
    // Stored well before the restore, which stamped every paper it wrote alike.
    const restoredAt = Date.now() - 2 * CATCH_UP_OVERLAP_MS;
    await db.searchIndex.update(INDEX_ROWS.head, { coversUpTo: restoredAt - 10 * CATCH_UP_OVERLAP_MS });
    await db.papers.bulkPut(Array.from({ length: REBUILD_OVER_CHANGES + 1 }, (_, i) => record(`2502.${String(i).padStart(5, '0')}`, `Restored paper ${i}`, restoredAt)));
    expect(await ensureStoredIndex(db)).toBe(true);
    expect(await ensureStoredIndex(db)).toBe(false);
    const opened = await openIndex(db);
    await opened.stored;
    expect(opened.origin).toBe('loaded');
    expect(found(opened.index, 'restored').length).toBeGreaterThan(0);
  });

  it("drops the rows of earlier versions' indexes (the recent papers' preview) when it builds", async () => {
    for (const key of ['recent', 'recent:abstracts']) await db.searchIndex.put({ key, schemaVersion: SEARCH_SCHEMA_VERSION - 1, coversUpTo: T0, data: {} });
    expect(await ensureStoredIndex(db)).toBe(true);
    expect((await db.searchIndex.toCollection().primaryKeys()).sort()).toEqual([INDEX_ROWS.head, INDEX_ROWS.body].sort());
  });

  it('waits for a build under way elsewhere and loads its result instead of building again', async () => {
    vi.stubGlobal('navigator', { locks: fakeLocks() });
    const [background, popup] = await Promise.all([ensureStoredIndex(db), openIndex(db)]);
    expect(background).toBe(true);
    expect(popup.origin).toBe('loaded');
    expect(found(popup.index, 'pipeline')).toEqual(['arxiv:2501.00001']);
  });
});

