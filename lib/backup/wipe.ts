import type { ShelfmarkDb } from '../db';
import type { PaperRecord } from '../paper';

export interface WipeResult {
  papers: number;
  sightings: number;
  /** Papers that carried user state (saved, dismissed, tags, note), so open views can clear their cards. */
  cleared: PaperRecord[];
}

/** Deletes every paper, the whole seen history and the search index, in one transaction. Settings stay. */
export async function wipeLibrary(db: ShelfmarkDb): Promise<WipeResult> {
  return db.transaction('rw', db.papers, db.sightings, db.searchIndex, async () => {
    const papers = await db.papers.toArray();
    const sightings = await db.sightings.count();
    await Promise.all([db.papers.clear(), db.sightings.clear(), db.searchIndex.clear()]);
    const cleared = papers.filter(
      (paper) => paper.savedAt !== null || paper.dismissedAt !== null || paper.tags.length > 0 || paper.note !== '',
    );
    return { papers: papers.length, sightings, cleared };
  });
}
