import type { ShelfmarkDb } from '../db';
import type { PaperId } from '../ids';
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
