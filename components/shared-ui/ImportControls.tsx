import { useEffect, useRef, useState } from 'preact/hooks';
import type { CheckedImport, ImportWriteMessage, WrittenImport } from '../../lib/import/import-job';
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
  | { phase: 'preview'; file: string; papers: number; preview: Preview }
  | { phase: 'writing'; file: string; papers: number; done: number; total: number; cancelling: boolean }
  | { phase: 'cancelled'; file: string }
  | { phase: 'done'; file: string; report: ImportReport }
  | { phase: 'failed'; file: string; errors: string[] };

type Preview = NonNullable<CheckedImport['preview']>;

const ERRORS_SHOWN = 20;

/** What a job tells the controls: progress, then either a checked request to send or an import already written. */
type JobEvent =
  | Extract<ImportWriteMessage, { type: 'progress' | 'preview' }>
  | { type: 'checked'; result: ImportResult<CheckedImport> }
  | { type: 'written'; result: ImportResult<WrittenImport> };

interface ImportJob {
  /** Before the write: stops at once. During it: the worker aborts its transaction and answers "cancelled". */
  cancel(writing: boolean): void;
  /** The user confirmed the preview: the worker writes. */
  confirm(): void;
}

/**
 * In the extension the file is read, checked and written by a Web Worker (its origin is the extension's, so it
 * opens the extension's database): a 300 MB backup never crosses a runtime message, which Chrome caps at 64 MiB,
 * and never freezes the page. A page without workers (the unit tests' DOM) checks on its own thread and sends
 * the one `library/import` request.
 */
function startImportJob(file: File, onEvent: (event: JobEvent) => void): ImportJob {
  if (typeof Worker === 'undefined') {
    let cancelled = false;
    // Loaded only here: in the extension the parser lives in the worker's bundle, not the page's.
    void Promise.all([import('../../lib/import/import-job'), file.arrayBuffer()]).then(([{ runImportJob }, buffer]) => {
      if (cancelled) return;
      runImportJob({ name: file.name, bytes: new Uint8Array(buffer) }, (message) => {
        if (cancelled) return;
        onEvent(message.type === 'result' ? { type: 'checked', result: message.result } : message);
      });
    });
    // Confirmation is the page's own: it sends the checked request (sendChecked).
    return { cancel: () => (cancelled = true), confirm: () => {} };
  }
  // Vite's `?worker` import bundles the worker apart: WXT defines `import.meta.url`, which hides a `new URL(…)` from Vite.
  const worker = new ImportWorker();
  worker.onmessage = (event: MessageEvent<ImportWriteMessage>) => {
    if (event.data.type === 'written') worker.terminate();
    onEvent(event.data);
  };
  worker.onerror = (event) => {
    // A worker that died mid-write took its transaction with it: IndexedDB aborts what was not committed.
    worker.terminate();
    onEvent({ type: 'written', result: { ok: false, errors: [`Nothing was imported: ${event.message}`] } });
  };
  const post = (request: ImportWorkerRequest) => worker.postMessage(request);
  post({ type: 'start', file });
  return {
    cancel: (writing) => {
      if (writing) post({ type: 'cancel' });
      else worker.terminate();
    },
    confirm: () => post({ type: 'confirm' }),
  };
}

function checkingText(state: Extract<ImportState, { phase: 'checking' }>): string {
  const n = (value: number) => value.toLocaleString('en');
  if (state.step === 'reading') return `Reading ${state.file}…`;
  if (state.step === 'parsing' || !state.total) return `Parsing ${state.file}…`;
  return `Checking ${state.file}: ${n(state.done)} of ${n(state.total)} entries…`;
}

const CANCELLED = 'The import was cancelled: nothing was written.';

/**
 * Imports a JSON backup (plain or gzip) or a BibTeX file. The whole file is read and checked first (off the page's
 * thread), so a bad file changes nothing; then it is written in one transaction, so an import lands whole or not
 * at all, and Cancel before the commit leaves the library as it was.
 */
