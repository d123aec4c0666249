import type { ShelfmarkDb, SightingRow } from '../db';
import type { PaperId } from '../ids';
import type { PaperRecord } from '../paper';
import type { LibrarySnapshot } from './format';

/** Reads the papers to back up (all, or the ids given) with their sightings and the settings, in one transaction. */
export async function readSnapshot(db: ShelfmarkDb, ids?: readonly PaperId[]): Promise<LibrarySnapshot> {
  return db.transaction('r', db.papers, db.sightings, db.settings, async () => {
    if (!ids) {
      const [papers, sightings, settings] = await Promise.all([
        db.papers.toArray(),
        db.sightings.orderBy('seq').toArray(),
        db.settings.toArray(),
      ]);
      return { papers, sightings, settings };
    }
    const found = await db.papers.bulkGet([...ids]);
    const papers = found.filter((paper) => paper !== undefined);
    const wanted = new Set(ids);
    const sightings = await db.sightings.orderBy('seq').filter((row) => wanted.has(row.paperId)).toArray();
    return { papers, sightings, settings: await db.settings.toArray() };
  });
}

const PAGE_ROWS = 2_000;

/** Lets the event loop run other tasks (messages, a page's input) between two pages of work. */
export const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The whole library like `readSnapshot`, read in pages of 2,000 rows (each its own read transaction) with a task
 * boundary between pages, so that a background page reading 100k papers keeps answering messages. Not one
 * point-in-time view: a paper written meanwhile may be missed (the next backup has it), and sightings are matched to
 * the papers read when the backup is made (backupJsonParts keeps only the sightings of papers in the file).
 */
export async function readSnapshotInPages(db: ShelfmarkDb, { pageRows = PAGE_ROWS, pause = nextTask } = {}): Promise<LibrarySnapshot> {
  const papers: PaperRecord[] = [];
  for (let last: PaperId | undefined; ; ) {
    const page = await (last === undefined ? db.papers.orderBy('id') : db.papers.where('id').above(last)).limit(pageRows).toArray();
    papers.push(...page);
    if (page.length < pageRows) break;
    last = page[page.length - 1].id;
    await pause();
  }
  const sightings: SightingRow[] = [];
  for (let last = -Infinity; ; ) {
    const page = await db.sightings.where('seq').above(last).limit(pageRows).toArray();
    sightings.push(...page);
    if (page.length < pageRows) break;
    last = page[page.length - 1].seq!;
    await pause();
  }
  return { papers, sightings, settings: await db.settings.toArray() };
}
