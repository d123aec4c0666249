import type { SearchIndexRow, ShelfmarkDb } from '../db';
import type { PaperId } from '../ids';
import type { PaperRecord } from '../paper';
import { SEARCH_SCHEMA_VERSION } from './document';
import { PaperIndex } from './paper-index';

/** The `searchIndex` row holding the paper index. */
export const SEARCH_INDEX_KEY = 'papers';

/**
 * Catch-up re-reads this much before `coversUpTo`: two background writes can commit out of `updatedAt` order, and
 * re-applying a handful of recent papers is cheaper than missing one for good.
 */
export const CATCH_UP_OVERLAP_MS = 5_000;

const BUILD_CHUNK = 2_000;

export interface IndexState {
  index: PaperIndex;
  /** Every paper with `updatedAt` up to this time is in the index as of that write. */
  coversUpTo: number;
}

export interface OpenedIndex extends IndexState {
  origin: 'loaded' | 'rebuilt';
  /** Papers applied by the catch-up after loading. */
  caughtUp: number;
}

function newestUpdate(records: readonly PaperRecord[], since: number): number {
  let newest = since;
  for (const record of records) if (record.updatedAt > newest) newest = record.updatedAt;
  return newest;
}

const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Indexes the whole library, a page of records at a time so memory stays bounded and the page stays responsive. */
export async function buildIndex(db: ShelfmarkDb, onProgress?: (indexed: number) => void): Promise<IndexState> {
  const index = PaperIndex.create();
  let coversUpTo = 0;
  let lastId: PaperId | undefined;
  for (;;) {
    const page: PaperRecord[] = await (lastId === undefined
      ? db.papers.limit(BUILD_CHUNK).toArray()
      : db.papers.where(':id').above(lastId).limit(BUILD_CHUNK).toArray());
    if (page.length === 0) break;
    index.put(page);
    coversUpTo = newestUpdate(page, coversUpTo);
    lastId = page[page.length - 1].id;
    onProgress?.(index.size);
    if (page.length < BUILD_CHUNK) break;
    await yieldToUi();
  }
  return { index, coversUpTo };
}

export function serializeIndex(state: IndexState): SearchIndexRow {
  return {
    key: SEARCH_INDEX_KEY,
    schemaVersion: SEARCH_SCHEMA_VERSION,
    coversUpTo: state.coversUpTo,
    data: state.index.toJSON(),
  };
}

export function loadIndex(row: SearchIndexRow): IndexState {
  return { index: PaperIndex.fromJSON(row.data), coversUpTo: row.coversUpTo };
}

/** Applies every paper written since the index was last brought up to date; returns how many. */
export async function catchUp(db: ShelfmarkDb, state: IndexState): Promise<number> {
  const changed = await db.papers
    .where('updatedAt')
    .aboveOrEqual(Math.max(0, state.coversUpTo - CATCH_UP_OVERLAP_MS))
    .toArray();
  state.index.put(changed);
  state.coversUpTo = newestUpdate(changed, state.coversUpTo);
  return changed.length;
}

/**
 * Loads the persisted index and catches it up; rebuilds from the library only when no usable index is stored
 * (none yet, another schema version, or unreadable data).
 */
export async function openIndex(db: ShelfmarkDb, onProgress?: (indexed: number) => void): Promise<OpenedIndex> {
  const row = await db.searchIndex.get(SEARCH_INDEX_KEY);
  if (row && row.schemaVersion === SEARCH_SCHEMA_VERSION) {
    let state: IndexState | undefined;
    try {
      state = loadIndex(row);
    } catch (error) {
      console.warn('Shelfmark: stored search index unreadable, rebuilding', error);
    }
    if (state) {
      const caughtUp = await catchUp(db, state);
      return { ...state, origin: 'loaded', caughtUp };
    }
  }
  const startedAt = Date.now();
  const built = await buildIndex(db, onProgress);
  // Papers written while the build paged through the table may sit in pages already read.
  built.coversUpTo = Math.min(built.coversUpTo, startedAt);
  const caughtUp = await catchUp(db, built);
  return { ...built, origin: 'rebuilt', caughtUp };
}

export async function persistIndex(db: ShelfmarkDb, state: IndexState): Promise<void> {
  await db.searchIndex.put(serializeIndex(state));
}