export function ImportControls({ send }: ImportControlsProps) {
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const job = useRef<ImportJob | null>(null);
  const writing = useRef(false);
  /** What Import in the preview does: tell the worker, or (without workers) send the checked request. */
  const confirmPreview = useRef<() => void>(() => {});

  useEffect(() => () => job.current?.cancel(false), []);

  const settle = async (file: string, outcome: () => Promise<ImportReport>) => {
    try {
      setState({ phase: 'done', file, report: await outcome() });
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      setState(message === CANCELLED ? { phase: 'cancelled', file } : { phase: 'failed', file, errors: message.split('\n') });
    }
  };

  const sendChecked = (file: string, checked: CheckedImport) => {
    setState({ phase: 'writing', file, papers: checked.papers, done: 0, total: 0, cancelling: false });
    void settle(file, async () => {
      const result = await send('library/import', checked.request);
      if (!result.ok) throw new Error(result.errors.join('\n'));
      return result.value;
    });
  };

  const written = (file: string, result: ImportResult<WrittenImport>) =>
    void settle(file, async () => {
      if (!result.ok) throw new Error(result.errors.join('\n'));
      // Committed already: the background only refreshes its caches and tells open tabs.
      await send('library/imported', { ids: result.value.ids });
      return result.value.report;
    });

  const onEvent = (file: string, event: JobEvent) => {
    if (event.type === 'checked' || event.type === 'written') {
      job.current = null;
      writing.current = false;
    }
    if (event.type === 'checked') {
      const result = event.result;
      // A reference-manager file is shown first (what will import, what is left out); written on confirmation.
      if (result.ok && result.value.preview) {
        confirmPreview.current = () => sendChecked(file, result.value);
        setState({ phase: 'preview', file, papers: result.value.papers, preview: result.value.preview });
      } else if (result.ok) sendChecked(file, result.value);
      else setState({ phase: 'failed', file, errors: result.errors });
    } else if (event.type === 'preview') {
      const started = job.current;
      confirmPreview.current = () => started?.confirm();
      setState({ phase: 'preview', file, papers: event.papers, preview: event.preview });
    } else if (event.type === 'written') written(file, event.result);
    else if (event.step === 'writing') {
      writing.current = true;
      setState((previous) => ({
        phase: 'writing',
        file,
        papers: event.total,
        done: event.done,
        total: event.total,
        cancelling: previous.phase === 'writing' && previous.cancelling,
      }));
    } else setState({ phase: 'checking', file, step: event.step, done: event.done, total: event.total });
  };

  const run = (file: File) => {
    setState({ phase: 'checking', file: file.name, step: 'reading', done: 0, total: 0 });
    writing.current = false;
    const started: ImportJob = startImportJob(file, (event) => {
      // A message already on its way when the job was cancelled is not this import's any more.
      if (job.current === started) onEvent(file.name, event);
    });
    job.current = started;
  };

  const cancel = (file: string) => {
    if (writing.current) {
      // The answer (cancelled, or written if the commit came first) arrives from the worker.
      job.current?.cancel(true);
      setState((previous) => (previous.phase === 'writing' ? { ...previous, cancelling: true } : previous));
      return;
    }
    job.current?.cancel(false);
    job.current = null;
    setState({ phase: 'cancelled', file });
  };

  const busy = state.phase === 'checking' || state.phase === 'writing' || state.phase === 'preview';
  return (
    <div class="import-controls" role="group" aria-label="Import">
      <label>
        Import a JSON backup (.json or .json.gz), BibTeX, RIS or CSL-JSON file{' '}
        <input
          type="file"
          accept=".json,.gz,.json.gz,.bib,.bibtex,.ris,application/json,application/gzip,application/x-bibtex,application/x-research-info-systems,text/plain"
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
      {state.phase === 'writing' && (
        <p role="status">
          {state.cancelling ? 'Cancelling: rolling the transaction back…' : `Writing ${state.file} in one transaction…`}{' '}
          {state.total ? <progress class="progress" value={state.done} max={state.total} /> : <progress class="progress" />}{' '}
          {!state.cancelling && writing.current && (
            <button type="button" onClick={() => cancel(state.file)}>
              Cancel
            </button>
          )}
        </p>
      )}
      {state.phase === 'preview' && (
        <ImportPreview
          state={state}
          onConfirm={() => {
            setState({ phase: 'writing', file: state.file, papers: state.papers, done: 0, total: 0, cancelling: false });
            confirmPreview.current();
          }}
          onCancel={() => cancel(state.file)}
        />
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
  const papers = state.papers;
  const repeats = total - skipped.length - papers;
  return (
    <div role="status" class="import-preview">
      <p>
        {state.file}: {n(total)} {total === 1 ? 'entry' : 'entries'}: {n(papers)} {papers === 1 ? 'paper' : 'papers'}
        {repeats > 0 && ` (${n(repeats)} ${repeats === 1 ? 'entry repeats a paper' : 'entries repeat a paper'} and fold into it)`}, {n(skipped.length)} skipped
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
