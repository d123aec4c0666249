import type { ShelfmarkDb, SightingRow } from '../db';
import type { PaperId } from '../ids';
import type { PaperRecord } from '../paper';
import { normalizeSettings } from '../settings';
import { HlcClock } from './hlc';
import { announcement, applyChange, emptyReplica, isPaperReplica, joinReplicas, newWipes, pruneReplica, SETTINGS_REPLICA, stampsOf, WIPE_REPLICA, type PaperReplica, type StampedSeen, type SyncChange, type Wipes } from './model';
import { materialize } from './materialize';
import { refoldIncoming } from '../title-identity';
import type { DeviceRow } from './store';

/** Replicas applied per transaction: a 100k-paper snapshot goes in slices, each one all-or-nothing. */
export const SLICE = 5000;

const sightingOf = ({ stamp: _stamp, ...entry }: StampedSeen, paperId: PaperId): SightingRow => ({ ...entry, paperId });

export interface Applied {
  /** Records written because of other devices' changes. */
  papers: PaperRecord[];
  /** Papers deleted here because another device wiped the library. */
  removed: PaperId[];
}

/**
 * Joins incoming replica state into the local replicas and writes what it means into the library, in transactions
 * that name the replica store (so the recorder does not record them as local changes). Joining is idempotent: a
 * slice applied twice after an interruption changes nothing the second time. `after` runs in the last slice's
 * transaction (it advances the cursors), so a cursor never moves past state that was not stored. A wipe newer than
 * the local one is carried out first, and incoming state older than the wipe is dropped before it is joined.
 */
export async function applyReplicas(db: ShelfmarkDb, incoming: readonly PaperReplica[], now: number, after?: () => Promise<void>): Promise<Applied> {
  const written: PaperRecord[] = [];
  await receiveStamps(db, incoming, now);
  const byId = new Map<string, PaperReplica>();
  for (const replica of incoming) byId.set(replica.id, byId.has(replica.id) ? joinReplicas(byId.get(replica.id)!, replica) : replica);
  const local = (await db.syncReplica.get(WIPE_REPLICA)) ?? emptyReplica(WIPE_REPLICA);
  const heard = byId.get(WIPE_REPLICA);
  byId.delete(WIPE_REPLICA);
  const wipes = heard ? joinReplicas(local, heard).wipes : local.wipes;
  const { removed, rewritten } = newWipes(local.wipes, wipes) ? await wipeHere(db, wipes!, now) : { removed: [], rewritten: [] };
  written.push(...rewritten);
  const survivors = (replicas: readonly PaperReplica[], by: Wipes | undefined) =>
    replicas.map((replica) => pruneReplica(replica, by).replica).filter((replica): replica is PaperReplica => replica !== null);
  const all = survivors([...byId.values()], wipes);
  if (!all.length && after) await db.transaction('rw', db.syncReplica, db.syncMeta, after);
  // A device that held nothing when this began (its first sync) has no records to read back, except for papers the
  // user saved meanwhile (on a tab, during a long first sync): the recorder gave each of those a replica, which every
  // slice reads inside its own transaction, so such a write is merged, never overwritten.
  const fresh = (await db.syncReplica.limit(1).count()) === 0 && (await db.papers.limit(1).count()) === 0;
  for (let start = 0; start < all.length; start += SLICE) {
    const last = start + SLICE >= all.length;
    await db.transaction('rw', [db.papers, db.sightings, db.settings, db.syncReplica, db.syncMeta, db.syncOutbox], async () => {
      // The user may have wiped this library since the wipe was read above: what is older than that goes too.
      const wipedSince = (await db.syncReplica.get(WIPE_REPLICA))?.wipes;
      const slice = newWipes(wipes, wipedSince) ? survivors(all.slice(start, start + SLICE), wipedSince) : all.slice(start, start + SLICE);
      // Each slice is stamped as it is written: the search index catches up by these stamps, and a whole apply can
      // take a minute, far past the few seconds of overlap by which its catch-up allows for a write in flight.
      const writtenAt = Math.max(now, Date.now());
      const ids = slice.map((replica) => replica.id);
      const paperIds = ids.filter(isPaperReplica) as PaperId[];
      const current = await db.syncReplica.bulkGet(ids);
      const held = fresh ? (ids.filter((id, index) => isPaperReplica(id) && current[index]) as PaperId[]) : paperIds;
      const records = new Map((held.length ? await db.papers.bulkGet(held) : []).filter((r): r is PaperRecord => !!r).map((r) => [r.id as string, r]));
      const replicas: PaperReplica[] = [];
      const papers: PaperRecord[] = [];
      const sightings: SightingRow[] = [];
      slice.forEach((replica, index) => {
        const before = current[index];
        const joined = before ? joinReplicas(before, replica) : replica;
        replicas.push(joined);
        if (!isPaperReplica(replica.id)) return;
        const record = records.get(replica.id);
        const next = materialize(record, joined, writtenAt);
        if (next && next !== record) papers.push(next);
        for (const [viewId, entry] of Object.entries(joined.seen)) if (!before?.seen[viewId]) sightings.push(sightingOf(entry, joined.id as PaperId));
      });
      await db.syncReplica.bulkPut(replicas);
      // Another device's edit of a `title:` record this device folded away goes to the record that took it in.
      const { records: landed, folded } = await refoldIncoming(db, papers, writtenAt);
      for (const sighting of sightings) sighting.paperId = folded.get(sighting.paperId) ?? sighting.paperId;
      papers.splice(0, papers.length, ...landed);
      if (papers.length) await db.papers.bulkPut(papers);
      if (sightings.length) await db.sightings.bulkAdd(sightings);
      const settings = replicas.find((replica) => replica.id === SETTINGS_REPLICA)?.settings;
      if (settings) await db.settings.put({ key: 'settings', value: normalizeSettings(settings.value) });
      if (last && after) await after();
      written.push(...papers);
    });
  }
  return { papers: written, removed };
}

