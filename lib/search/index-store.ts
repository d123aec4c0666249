import type { SearchIndexRow, ShelfmarkDb } from '../db';
import type { PaperId } from '../ids';
import type { PaperRecord } from '../paper';
import { SEARCH_SCHEMA_VERSION } from './document';
import { withIndexLock } from './index-lock';
import { BodyRebuild, IndexBuilder, PaperIndex, type BodyData, type HeadData } from './paper-index';

/**
 * Catch-up re-reads this much before `coversUpTo`: two background writes can commit out of `updatedAt` order, and
 * re-applying a handful of recent papers is cheaper than missing one for good.
 */
export const CATCH_UP_OVERLAP_MS = 5_000;

const BUILD_CHUNK = 2_000;

/**
 * The `searchIndex` rows of the library's index: the head (paper table + head postings), loaded first, and the
 * abstracts' postings. Rows under other keys are left from earlier versions (a preview index of the most recent
 * papers) and are deleted when the index is next built.
 */
export const INDEX_ROWS = { head: 'papers', body: 'papers:abstracts' } as const;

export interface IndexState {
  index: PaperIndex;
  /** Every paper with `updatedAt` up to this time is in the index as of that write. */
  coversUpTo: number;
}

export interface OpenedIndex extends IndexState {
  origin: 'loaded' | 'rebuilt';
  /** Papers applied by the catch-up after loading. */
  caughtUp: number;
  /** A rebuilt index answers before it is stored: settles when it is (rejects when storing failed). */
  stored?: Promise<void>;
}

function newestUpdate(records: readonly PaperRecord[], since: number): number {
  let newest = since;
  for (const record of records) if (record.updatedAt > newest) newest = record.updatedAt;
  return newest;
}

