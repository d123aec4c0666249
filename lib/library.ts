import { savedIfAnnotated } from './annotated';
import type { ShelfmarkDb, SightingRow } from './db';
import type { PaperId } from './ids';
import {
  normalizeTags,
  type ArxivMeta,
  type PageView,
  type PaperChange,
  type PaperRecord,
  type PaperState,
  type ScrapedPaper,
  type UserField,
} from './paper';
import { earlierSighting, withSighting } from './seen';
import { foldRecord, titleRecordsOf } from './title-identity';

export function emptyRecord(paper: ScrapedPaper, now: number): PaperRecord {
  return {
    id: paper.id,
    version: paper.version,
    title: paper.title,
    authors: paper.authors,
    abstract: paper.abstract,
    summary: paper.summary,
    url: paper.url,
    published: paper.published,
    organization: paper.organization,
    arxiv: paper.arxiv,
    doi: paper.doi,
    savedAt: null,
    dismissedAt: null,
    tags: [],
    note: '',
    status: null,
    edited: {},
    firstSeenAt: null,
    lastSeenAt: null,
    seenCount: 0,
    firstSighting: null,
    lastSighting: null,
    previousSighting: null,
    updatedAt: now,
  };
}

function longer<T extends { length: number }>(current: T | undefined, incoming: T | undefined): T | undefined {
  if (!incoming || incoming.length === 0) return current;
  if (!current || current.length === 0) return incoming;
  return incoming.length > current.length ? incoming : current;
}

function filled<T extends { length: number }>(current: T | undefined, incoming: T | undefined): T | undefined {
  return current && current.length > 0 ? current : incoming && incoming.length > 0 ? incoming : current;
}

/** A paper the user saved, tagged, noted or dismissed: what the library holds about it is theirs to keep. */
export function isAnnotated(record: PaperRecord): boolean {
  return record.savedAt !== null || record.dismissedAt !== null || record.tags.length > 0 || record.note !== '';
}

export interface MergeOptions {
  /** The card comes from the paper's own page (lib/sites/own-page.ts), which may correct what is stored. */
  ownPage?: boolean;
}

/**
 * Folds freshly scraped metadata into a record. Pages show different slices of a paper (a listing without abstract,
 * an avatar row with only some authors), so for a paper merely seen richer values win and nothing known is dropped.
 * A page may be hostile, though: for a paper the user annotated it only fills gaps, never replaces what is held,
 * unless it is the paper's own page.
 */
export function mergeMetadata(record: PaperRecord, paper: ScrapedPaper, now: number, options: MergeOptions = {}): PaperRecord {
  const pick = !isAnnotated(record) || options.ownPage ? longer : filled;
  const merged: PaperRecord = {
    ...record,
    title: record.title || paper.title,
    authors: pick(record.authors, paper.authors) ?? [],
    abstract: pick(record.abstract, paper.abstract),
    summary: record.summary ?? paper.summary,
    url: record.url || paper.url,
    published: record.published ?? paper.published,
    organization: record.organization ?? paper.organization,
    doi: record.doi ?? paper.doi,
    version: Math.max(record.version ?? 0, paper.version ?? 0) || undefined,
    arxiv: mergeArxiv(record.arxiv, paper.arxiv, pick === longer),
  };
  return sameMetadata(record, merged) ? record : { ...merged, updatedAt: now };
}

/** Known arXiv fields stay; a fuller category list (an abstract page after a listing) replaces a shorter one. */
function mergeArxiv(current: ArxivMeta | undefined, incoming: ArxivMeta | undefined, widen: boolean): ArxivMeta | undefined {
  if (!incoming) return current;
  if (!current) return incoming;
  const merged: ArxivMeta = { ...incoming };
  for (const [key, value] of Object.entries(current) as [keyof ArxivMeta, never][]) {
    if (value !== undefined) merged[key] = value;
  }
  if (widen && (incoming.categories?.length ?? 0) > (current.categories?.length ?? 0)) {
    merged.categories = incoming.categories;
    merged.primaryCategory = incoming.primaryCategory ?? current.primaryCategory;
  }
  return merged;
}

