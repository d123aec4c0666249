import { isGzip, readText } from '../backup/compression';
import { parseBackup } from '../backup/validate';
import type { ShelfmarkDb } from '../db';
import type { PaperId } from '../ids';
import { importFileKind } from '../reading-list/import-file';
import { writeCheckedImport, type ImportRequest } from './apply';
import { readBibtexFile } from './bibtex';
import type { SkippedEntry } from './bibtex-lexer';
import { readCslJson } from './csl-json';
import { readRis } from './ris';
import { decodeImportBytes } from './decode-text';
import type { ImportReport, ImportResult } from './result';

/**
 * Reading and checking a file into one import request (a backup, or the papers of a BibTeX, RIS or CSL-JSON file);
 * `runImportToDatabase` below then writes it from the worker.
 */
export interface ImportJobInput {
  name: string;
  /** The file's text; ignored when `bytes` are given (their encoding is then detected, see decode-text.ts). */
  text?: string;
  bytes?: Uint8Array;
}

export interface CheckedImport {
  request: ImportRequest;
  /** Entries or papers in the file. */
  papers: number;
  /** A BibTeX file's preview: entries in the file, those left out (key, line, reason), and warnings. */
  preview?: { total: number; skipped: SkippedEntry[]; warnings: string[] };
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
  /** A BibTeX, RIS or CSL-JSON file's preview: the worker waits for the page's confirmation before it writes. */
  | { type: 'preview'; papers: number; preview: NonNullable<CheckedImport['preview']> }
  | { type: 'written'; result: ImportResult<WrittenImport> };

export interface WrittenImport {
  report: ImportReport;
  /** The papers written, for the background to broadcast their states (ids only: a 100k list is ≈ 3 MB). */
  ids: PaperId[];
}

/** Parses and checks the file; its text is not kept past this call. */
function check(input: ImportJobInput, post: (message: Extract<ImportJobMessage, { type: 'progress' }>) => void): ImportResult<CheckedImport> {
  let result: ImportResult<CheckedImport> | undefined;
  runImportJob(input, (message) => (message.type === 'result' ? (result = message.result) : post(message)));
  return result!;
}

/**
 * Backups (JSON, plain or gzip) are read as streamed UTF-8 text: they can be hundreds of megabytes. Reference-manager
 * files are read as bytes so their encoding is detected (UTF-16, Latin-1) instead of decoded to U+FFFD.
 */
async function readInput(file: Blob & { name: string }, signal?: AbortSignal): Promise<ImportJobInput> {
  const name = file.name.replace(/\.gz$/i, '');
  if ((await isGzip(file)) || (/\.json$/i.test(name) && !/\.csl\.json$/i.test(name))) return { name, text: await readText(file, signal) };
  return { name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export interface ImportToDatabaseOptions {
  signal?: AbortSignal;
  now?: () => number;
  /** Asked after a preview was posted; false (or a cancelled signal) writes nothing. Without it, files are written as checked. */
  confirm?: () => Promise<boolean>;
}

/**
 * The whole import in an extension page's worker: read the file (gunzipped when gzip), parse and check it, show a
 * reference-manager file's preview and wait for the confirmation, then write it in one transaction of the
 * extension's own database (the worker shares the extension's origin). No part of the file ever travels as a
 * runtime message, whose size Chrome caps at 64 MiB. Aborting `signal` before the commit writes nothing.
 */
export async function runImportToDatabase(
  file: Blob & { name: string },
  db: ShelfmarkDb,
  post: (message: ImportWriteMessage) => void,
  { signal, now = Date.now, confirm }: ImportToDatabaseOptions = {},
): Promise<void> {
  const cancelled = () => post({ type: 'written', result: { ok: false, errors: ['The import was cancelled: nothing was written.'] } });
  const fail = (errors: string[]) => post({ type: 'written', result: { ok: false, errors } });
  post({ type: 'progress', step: 'reading', done: 0, total: 0 });
  let checked: ImportResult<CheckedImport>;
  try {
    checked = check(await readInput(file, signal), post);
  } catch (error) {
    if (signal?.aborted) return cancelled();
    return fail([`${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`]);
  }
  if (!checked.ok) return fail(checked.errors);
  const { preview } = checked.value;
  if (preview && confirm) {
    post({ type: 'preview', papers: checked.value.papers, preview });
    if (!(await confirm()) || signal?.aborted) return cancelled();
  }
  const written = await writeCheckedImport(db, checked.value.request, now(), {
    signal,
    onProgress: (done, total) => post({ type: 'progress', step: 'writing', done: Math.min(done, total), total }),
  });
  post({
    type: 'written',
    result: written.ok ? { ok: true, value: { report: written.value.report, ids: written.value.written.map((paper) => paper.id) } } : written,
  });
}

/** Entries with the same id fold into one paper: the preview counts the papers the library will hold. */
const distinctPapers = (entries: readonly { paper: { id: string } }[]) => new Set(entries.map((entry) => entry.paper.id)).size;

export function runImportJob({ name, text: given, bytes }: ImportJobInput, post: (message: ImportJobMessage) => void): void {
  const decoded = bytes ? decodeImportBytes(bytes, name) : { ok: true as const, value: { text: given ?? '', warning: undefined } };
  if (!decoded.ok) {
    post({ type: 'result', result: decoded });
    return;
  }
  const { text } = decoded.value;
  if (/\.ris$/i.test(name) || /^\uFEFF?\s*TY {1,2}-/.test(text)) {
    const ris = readRis(text);
    if (!ris.entries.length) post({ type: 'result', result: { ok: false, errors: [ris.total ? `None of the ${ris.total} RIS records can be imported.` : 'No RIS records (TY … ER) found in the file.'] } });
    else {
      const preview = { total: ris.total, skipped: ris.skipped, warnings: decoded.value.warning ? [decoded.value.warning] : [] };
      post({ type: 'result', result: { ok: true, value: { request: { kind: 'bibtex', entries: ris.entries }, papers: distinctPapers(ris.entries), preview } } });
    }
    return;
  }
  // A JSON array is CSL-JSON (Zotero, Pandoc, citation-js); a backup is an object.
  if (/^\uFEFF?\s*\[/.test(text) || /\.csl\.json$/i.test(name)) {
    const csl = readCslJson(text);
    if (!csl.ok) post({ type: 'result', result: csl });
    else if (!csl.value.entries.length) post({ type: 'result', result: { ok: false, errors: [`None of the ${csl.value.total} CSL-JSON items can be imported.`] } });
    else {
      const preview = { total: csl.value.total, skipped: csl.value.skipped, warnings: decoded.value.warning ? [decoded.value.warning] : [] };
      post({ type: 'result', result: { ok: true, value: { request: { kind: 'bibtex', entries: csl.value.entries }, papers: distinctPapers(csl.value.entries), preview } } });
    }
    return;
  }
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
  const read = readBibtexFile(text, (done, total) => post({ type: 'progress', step: 'checking', done, total }));
  if (!read.entries.length) {
    const why = read.skipped.slice(0, 20).map((entry) => `Entry "${entry.key}" (line ${entry.line}): ${entry.reason}.`);
    post({ type: 'result', result: { ok: false, errors: [read.total ? `None of the ${read.total} BibTeX entries can be imported.` : 'No BibTeX entries found in the file.', ...why] } });
    return;
  }
  const warnings = [...(decoded.value.warning ? [decoded.value.warning] : []), ...read.warnings];
  post({
    type: 'result',
    result: {
      ok: true,
      value: {
        request: { kind: 'bibtex', entries: read.entries },
        papers: distinctPapers(read.entries),
        preview: { total: read.total, skipped: read.skipped, warnings },
      },
    },
  });
}
