import type { SettingRow } from '../db';
import type { PaperId } from '../ids';
import { emptyReport, type ImportReport } from '../import/result';
import { savedIfAnnotatedSince } from '../annotated';
import { mergeMetadata } from '../library';
import { USER_FIELDS, type PaperRecord, type UserField, type UserFields } from '../paper';
import type { Backup, BackupSighting } from './format';
import { sightingKey, summarizeSightings } from './sightings';

export interface ImportWrites {
  papers: PaperRecord[];
  sightings: BackupSighting[];
  settings: SettingRow[];
}

export interface ImportPlan {
  writes: ImportWrites;
  report: ImportReport;
}

/** What the library holds for the papers and settings a backup touches, read in the import's transaction. */
export interface ExistingLibrary {
  papers: ReadonlyMap<PaperId, PaperRecord>;
  sightings: ReadonlyMap<PaperId, readonly BackupSighting[]>;
  settings: ReadonlyMap<string, unknown>;
}

function isEmptyValue(value: UserFields[UserField]): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * The newer edit of a user field wins. A field never edited on either side (no edit time) keeps the existing
 * value unless only the backup has one.
 */
function mergeUserField(record: PaperRecord, incoming: PaperRecord, field: UserField): PaperRecord {
  const mine = record.edited[field];
  const theirs = incoming.edited[field];
  const takeTheirs =
    theirs !== undefined
      ? mine === undefined || theirs > mine
      : mine === undefined && isEmptyValue(record[field]) && !isEmptyValue(incoming[field]);
  if (!takeTheirs || JSON.stringify(record[field]) === JSON.stringify(incoming[field])) {
    if (!takeTheirs || theirs === mine) return record;
    return { ...record, edited: { ...record.edited, [field]: theirs } };
  }
  const edited = theirs === undefined ? record.edited : { ...record.edited, [field]: theirs };
  return { ...record, [field]: incoming[field], edited };
}

/** The backup's rows are its paper's history as it was: taken as they are, deduplicated only against the library. */
function groupSightings(rows: readonly BackupSighting[]): Map<PaperId, BackupSighting[]> {
  const byPaper = new Map<PaperId, BackupSighting[]>();
  for (const row of rows) {
    const list = byPaper.get(row.paperId);
    if (list) list.push(row);
    else byPaper.set(row.paperId, [row]);
  }
  return byPaper;
}

/**
 * Plans merging a validated backup into a library, without touching it: per user field the newest edit wins,
 * metadata keeps every known value, sightings are added without duplicates (recomputing the seen summary), and
 * settings are restored. Written records are stamped `updatedAt = now` so the search index picks them up.
 */
export function planBackupImport(existing: ExistingLibrary, backup: Backup, now: number): ImportPlan {
  const report = emptyReport();
  const writes: ImportWrites = { papers: [], sightings: [], settings: [] };
  const incomingSightings = groupSightings(backup.sightings);
  const accepted = new Set<BackupSighting>();
  for (const stored of backup.papers) {
    const incoming = savedIfAnnotatedSince(stored);
    const rows = incomingSightings.get(incoming.id) ?? [];
    const current = existing.papers.get(incoming.id);
    if (!current) {
      writes.papers.push({ ...incoming, updatedAt: now });
      for (const row of rows) accepted.add(row);
      report.papers.added++;
      report.sightingsAdded += rows.length;
      continue;
    }
    let record = mergeMetadata(current, incoming, now);
    if (record !== current) report.fieldsChanged.metadata++;
    for (const field of USER_FIELDS) {
      const merged = mergeUserField(record, incoming, field);
      if (merged[field] !== record[field]) report.fieldsChanged[field]++;
      record = merged;
    }
    const known = existing.sightings.get(incoming.id) ?? [];
    const knownKeys = new Set(known.map(sightingKey));
    const added = rows.filter((row) => !knownKeys.has(sightingKey(row)));
    if (added.length) {
      record = { ...record, ...summarizeSightings([...known, ...added]) };
      for (const row of added) accepted.add(row);
      report.sightingsAdded += added.length;
      report.fieldsChanged.seen++;
    }
    if (record === current) {
      report.papers.unchanged++;
    } else {
      writes.papers.push({ ...record, updatedAt: now });
      report.papers.updated++;
    }
  }
  // Rows keep the backup's order, so the history reads back in the order it was recorded.
  writes.sightings = backup.sightings.filter((row) => accepted.has(row));
  for (const row of backup.settings) {
    if (JSON.stringify(existing.settings.get(row.key)) === JSON.stringify(row.value)) continue;
    writes.settings.push(row);
    report.settingsRestored++;
  }
  return { writes, report };
}
