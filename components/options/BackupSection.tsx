import { useEffect, useState } from 'preact/hooks';
import { KEEP_RANGE, type AutoBackupConfig } from '../../lib/auto-backup/policy';
import type { AutoBackupStatus } from '../../lib/auto-backup/writer';
import { relativeTime } from '../../lib/relative-time';
import type { Requester } from '../shared-ui/requester';

export interface BackupSectionProps {
  send: Requester;
  now?: () => number;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toLocaleString('en', { maximumFractionDigits: bytes < 10_000_000 ? 1 : 0 })} MB`;
}

/** "Last backup 3 hours ago: /home/ada/Downloads/Shelfmark/shelfmark-backup-….json.gz (4.2 MB)". */
export function lastBackupLine(status: AutoBackupStatus, now: number): string {
  const newest = status.files.at(-1);
  if (!newest) {
    return status.config.enabled ? 'No automatic backup yet: the first is written within an hour of your first saved paper.' : 'No automatic backup has been written.';
  }
  return `Last backup ${relativeTime(newest.at, now)}: ${newest.path} (${megabytes(newest.bytes)}).`;
}

function errorText(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}

/** Automatic backups: on/off, how often, how many kept, and what was last written where. */
export function BackupSection({ send, now = Date.now }: BackupSectionProps) {
  const [status, setStatus] = useState<AutoBackupStatus | null>(null);
  const [busy, setBusy] = useState<'writing' | 'saving' | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    send('backup/status', {}).then(setStatus, (failure: unknown) => setError(errorText(failure)));
  }, [send]);

  const act = async (kind: 'writing' | 'saving', work: () => Promise<AutoBackupStatus>) => {
    setBusy(kind);
    setError(null);
    try {
      setStatus(await work());
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(null);
    }
  };
  const configure = (patch: Partial<AutoBackupConfig>) => act('saving', () => send('backup/configure', patch));
  const backUpNow = () =>
    act('writing', async () => {
      const { result, status: next } = await send('backup/now', {});
      if ('failed' in result) setError(`The backup failed: ${result.failed}`);
      return next;
    });

  const config = status?.config;
  return (
    <section aria-labelledby="backup-heading">
      <h2 id="backup-heading">Automatic backups</h2>
      <p class="muted">
        A full backup (papers, seen history, settings) is written as a gzip file into the <code>Shelfmark</code> folder of your
        downloads, without asking, once your library has a saved paper. Restore one with Import, above.
      </p>
      {config && (
        <>
          <label class="switch">
            <input type="checkbox" role="switch" checked={config.enabled} disabled={busy !== null} onChange={(event) => void configure({ enabled: event.currentTarget.checked })} />{' '}
            Back up automatically
          </label>
          <label>
            Every{' '}
            <select aria-label="Back up every" value={config.every} disabled={busy !== null || !config.enabled} onChange={(event) => void configure({ every: event.currentTarget.value as AutoBackupConfig['every'] })}>
              <option value="day">day</option>
              <option value="week">week</option>
            </select>
          </label>{' '}
          <label>
            keeping the last{' '}
            <input
              type="number"
              min={KEEP_RANGE.min}
              max={KEEP_RANGE.max}
              value={config.keep}
              disabled={busy !== null}
              aria-label="Backups to keep"
              onChange={(event) => {
                const keep = Number(event.currentTarget.value);
                if (Number.isInteger(keep) && keep >= KEEP_RANGE.min && keep <= KEEP_RANGE.max) void configure({ keep });
              }}
            />{' '}
            files
          </label>
          <p role="status">{busy === 'writing' ? 'Writing a backup…' : lastBackupLine(status, now())}</p>
          {status.files.length > 1 && <p class="muted">{status.files.length} backup files kept; older ones are deleted.</p>}
          {status.warning && (
            <p class="error" role="alert">
              {status.warning}
            </p>
          )}
          <button type="button" disabled={busy !== null} onClick={() => void backUpNow()}>
            Back up now
          </button>
        </>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
