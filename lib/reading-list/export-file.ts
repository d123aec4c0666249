import { readSnapshot } from '../backup/snapshot';
import { backupJsonParts, exportBackupJson } from '../backup/format';
import { gzipText } from '../backup/compression';
import type { ShelfmarkDb } from '../db';
import { exportBibtex } from '../export/bibtex';
import { exportCsv } from '../export/csv';
import { exportMarkdown } from '../export/markdown';
import { exportRis } from '../export/ris';
import type { PaperRecord } from '../paper';
import { exportFilename } from './dates';

export type ExportFormat = 'markdown' | 'bibtex' | 'csv' | 'ris' | 'backup' | 'backup-gz';

export const EXPORT_FORMATS: Record<ExportFormat, { label: string; extension: string; mimeType: string }> = {
  markdown: { label: 'Markdown', extension: 'md', mimeType: 'text/markdown' },
  bibtex: { label: 'BibTeX', extension: 'bib', mimeType: 'application/x-bibtex' },
  csv: { label: 'CSV', extension: 'csv', mimeType: 'text/csv' },
  ris: { label: 'RIS', extension: 'ris', mimeType: 'application/x-research-info-systems' },
  backup: { label: 'JSON backup', extension: 'json', mimeType: 'application/json' },
  'backup-gz': { label: 'JSON backup, gzip (smaller)', extension: 'json.gz', mimeType: 'application/gzip' },
};

/**
 * What to export. "library" is everything: for a backup that is every paper ever seen with its history and the
 * settings (what a restore needs); for citation formats it is every saved paper.
 */
export type ExportScope = { kind: 'library' } | { kind: 'papers'; papers: readonly PaperRecord[] };

export interface ExportFile {
  filename: string;
  mimeType: string;
  /** Text, or the bytes of a compressed backup. */
  content: string | Blob;
}

async function scopePapers(db: ShelfmarkDb, scope: ExportScope): Promise<readonly PaperRecord[]> {
  if (scope.kind === 'papers') return scope.papers;
  return db.papers.where('savedAt').above(0).reverse().sortBy('savedAt');
}

async function content(db: ShelfmarkDb, format: ExportFormat, scope: ExportScope, now: Date): Promise<string | Blob> {
  if (format === 'backup' || format === 'backup-gz') {
    const snapshot = await readSnapshot(db, scope.kind === 'papers' ? scope.papers.map((paper) => paper.id) : undefined);
    if (format === 'backup-gz') return gzipText(backupJsonParts(snapshot, now.getTime()));
    return exportBackupJson(snapshot, now.getTime());
  }
  const papers = await scopePapers(db, scope);
  switch (format) {
    case 'markdown':
      return exportMarkdown(papers);
    case 'bibtex':
      return exportBibtex(papers);
    case 'csv':
      return exportCsv(papers);
    case 'ris':
      return exportRis(papers);
  }
}

/** Builds one export file; backups read the papers' sightings straight from the database. */
export async function buildExport(db: ShelfmarkDb, format: ExportFormat, scope: ExportScope, now: Date): Promise<ExportFile> {
  const { extension, mimeType } = EXPORT_FORMATS[format];
  return { filename: exportFilename(extension, now), mimeType, content: await content(db, format, scope, now) };
}
