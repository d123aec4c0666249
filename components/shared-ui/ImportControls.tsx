import { useState } from 'preact/hooks';
import { parseBackup } from '../../lib/backup/validate';
import { parseBibtexImport } from '../../lib/import/bibtex';
import type { ImportRequest } from '../../lib/import/apply';
import type { ImportReport } from '../../lib/import/result';
import { describeReport, importFileKind } from '../../lib/reading-list/import-file';
import type { Requester } from './requester';

export interface ImportControlsProps {
  send: Requester;
}

type ImportState =
  | { phase: 'idle' }
  | { phase: 'working'; step: string }
  | { phase: 'done'; file: string; report: ImportReport }
  | { phase: 'failed'; file: string; errors: string[] };

const ERRORS_SHOWN = 20;

function parse(name: string, text: string): { ok: true; request: ImportRequest; papers: number } | { ok: false; errors: string[] } {
  if (importFileKind(name, text) === 'backup') {
    const backup = parseBackup(text);
    return backup.ok ? { ok: true, request: { kind: 'backup', backup: backup.value }, papers: backup.value.papers.length } : backup;
  }
  const entries = parseBibtexImport(text);
  return entries.ok ? { ok: true, request: { kind: 'bibtex', entries: entries.value }, papers: entries.value.length } : entries;
}

/** Lets the browser paint the new step before the next long, synchronous one. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Imports a JSON backup or a BibTeX file. The page reads and validates the whole file first, so a bad file changes
 * nothing; the background then writes it in one transaction, so an import lands whole or not at all.
 */
export function ImportControls({ send }: ImportControlsProps) {
  const [state, setState] = useState<ImportState>({ phase: 'idle' });

  const run = async (file: File) => {
    setState({ phase: 'working', step: `Reading ${file.name}…` });
    const text = await file.text();
    setState({ phase: 'working', step: `Checking ${file.name}…` });
    await nextFrame();
    const parsed = parse(file.name, text);
    if (!parsed.ok) {
      setState({ phase: 'failed', file: file.name, errors: parsed.errors });
      return;
    }
    setState({ phase: 'working', step: `Writing ${parsed.papers.toLocaleString('en')} entries in one transaction…` });
    try {
      const result = await send('library/import', parsed.request);
      if (!result.ok) throw new Error(result.errors.join('\n'));
      setState({ phase: 'done', file: file.name, report: result.value });
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      setState({ phase: 'failed', file: file.name, errors: message.split('\n') });
    }
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
          {state.step} <progress class="progress" />
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
          <p>Nothing was imported from {state.file}:</p>
          <ul>
            {state.errors.slice(0, ERRORS_SHOWN).map((error, index) => (
              <li key={index}>{error}</li>
            ))}
          </ul>
          {state.errors.length > ERRORS_SHOWN && <p>…and {state.errors.length - ERRORS_SHOWN} more problems.</p>}
        </div>
      )}
    </div>
  );
}
