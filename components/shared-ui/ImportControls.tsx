import { useState } from 'preact/hooks';
import { parseBackup } from '../../lib/backup/validate';
import { parseBibtexImport } from '../../lib/import/bibtex';
import { emptyReport, type ImportReport } from '../../lib/import/result';
import {
  addReports,
  backupBatches,
  bibtexBatches,
  describeReport,
  importFileKind,
  type ImportBatch,
} from '../../lib/reading-list/import-batches';
import type { Requester } from './requester';

export interface ImportControlsProps {
  send: Requester;
}

type ImportState =
  | { phase: 'idle' }
  | { phase: 'working'; step: string; done: number; total: number }
  | { phase: 'done'; file: string; report: ImportReport }
  | { phase: 'failed'; file: string; errors: string[]; partial: ImportReport | null };

const ERRORS_SHOWN = 20;

function parse(name: string, text: string): { ok: true; batches: ImportBatch[] } | { ok: false; errors: string[] } {
  if (importFileKind(name, text) === 'backup') {
    const backup = parseBackup(text);
    return backup.ok ? { ok: true, batches: backupBatches(backup.value) } : backup;
  }
  const entries = parseBibtexImport(text);
  return entries.ok ? { ok: true, batches: bibtexBatches(entries.value) } : entries;
}

/**
 * Imports a JSON backup or a BibTeX file. The page parses and validates the whole file first, so a bad file
 * changes nothing; the background then applies it in batches, which is what the progress bar counts.
 */
export function ImportControls({ send }: ImportControlsProps) {
  const [state, setState] = useState<ImportState>({ phase: 'idle' });

  const run = async (file: File) => {
    setState({ phase: 'working', step: `Reading ${file.name}…`, done: 0, total: 0 });
    const parsed = parse(file.name, await file.text());
    if (!parsed.ok) {
      setState({ phase: 'failed', file: file.name, errors: parsed.errors, partial: null });
      return;
    }
    const total = parsed.batches.reduce((sum, batch) => sum + batch.papers, 0);
    let report = emptyReport();
    let done = 0;
    for (const batch of parsed.batches) {
      setState({ phase: 'working', step: `Importing ${file.name}…`, done, total });
      try {
        const result = await send('library/import', batch.request);
        if (!result.ok) throw new Error(result.errors.join('\n'));
        report = addReports(report, result.value);
      } catch (failure) {
        const message = failure instanceof Error ? failure.message : String(failure);
        setState({ phase: 'failed', file: file.name, errors: message.split('\n'), partial: done ? report : null });
        return;
      }
      done += batch.papers;
    }
    setState({ phase: 'done', file: file.name, report });
  };

  const working = state.phase === 'working';
  return (
    <div class="import-controls" role="group" aria-label="Import">
      <label>
        Import a JSON backup or BibTeX file{' '}
        <input
          type="file"
          accept=".json,.bib,.bibtex,application/json,application/x-bibtex,text/plain"
          disabled={working}
          onChange={(event) => {
            const input = event.currentTarget;
            const file = input.files?.[0];
            // Cleared so choosing the same file again (after fixing it) imports again.
            input.value = '';
            if (file) void run(file);
          }}
        />
      </label>
      {state.phase === 'working' && (
        <p role="status">
          {state.step}{' '}
          <progress class="progress" max={state.total || undefined} value={state.total ? state.done : undefined} />{' '}
          {state.total > 0 && `${state.done.toLocaleString('en')} / ${state.total.toLocaleString('en')} papers`}
        </p>
      )}
      {state.phase === 'done' && (
        <div role="status" class="import-report">
          <p>Imported {state.file}:</p>
          <ul>
            {describeReport(state.report).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      {state.phase === 'failed' && (
        <div role="alert" class="import-report error">
          <p>
            {state.partial
              ? `Importing ${state.file} stopped part-way; the papers listed below as added or updated were imported.`
              : `Nothing was imported from ${state.file}:`}
          </p>
          <ul>
            {state.errors.slice(0, ERRORS_SHOWN).map((error, index) => (
              <li key={index}>{error}</li>
            ))}
          </ul>
          {state.errors.length > ERRORS_SHOWN && <p>…and {state.errors.length - ERRORS_SHOWN} more problems.</p>}
          {state.partial && (
            <ul class="muted">
              {describeReport(state.partial).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
