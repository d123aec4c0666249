import type { Page } from '@playwright/test';

/**
 * What the extension's database holds, read from an extension page (same origin) with plain IndexedDB: counts, the
 * settings' keys and the whole records of the two papers the backup specs annotate (updatedAt zeroed: it is the search
 * index's catch-up marker, set to the time of writing).
 */
export async function libraryOf(page: Page) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('shelfmark');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = <T,>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    type Row = { id: string; tags: string[]; note: string; savedAt: number | null; dismissedAt: number | null; status: string | null };
    const papers = await all<Row>('papers');
    const sightings = await all<{ paperId: string }>('sightings');
    const settings = await all<{ key: string; value: unknown }>('settings');
    db.close();
    // updatedAt is the search index's catch-up marker, set to the time of writing; JSON drops undefined keys.
    const pick = (id: string) => {
      const found = papers.find((paper) => paper.id === id);
      return found && (JSON.parse(JSON.stringify({ ...found, updatedAt: 0 })) as Row);
    };
    return { papers: papers.length, sightings: sightings.length, settings: settings.map((row) => row.key).sort(), diffusion: pick('arxiv:2501.23354'), oneByte: pick('arxiv:2306.20968') };
  });
}
