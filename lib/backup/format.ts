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

/** The JSON backup file: full fidelity, one JSON document. */
export function exportBackupJson(snapshot: LibrarySnapshot, exportedAt: number): string {
  return [...backupJsonParts(snapshot, exportedAt)].join('');
}

const ROWS_PER_PART = 1_000;

/** Rows in parts of 1,000, each slice chosen and shaped (`pick`) only when its part is asked for. */
function* arrayParts<T>(rows: readonly T[], pick: (slice: readonly T[]) => unknown[] = (slice) => [...slice]): Generator<string> {
  yield '[';
  let first = true;
  for (let start = 0; start < rows.length; start += ROWS_PER_PART) {
    const slice = pick(rows.slice(start, start + ROWS_PER_PART)).map((row) => JSON.stringify(row));
    if (!slice.length) continue;
    yield (first ? '' : ',') + slice.join(',');
    first = false;
  }
  yield ']';
}

/**
 * The same JSON as `exportBackupJson` (a `Backup`: the papers given, their sightings, every setting), in parts of 1,000 rows, so a
 * compressor or a file writer can take a 100k-paper backup without the whole text existing at once. The sightings
 * are filtered to the papers in the file part by part, so no single step walks the whole seen history.
 */
export function* backupJsonParts(snapshot: LibrarySnapshot, exportedAt: number): Generator<string> {
  const ids = new Set(snapshot.papers.map((paper) => paper.id));
  const at = new Date(exportedAt).toISOString();
  yield `{"format":${JSON.stringify(BACKUP_FORMAT)},"version":${BACKUP_VERSION},"exportedAt":${JSON.stringify(at)},"papers":`;
  yield* arrayParts(snapshot.papers);
  yield ',"sightings":';
  yield* arrayParts(snapshot.sightings, (slice) => slice.filter((row) => ids.has(row.paperId)).map(({ seq: _seq, ...sighting }) => sighting));
  yield ',"settings":';
  yield* arrayParts(snapshot.settings);
  yield '}';
}
