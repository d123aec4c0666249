import { useEffect, useRef, useState } from 'preact/hooks';
import type { CheckedImport, ImportJobMessage } from '../../lib/import/import-job';
import type { ImportReport, ImportResult } from '../../lib/import/result';
import { describeReport } from '../../lib/reading-list/import-file';
import type { ImportWorkerRequest } from './import-worker';
import ImportWorker from './import-worker.ts?worker';
import type { Requester } from './requester';

export interface ImportControlsProps {
  send: Requester;
}

type ImportState =
  | { phase: 'idle' }
  | { phase: 'checking'; file: string; step: 'reading' | 'parsing' | 'checking'; done: number; total: number }
  | { phase: 'preview'; file: string; checked: CheckedImport; preview: NonNullable<CheckedImport['preview']> }
  | { phase: 'writing'; file: string; papers: number }
  | { phase: 'cancelled'; file: string }
  | { phase: 'done'; file: string; report: ImportReport }
  | { phase: 'failed'; file: string; errors: string[] };

const ERRORS_SHOWN = 20;

interface ImportJob {
  cancel(): void;
}

/**
 * Reads and checks the file in a Web Worker, so a 10k-paper file never freezes the page; cancelling terminates
 * the worker. A page without workers (the unit tests' DOM) runs the same job on its own thread.
 */
function startImportJob(file: File, onMessage: (message: ImportJobMessage) => void): ImportJob {
  if (typeof Worker === 'undefined') {
    let cancelled = false;
    // Loaded only here: in the extension the parser lives in the worker's bundle, not the page's.
    void Promise.all([import('../../lib/import/import-job'), file.arrayBuffer()]).then(([{ runImportJob }, buffer]) => {
      if (!cancelled) runImportJob({ name: file.name, bytes: new Uint8Array(buffer) }, (message) => cancelled || onMessage(message));
    });
    return { cancel: () => (cancelled = true) };
  }
  // Vite's `?worker` import bundles the worker apart: WXT defines `import.meta.url`, which hides a `new URL(…)` from Vite.
  const worker = new ImportWorker();
  worker.onmessage = (event: MessageEvent<ImportJobMessage>) => {
    if (event.data.type === 'result') worker.terminate();
    onMessage(event.data);
  };
  worker.onerror = (event) => {
    worker.terminate();
    onMessage({ type: 'result', result: { ok: false, errors: [`The file could not be checked: ${event.message}`] } });
  };
  const request: ImportWorkerRequest = { file };
  worker.postMessage(request);
  return { cancel: () => worker.terminate() };
}

function checkingText(state: Extract<ImportState, { phase: 'checking' }>): string {
  const n = (value: number) => value.toLocaleString('en');
  if (state.step === 'reading') return `Reading ${state.file}…`;
  if (state.step === 'parsing' || !state.total) return `Parsing ${state.file}…`;
  return `Checking ${state.file}: ${n(state.done)} of ${n(state.total)} entries…`;
}

/**
 * Imports a JSON backup or a BibTeX file. The whole file is read and checked first (off the page's thread), so a
 * bad file changes nothing; the background then writes it in one transaction, so an import lands whole or not at all.
 */
