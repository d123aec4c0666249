import type { ShelfmarkDb } from '../db';
import type { PaperId } from '../ids';
import type { PaperRecord } from '../paper';
import type { Backup, BackupSighting } from '../backup/format';
import { planBackupImport, type ImportPlan } from '../backup/merge';
import { validateBackup } from '../backup/validate';
import type { BibtexImportEntry } from './bibtex';
import { planBibtexImport } from './bibtex-plan';
import type { ImportReport, ImportResult } from './result';
import { describeWriteError } from '../storage-errors';

/** An import the page has already parsed and validated; the background applies it. */
export type ImportRequest = { kind: 'backup'; backup: Backup } | { kind: 'bibtex'; entries: BibtexImportEntry[] };

export interface AppliedImport {
  report: ImportReport;
  /** The records written, for broadcasting their new states. */
  written: PaperRecord[];
}

async function existingPapers(db: ShelfmarkDb, ids: PaperId[]): Promise<Map<PaperId, PaperRecord>> {
  const found = await db.papers.bulkGet(ids);
  return new Map(found.filter((record) => record !== undefined).map((record) => [record.id, record]));
}

async function existingSightings(db: ShelfmarkDb, ids: PaperId[]): Promise<Map<PaperId, BackupSighting[]>> {
  // One pass over the table: a backup touches most papers, and an anyOf over thousands of keys seeks per key.
  const wanted = new Set(ids);
  const rows = await db.sightings.filter((row) => wanted.has(row.paperId)).toArray();
  const byPaper = new Map<PaperId, BackupSighting[]>();
  for (const { seq: _seq, ...row } of rows) {
    const list = byPaper.get(row.paperId);
    if (list) list.push(row);
    else byPaper.set(row.paperId, [row]);
  }
  return byPaper;
}

async function plan(db: ShelfmarkDb, request: ImportRequest, now: number): Promise<ImportPlan> {
  if (request.kind === 'bibtex') {
    const ids = [...new Set(request.entries.map((entry) => entry.paper.id))];
    return planBibtexImport(await existingPapers(db, ids), request.entries, now);
  }
  const ids = request.backup.papers.map((paper) => paper.id);
  const settings = await db.settings.bulkGet(request.backup.settings.map((row) => row.key));
  return planBackupImport(
    {
      papers: await existingPapers(db, ids),
      sightings: await existingSightings(db, ids),
      settings: new Map(settings.filter((row) => row !== undefined).map((row) => [row.key, row.value])),
    },
    request.backup,
    now,
  );
}

/** Rows per bulk write: between slices a cancel is noticed and progress told, inside the same transaction. */
const WRITE_SLICE = 5_000;

export interface WriteOptions {
  /** Aborting rolls the whole transaction back: nothing of the import stays. */
  signal?: AbortSignal;
  /** Told after each slice of rows written. */
  onProgress?: (done: number, total: number) => void;
}

/** Thrown inside the transaction when the signal aborts, so Dexie rolls everything back. */
export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled: nothing was written.');
    this.name = 'ImportCancelled';
  }
}

async function bulkInSlices<T>(rows: readonly T[], write: (slice: T[]) => Promise<unknown>, step: () => void): Promise<void> {
  for (let start = 0; start < rows.length; start += WRITE_SLICE) {
    await write(rows.slice(start, start + WRITE_SLICE));
    step();
  }
}

/**
 * Writes an import that is already checked (a worker that validated it itself, or `applyImport`) in one Dexie
 * transaction: the plan is made from what the library holds inside that transaction, and either every write lands
 * or none does — an exception, an abort of `signal` or a refused write (quota) rolls all of it back.
 */
export async function writeCheckedImport(
  db: ShelfmarkDb,
  request: ImportRequest,
  now: number,
  { signal, onProgress }: WriteOptions = {},
): Promise<ImportResult<AppliedImport>> {
  try {
    return await db.transaction('rw', db.papers, db.sightings, db.settings, async (tx) => {
      const abort = () => tx.abort();
      signal?.addEventListener('abort', abort, { once: true });
      try {
        const { writes, report } = await plan(db, request, now);
        const total = writes.papers.length + writes.sightings.length;
        let done = 0;
        const step = () => {
          if (signal?.aborted) throw new ImportCancelled();
          onProgress?.(done, total);
        };
        step();
        await bulkInSlices(writes.papers, (slice) => db.papers.bulkPut(slice), () => ((done += WRITE_SLICE), step()));
        await bulkInSlices(writes.sightings, (slice) => db.sightings.bulkAdd(slice), () => ((done += WRITE_SLICE), step()));
        if (writes.settings.length) await db.settings.bulkPut(writes.settings);
        step();
        return { ok: true as const, value: { report, written: writes.papers } };
      } finally {
        signal?.removeEventListener('abort', abort);
      }
    });
  } catch (error) {
    if (signal?.aborted) return { ok: false, errors: [new ImportCancelled().message] };
    return { ok: false, errors: [`Nothing was imported: ${describeWriteError(error)}`] };
  }
}

/**
 * Applies an import that came in a message: a backup is validated again here, since this is where it reaches the
 * database, then written by `writeCheckedImport`.
 */
export async function applyImport(
  db: ShelfmarkDb,
  request: ImportRequest,
  now: number,
): Promise<ImportResult<AppliedImport>> {
  let checked = request;
  if (request.kind === 'backup') {
    const validated = validateBackup(request.backup);
    if (!validated.ok) return validated;
    checked = { kind: 'backup', backup: validated.value };
  }
  return writeCheckedImport(db, checked, now);
}
