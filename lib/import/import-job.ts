import { readText } from '../backup/compression';
import { parseBackup } from '../backup/validate';
import type { ShelfmarkDb } from '../db';
import type { PaperId } from '../ids';
import { importFileKind } from '../reading-list/import-file';
import { writeCheckedImport, type ImportRequest } from './apply';
import { parseBibtexImport } from './bibtex';
import type { ImportReport, ImportResult } from './result';

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

/** What the worker that writes tells the page. */
export type ImportWriteMessage =
  | Extract<ImportJobMessage, { type: 'progress' }>
  | { type: 'progress'; step: 'reading'; done: 0; total: 0 }
  | { type: 'progress'; step: 'writing'; done: number; total: number }
  | { type: 'written'; result: ImportResult<WrittenImport> };

export interface WrittenImport {
  report: ImportReport;
  /** The papers written, for the background to broadcast their states (ids only: a 100k list is ≈ 3 MB). */
  ids: PaperId[];
}

/** Parses and checks the file's text; the text is not kept past this call. */
function check(name: string, text: string, post: (message: Extract<ImportJobMessage, { type: 'progress' }>) => void): ImportResult<CheckedImport> {
  let result: ImportResult<CheckedImport> | undefined;
  runImportJob({ name, text }, (message) => (message.type === 'result' ? (result = message.result) : post(message)));
  return result!;
}

/**
 * The whole import in an extension page's worker: read the file (gunzipped when gzip), parse and check it, then
 * write it in one transaction of the extension's own database (the worker shares the extension's origin). No
 * part of the file ever travels as a runtime message, whose size Chrome caps at 64 MiB. Aborting `signal` before
 * the commit writes nothing.
 */
export async function runImportToDatabase(
  file: Blob & { name: string },
  db: ShelfmarkDb,
  post: (message: ImportWriteMessage) => void,
  { signal, now = Date.now }: { signal?: AbortSignal; now?: () => number } = {},
): Promise<void> {
  const fail = (errors: string[]) => post({ type: 'written', result: { ok: false, errors } });
  post({ type: 'progress', step: 'reading', done: 0, total: 0 });
  let checked: ImportResult<CheckedImport>;
  try {
    checked = check(file.name.replace(/\.gz$/i, ''), await readText(file, signal), post);
  } catch (error) {
    if (signal?.aborted) return fail(['The import was cancelled: nothing was written.']);
    return fail([`${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`]);
  }
  if (!checked.ok) return fail(checked.errors);
  const written = await writeCheckedImport(db, checked.value.request, now(), {
    signal,
    onProgress: (done, total) => post({ type: 'progress', step: 'writing', done: Math.min(done, total), total }),
  });
  post({
    type: 'written',
    result: written.ok ? { ok: true, value: { report: written.value.report, ids: written.value.written.map((paper) => paper.id) } } : written,
  });
}

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