// scheduler.yield where there is one: nested timeouts are clamped to 4 ms, 200 ms over a 100k rebuild.
const yieldToUi = (): Promise<void> =>
  (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler?.yield?.() ?? new Promise<void>((resolve) => setTimeout(resolve, 0));

const readPage = (db: ShelfmarkDb, after: PaperId | undefined): Promise<PaperRecord[]> =>
  after === undefined ? db.papers.limit(BUILD_CHUNK).toArray() : db.papers.where(':id').above(after).limit(BUILD_CHUNK).toArray();

/**
 * Reads the library a page of records at a time, so memory stays bounded and the page stays responsive. The next
 * page is asked for before this one is visited: the database reads it meanwhile (a 100k rebuild spent a third of its
 * time waiting for pages).
 */
async function forEachPage(db: ShelfmarkDb, visit: (page: PaperRecord[]) => void): Promise<void> {
  let next = readPage(db, undefined);
  for (;;) {
    const page = await next;
    if (page.length === 0) break;
    const more = page.length === BUILD_CHUNK;
    if (more) next = readPage(db, page[page.length - 1].id);
    try {
      visit(page);
    } catch (error) {
      // The read already asked for is abandoned: its failure, if any, is not this one's.
      next.catch(() => {});
      throw error;
    }
    if (!more) break;
    await yieldToUi();
  }
}

/**
 * Indexes the library. `headFirst` leaves the abstracts out — three quarters of the work, so the index answers title,
 * tag, author and note queries in half the time — for `loadAbstracts` to index in a second pass over the library.
 */
export async function buildIndex(db: ShelfmarkDb, { onProgress, headFirst = false }: { onProgress?: (indexed: number) => void; headFirst?: boolean } = {}): Promise<IndexState> {
  // Papers written while the build pages through the table may sit in pages already read: it covers what was written
  // before it began. Not up to the newest paper read: a restore stamps every paper alike, and the catch-up's overlap
  // before that stamp would be the whole library.
  const coversUpTo = Date.now();
  const builder = new IndexBuilder({ abstracts: !headFirst });
  let indexed = 0;
  await forEachPage(db, (page) => {
    for (const record of page) builder.add(record);
    indexed += page.length;
    onProgress?.(indexed);
  });
  return { index: builder.finish(), coversUpTo };
}

/** The two rows of a compacted index. */
export function serializeIndex(state: IndexState): [SearchIndexRow, SearchIndexRow] {
  const { head, body } = state.index.toData();
  const row = (key: string, data: HeadData | BodyData): SearchIndexRow => ({
    key,
    schemaVersion: SEARCH_SCHEMA_VERSION,
    coversUpTo: state.coversUpTo,
    data,
  });
  return [row(INDEX_ROWS.head, head), row(INDEX_ROWS.body, body)];
}

/**
 * One stored row, read with IndexedDB itself on Dexie's connection: through Dexie's table the abstracts' row took 3–4×
 * as long to arrive in the popup's worker (measured: docs/search.md).
 */
export async function readIndexRow(db: ShelfmarkDb, key: string): Promise<SearchIndexRow | undefined> {
  const connection = (await db.open()).backendDB();
  return new Promise((resolve, reject) => {
    const request = connection.transaction('searchIndex', 'readonly').objectStore('searchIndex').get(key);
    request.onsuccess = () => resolve(request.result as SearchIndexRow | undefined);
    request.onerror = () => reject(request.error);
  });
}

/** Throws on a row that does not hold a stored head. */
export function loadIndex(row: SearchIndexRow): IndexState {
  return { index: PaperIndex.fromHead(row.data as HeadData), coversUpTo: row.coversUpTo };
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

/** The stored head, when there is one of this schema and it loads; logs (and skips) an unreadable one. */
async function loadStored(db: ShelfmarkDb): Promise<IndexState | undefined> {
  const row = await readIndexRow(db, INDEX_ROWS.head);
  if (!row || row.schemaVersion !== SEARCH_SCHEMA_VERSION) return undefined;
  try {
    return loadIndex(row);
  } catch (error) {
    console.warn('Shelfmark: stored search index unreadable, rebuilding', error);
    return undefined;
  }
}

/** A catch-up larger than this (and than a quarter of the index) rebuilds instead: after a restore every paper is new. */
export const REBUILD_OVER_CHANGES = 5_000;

/**
 * Builds the index from the library, catches it up and stores it at once (the caller may not live long); rows of
 * earlier versions' indexes go. `onBuilt` hears of the index as soon as it answers, before it is stored: someone is
 * waiting, so the head is built first and answers while the abstracts are indexed (a 100k rebuild in the popup's
 * worker: title queries answered after 7 s instead of 13–14 s, abstracts at the same 14 s).
 */
async function buildAndStore(
  db: ShelfmarkDb,
  { onProgress, onBuilt }: { onProgress?: (indexed: number) => void; onBuilt?: (opened: OpenedIndex) => void } = {},
): Promise<OpenedIndex> {
  const built = await buildIndex(db, { onProgress, headFirst: onBuilt !== undefined });
  const caughtUp = await catchUp(db, built);
  const opened: OpenedIndex = { ...built, origin: 'rebuilt', caughtUp };
  onBuilt?.(opened);
  // Indexing the abstracts, compacting and serializing take seconds at 100k: a task later, so the answer to the waiting
  // query goes out first.
  if (onBuilt) await new Promise((resolve) => setTimeout(resolve, 0));
  await persistIndex(db, opened);
  await db.searchIndex.where('key').noneOf(Object.values(INDEX_ROWS)).delete();
  return opened;
}

/**
 * Whether a catch-up from `coversUpTo` would apply most of an index of `size` papers (a restore rewrote them), when
 * rebuilding is cheaper. Counts an index: no record is read.
 */
async function mostlyChanged(db: ShelfmarkDb, coversUpTo: number, size: number): Promise<boolean> {
  const pending = await db.papers.where('updatedAt').aboveOrEqual(Math.max(0, coversUpTo - CATCH_UP_OVERLAP_MS)).count();
  return pending > REBUILD_OVER_CHANGES && pending > size / 4;
}

/**
 * Loads the persisted head index and catches it up; rebuilds (and stores) it from the library when no usable
 * index is stored (none yet, another schema version, or unreadable data) or when most of it changed since (a
 * restore) — holding the index's lock, so a build already under way elsewhere (the background after an update) is
 * waited for and loaded instead of repeated. Resolves once the index answers; a rebuilt one is stored after that.
 * Abstracts come later, from `loadAbstracts`.
 */
export async function openIndex(db: ShelfmarkDb, onProgress?: (indexed: number) => void): Promise<OpenedIndex> {
  const usable = async (): Promise<IndexState | undefined> => {
    const stored = await loadStored(db);
    if (!stored) return undefined;
    return (await mostlyChanged(db, stored.coversUpTo, stored.index.size)) ? undefined : stored;
  };
  const loaded = async (state: IndexState): Promise<OpenedIndex> => {
    const caughtUp = await catchUp(db, state);
    return { ...state, origin: 'loaded', caughtUp };
  };
  const stored = await usable();
  if (stored) return loaded(stored);
  return new Promise<OpenedIndex>((resolve, reject) => {
    let storing: { done: () => void; failed: (error: unknown) => void } | undefined;
    const stored = new Promise<void>((done, failed) => (storing = { done, failed }));
    // Whoever holds the index may never ask whether it was stored; a failure is told here once.
    stored.catch((error: unknown) => console.warn('Shelfmark: the search index was not built and stored', error));
    withIndexLock(INDEX_ROWS.head, async () => {
      const storedMeanwhile = await usable();
      if (storedMeanwhile) resolve(await loaded(storedMeanwhile));
      else await buildAndStore(db, { onProgress, onBuilt: (opened) => resolve(Object.assign(opened, { stored })) });
    }).then(
      () => storing!.done(),
      (error: unknown) => {
        // Once the index answered, only its storing can still fail: the next open builds again.
        reject(error);
        storing!.failed(error);
      },
    );
  });
}

/**
 * Builds and stores the index when none of this schema is stored (after an install or an update that changed the
 * schema) or when most of the library changed since it was (after a restore), so the popup finds it ready instead of
 * building it while open. Returns whether it built.
 */
export async function ensureStoredIndex(db: ShelfmarkDb): Promise<boolean> {
  const current = async () => {
    const row = await db.searchIndex.get(INDEX_ROWS.head);
    return row?.schemaVersion === SEARCH_SCHEMA_VERSION && !(await mostlyChanged(db, row.coversUpTo, await db.papers.count()));
  };
  if (await current()) return false;
  return withIndexLock(INDEX_ROWS.head, async () => {
    if (await current()) return false;
    await buildAndStore(db);
    return true;
  });
}

/** Abstracts being attached, per index: the popup's `complete` and storing a rebuild both ask, and read once. */
const attaching = new WeakMap<PaperIndex, Promise<'loaded' | 'rebuilt'>>();

/**
 * Attaches the stored abstracts to a loaded head. When they are missing or belong to another build (a torn write,
 * a wiped row, a rebuild that indexed its head first), they are indexed from the library instead; returns where they
 * came from.
 */
export async function loadAbstracts(db: ShelfmarkDb, state: IndexState): Promise<'ready' | 'loaded' | 'rebuilt'> {
  if (state.index.complete || state.index.packPendingBody()) return 'ready';
  let pending = attaching.get(state.index);
  if (!pending) {
    pending = attachAbstracts(db, state.index).finally(() => attaching.delete(state.index));
    attaching.set(state.index, pending);
  }
  return pending;
}

async function attachAbstracts(db: ShelfmarkDb, index: PaperIndex): Promise<'loaded' | 'rebuilt'> {
  const row = await readIndexRow(db, INDEX_ROWS.body);
  // Another build's (a torn write, or the build before a rebuild that indexed its head first) is re-derived quietly.
  if (row && row.schemaVersion === SEARCH_SCHEMA_VERSION && (row.data as BodyData | undefined)?.build === index.build) {
    try {
      index.attachBody(row.data as BodyData);
      return 'loaded';
    } catch (error) {
      console.warn('Shelfmark: stored abstracts unusable, re-indexing them', error);
    }
  }
  const rebuild = new BodyRebuild(index);
  await forEachPage(db, (page) => page.forEach((record) => rebuild.add(record)));
  rebuild.finish();
  return 'rebuilt';
}

/**
 * Compacts the index and stores both rows in one transaction, so a head is never stored beside another
 * build's body.
 */
export async function persistIndex(db: ShelfmarkDb, state: IndexState): Promise<void> {
  await loadAbstracts(db, state);
  const rows = serializeIndex(state);
  await db.transaction('rw', db.searchIndex, () => db.searchIndex.bulkPut(rows));
}
