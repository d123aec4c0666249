import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { buildBackupBlob, offscreenBackupSource, type BackupFileRequest } from '../../lib/auto-backup/file-source';
import { ShelfmarkDb } from '../../lib/db';
import { readSnapshot, readSnapshotInPages } from '../../lib/backup/snapshot';
import { runImportToDatabase, type ImportWriteMessage } from '../../lib/import/import-job';
import { record } from '../fixtures/library/records';
import {
  DEFAULT_AUTO_BACKUP,
  EMPTY_STATE,
  PERIOD_MS,
  RETRY_AFTER_MS,
  backupFileName,
  backupWarning,
  filesToRotate,
  isBackupDue,
  normalizeState,
  type AutoBackupState,
  type BackupFile,
} from '../../lib/auto-backup/policy';
import { AutoBackup, type DownloadDelta, type DownloadItem, type DownloadsApi } from '../../lib/auto-backup/writer';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 11, 1, 9, 0);
const library = { hasSavedPapers: true, newestMissing: false };
const file = (downloadId: number, at: number): BackupFile => ({ downloadId, path: `/home/ada/Downloads/Shelfmark/b${downloadId}.json.gz`, at, bytes: 1000 });
const state = (patch: Partial<AutoBackupState>): AutoBackupState => ({ ...EMPTY_STATE, ...patch });
const time = (at: number) => new Date(at).toISOString();

describe('when an automatic backup is due', () => {
  it('is on by default but writes nothing until the library has a saved paper', () => {
    expect(DEFAULT_AUTO_BACKUP.enabled).toBe(true);
    expect(isBackupDue(EMPTY_STATE, T0, { ...library, hasSavedPapers: false })).toMatchObject({ due: false, reason: 'empty-library' });
    expect(isBackupDue(EMPTY_STATE, T0, library)).toEqual({ due: true, reason: 'first' });
  });

  it('never when turned off', () => {
    expect(isBackupDue(state({ config: { ...DEFAULT_AUTO_BACKUP, enabled: false } }), T0, library)).toMatchObject({ due: false, reason: 'off' });
  });

  it('once a period after the newest file, a few minutes early rather than an hour late', () => {
    const daily = state({ files: [file(1, T0)] });
    expect(isBackupDue(daily, T0 + 12 * HOUR, library)).toEqual({ due: false, reason: 'recent', next: T0 + DAY });
    expect(isBackupDue(daily, T0 + DAY - 5 * 60_000, library)).toEqual({ due: true, reason: 'period' });
    expect(isBackupDue(daily, T0 + DAY - HOUR, library).due).toBe(false);
    const weekly = state({ config: { ...DEFAULT_AUTO_BACKUP, every: 'week' }, files: [file(1, T0)] });
    expect(isBackupDue(weekly, T0 + 3 * DAY, library).due).toBe(false);
    expect(isBackupDue(weekly, T0 + PERIOD_MS.week, library).due).toBe(true);
  });

  it('at once when the newest file was deleted or moved', () => {
    expect(isBackupDue(state({ files: [file(1, T0)] }), T0 + HOUR, { ...library, newestMissing: true })).toEqual({ due: true, reason: 'file-missing' });
  });

  it('an hour after a failed attempt, not at every check', () => {
    const failed = state({ files: [file(1, T0 - 2 * DAY)], lastAttempt: { at: T0, ok: false, error: 'FILE_NO_SPACE' } });
    expect(isBackupDue(failed, T0 + HOUR / 2, library)).toEqual({ due: false, reason: 'retry-later', next: T0 + RETRY_AFTER_MS });
    expect(isBackupDue(failed, T0 + HOUR, library).due).toBe(true);
  });
});

