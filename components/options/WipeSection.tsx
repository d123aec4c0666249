import { useEffect, useState } from 'preact/hooks';
import type { ShelfmarkDb } from '../../lib/db';
import { buildExport } from '../../lib/reading-list/export-file';
import { downloadFile } from '../shared-ui/download';
import type { Requester } from '../shared-ui/requester';

export interface WipeSectionProps {
  db: ShelfmarkDb;
  send: Requester;
}

/** What the user types to confirm; a phrase, not a click, so the wipe never happens by reflex. */
export const WIPE_PHRASE = 'wipe my library';

type Step =
  | { name: 'closed' }
  | { name: 'backup'; backedUp: string | null; error: string | null }
  | { name: 'confirm'; typed: string; busy: boolean; error: string | null }
  | { name: 'done'; papers: number; sightings: number };

export function WipeSection({ db, send }: WipeSectionProps) {
  const [step, setStep] = useState<Step>({ name: 'closed' });
  // With sync on, a wipe is a wipe of every device's library (lib/sync/recorder.ts): the page must say so.
  const [syncing, setSyncing] = useState(false);
  useEffect(() => {
    send('sync/get', {}).then(
      (view) => setSyncing(view.config !== null),
      () => setSyncing(false),
    );
  }, [send, step.name]);

  const backup = async () => {
    try {
      const file = await buildExport(db, 'backup', { kind: 'library' }, new Date());
      downloadFile(file.filename, file.mimeType, file.content);
      setStep({ name: 'backup', backedUp: file.filename, error: null });
    } catch (failure) {
      setStep({ name: 'backup', backedUp: null, error: failure instanceof Error ? failure.message : String(failure) });
    }
  };

  const wipe = async (typed: string) => {
    setStep({ name: 'confirm', typed, busy: true, error: null });
    try {
      const { papers, sightings } = await send('library/wipe', {});
      setStep({ name: 'done', papers, sightings });
    } catch (failure) {
      setStep({ name: 'confirm', typed, busy: false, error: failure instanceof Error ? failure.message : String(failure) });
    }
  };

  return (
    <section class="danger-zone" aria-labelledby="wipe-heading">
      <h2 id="wipe-heading">Danger zone</h2>
      <p>
        Wiping deletes every saved, seen and dismissed paper, their tags, notes and history. Settings stay. It cannot be
        undone except by importing a backup.
      </p>
      {syncing && (
        <p class="warning">
          <strong>Sync is on: the wipe reaches every device that syncs this library.</strong> At its next sync each of
          them deletes everything saved, seen, tagged or noted before the wipe, and the server&apos;s copy is replaced;
          what any device does after the wipe stays. To wipe only this browser, turn sync off first (Sync → Turn sync
          off), then wipe.
        </p>
      )}
      {step.name === 'closed' && (
        <button type="button" class="danger" onClick={() => setStep({ name: 'backup', backedUp: null, error: null })}>
          Wipe library…
        </button>
      )}
      {step.name === 'backup' && (
        <div role="group" aria-label="Back up before wiping">
          <p>First, download a full backup you can import later.</p>
          <p>
            <button type="button" class="primary" onClick={() => void backup()}>
              Download backup
            </button>{' '}
            <button type="button" onClick={() => setStep({ name: 'confirm', typed: '', busy: false, error: null })}>
              {step.backedUp ? 'Continue' : 'Continue without a backup'}
            </button>{' '}
            <button type="button" class="link" onClick={() => setStep({ name: 'closed' })}>
              Cancel
            </button>
          </p>
          {step.backedUp && <p role="status">Saved {step.backedUp}.</p>}
          {step.error && (
            <p role="alert" class="error">
              Backup failed: {step.error}
            </p>
          )}
        </div>
      )}
      {step.name === 'confirm' && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (step.typed === WIPE_PHRASE && !step.busy) void wipe(step.typed);
          }}
        >
          <label>
            Type <strong>{WIPE_PHRASE}</strong> to confirm{' '}
            <input
              type="text"
              autoComplete="off"
              value={step.typed}
              onInput={(event) => setStep({ ...step, typed: event.currentTarget.value })}
              onKeyDown={(event) => {
                if (event.key === 'Escape') setStep({ name: 'closed' });
              }}
            />
          </label>{' '}
          <button type="submit" class="danger" disabled={step.typed !== WIPE_PHRASE || step.busy}>
            Wipe library
          </button>{' '}
          <button type="button" class="link" onClick={() => setStep({ name: 'closed' })}>
            Cancel
          </button>
          {step.error && (
            <p role="alert" class="error">
              Wipe failed: {step.error}
            </p>
          )}
        </form>
      )}
      {step.name === 'done' && (
        <p role="status">
          Library wiped: {step.papers.toLocaleString('en')} papers and {step.sightings.toLocaleString('en')} sightings deleted.
          {syncing && ' Your other devices follow at their next sync.'}
        </p>
      )}
    </section>
  );
}
