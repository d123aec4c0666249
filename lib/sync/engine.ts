import type { ShelfmarkDb } from '../db';
import type { PaperId } from '../ids';
import type { PaperRecord } from '../paper';
import type { Applied } from './apply';
import { applyReplicas } from './apply';
import { decodeFile, deriveKey, encodeFile, keyCheck, PBKDF2_ITERATIONS, randomSalt, UnreadableFileError, verifyKey } from './crypto';
import { decodeDeviceFile, decodeSegment, decodeSnapshot, fileNumber, FORMAT, FORMAT_VERSION, InvalidFileError, segmentName, snapshotName, type DeviceFile, type SegmentFile, type SnapshotFile } from './files';
import { DEVICE_ID_PATTERN, formatHlc, HlcClock, newDeviceId, type Hlc } from './hlc';
import { applyChange, emptyReplica, joinReplicas, SETTINGS_REPLICA, type PaperReplica, type SyncChange } from './model';
import type { DeviceRow } from './store';
import { WebDavClient, WebDavError, type DavEntry, type TransferMeter } from './webdav';

export interface SyncConfig {
  /** The WebDAV folder URL the user gave, e.g. https://cloud.example.org/remote.php/dav/files/ada/ */
  serverUrl: string;
  username: string;
  password: string;
  /** The folder inside it that holds Shelfmark's files. */
  folder: string;
  /** End-to-end encryption passphrase, or empty for none. */
  passphrase: string;
}

export interface SyncStatus {
  running: boolean;
  lastSyncedAt: number | null;
  lastAttemptAt: number | null;
  devices: number;
  papers: number;
  error: string | null;
  warnings: string[];
}

/** Per-device progress, all persisted, so a sync stopped anywhere resumes where it was. */
interface Progress {
  /** Own batches uploaded (or folded into a snapshot). */
  ownSegments: number;
  /** The batch being uploaded: fixed before the upload, so a retry uploads the same changes under the same name. */
  pending: { number: number; upTo: Hlc } | null;
  /** Own state that is in no batch (the library as it was when sync was turned on): the next snapshot carries it. */
  needsSnapshot: boolean;
  /** Own batches the newest own snapshot covers. */
  ownSnapshot: number;
  /** Per other device, the batches applied here. */
  cursors: Record<string, number>;
  /** What our device.json says; rewritten when encryption is turned on or off. */
  published: { encrypted: boolean; salt: string | null } | null;
  /** After a wipe (here or heard of): the next snapshot replaces all our older files, so wiped data leaves the server. */
  purge: boolean;  /** Set by turning sync on (or saving the form): a server copy deleted meanwhile may be created again. */
  recreate: boolean;
  /** The other devices in the last listing of `devices/`: a wipe made here covers them (lib/sync/recorder.ts). */
  known: string[];
}

const EMPTY_PROGRESS: Progress = { ownSegments: 0, pending: null, needsSnapshot: false, ownSnapshot: 0, cursors: {}, published: null, purge: false, recreate: false, known: [] };
/** Changes per uploaded batch. */
export const BATCH = 5000;
/** A device writes a snapshot when this many of its own batches, or batches read this run, are not in one. */
export const SNAPSHOT_AFTER = 20;
/** A reader this many batches behind a device takes the device's snapshot instead. */
const READ_SNAPSHOT_BEYOND = 20;

async function getMeta<T>(db: ShelfmarkDb, key: string, fallback: T): Promise<T> {
  const row = await db.syncMeta.get(key);
  return row ? (row.value as T) : fallback;
}

async function setMeta(db: ShelfmarkDb, key: string, value: unknown): Promise<void> {
  await db.syncMeta.put({ key, value });
}

export const readConfig = (db: ShelfmarkDb) => getMeta<SyncConfig | null>(db, 'config', null);
export const readStatus = (db: ShelfmarkDb) =>
  getMeta<SyncStatus>(db, 'status', { running: false, lastSyncedAt: null, lastAttemptAt: null, devices: 0, papers: 0, error: null, warnings: [] });
