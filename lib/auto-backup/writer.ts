import {
  backupFileName,
  backupWarning,
  filesToRotate,
  isBackupDue,
  newestFile,
  normalizeConfig,
  normalizeState,
  type AutoBackupConfig,
  type AutoBackupState,
  type BackupAttempt,
  type BackupFile,
  type DueDecision,
  type LibraryFacts,
} from './policy';

/**
 * The automatic backup's I/O: builds the file, hands it to the downloads API, waits for it to be on disk, records
 * it and deletes the files past the number kept. Every browser API comes in through `AutoBackupDeps`, so the
 * whole flow runs in unit tests against fakes.
 */

/** The parts of `browser.downloads` used (Chromium and Firefox agree on them). */
export interface DownloadsApi {
  download(options: { url: string; filename: string; saveAs: boolean; conflictAction: 'uniquify' }): Promise<number>;
  search(query: { id: number }): Promise<DownloadItem[]>;
  removeFile(id: number): Promise<void>;
  erase(query: { id: number }): Promise<number[]>;
  onChanged: {
    addListener(listener: (delta: DownloadDelta) => void): void;
    removeListener(listener: (delta: DownloadDelta) => void): void;
  };
}

export interface DownloadItem {
  id: number;
  filename: string;
  state?: string;
  error?: string;
  exists?: boolean;
  fileSize?: number;
  totalBytes?: number;
}

export interface DownloadDelta {
  id: number;
  state?: { current?: string };
  error?: { current?: string };
}

/** A built backup file behind a URL the downloads API can fetch; released once the download finished. */
export interface BackupUrl {
  url: string;
  bytes: number;
  release(): Promise<void>;
}

export interface StateStore {
  load(): Promise<unknown>;
  save(state: AutoBackupState): Promise<void>;
}

export interface AutoBackupDeps {
  store: StateStore;
  downloads: DownloadsApi;
  /** Builds the gzip backup of the whole library (see file-source.ts). */
  makeFile(at: number): Promise<BackupUrl>;
  hasSavedPapers(): Promise<boolean>;
  now(): number;
  /** How long a download may take before the attempt counts as failed. */
  downloadTimeoutMs?: number;
  /** Keeps an MV3 service worker alive while a run waits on the offscreen document (minutes at 100k papers). */
  keepAlive?: <T>(work: () => Promise<T>) => Promise<T>;
}

export interface BackupFileView extends BackupFile {
  /** False when the browser reports the file deleted or moved, or the download was erased from its list. */
  exists: boolean;
}

/** What the Options page shows. */
export interface AutoBackupStatus {
  config: AutoBackupConfig;
  files: BackupFileView[];
  lastAttempt: BackupAttempt | null;
  /** When the next scheduled check will write one, if known. */
  next: number | null;
  warning: string | null;
  running: boolean;
}

export type RunResult = { written: BackupFile } | { skipped: DueDecision['reason'] } | { failed: string };