describe('rotation and status', () => {
  it('deletes the oldest files past the number kept, never the newest', () => {
    const files = [file(1, T0), file(2, T0 + DAY), file(3, T0 + 2 * DAY)];
    expect(filesToRotate(files, 2).map((f) => f.downloadId)).toEqual([1]);
    expect(filesToRotate(files, 3)).toEqual([]);
    expect(filesToRotate(files, 1).map((f) => f.downloadId)).toEqual([1, 2]);
  });

  it('names files in a Shelfmark folder by local date and time, as gzip', () => {
    expect(backupFileName(new Date(2026, 0, 5, 7, 3).getTime())).toBe('Shelfmark/shelfmark-backup-2026-01-05-0703.json.gz');
  });

  it('warns after a failure (with the reason), a deleted newest file, or when none was written for too long', () => {
    const ok = state({ files: [file(1, T0)], lastAttempt: { at: T0, ok: true } });
    expect(backupWarning(ok, T0 + DAY, library, time)).toBeNull();
    expect(backupWarning(ok, T0 + 2 * DAY, library, time)).toBeNull();
    expect(backupWarning(ok, T0 + 4 * DAY, library, time)).toBe(`No automatic backup has been written since ${time(T0)}.`);
    expect(backupWarning({ ...ok, lastAttempt: { at: T0 + DAY, ok: false, error: 'the download was interrupted (FILE_NO_SPACE)' } }, T0 + DAY, library, time)).toBe(
      `The last automatic backup (${time(T0 + DAY)}) failed: the download was interrupted (FILE_NO_SPACE)`,
    );
    expect(backupWarning(ok, T0 + HOUR, { ...library, newestMissing: true }, time)).toContain('no longer in your downloads folder (/home/ada/Downloads/Shelfmark/b1.json.gz)');
    expect(backupWarning({ ...ok, config: { ...ok.config, enabled: false } }, T0 + 30 * DAY, library, time)).toBeNull();
  });

  it('reads any stored value as a valid state', () => {
    expect(normalizeState(undefined)).toEqual(EMPTY_STATE);
    expect(normalizeState({ config: { keep: 0, every: 'hourly', enabled: 'yes' }, files: [{ downloadId: 'x' }, file(2, T0 + 1), file(1, T0)], lastAttempt: { ok: false } })).toEqual({
      config: DEFAULT_AUTO_BACKUP,
      files: [file(1, T0), file(2, T0 + 1)],
      lastAttempt: null,
    });
  });
});

/** The downloads API as the browsers behave: files in a folder, a list of downloads, onChanged after completion. */
class FakeDownloads implements DownloadsApi {
  readonly disk = new Map<string, string>();
  readonly items = new Map<number, DownloadItem & { url: string }>();
  private listeners = new Set<(delta: DownloadDelta) => void>();
  private nextId = 1;
  failNext: string | null = null;

  onChanged = {
    addListener: (listener: (delta: DownloadDelta) => void) => void this.listeners.add(listener),
    removeListener: (listener: (delta: DownloadDelta) => void) => void this.listeners.delete(listener),
  };

  async download({ url, filename }: { url: string; filename: string }): Promise<number> {
    const id = this.nextId++;
    let path = `/home/ada/Downloads/${filename}`;
    for (let n = 1; this.disk.has(path); n += 1) path = `/home/ada/Downloads/${filename.replace('.json.gz', ` (${n}).json.gz`)}`;
    this.items.set(id, { id, url, filename: path, state: 'in_progress' });
    const failure = this.failNext;
    this.failNext = null;
    setTimeout(() => {
      const item = this.items.get(id)!;
      if (failure) Object.assign(item, { state: 'interrupted', error: failure });
      else {
        this.disk.set(path, url);
        Object.assign(item, { state: 'complete', exists: true, fileSize: 1234 });
      }
      for (const listener of this.listeners) listener({ id, state: { current: item.state }, ...(failure ? { error: { current: failure } } : {}) });
    }, 1);
    return id;
  }

  async search({ id }: { id: number }): Promise<DownloadItem[]> {
    const item = this.items.get(id);
    return item ? [{ ...item, exists: item.state === 'complete' ? this.disk.has(item.filename) : false }] : [];
  }

  async removeFile(id: number): Promise<void> {
    const item = this.items.get(id);
    if (!item || !this.disk.delete(item.filename)) throw new Error('Download file already deleted');
  }

  async erase({ id }: { id: number }): Promise<number[]> {
    return this.items.delete(id) ? [id] : [];
  }

  /** The user deletes a file in their file manager. */
  userDeletes(path: string) {
    this.disk.delete(path);
  }

  files(): string[] {
    return [...this.disk.keys()].sort();
  }
}

function setup({ saved = true } = {}) {
  const downloads = new FakeDownloads();
  let stored: unknown;
  let clock = T0;
  const released: string[] = [];
  let built = 0;
  const backup = new AutoBackup({
    store: { load: async () => stored, save: async (value) => void (stored = structuredClone(value)) },
    downloads,
    makeFile: async (at) => {
      const url = `blob:backup-${++built}-${at}`;
      return { url, bytes: 999, release: async () => void released.push(url) };
    },
    hasSavedPapers: async () => saved,
    now: () => clock,
  });
  return { backup, downloads, released, advance: (ms: number) => (clock += ms), stored: () => normalizeState(stored) };
}

