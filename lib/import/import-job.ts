import { parseBackup } from '../backup/validate';
import { importFileKind } from '../reading-list/import-file';
import type { ImportRequest } from './apply';
import { parseBibtexImport } from './bibtex';
import type { ImportResult } from './result';

/**
 * The part of an import that may run off the page's thread (a Web Worker): reading and checking a file into the
 * one `library/import` request. It never touches the database; the page sends the request it returns.
 */
export interface ImportJobInput {
  name: string;
  text: string;
}

export interface CheckedImport {
  request: ImportRequest;
  /** Entries or papers in the file. */
  papers: number;
}

export type ImportJobMessage =
  /** `total` 0: a step whose length is not known (parsing the JSON text is one call). */
  | { type: 'progress'; step: 'parsing' | 'checking'; done: number; total: number }
  | { type: 'result'; result: ImportResult<CheckedImport> };

export function runImportJob({ name, text }: ImportJobInput, post: (message: ImportJobMessage) => void): void {
  if (importFileKind(name, text) === 'backup') {
    post({ type: 'progress', step: 'parsing', done: 0, total: 0 });
    const backup = parseBackup(text, (done, total) => post({ type: 'progress', step: 'checking', done, total }));
    post({
      type: 'result',
      result: backup.ok ? { ok: true, value: { request: { kind: 'backup', backup: backup.value }, papers: backup.value.papers.length } } : backup,
    });
    return;
  }
  post({ type: 'progress', step: 'parsing', done: 0, total: 0 });
  const entries = parseBibtexImport(text, (done, total) => post({ type: 'progress', step: 'checking', done, total }));
  post({
    type: 'result',
    result: entries.ok ? { ok: true, value: { request: { kind: 'bibtex', entries: entries.value }, papers: entries.value.length } } : entries,
  });
}