function sameMetadata(a: PaperRecord, b: PaperRecord): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function stateOf(record: PaperRecord, earlier: PaperState['earlierSighting']): PaperState {
  return {
    id: record.id,
    savedAt: record.savedAt,
    dismissedAt: record.dismissedAt,
    tags: record.tags,
    note: record.note,
    earlierSighting: earlier,
  };
}

function uniqueById(papers: readonly ScrapedPaper[]): Map<PaperId, ScrapedPaper> {
  const unique = new Map<PaperId, ScrapedPaper>();
  for (const paper of papers) if (!unique.has(paper.id)) unique.set(paper.id, paper);
  return unique;
}

/** The states of these papers as stored now; a paper not in the library has an empty state. */
export async function statesOf(db: ShelfmarkDb, ids: readonly PaperId[]): Promise<Omit<PaperState, 'earlierSighting'>[]> {
  const records = await db.papers.bulkGet([...ids]);
  return ids.map((id, index) => {
    const record = records[index];
    return record ? currentState(record) : { id, savedAt: null, dismissedAt: null, tags: [], note: '' };
  });
}

function currentState(record: PaperRecord): Omit<PaperState, 'earlierSighting'> {
  const { earlierSighting: _, ...state } = stateOf(record, null);
  return state;
}

export interface SyncOptions {
  /** Which cards come from their paper's own page (their metadata may replace what is stored). */
  ownPage?: (id: PaperId) => boolean;
  /**
   * Told after the write when `title:` records were folded into the record of a card with an arXiv id or DOI
   * (lib/title-identity.ts): the records that took them in, and the folded ones with their user fields cleared (in
   * memory only, for indexes to drop them as they would an unsave; nothing of that is written).
   */
  onJoined?: (joined: PaperRecord[], folded: PaperRecord[]) => void;
}

/**
 * One batched call per scan: records every card as seen on this view, stores what the page told us about each
 * paper, and answers each card's state as it was before this view, in the order given. It answers once the write
 * has committed: a failed write reaches the caller instead of being lost after an answer that said all was well.
 */
export async function syncCards(
  db: ShelfmarkDb,
  view: PageView,
  papers: readonly ScrapedPaper[],
  now: number,
  options: SyncOptions = {},
): Promise<PaperState[]> {
  const unique = uniqueById(papers);
  const ids = [...unique.keys()];
  const sighting = { viewId: view.viewId, site: view.site, url: view.url, label: view.label, at: now };
  const states = new Map<PaperId, PaperState>();
  const joined: PaperRecord[] = [];
  const folded: PaperRecord[] = [];
  await db.transaction('rw', db.papers, db.sightings, async () => {
    const existing = await db.papers.bulkGet(ids);
    // A paper first known by title only, now seen with its arXiv id or DOI: one record from here on.
    const titleRecords = await titleRecordsOf(db, [...unique.values()], (id) => options.ownPage?.(id) ?? false);
    const writes: PaperRecord[] = [];
    const sightings: SightingRow[] = [];
    ids.forEach((id, index) => {
      const before = existing[index];
      const paper = unique.get(id)!;
      let base = before ? mergeMetadata(before, paper, now, { ownPage: options.ownPage?.(id) }) : emptyRecord(paper, now);
      for (const other of titleRecords.get(id) ?? []) {
        base = foldRecord(base, other, now);
        folded.push(withoutUserFields(other));
      }
      if (titleRecords.has(id)) joined.push(base);
      states.set(id, stateOf(base, earlierSighting(base, view, now)));
      const after = withSighting(base, sighting);
      if (after !== base) sightings.push({ ...sighting, paperId: id });
      if (after !== before) writes.push(after);
    });
    if (writes.length) await db.papers.bulkPut(writes);
    if (sightings.length) await db.sightings.bulkAdd(sightings);
    for (const [id, others] of titleRecords) {
      const gone = others.map((other) => other.id);
      // The folded records' history moves with them, then the records go — deleted here only. The recorder does not
      // record deletions, so nothing is published for the old id: a stamped clearing of its save, tags and note would
      // beat older edits another device made to it that this device had not pulled yet. Those edits still arrive
      // under the old id, and sync's apply folds them into this record through its `foldedFrom` alias.
      await db.sightings.where('paperId').anyOf(gone).modify({ paperId: id });
      await db.papers.bulkDelete(gone);
    }
  });
  if (joined.length) options.onJoined?.(joined.map((record) => withSighting(record, sighting)), folded);
  return papers.map((paper) => states.get(paper.id)!);
}

