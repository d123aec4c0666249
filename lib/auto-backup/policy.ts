/**
 * Automatic backups: what is configured, what has been written, and the decisions taken from them (is one due, which
 * files rotate out, what the Options page warns about). Pure: the writer (writer.ts) does the I/O.
 */

export type BackupEvery = 'day' | 'week';

export interface AutoBackupConfig {
  /** On by default: nothing is written until the library holds a saved paper (see isBackupDue). */
  enabled: boolean;
  every: BackupEvery;
  /** How many backup files to keep in the downloads folder; older ones are deleted. */
  keep: number;
}

export const DEFAULT_AUTO_BACKUP: AutoBackupConfig = { enabled: true, every: 'day', keep: 7 };
export const KEEP_RANGE = { min: 1, max: 60 } as const;

/** A backup file this extension downloaded, as the browser reported it once complete. */
export interface BackupFile {
  downloadId: number;
  /** The file's full path, as the browser's downloads list shows it. */
  path: string;
  at: number;
  bytes: number;
}

export type BackupAttempt = { at: number; ok: true } | { at: number; ok: false; error: string };

export interface AutoBackupState {
  config: AutoBackupConfig;
  /** Oldest first; only the files written by this extension (never a file the user chose). */
  files: BackupFile[];
  lastAttempt: BackupAttempt | null;
}

export const EMPTY_STATE: AutoBackupState = { config: DEFAULT_AUTO_BACKUP, files: [], lastAttempt: null };

export const PERIOD_MS: Record<BackupEvery, number> = { day: 24 * 3_600_000, week: 7 * 24 * 3_600_000 };
/** The check alarm fires hourly: a backup due a few minutes after a check should not wait for the next hour. */
const EARLY_BY_MS = 10 * 60_000;
/** After a failure, the next attempt waits this long (a full disk does not empty itself in a minute). */
export const RETRY_AFTER_MS = 3_600_000;
/** Grace before "none for too long": a browser closed over a weekend is not worth a warning for daily backups. */
const LATE_AFTER_PERIODS = 2;
const LATE_GRACE_MS = 24 * 3_600_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function normalizeConfig(value: unknown): AutoBackupConfig {
  const stored = isRecord(value) ? value : {};
  const keep = stored.keep;
  return {
    enabled: typeof stored.enabled === 'boolean' ? stored.enabled : DEFAULT_AUTO_BACKUP.enabled,
    every: stored.every === 'day' || stored.every === 'week' ? stored.every : DEFAULT_AUTO_BACKUP.every,
    keep: Number.isInteger(keep) && (keep as number) >= KEEP_RANGE.min && (keep as number) <= KEEP_RANGE.max ? (keep as number) : DEFAULT_AUTO_BACKUP.keep,
  };
}

function isFile(value: unknown): value is BackupFile {
  return isRecord(value) && Number.isInteger(value.downloadId) && typeof value.path === 'string' && typeof value.at === 'number' && typeof value.bytes === 'number';
}

function normalizeAttempt(value: unknown): BackupAttempt | null {
  if (!isRecord(value) || typeof value.at !== 'number') return null;
  if (value.ok === true) return { at: value.at, ok: true };
  if (value.ok === false && typeof value.error === 'string') return { at: value.at, ok: false, error: value.error };
  return null;
}

/** Whatever is stored (an older shape, a damaged value) reads as a valid state. */
export function normalizeState(value: unknown): AutoBackupState {
  if (!isRecord(value)) return EMPTY_STATE;
  const files = Array.isArray(value.files) ? value.files.filter(isFile).sort((a, b) => a.at - b.at) : [];
  return { config: normalizeConfig(value.config), files, lastAttempt: normalizeAttempt(value.lastAttempt) };
}

export function newestFile(state: AutoBackupState): BackupFile | null {
  return state.files.at(-1) ?? null;
}

export type DueDecision =
  | { due: true; reason: 'first' | 'period' | 'file-missing' }
  | { due: false; reason: 'off' | 'empty-library' | 'recent' | 'retry-later'; next: number | null };

export interface LibraryFacts {
  /** At least one saved paper: "on by default after the first save". */
  hasSavedPapers: boolean;
  /** The newest backup's file is known to be gone (the user deleted or moved it). */
  newestMissing: boolean;
}

/** Whether the scheduled check should write a backup now. */
export function isBackupDue(state: AutoBackupState, now: number, library: LibraryFacts): DueDecision {
  const { config, lastAttempt } = state;
  if (!config.enabled) return { due: false, reason: 'off', next: null };
  if (!library.hasSavedPapers) return { due: false, reason: 'empty-library', next: null };
  if (lastAttempt && !lastAttempt.ok && now - lastAttempt.at < RETRY_AFTER_MS) {
    return { due: false, reason: 'retry-later', next: lastAttempt.at + RETRY_AFTER_MS };
  }
  const newest = newestFile(state);
  if (!newest) return { due: true, reason: 'first' };
  if (library.newestMissing) return { due: true, reason: 'file-missing' };
  const next = newest.at + PERIOD_MS[config.every];
  if (now >= next - EARLY_BY_MS) return { due: true, reason: 'period' };
  return { due: false, reason: 'recent', next };
}

/** The files to delete so that `keep` remain, oldest first; the newest are never among them. */
export function filesToRotate(files: readonly BackupFile[], keep: number): BackupFile[] {
  return files.length > keep ? files.slice(0, files.length - keep) : [];
}

/**
 * The name asked of the downloads API: a folder of the downloads directory, a sortable local date and time.
 * The browser adds " (1)" if the name is taken.
 */
export function backupFileName(at: number): string {
  const date = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  return `Shelfmark/shelfmark-backup-${day}-${two(date.getHours())}${two(date.getMinutes())}.json.gz`;
}

/** What the Options page must draw attention to, or null when all is well. */
export function backupWarning(state: AutoBackupState, now: number, library: LibraryFacts, describeTime: (at: number) => string): string | null {
  const { config, lastAttempt } = state;
  if (!config.enabled) return null;
  if (lastAttempt && !lastAttempt.ok) return `The last automatic backup (${describeTime(lastAttempt.at)}) failed: ${lastAttempt.error}`;
  const newest = newestFile(state);
  if (newest && library.newestMissing) return `The newest backup file is no longer in your downloads folder (${newest.path}); a new one is written at the next check.`;
  if (!library.hasSavedPapers) return null;
  const late = PERIOD_MS[config.every] * LATE_AFTER_PERIODS + LATE_GRACE_MS;
  if (newest && now - newest.at > late) return `No automatic backup has been written since ${describeTime(newest.at)}.`;
  return null;
}
