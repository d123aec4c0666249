import type { ShelfmarkDb, SightingRow } from '../db';
import type { PaperRecord } from '../paper';
import { normalizeSettings } from '../settings';
import { emptyReplica, joinReplicas, SETTINGS_REPLICA, type PaperReplica } from './model';
import { materialize } from './materialize';

/** Replicas applied per transaction: a 100k-paper snapshot goes in slices, each one all-or-nothing. */
const SLICE = 2000;

/**
 * Joins incoming replica state into the local replicas and writes what it means into the library, in transactions
 * that name the replica store (so the recorder does not record them as local changes). Joining is idempotent: a
 * slice applied twice after an interruption changes nothing the second time. `after` runs in the last slice's
 * transaction (it advances the cursors), so a cursor never moves past state that was not stored.
 */
export async function applyReplicas(
  db: ShelfmarkDb,
  incoming: readonly PaperReplica[],
  now: number,
  after?: () => Promise<void>,
): Promise<{ papers: PaperRecord[] }> {
  const written: PaperRecord[] = [];
  const byId = new Map<string, PaperReplica>();
  for (const replica of incoming) byId.set(replica.id, byId.has(replica.id) ? joinReplicas(byId.get(replica.id)!, replica) : replica);
  const all = [...byId.values()];
  if (!all.length && after) await db.transaction('rw', db.syncReplica, db.syncMeta, after);
  for (let start = 0; start < all.length; start += SLICE) {
    const slice = all.slice(start, start + SLICE);
    const last = start + SLICE >= all.length;
    await db.transaction('rw', [db.papers, db.sightings, db.settings, db.syncReplica, db.syncMeta, db.syncOutbox], async () => {
      const ids = slice.map((replica) => replica.id);
      const current = await db.syncReplica.bulkGet(ids);
      const paperIds = ids.filter((id) => id !== SETTINGS_REPLICA) as PaperRecord['id'][];
      const records = new Map((await db.papers.bulkGet(paperIds)).filter((r): r is PaperRecord => !!r).map((r) => [r.id as string, r]));
      const replicas: PaperReplica[] = [];
      const papers: PaperRecord[] = [];
      const sightings: SightingRow[] = [];
      slice.forEach((replica, index) => {
        const before = current[index] ?? emptyReplica(replica.id);
        const joined = joinReplicas(before, replica);
        replicas.push(joined);
        if (replica.id === SETTINGS_REPLICA) return;
        const record = records.get(replica.id);
        const next = materialize(record, joined, now);
        if (next && next !== record) papers.push(next);
        for (const [viewId, entry] of Object.entries(joined.seen)) {
          if (!before.seen[viewId]) sightings.push({ ...entry, paperId: joined.id as PaperRecord['id'] });
        }
      });
      await db.syncReplica.bulkPut(replicas);
      if (papers.length) await db.papers.bulkPut(papers);
      if (sightings.length) await db.sightings.bulkAdd(sightings);
      const settings = replicas.find((replica) => replica.id === SETTINGS_REPLICA)?.settings;
      if (settings) await db.settings.put({ key: 'settings', value: normalizeSettings(settings.value) });
      if (last && after) await after();
      written.push(...papers);
    });
  }
  return { papers: written };
}
