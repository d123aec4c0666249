import type { Backup, BackupSighting } from '../backup/format';
import type { PaperId } from '../ids';
import type { ImportRequest } from '../import/apply';
import type { BibtexImportEntry } from '../import/bibtex';
import { CHANGE_KINDS, emptyReport, type ImportReport } from '../import/result';

/** Papers per `library/import` request: small enough for the page to show progress, large enough to stay quick. */
export const IMPORT_BATCH_SIZE = 500;

export type ImportFileKind = 'backup' | 'bibtex';

/** A JSON backup starts with an object; anything else is read as BibTeX. The extension breaks a tie of neither. */
export function importFileKind(name: string, text: string): ImportFileKind {
  const first = text.trimStart().charAt(0);
  if (first === '{') return 'backup';
  if (first === '@' || first === '%') return 'bibtex';
  return /\.json$/i.test(name) ? 'backup' : 'bibtex';
}

export interface ImportBatch {
  request: ImportRequest;
  /** Papers in this batch, for the progress bar. */
  papers: number;
}

/**
 * Splits a validated backup into self-contained backups: each carries its papers' sightings (so every reference
 * resolves) and the first also carries the settings.
 */
export function backupBatches(backup: Backup, size = IMPORT_BATCH_SIZE): ImportBatch[] {
  const sightings = new Map<PaperId, BackupSighting[]>();
  for (const row of backup.sightings) {
    const list = sightings.get(row.paperId);
    if (list) list.push(row);
    else sightings.set(row.paperId, [row]);
  }
  // A backup of settings alone is still one batch.
  const starts = backup.papers.length ? Array.from({ length: Math.ceil(backup.papers.length / size) }, (_, i) => i * size) : [0];
  return starts.map((start) => {
    const papers = backup.papers.slice(start, start + size);
    const part: Backup = {
      ...backup,
      papers,
      sightings: papers.flatMap((paper) => sightings.get(paper.id) ?? []),
      settings: start === 0 ? backup.settings : [],
    };
    return { request: { kind: 'backup', backup: part }, papers: papers.length };
  });
}

/** Splits BibTeX entries into batches, keeping entries for one paper together so they still fold into one. */
export function bibtexBatches(entries: readonly BibtexImportEntry[], size = IMPORT_BATCH_SIZE): ImportBatch[] {
  const byPaper = new Map<PaperId, BibtexImportEntry[]>();
  for (const entry of entries) {
    const list = byPaper.get(entry.paper.id);
    if (list) list.push(entry);
    else byPaper.set(entry.paper.id, [entry]);
  }
  const batches: ImportBatch[] = [];
  let current: BibtexImportEntry[] = [];
  let papers = 0;
  for (const group of byPaper.values()) {
    current.push(...group);
    papers++;
    if (papers === size) {
      batches.push({ request: { kind: 'bibtex', entries: current }, papers });
      current = [];
      papers = 0;
    }
  }
  if (papers) batches.push({ request: { kind: 'bibtex', entries: current }, papers });
  return batches;
}

export function addReports(a: ImportReport, b: ImportReport): ImportReport {
  const sum = emptyReport();
  sum.papers = {
    added: a.papers.added + b.papers.added,
    updated: a.papers.updated + b.papers.updated,
    unchanged: a.papers.unchanged + b.papers.unchanged,
  };
  for (const kind of CHANGE_KINDS) sum.fieldsChanged[kind] = a.fieldsChanged[kind] + b.fieldsChanged[kind];
  sum.sightingsAdded = a.sightingsAdded + b.sightingsAdded;
  sum.settingsRestored = a.settingsRestored + b.settingsRestored;
  return sum;
}

const FIELD_NAMES: Record<(typeof CHANGE_KINDS)[number], string> = {
  savedAt: 'saved state',
  dismissedAt: 'dismissed state',
  tags: 'tags',
  note: 'notes',
  status: 'reading status',
  metadata: 'details',
  seen: 'seen history',
};

/** The report as sentences: "12 papers added, 3 updated, 40 already up to date." */
export function describeReport(report: ImportReport): string[] {
  const n = (value: number) => value.toLocaleString('en');
  const lines = [
    `${n(report.papers.added)} papers added, ${n(report.papers.updated)} updated, ${n(report.papers.unchanged)} already up to date.`,
  ];
  const fields = CHANGE_KINDS.filter((kind) => report.fieldsChanged[kind] > 0).map(
    (kind) => `${FIELD_NAMES[kind]} of ${n(report.fieldsChanged[kind])}`,
  );
  if (fields.length) lines.push(`Changed: ${fields.join(', ')}.`);
  if (report.sightingsAdded) lines.push(`${n(report.sightingsAdded)} sightings added to the seen history.`);
  if (report.settingsRestored) lines.push(`${n(report.settingsRestored)} settings restored.`);
  return lines;
}