const readProgress = async (db: ShelfmarkDb) => ({ ...EMPTY_PROGRESS, ...(await getMeta<Partial<Progress>>(db, 'progress', {})) });
const patchProgress = async (db: ShelfmarkDb, patch: Partial<Progress>) => setMeta(db, 'progress', { ...(await readProgress(db)), ...patch });

export async function deviceOf(db: ShelfmarkDb): Promise<DeviceRow['value'] | undefined> {
  return (await db.syncMeta.get('device'))?.value as DeviceRow['value'] | undefined;
}

/** The origin a config talks to, for `permissions.request`. */
export function serverOrigin(serverUrl: string): string {
  const url = new URL(serverUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('The server URL must start with https://');
  return url.origin;
}

export function folderUrl(config: SyncConfig): string {
  const base = config.serverUrl.endsWith('/') ? config.serverUrl : `${config.serverUrl}/`;
  const folder = config.folder.trim().replace(/^\/+|\/+$/g, '') || 'Shelfmark';
  return `${base}${folder.split('/').map(encodeURIComponent).join('/')}/`;
}

/**
 * Turns sync on: saves the configuration and, the first time, starts recording changes and folds the library as
 * it is now into the replicas (stamped with each field's own edit time), for the first snapshot to carry.
 */
export async function enableSync(db: ShelfmarkDb, config: SyncConfig, now: number): Promise<void> {
  serverOrigin(config.serverUrl);
  const device = await deviceOf(db);
  const previous = await readConfig(db);
  await setMeta(db, 'config', config);
  if (previous && previous.passphrase !== config.passphrase) await patchProgress(db, { published: null });
  await patchProgress(db, { recreate: true });
  if (device?.recording) return;
  const id = device?.device ?? newDeviceId();
  let clock = new HlcClock(id, device?.clock);
  await db.transaction('rw', [db.papers, db.sightings, db.syncReplica, db.syncMeta], async () => {
    const replicas = new Map<string, PaperReplica>();
    const replicaOf = (paper: string) => replicas.get(paper) ?? emptyReplica(paper as PaperReplica['id']);
    const add = (change: SyncChange) => {
      clock.receive(change.at, now);
      replicas.set(change.paper, applyChange(replicaOf(change.paper), change));
    };
    await db.papers.each((record: PaperRecord) => {
      const at = (field: keyof PaperRecord['edited']) => formatHlc({ wall: record.edited[field] ?? record.updatedAt, counter: 0, device: id });
      const { title, authors, url, abstract, summary, published, organization, arxiv, doi, version } = record;
      const meta = JSON.parse(JSON.stringify({ title, authors, url, abstract, summary, published, organization, arxiv, doi, version }));
      add({ at: formatHlc({ wall: record.updatedAt, counter: 0, device: id }), paper: record.id, kind: 'meta', meta });
      if (record.savedAt !== null) add({ at: at('savedAt'), paper: record.id, kind: 'saved', value: record.savedAt });
      if (record.dismissedAt !== null) add({ at: at('dismissedAt'), paper: record.id, kind: 'dismissed', value: record.dismissedAt });
      if (record.note) add({ at: at('note'), paper: record.id, kind: 'note', value: record.note });
      if (record.status) add({ at: at('status'), paper: record.id, kind: 'status', value: record.status });
      for (const tag of record.tags) add({ at: at('tags'), paper: record.id, kind: 'tag', tag, present: true });
    });
    await db.sightings.each(({ paperId, viewId, site, url, label, at }) => {
      add({ at: formatHlc({ wall: at, counter: 0, device: id }), paper: paperId, kind: 'seen', sighting: { viewId, site, url, label, at } });
    });
    const stored = await db.syncReplica.bulkGet([...replicas.keys()] as PaperReplica['id'][]);
    await db.syncReplica.bulkPut([...replicas.values()].map((replica, index) => (stored[index] ? joinReplicas(stored[index]!, replica) : replica)));
    clock = new HlcClock(id, clock.tick(now));
    await db.syncMeta.put({ key: 'device', value: { device: id, clock: clock.current, recording: true } satisfies DeviceRow['value'] });
    // Only a library that had something before sync needs a snapshot to carry it (an empty one waits for its log).
    if (replicas.size) await db.syncMeta.put({ key: 'progress', value: { ...(await readProgress(db)), needsSnapshot: true } });
  });
}

/** Turns sync off: stops syncing and recording. The remote copy stays until `deleteRemoteCopy`. */
export async function disableSync(db: ShelfmarkDb): Promise<void> {
  const device = await deviceOf(db);
  await db.transaction('rw', [db.syncMeta, db.syncOutbox, db.syncReplica], async () => {
    await db.syncMeta.delete('config');
    await db.syncMeta.delete('progress');
    await db.syncOutbox.clear();
    await db.syncReplica.clear();
    // A new device id next time: this one's files may be deleted, and no other device must mistake new ones for them.
    if (device) await db.syncMeta.delete('device');
  });
}

export interface SyncDeps {
  now: () => number;
  fetch?: typeof fetch;
  meter?: TransferMeter;
  /** Called after papers changed here because of other devices (to refresh open views). */
  onPapers?: (papers: PaperRecord[]) => void;
  /** Called after another device's wipe deleted papers here (models built from the library must start again). */
  onWiped?: (ids: PaperId[]) => void;
}

const keyCache = new Map<string, Promise<CryptoKey>>();
function keyFor(passphrase: string, salt: string, iterations: number): Promise<CryptoKey> {
  const id = `${iterations}|${salt}|${passphrase}`;
  if (!keyCache.has(id)) keyCache.set(id, deriveKey(passphrase, salt, iterations));
  return keyCache.get(id)!;
}

/** The status when this device's files vanished from the server. */
export const SERVER_COPY_GONE = 'The synced copy on the server was deleted. Turn sync off here, or press "Save and sync" to upload this library again';

class Run {
  readonly warnings: string[] = [];
  segmentsRead = 0;
  constructor(
    readonly db: ShelfmarkDb,
    readonly config: SyncConfig,
    readonly client: WebDavClient,
    readonly me: string,
    readonly deps: SyncDeps,
  ) {}

  warn(message: string): void {
    if (this.warnings.length < 20) this.warnings.push(message);
  }

  async ownKey(progress: Progress): Promise<CryptoKey | null> {
    if (!this.config.passphrase) return null;
    return keyFor(this.config.passphrase, progress.published?.salt ?? '', PBKDF2_ITERATIONS);
  }

  /** Writes device.json; when encryption changed, first removes our old files, which readers could not read now. */
  async publish(progress: Progress): Promise<Progress> {
    const encrypted = !!this.config.passphrase;
    if (progress.published && progress.published.encrypted === encrypted) return progress;
    const folder = `devices/${this.me}`;
    for (const entry of (await this.client.list(folder)) ?? []) if (!entry.collection && entry.name !== 'device.json') await this.client.delete(`${folder}/${entry.name}`);
    const salt = encrypted ? randomSalt() : null;
    const key = salt ? await keyFor(this.config.passphrase, salt, PBKDF2_ITERATIONS) : null;
    const file: DeviceFile = {
      format: FORMAT,
      version: FORMAT_VERSION,
      device: this.me,
      name: 'Shelfmark',
      createdAt: this.deps.now(),
      encryption: key && salt ? { kdf: 'PBKDF2-SHA256', iterations: PBKDF2_ITERATIONS, salt, check: await keyCheck(key, this.me) } : null,
    };
    await this.client.put(`${folder}/device.json`, new TextEncoder().encode(JSON.stringify(file)));
    // After a re-key every old batch is gone: the next snapshot carries our whole state, under a batch number no file has.
    const rekeyed = progress.published !== null;
    const next = { ...progress, published: { encrypted, salt }, needsSnapshot: progress.needsSnapshot || rekeyed, ownSnapshot: rekeyed ? 0 : progress.ownSnapshot, pending: null };
    await patchProgress(this.db, next);
    return next;
  }

  async upload(progress: Progress): Promise<Progress> {
    const key = await this.ownKey(progress);
    for (;;) {
      let pending = progress.pending;
      if (!pending) {
        const batch = await this.db.syncOutbox.orderBy('at').limit(BATCH).toArray();
        if (!batch.length) return progress;
        pending = { number: progress.ownSegments + 1, upTo: batch[batch.length - 1].at };
        progress = { ...progress, pending };
        await patchProgress(this.db, { pending });
      }
      const changes = await this.db.syncOutbox.where('at').belowOrEqual(pending.upTo).toArray();
      const path = `devices/${this.me}/${segmentName(pending.number)}`;
      const file: SegmentFile = { format: FORMAT, version: FORMAT_VERSION, kind: 'segment', device: this.me, number: pending.number, changes };
      await this.client.put(path, await encodeFile(file, path, key));
      const done = pending;
      await this.db.transaction('rw', this.db.syncOutbox, this.db.syncMeta, async () => {
        await this.db.syncOutbox.where('at').belowOrEqual(done.upTo).delete();
        progress = { ...(await readProgress(this.db)), ownSegments: done.number, pending: null };
        await setMeta(this.db, 'progress', progress);
      });
    }
  }

  async deviceKey(device: string): Promise<CryptoKey | null | 'skip'> {
    const path = `devices/${device}/device.json`;
    const bytes = await this.client.get(path);
    if (!bytes) return 'skip';
    let file: DeviceFile;
    try {
      file = decodeDeviceFile(JSON.parse(new TextDecoder().decode(bytes)), path, device);
    } catch (error) {
      this.warn(error instanceof InvalidFileError ? error.message : `${path} is damaged: skipped`);
      return 'skip';
    }
    if (!file.encryption) {
      // Readable, but the user who set a passphrase expects the server to hold nothing readable: say which device leaks.
      if (this.config.passphrase) this.warn(`Device ${device} does not encrypt its files: set the same passphrase there`);
      return null;
    }
    if (!this.config.passphrase) {
      this.warn(`Device ${device} encrypts its files: enter the passphrase to read them`);
      return 'skip';
    }
    const key = await keyFor(this.config.passphrase, file.encryption.salt, file.encryption.iterations);
    if (!(await verifyKey(key, device, file.encryption.check))) {
      this.warn(`The passphrase does not open device ${device}'s files`);
      return 'skip';
    }
    return key;
  }

  async readFile<T>(path: string, key: CryptoKey | null, decode: (value: unknown) => T): Promise<T | null> {
    const bytes = await this.client.get(path);
    if (!bytes) return null;
    try {
      return decode(await decodeFile(bytes, path, key));
    } catch (error) {
      if (error instanceof InvalidFileError || error instanceof UnreadableFileError) {
        this.warn(`Skipped ${error.message}`);
        return null;
      }
      throw error;
    }
  }

  async applySnapshot(snapshot: SnapshotFile): Promise<void> {
    const result = await applyReplicas(this.db, snapshot.replicas, this.deps.now(), async () => {
      const progress = await readProgress(this.db);
      const cursors = { ...progress.cursors };
      for (const [device, covered] of Object.entries(snapshot.covers)) if (device !== this.me) cursors[device] = Math.max(cursors[device] ?? 0, covered);
      await setMeta(this.db, 'progress', { ...progress, cursors });
    });
    this.report(result);
  }

  report({ papers, removed }: Applied): void {
    if (removed.length) this.deps.onWiped?.(removed);
    this.deps.onPapers?.(papers);
  }

  /**
   * Lists `devices/` and creates the folders that are missing: a run in the steady state makes no MKCOL. When our own
   * folder has gone (the server copy was deleted, e.g. "Turn off and delete the server copy" on another device), the
   * run stops with a status that says so, rather than undo that deletion behind the user's back; once the user saves
   * the form again, device.json is written again and a snapshot carries our whole state.
   */
  async folders(progress: Progress): Promise<{ progress: Progress; devices: DavEntry[] }> {
    let devices = ((await this.client.list('devices')) ?? []).filter((entry) => entry.collection);
    if (!devices.some((entry) => entry.name === this.me)) {
      if (progress.published && !progress.recreate) throw new WebDavError(SERVER_COPY_GONE);
      await this.client.mkcol('');
      await this.client.mkcol('devices');
      await this.client.mkcol(`devices/${this.me}`);
      devices = [...devices, { name: this.me, collection: true, size: 0 }];
      if (progress.published) {
        progress = { ...progress, published: null, pending: null, ownSegments: Math.max(progress.ownSegments, progress.pending?.number ?? 0), needsSnapshot: true, ownSnapshot: 0 };
      }
    }
    if (progress.recreate) progress = { ...progress, recreate: false };
    progress = { ...progress, known: devices.map((entry) => entry.name).filter((name) => name !== this.me && DEVICE_ID_PATTERN.test(name)) };
    await patchProgress(this.db, progress);
    return { progress, devices };
  }

  async download(folders: readonly DavEntry[]): Promise<number> {
    for (const { name: device } of folders) {
      if (device === this.me || !/^[a-z0-9]{6,32}$/.test(device)) continue;
      const key = await this.deviceKey(device);
      if (key === 'skip') continue;
      const names = ((await this.client.list(`devices/${device}`)) ?? []).map((entry) => entry.name);
      const segments = new Set(names.map((name) => fileNumber(name, 'seg')).filter((n): n is number => n !== undefined));
      const snapshots = names.map((name) => fileNumber(name, 'snap')).filter((n): n is number => n !== undefined).sort((a, b) => b - a);
      let cursor = (await readProgress(this.db)).cursors[device] ?? 0;
      let triedSnapshot = false;
      /** A snapshot instead of the log, when the log has a gap here (compacted, or a batch that only a snapshot holds) or is long. */
      const viaSnapshot = async () => {
        const newest = snapshots[0];
        const behind = Math.max(0, ...segments) - cursor;
        if (triedSnapshot || newest === undefined || newest <= cursor || (segments.has(cursor + 1) && behind <= READ_SNAPSHOT_BEYOND)) return;
        triedSnapshot = true;
        const path = `devices/${device}/${snapshotName(newest)}`;
        const snapshot = await this.readFile(path, key, (value) => decodeSnapshot(value, path, device));
        if (!snapshot) return;
        await this.applySnapshot(snapshot);
        cursor = (await readProgress(this.db)).cursors[device] ?? 0;
      };
      await viaSnapshot();
      while (segments.has(cursor + 1)) {
        const number = cursor + 1;
        const path = `devices/${device}/${segmentName(number)}`;
        const segment = await this.readFile(path, key, (value) => decodeSegment(value, path, device, number));
        // A damaged batch stops this device's log here: later batches wait until a snapshot covers the damage.
        if (!segment) break;
        const replicas = new Map<string, PaperReplica>();
        for (const change of segment.changes) replicas.set(change.paper, applyChange(replicas.get(change.paper) ?? emptyReplica(change.paper), change));
        // applyReplicas moves our clock past every stamp in the batch, as it does for a snapshot.
        const result = await applyReplicas(this.db, [...replicas.values()], this.deps.now(), async () => {
          const progress = await readProgress(this.db);
          await setMeta(this.db, 'progress', { ...progress, cursors: { ...progress.cursors, [device]: Math.max(progress.cursors[device] ?? 0, number) } });
        });
        this.report(result);
        this.segmentsRead++;
        cursor = number;
        if (!segments.has(cursor + 1)) await viaSnapshot();
      }
      if (segments.size && !segments.has(cursor + 1) && Math.max(...segments) > cursor) this.warn(`Device ${device}'s log has a gap after batch ${cursor}: waiting for its next snapshot`);
    }
    return folders.length;
  }

  /** Writes a snapshot when our logs are long, then removes the batches an older snapshot already covers. */
  async compact(progress: Progress): Promise<void> {
    if (!progress.purge && !progress.needsSnapshot && progress.ownSegments - progress.ownSnapshot < SNAPSHOT_AFTER && this.segmentsRead < SNAPSHOT_AFTER) return;
    // Own state outside any batch (the library from before sync, or after a re-key) takes a batch number of its own.
    const number = progress.needsSnapshot ? progress.ownSegments + 1 : progress.ownSegments;
    const { replicas, cursors } = await this.db.transaction('r', this.db.syncReplica, this.db.syncMeta, async () => ({
      replicas: await this.db.syncReplica.toArray(),
      cursors: (await readProgress(this.db)).cursors,
    }));
    const path = `devices/${this.me}/${snapshotName(number)}`;
    const file: SnapshotFile = { format: FORMAT, version: FORMAT_VERSION, kind: 'snapshot', device: this.me, covers: { ...cursors, [this.me]: number }, replicas };
    await this.client.put(path, await encodeFile(file, path, await this.ownKey(progress)));
    const previous = progress.ownSnapshot;
    await patchProgress(this.db, { ownSegments: number, ownSnapshot: number, needsSnapshot: false, purge: false });
    // Batches the previous snapshot covered go (one generation of slack for readers mid-run); after a wipe, every
    // batch this snapshot covers goes, since they hold what was wiped (a reader behind takes the snapshot).
    const upTo = progress.purge ? number : previous;
    for (const entry of (await this.client.list(`devices/${this.me}`)) ?? []) {
      const snap = fileNumber(entry.name, 'snap');
      const seg = fileNumber(entry.name, 'seg');
      if ((snap !== undefined && snap < number) || (seg !== undefined && seg <= upTo)) await this.client.delete(`devices/${this.me}/${entry.name}`);
    }
  }
}

/** Whether a sync is under way in this context (the alarm and "Sync now" share one run). */
let current: Promise<SyncStatus> | null = null;

/** One sync: upload our new changes, apply everyone else's, compact. Safe to stop anywhere and run again. */
export function runSync(db: ShelfmarkDb, deps: SyncDeps): Promise<SyncStatus> {
  current ??= syncOnce(db, deps).finally(() => (current = null));
  return current;
}

async function syncOnce(db: ShelfmarkDb, deps: SyncDeps): Promise<SyncStatus> {
  const config = await readConfig(db);
  const device = await deviceOf(db);
  const before = await readStatus(db);
  if (!config || !device?.recording) return before;
  const started = deps.now();
  await setMeta(db, 'status', { ...before, running: true, lastAttemptAt: started });
  const client = new WebDavClient({ baseUrl: folderUrl(config), username: config.username, password: config.password, fetch: deps.fetch, meter: deps.meter });
  const run = new Run(db, config, client, device.device, deps);
  let status: SyncStatus;
  try {
    const { progress: start, devices: folders } = await run.folders(await readProgress(db));
    let progress = await run.publish(start);
    progress = await run.upload(progress);
    const devices = await run.download(folders);
    await run.compact(await readProgress(db));
    status = { running: false, lastSyncedAt: deps.now(), lastAttemptAt: started, devices, papers: await db.papers.count(), error: null, warnings: run.warnings };
  } catch (error) {
    const message = error instanceof WebDavError ? error.message : `Sync failed: ${error instanceof Error ? error.message : String(error)}`;
    status = { ...before, running: false, lastAttemptAt: started, error: message, warnings: run.warnings };
  }
  await setMeta(db, 'status', status);
  return status;
}

/** Whether a run was under way when this context stopped (the worker was terminated mid-sync). */
export async function interruptedRun(db: ShelfmarkDb): Promise<boolean> {
  return (await readStatus(db)).running && !current;
}

/** Deletes this library's folder on the server (every device's files), for "turn off and delete the remote copy". */
export async function deleteRemoteCopy(config: SyncConfig, deps: Pick<SyncDeps, 'fetch'> = {}): Promise<void> {
  const client = new WebDavClient({ baseUrl: folderUrl(config), username: config.username, password: config.password, fetch: deps.fetch });
  await client.delete('');
}

export { SETTINGS_REPLICA };