const DEFAULT_DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Resolves with the finished download, or rejects with the browser's reason (e.g. FILE_NO_SPACE). */
async function downloadFinished(downloads: DownloadsApi, id: number, timeoutMs: number): Promise<DownloadItem> {
  let listener: ((delta: DownloadDelta) => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settled = new Promise<void>((resolve, reject) => {
    listener = (delta) => {
      if (delta.id !== id) return;
      if (delta.state?.current === 'complete') resolve();
      else if (delta.state?.current === 'interrupted') reject(new Error(`the download was interrupted (${delta.error?.current ?? 'no reason given'})`));
    };
    downloads.onChanged.addListener(listener);
    timer = setTimeout(() => reject(new Error('the download did not finish in time')), timeoutMs);
  });
  try {
    // It may have finished before the listener was added.
    const [early] = await downloads.search({ id });
    if (early?.state === 'interrupted') throw new Error(`the download was interrupted (${early.error ?? 'no reason given'})`);
    if (early?.state !== 'complete') await settled;
    const [item] = await downloads.search({ id });
    if (!item) throw new Error('the download disappeared from the browser’s list');
    return item;
  } finally {
    downloads.onChanged.removeListener(listener!);
    clearTimeout(timer);
  }
}

/** Deletes a file and its entry in the downloads list; a file the user already deleted is not an error. */
/**
 * The browser's download entry of a backup we wrote, or null. A download id alone is not proof: once the user clears
 * the downloads list, the browser may give that number to one of the user's own downloads, so the entry must still
 * name the very file we wrote before we touch it.
 */
async function ourDownload(downloads: DownloadsApi, file: BackupFile): Promise<DownloadItem | null> {
  const [item] = await downloads.search({ id: file.downloadId }).catch(() => []);
  return item !== undefined && item.filename === file.path ? item : null;
}

/** Deletes a backup file we wrote; anything else under that download id is left alone (then only forgotten). */
async function removeBackup(downloads: DownloadsApi, file: BackupFile): Promise<void> {
  if (!(await ourDownload(downloads, file))) return;
  await downloads.removeFile(file.downloadId).catch(() => {});
  await downloads.erase({ id: file.downloadId }).catch(() => {});
}

async function fileExists(downloads: DownloadsApi, file: BackupFile): Promise<boolean> {
  const item = await ourDownload(downloads, file);
  return item !== null && item.exists !== false;
}

export class AutoBackup {
  private running: Promise<unknown> | null = null;

  constructor(private readonly deps: AutoBackupDeps) {}

  private async state(): Promise<AutoBackupState> {
    return normalizeState(await this.deps.store.load());
  }

  private async facts(state: AutoBackupState): Promise<LibraryFacts> {
    const newest = newestFile(state);
    const [hasSavedPapers, newestExists] = await Promise.all([this.deps.hasSavedPapers(), newest ? fileExists(this.deps.downloads, newest) : true]);
    return { hasSavedPapers, newestMissing: !newestExists };
  }

  /** The hourly check: writes a backup only when one is due. */
  runScheduled(): Promise<RunResult> {
    return this.exclusive(async () => {
      const state = await this.state();
      const decision = isBackupDue(state, this.deps.now(), await this.facts(state));
      return decision.due ? this.write(state) : { skipped: decision.reason };
    });
  }

  /** "Back up now" on the Options page: writes one whatever the schedule says. */
  runNow(): Promise<RunResult> {
    return this.exclusive(async () => this.write(await this.state()));
  }

  async configure(patch: Partial<AutoBackupConfig>): Promise<AutoBackupStatus> {
    await this.exclusive(async () => {
      const state = await this.state();
      const config = normalizeConfig({ ...state.config, ...patch });
      // Fewer kept: the extra files go now, not at the next backup.
      const removed = filesToRotate(state.files, config.keep);
      for (const file of removed) await removeBackup(this.deps.downloads, file);
      await this.deps.store.save({ ...state, config, files: state.files.slice(removed.length) });
    });
    return this.status();
  }

  async status(): Promise<AutoBackupStatus> {
    const state = await this.state();
    const now = this.deps.now();
    const files = await Promise.all(state.files.map(async (file) => ({ ...file, exists: await fileExists(this.deps.downloads, file) })));
    const facts: LibraryFacts = { hasSavedPapers: await this.deps.hasSavedPapers(), newestMissing: files.at(-1)?.exists === false };
    const decision = isBackupDue(state, now, facts);
    return {
      config: state.config,
      files,
      lastAttempt: state.lastAttempt,
      next: decision.due ? now : decision.next,
      warning: backupWarning(state, now, facts, (at) => new Date(at).toLocaleString('en')),
      running: this.running !== null,
    };
  }

  /** One run at a time: the hourly check and "Back up now" may meet; the second waits for the first. */
  private async exclusive<T>(work: () => Promise<T>): Promise<T> {
    while (this.running) await this.running.catch(() => {});
    const run = this.deps.keepAlive ? this.deps.keepAlive(work) : work();
    this.running = run;
    try {
      return await run;
    } finally {
      this.running = null;
    }
  }

  private async write(state: AutoBackupState): Promise<RunResult> {
    const { downloads, store, now } = this.deps;
    const at = now();
    let file: BackupFile;
    try {
      const built = await this.deps.makeFile(at);
      try {
        const id = await downloads.download({ url: built.url, filename: backupFileName(at), saveAs: false, conflictAction: 'uniquify' });
        const item = await downloadFinished(downloads, id, this.deps.downloadTimeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS);
        file = { downloadId: id, path: item.filename, at, bytes: item.fileSize ?? item.totalBytes ?? built.bytes };
      } finally {
        await built.release();
      }
    } catch (error) {
      const failed = errorText(error);
      await store.save({ ...state, lastAttempt: { at, ok: false, error: failed } });
      return { failed };
    }
    // Downloads the user erased from the browser's list can no longer be deleted by us: they are forgotten.
    const known = await Promise.all(state.files.map(async (old) => ((await ourDownload(downloads, old)) ? old : null)));
    const files = [...known.filter((old) => old !== null), file];
    const removed = filesToRotate(files, state.config.keep);
    for (const old of removed) await removeBackup(downloads, old);
    await store.save({ ...state, files: files.slice(removed.length), lastAttempt: { at, ok: true } });
    return { written: file };
  }
}