/**
 * Moves this device's clock past every stamp in incoming state, wipes included, before anything else (the
 * announcements of a wipe carried out here too): an edit made after seeing a wipe must be stamped after it, or the
 * wipe kills it on every other device, however far ahead (within MAX_DRIFT_MS) the wiping device's clock ran.
 */
async function receiveStamps(db: ShelfmarkDb, incoming: readonly PaperReplica[], now: number): Promise<void> {
  await db.transaction('rw', db.syncMeta, async () => {
    const device = (await db.syncMeta.get('device'))?.value as DeviceRow['value'] | undefined;
    if (!device) return;
    const clock = new HlcClock(device.device, device.clock);
    for (const replica of incoming) for (const stamp of stampsOf(replica)) clock.receive(stamp, now);
    if (clock.current !== device.clock) await db.syncMeta.put({ key: 'device', value: { ...device, clock: clock.current } satisfies DeviceRow['value'] });
  });
}

/**
 * Carries out another device's wipe here: every paper state it covers goes (records, sightings, replicas); a paper
 * with something newer survives with only that, and its description is announced as a new change of ours (devices
 * that pruned it away need it to show the paper). The search index is rebuilt from what is left, and the
 * next run replaces this device's files on the server, so the wiped library does not linger there either.
 */
async function wipeHere(db: ShelfmarkDb, wipes: Wipes, now: number): Promise<{ removed: PaperId[]; rewritten: PaperRecord[] }> {
  const removed: PaperId[] = [];
  const rewritten: PaperRecord[] = [];
  const kept = new Set<string>();
  let after = '';
  for (;;) {
    const chunk = await db.syncReplica.where(':id').above(after).limit(SLICE).toArray();
    if (!chunk.length) break;
    after = chunk[chunk.length - 1].id;
    await db.transaction('rw', [db.papers, db.sightings, db.syncReplica, db.syncMeta, db.syncOutbox], async () => {
      const device = (await db.syncMeta.get('device'))?.value as DeviceRow['value'];
      const clock = new HlcClock(device.device, device.clock);
      const dead: PaperId[] = [];
      const survivors: PaperReplica[] = [];
      const announced: SyncChange[] = [];
      for (const replica of chunk) {
        if (!isPaperReplica(replica.id)) continue;
        const { replica: survivor, pruned } = pruneReplica(replica, wipes);
        if (!survivor) {
          dead.push(replica.id as PaperId);
          continue;
        }
        kept.add(replica.id);
        // Untouched (e.g. the library of a device the wipe did not cover): nothing to rewrite or announce.
        if (!pruned) continue;
        const change = announcement(survivor, clock.tick(now));
        if (change) announced.push(change);
        survivors.push(change ? applyChange(survivor, change) : survivor);
      }
      const touched = [...dead, ...survivors.map((replica) => replica.id as PaperId)];
      if (!touched.length) return;
      await db.sightings.where('paperId').anyOf(touched).delete();
      await db.syncReplica.bulkDelete(dead);
      await db.papers.bulkDelete(dead);
      await db.syncReplica.bulkPut(survivors);
      // A survivor's record is rebuilt from what survived, not patched: its old seen summary and edits are gone.
      const records = survivors.map((replica) => materialize(undefined, replica, now));
      // A survivor with nothing describable left (a tag from after the wipe, its description still to be announced).
      const hidden = survivors.filter((_, index) => !records[index]).map((replica) => replica.id as PaperId);
      await db.papers.bulkDelete(hidden);
      removed.push(...hidden);
      const shown = records.filter((record): record is PaperRecord => !!record);
      await db.papers.bulkPut(shown);
      rewritten.push(...shown);
      await db.sightings.bulkAdd(survivors.flatMap((replica) => Object.values(replica.seen).map((entry) => sightingOf(entry, replica.id as PaperId))));
      await db.syncOutbox.bulkPut(announced);
      await db.syncMeta.put({ key: 'device', value: { ...device, clock: clock.current } satisfies DeviceRow['value'] });
      removed.push(...dead);
    });
  }
  await db.transaction('rw', [db.papers, db.sightings, db.searchIndex, db.syncReplica, db.syncMeta, db.syncOutbox], async () => {
    // Records that never had a replica (there should be none while recording) go with the rest.
    const strays = (await db.papers.toCollection().primaryKeys()).filter((id) => !kept.has(id));
    await db.papers.bulkDelete(strays);
    await db.sightings.where('paperId').anyOf(strays).delete();
    removed.push(...strays);
    await db.searchIndex.clear();
    await db.syncReplica.put({ ...emptyReplica(WIPE_REPLICA), wipes });
    const progress = ((await db.syncMeta.get('progress'))?.value ?? {}) as Record<string, unknown>;
    await db.syncMeta.put({ key: 'progress', value: { ...progress, needsSnapshot: true, purge: true } });
  });
  return { removed, rewritten };
}