describe('the automatic backup writer', () => {
  it('writes the first backup at the first check once there is a saved paper, records where, and releases the blob', async () => {
    const { backup, downloads, released, stored } = setup();
    const result = await backup.runScheduled();
    expect(result).toMatchObject({ written: { downloadId: 1, path: expect.stringMatching(/^\/home\/ada\/Downloads\/Shelfmark\/shelfmark-backup-.*\.json\.gz$/), bytes: 1234 } });
    expect(downloads.files()).toHaveLength(1);
    expect(released).toEqual([`blob:backup-1-${T0}`]);
    expect(stored().lastAttempt).toEqual({ at: T0, ok: true });
    const status = await backup.status();
    expect(status.files.map((f) => f.exists)).toEqual([true]);
    expect(status.next).toBe(T0 + DAY);
    expect(status.warning).toBeNull();
  });

  it('writes nothing for an empty library, nor twice in a day', async () => {
    const empty = setup({ saved: false });
    expect(await empty.backup.runScheduled()).toEqual({ skipped: 'empty-library' });
    expect(empty.downloads.files()).toEqual([]);
    const { backup, downloads, advance } = setup();
    await backup.runScheduled();
    advance(3 * HOUR);
    expect(await backup.runScheduled()).toEqual({ skipped: 'recent' });
    advance(DAY);
    expect(await backup.runScheduled()).toHaveProperty('written');
    expect(downloads.files()).toHaveLength(2);
  });

  it('keeps the last N: older files are deleted from the folder and the downloads list', async () => {
    const { backup, downloads, advance, stored } = setup();
    await backup.configure({ keep: 2 });
    for (let n = 0; n < 4; n += 1) {
      await backup.runNow();
      advance(HOUR);
    }
    expect(downloads.files()).toHaveLength(2);
    expect([...downloads.items.keys()]).toEqual([3, 4]);
    expect(stored().files.map((f) => f.downloadId)).toEqual([3, 4]);
    // Keeping fewer deletes the extra ones at once.
    await backup.configure({ keep: 1 });
    expect([...downloads.items.keys()]).toEqual([4]);
    expect(downloads.files()).toHaveLength(1);
  });

  it('never deletes a download of the user’s that took a backup’s old id after the downloads list was cleared', async () => {
    const { backup, downloads, advance, stored } = setup();
    await backup.configure({ keep: 2 });
    await backup.runNow();
    advance(HOUR);
    await backup.runNow();
    // The user clears the downloads list; the browser then numbers the user's own download as a backup once was.
    for (const id of [...downloads.items.keys()]) await downloads.erase({ id });
    downloads.disk.set('/home/ada/Downloads/thesis.pdf', 'mine');
    downloads.items.set(1, { id: 1, url: 'https://example.org/thesis.pdf', filename: '/home/ada/Downloads/thesis.pdf', state: 'complete', exists: true });
    await backup.configure({ keep: 1 });
    expect(downloads.disk.has('/home/ada/Downloads/thesis.pdf')).toBe(true);
    advance(HOUR);
    expect(await backup.runNow()).toHaveProperty('written');
    expect(downloads.disk.has('/home/ada/Downloads/thesis.pdf')).toBe(true);
    expect(downloads.items.has(1)).toBe(true);
    expect(stored().files.map((f) => f.downloadId)).toEqual([3]);
  });

  it('copes with files the user deleted or erased from the list: rotation goes on, a missing newest is rewritten', async () => {
    const { backup, downloads, advance, stored } = setup();
    await backup.configure({ keep: 2 });
    await backup.runNow();
    advance(HOUR);
    await backup.runNow();
    const [first, second] = stored().files;
    downloads.userDeletes(first.path);
    await downloads.erase({ id: second.downloadId });
    advance(HOUR);
    expect(await backup.runNow()).toHaveProperty('written');
    expect(stored().files.map((f) => f.downloadId)).toEqual([1, 3]);
    advance(HOUR);
    await backup.runNow();
    expect(stored().files.map((f) => f.downloadId)).toEqual([3, 4]);
    expect(downloads.items.has(1)).toBe(false);

    downloads.userDeletes(stored().files[1].path);
    const status = await backup.status();
    expect(status.warning).toContain('no longer in your downloads folder');
    expect(status.next).not.toBeNull();
    advance(HOUR);
    expect(await backup.runScheduled()).toHaveProperty('written');
    expect((await backup.status()).warning).toBeNull();
  });

  it('records a failed download with the browser’s reason, warns, and retries an hour later', async () => {
    const { backup, downloads, advance, released } = setup();
    downloads.failNext = 'FILE_NO_SPACE';
    expect(await backup.runScheduled()).toEqual({ failed: 'the download was interrupted (FILE_NO_SPACE)' });
    expect(released).toHaveLength(1);
    expect((await backup.status()).warning).toMatch(/failed: the download was interrupted \(FILE_NO_SPACE\)$/);
    advance(10 * 60_000);
    expect(await backup.runScheduled()).toEqual({ skipped: 'retry-later' });
    advance(HOUR);
    expect(await backup.runScheduled()).toHaveProperty('written');
    expect((await backup.status()).warning).toBeNull();
  });

  it('records a failure to build the file', async () => {
    const downloads = new FakeDownloads();
    let stored: unknown;
    const backup = new AutoBackup({
      store: { load: async () => stored, save: async (value) => void (stored = value) },
      downloads,
      makeFile: () => Promise.reject(new Error('QuotaExceededError')),
      hasSavedPapers: async () => true,
      now: () => T0,
    });
    expect(await backup.runNow()).toEqual({ failed: 'QuotaExceededError' });
    expect(downloads.items.size).toBe(0);
  });

  it('runs one backup at a time when the check and "Back up now" meet', async () => {
    const { backup, downloads } = setup();
    const [a, b] = await Promise.all([backup.runScheduled(), backup.runNow()]);
    expect(a).toHaveProperty('written');
    expect(b).toHaveProperty('written');
    expect(downloads.files()).toHaveLength(2);
  });
});