export function ImportControls({ send }: ImportControlsProps) {
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const job = useRef<ImportJob | null>(null);

  useEffect(() => () => job.current?.cancel(), []);

  const write = async (file: string, checked: CheckedImport) => {
    setState({ phase: 'writing', file, papers: checked.papers });
    try {
      const result = await send('library/import', checked.request);
      if (!result.ok) throw new Error(result.errors.join('\n'));
      setState({ phase: 'done', file, report: result.value });
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      setState({ phase: 'failed', file, errors: message.split('\n') });
    }
  };

  const finish = (file: string, result: ImportResult<CheckedImport>) => {
    job.current = null;
    // A BibTeX file is shown first (what will import, what is left out); it is written on confirmation.
    if (result.ok && result.value.preview) setState({ phase: 'preview', file, checked: result.value, preview: result.value.preview });
    else if (result.ok) void write(file, result.value);
    else setState({ phase: 'failed', file, errors: result.errors });
  };

  const run = (file: File) => {
    setState({ phase: 'checking', file: file.name, step: 'reading', done: 0, total: 0 });
    const started: ImportJob = startImportJob(file, (message) => {
      // A message already on its way when the job was cancelled is not this import's any more.
      if (job.current !== started) return;
      if (message.type === 'result') finish(file.name, message.result);
      else setState({ phase: 'checking', file: file.name, step: message.step, done: message.done, total: message.total });
    });
    job.current = started;
  };

  const cancel = (file: string) => {
    job.current?.cancel();
    job.current = null;
    setState({ phase: 'cancelled', file });
  };

  const busy = state.phase === 'checking' || state.phase === 'writing' || state.phase === 'preview';
  return (
    <div class="import-controls" role="group" aria-label="Import">
      <label>
        Import a JSON backup, BibTeX, RIS or CSL-JSON file{' '}
        <input
          type="file"
          accept=".json,.bib,.bibtex,.ris,application/json,application/x-bibtex,application/x-research-info-systems,text/plain"
          disabled={busy}
          onChange={(event) => {
            const input = event.currentTarget;
            const file = input.files?.[0];
            // Cleared so choosing the same file again (after fixing it) imports again.
            input.value = '';
            if (file) run(file);
          }}
        />
      </label>
      {state.phase === 'checking' && (
        <p role="status">
          {checkingText(state)}{' '}
          {state.total ? (
            <progress class="progress" value={state.done} max={state.total} />
          ) : (
            <progress class="progress" />
          )}{' '}
          <button type="button" onClick={() => cancel(state.file)}>
            Cancel
          </button>
        </p>
      )}
      {state.phase === 'preview' && <ImportPreview state={state} onConfirm={() => void write(state.file, state.checked)} onCancel={() => setState({ phase: 'cancelled', file: state.file })} />}
      {state.phase === 'writing' && (
        <p role="status">
          Writing {state.papers.toLocaleString('en')} entries in one transaction… <progress class="progress" />
        </p>
      )}
      {state.phase === 'cancelled' && <p role="status">Import of {state.file} cancelled: nothing was written.</p>}
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

const SKIPPED_SHOWN = 200;

/** "2,157 entries: 2,138 papers, 19 skipped — show them", the skipped entries and warnings, then Import or Cancel. */
function ImportPreview({ state, onConfirm, onCancel }: { state: Extract<ImportState, { phase: 'preview' }>; onConfirm: () => void; onCancel: () => void }) {
  const n = (value: number) => value.toLocaleString('en');
  const { total, skipped, warnings } = state.preview;
  const papers = state.checked.papers;
  return (
    <div role="status" class="import-preview">
      <p>
        {state.file}: {n(total)} {total === 1 ? 'entry' : 'entries'}: {n(papers)} {papers === 1 ? 'paper' : 'papers'}, {n(skipped.length)} skipped
        {warnings.length > 0 && `, ${n(warnings.length)} ${warnings.length === 1 ? 'warning' : 'warnings'}`}.
      </p>
      {skipped.length > 0 && (
        <details>
          <summary>Show the skipped entries</summary>
          <ul class="import-skipped">
            {skipped.slice(0, SKIPPED_SHOWN).map((entry, index) => (
              <li key={index}>
                {entry.key ? `“${entry.key}”` : 'An entry'} (line {entry.line}): {entry.reason}
              </li>
            ))}
          </ul>
          {skipped.length > SKIPPED_SHOWN && <p>…and {n(skipped.length - SKIPPED_SHOWN)} more.</p>}
        </details>
      )}
      {warnings.length > 0 && (
        <details>
          <summary>Show the warnings</summary>
          <ul>
            {warnings.slice(0, SKIPPED_SHOWN).map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </details>
      )}
      <button type="button" onClick={onConfirm}>
        Import {n(papers)} {papers === 1 ? 'paper' : 'papers'}
      </button>{' '}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
