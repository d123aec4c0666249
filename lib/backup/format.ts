import type { SettingRow, SightingRow } from '../db';
import type { PaperRecord } from '../paper';

export const BACKUP_FORMAT = 'shelfmark-backup';
/** Bump when a reader of the previous version would misread the file; readers refuse newer versions. */
export const BACKUP_VERSION = 1;

/** A sighting without its storage sequence number, which is local to one database. */
export type BackupSighting = Omit<SightingRow, 'seq'>;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** ISO 8601 time of the export. */
  exportedAt: string;
  papers: PaperRecord[];
  sightings: BackupSighting[];
  settings: SettingRow[];
}

export interface LibrarySnapshot {
  papers: readonly PaperRecord[];
  sightings: readonly SightingRow[];
  settings: readonly SettingRow[];
}

/** A backup of the papers given, with their sightings and all settings. */
export function createBackup(snapshot: LibrarySnapshot, exportedAt: number): Backup {
  const ids = new Set(snapshot.papers.map((paper) => paper.id));
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(exportedAt).toISOString(),
    papers: [...snapshot.papers],
    sightings: snapshot.sightings
      .filter((sighting) => ids.has(sighting.paperId))
      .map(({ seq: _seq, ...sighting }) => sighting),
    settings: [...snapshot.settings],
  };
}

/** The JSON backup file: full fidelity, one JSON document. */
export function exportBackupJson(snapshot: LibrarySnapshot, exportedAt: number): string {
  return [...backupJsonParts(snapshot, exportedAt)].join('');
}

const ROWS_PER_PART = 1_000;

function* arrayParts(rows: readonly unknown[]): Generator<string> {
  yield '[';
  for (let start = 0; start < rows.length; start += ROWS_PER_PART) {
    const slice = rows.slice(start, start + ROWS_PER_PART).map((row) => JSON.stringify(row));
    yield (start ? ',' : '') + slice.join(',');
  }
  yield ']';
}

/**
 * The same JSON as `exportBackupJson`, in parts of 1,000 rows, so a compressor or a file writer can take a
 * 100k-paper backup without the whole text existing at once.
 */
export function* backupJsonParts(snapshot: LibrarySnapshot, exportedAt: number): Generator<string> {
  const { format, version, exportedAt: at, papers, sightings, settings } = createBackup(snapshot, exportedAt);
  yield `{"format":${JSON.stringify(format)},"version":${version},"exportedAt":${JSON.stringify(at)},"papers":`;
  yield* arrayParts(papers);
  yield ',"sightings":';
  yield* arrayParts(sightings);
  yield ',"settings":';
  yield* arrayParts(settings);
  yield '}';
}
