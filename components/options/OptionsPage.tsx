import { useEffect, useState } from 'preact/hooks';
import type { ShelfmarkDb } from '../../lib/db';
import type { LibraryStats } from '../../lib/library';
import type { Settings, SettingsPatch } from '../../lib/settings';
import { ExportControls } from '../shared-ui/ExportControls';
import { ImportControls } from '../shared-ui/ImportControls';
import type { Requester } from '../shared-ui/requester';
import { BackupSection } from './BackupSection';
import { DuplicatesSection } from './DuplicatesSection';
import { RelevanceSection } from './RelevanceSection';
import { ShortcutsSection } from './ShortcutsSection';
import { SitesSection } from './SitesSection';
import { StorageSection, type PersistFlags, type StorageAccess } from './StorageSection';
import { SyncSection } from './SyncSection';
import { WipeSection } from './WipeSection';

export interface OptionsPageProps {
  db: ShelfmarkDb;
  send: Requester;
  storage: StorageAccess;
  /** `permissions.request` for one origin (the sync server). */
  requestOrigin?: (pattern: string) => Promise<boolean>;
  /** `storage.local`, where asking for persistent storage once is recorded. */
  persistFlags?: PersistFlags;
}

function failureText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function OptionsPage({ db, send, storage, requestOrigin, persistFlags }: OptionsPageProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [stats, setStats] = useState<LibraryStats | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    send('settings/get', {}).then(setSettings, (failure: unknown) => setError(`Could not load settings: ${failureText(failure)}`));
    send('library/stats', {}).then(setStats, () => setStats(null));
  }, [send]);

  const update = (patch: SettingsPatch) => {
    setError(null);
    send('settings/update', patch).then(setSettings, (failure: unknown) => setError(`Could not save: ${failureText(failure)}`));
  };

  return (
    <div class="options">
      <header>
        <h1>Shelfmark options</h1>
        <p>
          <a href="/reading-list.html">Open the reading list</a>
        </p>
      </header>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {settings ? (
        <>
          <SitesSection settings={settings} onUpdate={update} />
          <DuplicatesSection settings={settings} onUpdate={update} />
          <ShortcutsSection settings={settings} onUpdate={update} />
          <RelevanceSection settings={settings} onUpdate={update} />
        </>
      ) : (
        !error && <p class="muted">Loading settings…</p>
      )}
      <StorageSection storage={storage} stats={stats} flags={persistFlags} />
      {requestOrigin && <SyncSection send={send} requestOrigin={requestOrigin} />}
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">Export and import</h2>
        <p class="muted">
          Export every saved paper, or a full backup of the library. To export a filtered set or a selection, use the{' '}
          <a href="/reading-list.html">reading list</a>.
        </p>
        <ExportControls db={db} choices={[{ key: 'all', label: 'All saved papers', scope: { kind: 'library' } }]} />
        <ImportControls send={send} />
      </section>
      <BackupSection send={send} />
      <WipeSection db={db} send={send} />
    </div>
  );
}
