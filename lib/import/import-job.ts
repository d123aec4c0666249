import { parseBackup } from '../backup/validate';
import { importFileKind } from '../reading-list/import-file';
import type { ImportRequest } from './apply';
import { readBibtexFile } from './bibtex';
import type { SkippedEntry } from './bibtex-lexer';
import { readCslJson } from './csl-json';
import { readRis } from './ris';
import { decodeImportBytes } from './decode-text';
import type { ImportResult } from './result';

/**
 * The part of an import that may run off the page's thread (a Web Worker): reading and checking a file into the
 * one `library/import` request. It never touches the database; the page sends the request it returns.
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
      post({ type: 'result', result: { ok: true, value: { request: { kind: 'bibtex', entries: ris.entries }, papers: ris.entries.length, preview } } });
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
      post({ type: 'result', result: { ok: true, value: { request: { kind: 'bibtex', entries: csl.value.entries }, papers: csl.value.entries.length, preview } } });
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
        papers: read.entries.length,
        preview: { total: read.total, skipped: read.skipped, warnings },
      },
    },
  });
}
