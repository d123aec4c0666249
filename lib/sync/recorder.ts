import type { DBCore, DBCoreKeyRange, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { PaperRecord } from '../paper';
import type { SightingRow, SettingRow } from '../db';
import { HlcClock } from './hlc';
import { applyChange, emptyReplica, SETTINGS_REPLICA, WIPE_REPLICA, type PaperChangeBody, type PaperMeta, type PaperReplica, type ReplicaId, type SyncChange } from './model';
import { SYNC_TABLE_NAMES, type DeviceRow } from './store';

/**
 * Records every local change to the library as stamped sync changes, in the same IndexedDB transaction as the
 * change itself, whichever code path made it (a card strip, the reading list, an import, a restore). It is a Dexie
 * middleware: every read-write transaction over papers, sightings or settings also covers the sync stores, and each
 * write there is compared with the record it replaces. Writes made by sync itself (transactions that name the
 * replica store) are not recorded again. Nothing is recorded until sync has been turned on once.
 */
const WATCHED = new Set(['papers', 'sightings', 'settings']);
const applying = new WeakSet<DBCoreTransaction>();

function metaOf(record: PaperRecord): PaperMeta {
  const meta: Record<string, unknown> = { title: record.title, authors: record.authors, url: record.url };
  for (const key of ['abstract', 'summary', 'published', 'organization', 'arxiv', 'doi', 'version'] as const) {
    if (record[key] !== undefined) meta[key] = record[key];
  }
  return meta as unknown as PaperMeta;
}

/** What changed between two versions of a record, as sync changes without their stamps. */
export function changesOf(before: PaperRecord | undefined, after: PaperRecord): PaperChangeBody[] {
  const out: PaperChangeBody[] = [];
  const meta = metaOf(after);
  if (!before || JSON.stringify(metaOf(before)) !== JSON.stringify(meta)) out.push({ kind: 'meta', meta });
  if ((before?.savedAt ?? null) !== after.savedAt) out.push({ kind: 'saved', value: after.savedAt });
  if ((before?.dismissedAt ?? null) !== after.dismissedAt) out.push({ kind: 'dismissed', value: after.dismissedAt });
  if ((before?.note ?? '') !== after.note) out.push({ kind: 'note', value: after.note });
  if ((before?.status ?? null) !== after.status) out.push({ kind: 'status', value: after.status });
  const had = new Set(before?.tags ?? []);
  const has = new Set(after.tags);
  for (const tag of after.tags) if (!had.has(tag)) out.push({ kind: 'tag', tag, present: true });
  for (const tag of had) if (!has.has(tag)) out.push({ kind: 'tag', tag, present: false });
  return out;
}

/** This device's sync row while recording is on (sync turned on once), else undefined. */
async function recordingDevice(down: DBCore, trans: DBCoreTransaction): Promise<DeviceRow | undefined> {
  const device = (await down.table('syncMeta').get({ trans, key: 'device' })) as DeviceRow | undefined;
  return device?.value.recording ? device : undefined;
}

async function record(down: DBCore, trans: DBCoreTransaction, device: DeviceRow, bodies: { paper: ReplicaId; body: PaperChangeBody }[]): Promise<void> {
  if (!bodies.length) return;
  const meta = down.table('syncMeta');
  const clock = new HlcClock(device.value.device, device.value.clock);
  const now = Date.now();
  const changes = bodies.map(({ paper, body }) => ({ ...body, paper, at: clock.tick(now) }) as SyncChange);
  const ids = [...new Set(changes.map((change) => change.paper))];
  const replicaTable = down.table('syncReplica');
  const current = (await replicaTable.getMany({ trans, keys: ids })) as (PaperReplica | undefined)[];
  const replicas = new Map(ids.map((id, index) => [id, current[index] ?? emptyReplica(id)]));
  for (const change of changes) replicas.set(change.paper, applyChange(replicas.get(change.paper)!, change));
  await down.table('syncOutbox').mutate({ type: 'put', trans, values: changes });
  await replicaTable.mutate({ type: 'put', trans, values: [...replicas.values()] });
  await meta.mutate({ type: 'put', trans, values: [{ key: 'device', value: { ...device.value, clock: clock.current } } satisfies DeviceRow] });
}

/** Every key: for clearing a store through DBCore (Dexie's own `DBCoreRangeType.Any`, a const enum we cannot import). */
const ANY_KEY = { type: 3, lower: undefined, upper: undefined } as unknown as DBCoreKeyRange;

/**
 * The library was cleared (Options → Wipe): with sync on that is a wipe of every device's library. It is one change
 * stamped after everything this device has made or seen, covering this device and those it has read from, so all of
 * that dies with it, here and on the other devices, and whatever any device does after it survives. Our replicas and unsent changes go now (all older than the stamp),
 * and the next run replaces our files on the server.
 */
async function recordWipe(down: DBCore, trans: DBCoreTransaction): Promise<void> {
  const device = await recordingDevice(down, trans);
  if (!device) return;
  const meta = down.table('syncMeta');
  const clock = new HlcClock(device.value.device, device.value.clock);
  const progress = (((await meta.get({ trans, key: 'progress' })) as { value?: Record<string, unknown> } | undefined)?.value ?? {}) as {
    ownSegments?: number;
    pending?: { number: number } | null;
    cursors?: Record<string, number>;
    known?: string[];
  };
  // The wipe covers this device and every device it knows of (read from, or listed on the server at its last sync).
  const devices = [...new Set([device.value.device, ...Object.keys(progress.cursors ?? {}), ...(progress.known ?? [])])].sort();
  const wipe: SyncChange = { at: clock.tick(Date.now()), paper: WIPE_REPLICA, kind: 'wipe', devices };
  const replicaTable = down.table('syncReplica');
  const outbox = down.table('syncOutbox');
  const [settings, known] = (await replicaTable.getMany({ trans, keys: [SETTINGS_REPLICA, WIPE_REPLICA] })) as (PaperReplica | undefined)[];
  const unsent = (await outbox.query({ trans, values: true, query: { index: outbox.schema.primaryKey, range: ANY_KEY } })).result as SyncChange[];
  await replicaTable.mutate({ type: 'deleteRange', trans, range: ANY_KEY });
  await outbox.mutate({ type: 'deleteRange', trans, range: ANY_KEY });
  await replicaTable.mutate({ type: 'put', trans, values: [...(settings ? [settings] : []), applyChange(known ?? emptyReplica(WIPE_REPLICA), wipe)] });
  await outbox.mutate({ type: 'put', trans, values: [...unsent.filter((change) => change.paper === SETTINGS_REPLICA), wipe] });
  // A batch that may have gone up keeps its number taken; its changes (all wiped) are not sent again.
  const ownSegments = Math.max(progress.ownSegments ?? 0, progress.pending?.number ?? 0);
  await meta.mutate({ type: 'put', trans, values: [{ key: 'progress', value: { ...progress, ownSegments, pending: null, needsSnapshot: true, purge: true } }] });
  await meta.mutate({ type: 'put', trans, values: [{ key: 'device', value: { ...device.value, clock: clock.current } } satisfies DeviceRow] });
}

function watchedTable(down: DBCore, table: DBCoreTable): DBCoreTable {
  return {
    ...table,
    async mutate(request: DBCoreMutateRequest) {
      // Schema upgrades are not user changes (and run before the sync stores may exist); sync's own writes are not either.
      const upgrading = (request.trans as unknown as { mode?: string }).mode === 'versionchange';
      if (upgrading || applying.has(request.trans)) return table.mutate(request);
      if (request.type === 'deleteRange' && table.name === 'papers') {
        const result = await table.mutate(request);
        await recordWipe(down, request.trans);
        return result;
      }
      // Single papers are never deleted (a paper leaves the library by being unsaved and so on, which are puts).
      if (request.type !== 'put' && request.type !== 'add') return table.mutate(request);
      // Asked first: with sync off, a restore's 400,000 rows would each be compared with what they replace for nothing.
      const device = await recordingDevice(down, request.trans);
      if (!device) return table.mutate(request);
      const values = request.values as unknown[];
      let bodies: { paper: ReplicaId; body: PaperChangeBody }[] = [];
      if (table.name === 'papers') {
        const after = values as PaperRecord[];
        const before = (await table.getMany({ trans: request.trans, keys: after.map((paper) => paper.id) })) as (PaperRecord | undefined)[];
        bodies = after.flatMap((paper, index) => changesOf(before[index], paper).map((body) => ({ paper: paper.id, body })));
      } else if (table.name === 'sightings') {
        bodies = (values as SightingRow[]).map(({ paperId, viewId, site, url, label, at }) => ({ paper: paperId, body: { kind: 'seen', sighting: { viewId, site, url, label, at } } }));
      } else if (table.name === 'settings') {
        bodies = (values as SettingRow[]).filter((row) => row.key === 'settings').map((row) => ({ paper: SETTINGS_REPLICA, body: { kind: 'settings', value: row.value } }));
      }
      const result = await table.mutate(request);
      await record(down, request.trans, device, bodies);
      return result;
    },
  };
}

export const syncRecorder: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'ShelfmarkSyncRecorder',
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        const names = [...stores];
        const ownsReplica = names.includes('syncReplica');
        const widened = mode === 'readwrite' && !ownsReplica && names.some((name) => WATCHED.has(name)) ? [...new Set([...names, ...SYNC_TABLE_NAMES])] : names;
        const trans = down.transaction(widened, mode, options);
        if (ownsReplica) applying.add(trans);
        return trans;
      },
      table(name) {
        const table = down.table(name);
        return WATCHED.has(name) ? watchedTable(down, table) : table;
      },
    };
  },
};
