import { useState } from 'preact/hooks';
import type { ShelfmarkDb } from '../../lib/db';
import type { PaperRecord } from '../../lib/paper';
import { buildExport, EXPORT_FORMATS, type ExportFormat, type ExportScope } from '../../lib/reading-list/export-file';
import { downloadFile } from './download';

/** A named set of papers the user can export, e.g. "Current filter (12)". */
export interface ExportChoice {
  key: string;
  label: string;
  scope: ExportScope;
}

export interface ExportControlsProps {
  db: ShelfmarkDb;
  choices: ExportChoice[];
  /** Injected so tests and file names agree on "today". */
  now?: () => Date;
}

const FORMATS = Object.keys(EXPORT_FORMATS) as ExportFormat[];

function isFormat(value: string): value is ExportFormat {
  return (FORMATS as string[]).includes(value);
}

function scopeSize(scope: ExportScope): number | undefined {
  return scope.kind === 'papers' ? scope.papers.length : undefined;
}

export function papersChoice(key: string, label: string, papers: readonly PaperRecord[]): ExportChoice {
  return { key, label: `${label} (${papers.length.toLocaleString('en')})`, scope: { kind: 'papers', papers } };
}

export function ExportControls({ db, choices, now = () => new Date() }: ExportControlsProps) {
  const [format, setFormat] = useState<ExportFormat>('bibtex');
  const [choiceKey, setChoiceKey] = useState(choices[0]?.key ?? '');
  const [state, setState] = useState<{ busy: boolean; message: string | null; failed: boolean }>({ busy: false, message: null, failed: false });
  const choice = choices.find((candidate) => candidate.key === choiceKey) ?? choices[0];
  const empty = choice !== undefined && scopeSize(choice.scope) === 0;

  const run = async () => {
    if (!choice) return;
    setState({ busy: true, message: 'Preparing the file…', failed: false });
    try {
      const file = await buildExport(db, format, choice.scope, now());
      downloadFile(file.filename, file.mimeType, file.content);
      setState({ busy: false, message: `Downloaded ${file.filename}.`, failed: false });
    } catch (failure) {
      setState({ busy: false, message: `Export failed: ${failure instanceof Error ? failure.message : String(failure)}`, failed: true });
    }
  };

  return (
    <div class="export-controls" role="group" aria-label="Export">
      <label>
        Export{' '}
        <select aria-label="Papers to export" value={choice?.key} onChange={(event) => setChoiceKey(event.currentTarget.value)}>
          {choices.map((candidate) => (
            <option key={candidate.key} value={candidate.key}>
              {candidate.label}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        as{' '}
        <select
          aria-label="Export format"
          value={format}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (isFormat(value)) setFormat(value);
          }}
        >
          {FORMATS.map((key) => (
            <option key={key} value={key}>
              {EXPORT_FORMATS[key].label}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="button" disabled={state.busy || empty} onClick={() => void run()}>
        Download
      </button>{' '}
      {(format === 'backup' || format === 'backup-gz') && choice?.scope.kind === 'library' && (
        <p class="muted">A full backup also keeps seen and dismissed papers, their history and your settings.</p>
      )}
      <span role={state.failed ? 'alert' : 'status'} class={state.failed ? 'error' : 'muted'}>
        {state.message}
      </span>
    </div>
  );
}
