import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ShelfmarkDb } from '../../lib/db';
import type { PaperRecord } from '../../lib/paper';
import type { IndexScope } from '../../lib/search/index-scope';
import { searchWithPreview } from '../../lib/search/previewed-search';
import { SupersededSearch, type PopupSearch } from '../../lib/search/remote-session';
import { SearchSession, type SearchOutcome } from '../../lib/search/session';
import { seenRecord } from '../fixtures/library/records';

const T0 = Date.UTC(2026, 9, 1);
const DAY = 86_400_000;
const RECENT: IndexScope = { headKey: 'recent-test', bodyKey: 'recent-test:abstracts', papers: 2 };
let db: ShelfmarkDb;
let counter = 0;

function paper(id: string, title: string, at: number): PaperRecord {
  return seenRecord(id, at, { title, abstract: 'An abstract.' });
}

/** A session whose searches wait until `release` is called, and whose readiness the test sets. */
class HeldSearch implements PopupSearch {
  ready = true;
  stale = false;
  private readonly held: Array<() => void> = [];

  constructor(private readonly inner: SearchSession) {}

  release(): void {
    this.held.splice(0).forEach((go) => go());
  }

  async search(input: string): Promise<SearchOutcome> {
    await new Promise<void>((resolve) => this.held.push(resolve));
    return this.inner.search(input);
  }

  open = () => this.inner.open();
  complete = () => this.inner.complete();
  refresh = () => this.inner.refresh();
  persist = () => this.inner.persist();
}

interface Shown {
  titles: string[];
  preview: boolean;
}

function recorder(): { shown: Shown[]; show: (outcome: SearchOutcome, preview: boolean) => void } {
  const shown: Shown[] = [];
  return { shown, show: (outcome, preview) => shown.push({ titles: outcome.results.map((result) => result.record.title), preview }) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

/** Waits (at most two seconds) until `condition` holds: the preview builds its own index on first use. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition() && waited < 2_000; waited += 10) await tick();
}

/** A search whose every call fails with `error`. */
function failingSearch(error: Error): PopupSearch {
  const fail = () => Promise.reject(error);
  return { ready: true, stale: false, open: fail, complete: fail, search: fail, refresh: fail, persist: fail };
}

beforeEach(async () => {
  db = new ShelfmarkDb(`search-preview-test-${++counter}`);
  await db.papers.bulkPut([
    paper('2501.00001', 'Pipeline Parallelism at Scale', T0 - 300 * DAY),
    paper('2501.00002', 'Pipelines for Speculative Decoding', T0),
    paper('2501.00003', 'Pipeline Bubbles Considered Harmful', T0 + DAY),
    paper('2501.00004', 'Reward Models for Reasoning', T0 + 2 * DAY),
  ]);
});

afterEach(async () => {
  await db.delete();
});

describe('searching with a preview of the recent papers', () => {
  it('shows the recent papers’ matches while the library is not searchable yet, then the library’s answer', async () => {
    const library = new HeldSearch(new SearchSession(db));
    library.ready = false;
    const { shown, show } = recorder();
    const done = searchWithPreview(library, new SearchSession(db, 30, undefined, RECENT), 'reward', show);
    await until(() => shown.length > 0);
    expect(shown).toEqual([{ titles: ['Reward Models for Reasoning'], preview: true }]);
    library.release();
    await done;
    expect(shown[1]).toEqual({ titles: ['Reward Models for Reasoning'], preview: false });
  });

  it('shows a broad word’s recent matches first when they alone fill the page', async () => {
    const library = new HeldSearch(new SearchSession(db, 1));
    await library.open();
    const { shown, show } = recorder();
    const done = searchWithPreview(library, new SearchSession(db, 1, undefined, RECENT), 'pipe', show);
    await until(() => shown.length > 0);
    expect(shown).toHaveLength(1);
    expect(shown[0].preview).toBe(true);
    library.release();
    await done;
    expect(shown).toHaveLength(2);
    expect(shown[1].preview).toBe(false);
  });

  it('waits for the library when the recent papers do not fill the page', async () => {
    const library = new HeldSearch(new SearchSession(db));
    await library.open();
    const { shown, show } = recorder();
    const recent = new SearchSession(db, 30, undefined, RECENT);
    await recent.open();
    const done = searchWithPreview(library, recent, 'pipeline', show);
    await tick();
    await tick();
    expect(shown).toEqual([]);
    library.release();
    await done;
    // The library holds the old paper the recent papers do not.
    expect(shown).toEqual([{ titles: expect.arrayContaining(['Pipeline Parallelism at Scale']), preview: false }]);
    expect(shown[0].titles).toHaveLength(3);
  });

  it('drops a preview that arrives after the library’s answer, and ignores a preview that fails', async () => {
    const recent = new HeldSearch(new SearchSession(db, 1, undefined, RECENT));
    const { shown, show } = recorder();
    await searchWithPreview(new SearchSession(db, 1), recent, 'pipe', show);
    recent.release();
    await tick();
    expect(shown.map((entry) => entry.preview)).toEqual([false]);

    const again = recorder();
    await searchWithPreview(new SearchSession(db), failingSearch(new Error('worker gone')), 'reward', again.show);
    expect(again.shown).toEqual([{ titles: ['Reward Models for Reasoning'], preview: false }]);
  });

  it('rejects as the library’s search does', async () => {
    const { shown, show } = recorder();
    const recent = new SearchSession(db, 30, undefined, RECENT);
    await recent.open();
    // Not ready, so only the rejection keeps the preview off the screen.
    const library = { ...failingSearch(new SupersededSearch()), ready: false };
    await expect(searchWithPreview(library, recent, 'reward', show)).rejects.toBeInstanceOf(SupersededSearch);
    await tick();
    await tick();
    expect(shown).toEqual([]);
  });
});
