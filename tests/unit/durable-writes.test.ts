import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notSavedText } from '../../components/controls/CardControls';
import { ShelfmarkDb } from '../../lib/db';
import { ShelfmarkRequestError } from '../../lib/messaging/client';
import { createHandlers, dispatch, type Caller } from '../../lib/messaging/handlers';
import type { PageView, ScrapedPaper } from '../../lib/paper';
import { SimilarPapers } from '../../lib/similar-papers';
import { ViewLedger, memoryLedgerStore } from '../../lib/messaging/view-ledger';
import { QUOTA_MESSAGE } from '../../lib/storage-errors';

const EXTENSION: Caller = { kind: 'extension' };
let db: ShelfmarkDb;
let counter = 0;
beforeEach(async () => {
  db = new ShelfmarkDb(`durable-test-${++counter}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const view: PageView = { viewId: 'v1', site: 'hf', url: 'https://huggingface.co/papers', label: 'HF daily' };
const papers: ScrapedPaper[] = [1, 2, 3].map((n) => ({ id: `arxiv:2501.0000${n}`, title: `Paper ${n}`, authors: [], url: `https://huggingface.co/papers/2501.0000${n}` }));

/** Makes every sightings write refuse, as IndexedDB does when the disk is full, until `heal()`. */
function fillTheDisk(target: ShelfmarkDb) {
  const real = target.sightings.bulkAdd.bind(target.sightings);
  let full = true;
  target.sightings.bulkAdd = ((...args: Parameters<typeof real>) =>
    full ? Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError')) : real(...args)) as typeof real;
  return { heal: () => (full = false) };
}

function handlers() {
  return createHandlers({
    db,
    similar: new SimilarPapers(db),
    ledger: new ViewLedger(memoryLedgerStore()),
    now: () => 1_800_000_000_000,
    changed: () => {},
    settingsChanged: () => {},
  });
}

describe('durable writes', () => {
  it('cards/sync answers only after the seen history committed (lead: syncCards records in one transaction): a refused write reaches the caller, nothing half-written', async () => {
    const disk = fillTheDisk(db);
    const refused = await dispatch(handlers(), { shelfmark: 'request', type: 'cards/sync', payload: { view, papers } }, EXTENSION);
    expect(refused).toEqual({ ok: false, error: QUOTA_MESSAGE });
    // The papers' records and their sightings were one transaction: neither stayed.
    expect(await db.papers.count()).toBe(0);
    expect(await db.sightings.count()).toBe(0);
    disk.heal();
    const answered = await dispatch(handlers(), { shelfmark: 'request', type: 'cards/sync', payload: { view, papers } }, EXTENSION);
    expect(answered.ok).toBe(true);
    // Already committed when the answer came: no waiting needed to read it.
    expect(await db.sightings.count()).toBe(3);
    expect(await db.papers.count()).toBe(3);
  });

  it('a refused change is an error the strip turns into one clear line; a retry applies it once', async () => {
    const all = handlers();
    await dispatch(all, { shelfmark: 'request', type: 'cards/sync', payload: { view, papers } }, EXTENSION);
    const real = db.papers.put.bind(db.papers);
    db.papers.put = (() => Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError'))) as unknown as typeof real;
    const change = { shelfmark: 'request' as const, type: 'paper/change' as const, payload: { id: papers[0].id, change: { kind: 'tags' as const, tags: ['rl'] } } };
    const refused = await dispatch(all, change, EXTENSION);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(notSavedText(new ShelfmarkRequestError('paper/change', refused.error))).toMatch(/^Not saved: the disk is full/);
    expect(notSavedText(new Error('other'))).toBe('Shelfmark could not save that change. Try again.');
    expect((await db.papers.get(papers[0].id))?.tags).toEqual([]);
    db.papers.put = real;
    expect((await dispatch(all, change, EXTENSION)).ok).toBe(true);
    expect((await dispatch(all, change, EXTENSION)).ok).toBe(true);
    expect((await db.papers.get(papers[0].id))?.tags).toEqual(['rl']);
  });
});