function withoutUserFields(record: PaperRecord): PaperRecord {
  return { ...record, savedAt: null, dismissedAt: null, tags: [], note: '', status: null };
}

/** An undo's earlier save time, if it is a plausible one: a time, and not in the future. */
function restoredSaveTime(at: number | undefined, now: number): number | undefined {
  return at !== undefined && Number.isFinite(at) && at > 0 && at <= now ? at : undefined;
}

function applyToRecord(record: PaperRecord, change: PaperChange, now: number): PaperRecord {
  const edit = (field: UserField, patch: Partial<PaperRecord>): PaperRecord => ({
    ...record,
    ...patch,
    edited: { ...record.edited, [field]: now },
    updatedAt: now,
  });
  switch (change.kind) {
    case 'save':
      return edit('savedAt', { savedAt: change.saved ? (restoredSaveTime(change.at, now) ?? record.savedAt ?? now) : null });
    case 'dismiss':
      return edit('dismissedAt', { dismissedAt: change.dismissed ? (record.dismissedAt ?? now) : null });
    case 'tags':
      return savedIfAnnotated(edit('tags', { tags: normalizeTags(change.tags) }), now);
    case 'add-tags':
      return savedIfAnnotated(edit('tags', { tags: normalizeTags([...record.tags, ...change.tags]) }), now);
    case 'remove-tags': {
      const removed = new Set(normalizeTags(change.tags));
      return edit('tags', { tags: record.tags.filter((tag) => !removed.has(tag)) });
    }
    case 'note':
      return savedIfAnnotated(edit('note', { note: change.note.trim() }), now);
    case 'status':
      return edit('status', { status: change.status });
  }
}

export class UnknownPaperError extends Error {
  constructor(id: PaperId) {
    super(`No paper ${id} in the library`);
    this.name = 'UnknownPaperError';
  }
}

/** Applies a user's change; a paper never seen before is created from the scraped card that was clicked. */
export async function changePaper(
  db: ShelfmarkDb,
  id: PaperId,
  change: PaperChange,
  now: number,
  paper?: ScrapedPaper,
): Promise<PaperRecord> {
  return db.transaction('rw', db.papers, async () => {
    const existing = await db.papers.get(id);
    const base = existing ?? (paper ? emptyRecord(paper, now) : undefined);
    if (!base) throw new UnknownPaperError(id);
    const updated = applyToRecord(base, change, now);
    await db.papers.put(updated);
    return updated;
  });
}

/** One change applied to many stored papers at once; unknown ids are an error and nothing is written. */
export async function changePapers(
  db: ShelfmarkDb,
  ids: readonly PaperId[],
  change: PaperChange,
  now: number,
): Promise<PaperRecord[]> {
  return db.transaction('rw', db.papers, async () => {
    const existing = await db.papers.bulkGet([...ids]);
    const missing = ids.find((_, index) => !existing[index]);
    if (missing) throw new UnknownPaperError(missing);
    const updated = existing.map((record) => applyToRecord(record!, change, now));
    await db.papers.bulkPut(updated);
    return updated;
  });
}

export interface TagCount {
  tag: string;
  count: number;
}

export async function tagCounts(db: ShelfmarkDb): Promise<TagCount[]> {
  const tags = (await db.papers.orderBy('tags').uniqueKeys()) as string[];
  const counts = await Promise.all(tags.map(async (tag) => ({ tag, count: await db.papers.where('tags').equals(tag).count() })));
  return counts.sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

export interface LibraryStats {
  saved: number;
  tagged: number;
  dismissed: number;
  seen: number;
}

export async function libraryStats(db: ShelfmarkDb): Promise<LibraryStats> {
  const [saved, tagged, dismissed, seen] = await Promise.all([
    db.papers.where('savedAt').above(0).count(),
    db.papers.where('tags').above('').distinct().count(),
    db.papers.where('dismissedAt').above(0).count(),
    db.papers.where('lastSeenAt').above(0).count(),
  ]);
  return { saved, tagged, dismissed, seen };
}