describe('the backup file', () => {
  it('is the gzip JSON backup of the whole library, and the normal import restores it', async () => {
    const source = new ShelfmarkDb('auto-backup-source');
    const papers = Array.from({ length: 2500 }, (_, i) => record(`arxiv:2501.${String(i).padStart(5, '0')}`, { title: `Paper ${i}`, tags: i % 5 ? [] : ['rl'], savedAt: i % 2 ? null : T0 }));
    await source.papers.bulkPut(papers);
    await source.sightings.bulkAdd(papers.slice(0, 100).map((paper, i) => ({ paperId: paper.id, viewId: `v${i}`, site: 'arxiv' as const, url: 'https://arxiv.org/list/cs.LG/new', label: 'cs.LG', at: T0 + i })));
    await source.settings.put({ key: 'settings', value: { keyboard: false } });
    const blob = await buildBackupBlob(source, T0);
    expect(blob.type).toBe('application/gzip');
    expect([...new Uint8Array(await blob.slice(0, 2).arrayBuffer())]).toEqual([0x1f, 0x8b]);

    const target = new ShelfmarkDb('auto-backup-target');
    const messages: ImportWriteMessage[] = [];
    await runImportToDatabase(new File([blob], 'shelfmark-backup-2026-12-01-0900.json.gz'), target, (message) => messages.push(message), { now: () => T0 });
    const last = messages.at(-1);
    expect(last?.type === 'written' && last.result.ok && last.result.value.report.papers.added).toBe(2500);
    expect(await target.sightings.count()).toBe(100);
    expect((await target.settings.get('settings'))?.value).toEqual({ keyboard: false });
    expect((await target.papers.get('arxiv:2501.00005'))?.tags).toEqual(['rl']);
    await source.delete();
    await target.delete();
  });

  it('reads the library in pages with a pause between them, the same rows as one snapshot', async () => {
    const db = new ShelfmarkDb('auto-backup-pages');
    const papers = Array.from({ length: 25 }, (_, i) => record(`arxiv:2501.${String(i).padStart(5, '0')}`, { title: `Paper ${i}` }));
    await db.papers.bulkPut(papers);
    await db.sightings.bulkAdd(papers.flatMap((paper, i) => [0, 1].map((k) => ({ paperId: paper.id, viewId: `v${i}-${k}`, site: 'arxiv' as const, url: 'https://arxiv.org/list/cs.LG/new', label: 'cs.LG', at: T0 + i * 2 + k }))));
    await db.settings.put({ key: 'settings', value: { keyboard: false } });
    let pauses = 0;
    const paged = await readSnapshotInPages(db, { pageRows: 10, pause: async () => void pauses++ });
    expect(paged).toEqual(await readSnapshot(db));
    // 25 papers: pages of 10, 10, 5; 50 sightings: 10 × 5 and an empty last page.
    expect(pauses).toBe(2 + 5);
    await db.delete();
  });

  it('is built in Chromium’s offscreen document, which is closed after the download, also when it fails', async () => {
    const calls: string[] = [];
    const offscreen = {
      createDocument: async ({ reasons }: { reasons: string[] }) => void calls.push(`create ${reasons.join()}`),
      closeDocument: async () => void calls.push('close'),
    };
    const answers: unknown[] = [{ ok: true, url: 'blob:chrome-extension://x/1', bytes: 42 }, { ok: false, error: 'QuotaExceededError' }];
    const make = offscreenBackupSource(offscreen, 'chrome-extension://x/offscreen.html', async (message: BackupFileRequest) => (calls.push(`ask ${message.at}`), answers.shift()));
    const url = await make(T0);
    expect(url).toMatchObject({ url: 'blob:chrome-extension://x/1', bytes: 42 });
    expect(calls).toEqual(['create BLOBS', `ask ${T0}`]);
    await url.release();
    expect(calls.at(-1)).toBe('close');
    await expect(make(T0)).rejects.toThrow('QuotaExceededError');
    expect(calls.slice(-3)).toEqual(['create BLOBS', `ask ${T0}`, 'close']);
  });
});
