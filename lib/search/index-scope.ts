import type { ShelfmarkDb } from '../db';
import type { PaperRecord } from '../paper';
import { metaOf } from './document';

/** Which papers a search index holds, and the `searchIndex` rows it is stored in. */
export interface IndexScope {
  /** The row of the head (paper table + head postings), loaded first. */
  headKey: string;
  /** The row of the abstracts' postings. */
  bodyKey: string;
  /** Only this many papers, the most recently active ones; every paper when absent. */
  papers?: number;
}

/** Every paper: the index whose answers are final. */
export const LIBRARY_SCOPE: IndexScope = { headKey: 'papers', bodyKey: 'papers:abstracts' };

/**
 * The most recently active papers (seen or saved last): small enough to load and answer within a frame at any
 * library size, so the popup can show their matches while the whole library is still loading or being ranked.
 */
export const RECENT_SCOPE: IndexScope = { headKey: 'recent', bodyKey: 'recent:abstracts', papers: 5_000 };

/** When a paper was last seen or saved (0 when never). */
export const activityOf = (record: PaperRecord): number => metaOf(record).z;

/** The `count` most recently active papers, most recent first. */
export async function mostRecentlyActive(db: ShelfmarkDb, count: number): Promise<PaperRecord[]> {
  // Activity is the later of the last sighting and the save: the newest of each index cover the newest of both.
  const [seen, saved] = await Promise.all([
    db.papers.orderBy('lastSeenAt').reverse().limit(count).toArray(),
    db.papers.orderBy('savedAt').reverse().limit(count).toArray(),
  ]);
  const byId = new Map(seen.map((record) => [record.id, record]));
  for (const record of saved) byId.set(record.id, record);
  return [...byId.values()].sort((a, b) => activityOf(b) - activityOf(a)).slice(0, count);
}
