import { useEffect, useState } from 'preact/hooks';
import { relativeTime } from '../../lib/relative-time';
import type { SyncView } from '../../lib/sync/handlers';
import { originPattern } from '../../lib/sync/permissions';
import type { Requester } from '../shared-ui/requester';

export interface SyncSectionProps {
  send: Requester;
  /** Asks the browser for one server origin (`permissions.request`); must run in the click that turns sync on. */
  requestOrigin: (pattern: string) => Promise<boolean>;
  now?: () => number;
}

const n = (value: number) => value.toLocaleString('en');

/** "Last synced 2 minutes ago · 3 devices · 48,210 papers", or why the last run failed. */
export function statusLine(view: SyncView, now: number): string {
  const { status } = view;
  if (!view.config) return 'Sync is off.';
  if (status.running) return 'Syncing…';
  const last = status.lastSyncedAt ? `Last synced ${relativeTime(status.lastSyncedAt, now)}` : 'Not synced yet';
  if (status.error) return `${status.error}. ${last}.`;
  return `${last} · ${n(status.devices)} ${status.devices === 1 ? 'device' : 'devices'} · ${n(status.papers)} papers`;
}

interface Form {
  serverUrl: string;
  username: string;
  password: string;
  folder: string;
  encrypt: boolean;
  passphrase: string;
}

const EMPTY: Form = { serverUrl: '', username: '', password: '', folder: 'Shelfmark', encrypt: false, passphrase: '' };

export function SyncSection({ send, requestOrigin, now = Date.now }: SyncSectionProps) {
  const [view, setView] = useState<SyncView | null>(null);
  const [form, setForm] = useState<Form>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    send('sync/get', {}).then((loaded) => {
      setView(loaded);
      if (loaded.config) setForm({ ...EMPTY, ...loaded.config, encrypt: loaded.config.encrypted, password: '', passphrase: '' });
    }, (failure: unknown) => setError(String(failure)));
  }, [send]);

  // While a run goes on in the background (a scheduled one, or one resumed after a restart), follow it.
  useEffect(() => {
    if (!view?.status.running || busy) return;
    const timer = setInterval(() => void send('sync/get', {}).then(setView, () => {}), 2000);
    return () => clearInterval(timer);
  }, [view?.status.running, busy, send]);

  const act = async (work: () => Promise<SyncView>) => {
    setBusy(true);
    setError(null);
    try {
      setView(await work());
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  const turnOn = () =>
    act(async () => {
      // Asked first, inside the click: browsers grant optional permissions only in answer to a user gesture.
      const granted = await requestOrigin(originPattern(form.serverUrl));
      if (!granted) throw new Error('Shelfmark needs access to the server to sync with it');
      const configured = !!view?.config;
      return send('sync/enable', {
        serverUrl: form.serverUrl.trim(),
        username: form.username.trim(),
        folder: form.folder.trim() || 'Shelfmark',
        // Left empty on a configured sync: keep the stored secret.
        ...(form.password || !configured ? { password: form.password } : {}),
        ...(form.encrypt ? (form.passphrase || !configured ? { passphrase: form.passphrase } : {}) : { passphrase: '' }),
      });
    });

  const field = (key: keyof Form) => ({
    value: form[key] as string,
    onInput: (event: Event) => setForm({ ...form, [key]: (event.currentTarget as HTMLInputElement).value }),
  });
  const on = !!view?.config;

  return (
    <section aria-labelledby="sync-heading">
      <h2 id="sync-heading">Sync</h2>
      <p class="muted">
        Keeps one library on all your browsers through your own WebDAV server (Nextcloud, ownCloud…). Each browser writes its
        own files in the folder; with a passphrase the server holds nothing readable.
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void turnOn();
        }}
      >
        <label>
          Server URL <input type="url" required placeholder="https://cloud.example.org/remote.php/dav/files/USER/" {...field('serverUrl')} />
        </label>
        <label>
          Username <input type="text" required autoComplete="username" {...field('username')} />
        </label>
        <label>
          Password <input type="password" autoComplete="current-password" placeholder={on ? 'unchanged' : 'an app password'} required={!on} {...field('password')} />
        </label>
        <label>
          Folder <input type="text" {...field('folder')} />
        </label>
        <label class="switch">
          <input type="checkbox" checked={form.encrypt} onChange={(event) => setForm({ ...form, encrypt: event.currentTarget.checked })} /> Encrypt with a
          passphrase
        </label>
        {form.encrypt && (
          <label>
            Passphrase{' '}
            <input type="password" autoComplete="new-password" placeholder={on && view?.config?.encrypted ? 'unchanged' : ''} required={!(on && view?.config?.encrypted)} {...field('passphrase')} />
          </label>
        )}
        <p>
          <button type="submit" class="primary" disabled={busy}>
            {on ? 'Save and sync' : 'Turn sync on'}
          </button>{' '}
          {on && (
            <>
              <button type="button" disabled={busy} onClick={() => void act(() => send('sync/now', {}))}>
                Sync now
              </button>{' '}
              <button type="button" disabled={busy} onClick={() => void act(() => send('sync/disable', { deleteRemote: false }))}>
                Turn sync off
              </button>{' '}
              <button
                type="button"
                class="danger"
                disabled={busy}
                onClick={() => {
                  if (confirm('Delete the synced copy on the server for every device? Libraries in the browsers stay.')) void act(() => send('sync/disable', { deleteRemote: true }));
                }}
              >
                Turn off and delete the server copy
              </button>
            </>
          )}
        </p>
      </form>
      {view && (
        <p role="status" aria-label="Sync status">
          {busy ? 'Syncing…' : statusLine(view, now())}
        </p>
      )}
      {view?.status.warnings.map((warning) => (
        <p class="warning" key={warning}>
          {warning}
        </p>
      ))}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}
