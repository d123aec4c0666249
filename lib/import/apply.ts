import type { ShelfmarkDb } from '../db';
import type { PaperId } from '../ids';
import type { PaperRecord } from '../paper';
import type { Backup, BackupSighting } from '../backup/format';
import { planBackupImport, type ImportPlan } from '../backup/merge';
import { validateBackup } from '../backup/validate';
import type { BibtexImportEntry } from './bibtex';
import { planBibtexImport } from './bibtex-plan';
import type { ImportReport, ImportResult } from './result';

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

/**
 * Applies an import in one transaction: the plan is made from what the library holds inside that transaction, and
 * either every write lands or none does. A backup is validated again here, since this is where it reaches the
 * database.
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
  try {
    return await db.transaction('rw', db.papers, db.sightings, db.settings, async () => {
      const { writes, report } = await plan(db, checked, now);
      if (writes.papers.length) await db.papers.bulkPut(writes.papers);
      if (writes.sightings.length) await db.sightings.bulkAdd(writes.sightings);
      if (writes.settings.length) await db.settings.bulkPut(writes.settings);
      return { ok: true as const, value: { report, written: writes.papers } };
    });
  } catch (error) {
    return { ok: false, errors: [`Nothing was imported: ${error instanceof Error ? error.message : String(error)}`] };
  }
}
