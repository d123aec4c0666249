import { useEffect, useState } from 'preact/hooks';
import type { LibraryStats } from '../../lib/library';
import { requestPersistenceOnce } from '../../lib/storage-persistence';

/** The parts of `navigator.storage` the page uses; injected so tests need no real quota. */
export type StorageAccess = Pick<StorageManager, 'estimate' | 'persist' | 'persisted'>;

/** Where the page records that persistence was asked for once (`storage.local`); without it the page never asks unprompted. */
export type PersistFlags = Parameters<typeof requestPersistenceOnce>[1];

export interface StorageSectionProps {
  storage: StorageAccess;
  stats: LibraryStats | null;
  flags?: PersistFlags;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Decimal units, as browsers and disks report them: 1.5 MB, 2 GB. */
function formatBytes(value: number): string {
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toLocaleString('en', { maximumFractionDigits: value < 10 ? 1 : 0 })} ${BYTE_UNITS[unit]}`;
}
const count = new Intl.NumberFormat('en');

type PersistState = 'unknown' | 'persisted' | 'best-effort' | 'refused' | 'error';

const PERSIST_TEXT: Record<PersistState, string> = {
  unknown: '',
  persisted: 'Storage is persistent: the browser will not clear your library to free space.',
  'best-effort':
    'The browser has not marked this storage persistent. Chromium does not evict an extension with unlimited storage (Shelfmark has it) to free space, but it answers “not persistent”; keep the automatic backups on.',
  refused:
    'The browser declined to mark storage persistent (Chromium does so for every extension; it still does not evict one with unlimited storage). Keep the automatic backups on.',
  error: 'Could not ask the browser about persistent storage.',
};

export function StorageSection({ storage, stats, flags }: StorageSectionProps) {
  const [estimate, setEstimate] = useState<StorageEstimate | null>(null);
  const [persist, setPersist] = useState<PersistState>('unknown');

  useEffect(() => {
    storage.estimate().then(setEstimate, () => setEstimate(null));
    storage.persisted().then(
      (persisted) => setPersist(persisted ? 'persisted' : 'best-effort'),
      () => setPersist('error'),
    );
  }, [storage]);

  // Once the library has a saved paper, ask once without a click (the background cannot in Chromium: Window only).
  useEffect(() => {
    if (!flags || !stats?.saved) return;
    void requestPersistenceOnce(storage, flags).then((outcome) => {
      if (outcome === 'granted') setPersist('persisted');
      else if (outcome === 'refused') setPersist('refused');
    }, () => {});
  }, [storage, flags, stats?.saved]);

  const request = () =>
    storage.persist().then(
      (granted) => setPersist(granted ? 'persisted' : 'refused'),
      () => setPersist('error'),
    );

  return (
    <section aria-labelledby="storage-heading">
      <h2 id="storage-heading">Storage</h2>
      {stats && (
        <p>
          {count.format(stats.saved)} saved, {count.format(stats.seen)} seen, {count.format(stats.dismissed)} dismissed papers.
        </p>
      )}
      <p>
        {estimate?.usage !== undefined
          ? `Using ${formatBytes(estimate.usage)}${estimate.quota ? ` of ${formatBytes(estimate.quota)} available` : ''}.`
          : 'Storage use is not available in this browser.'}
      </p>
      <p>
        <button type="button" disabled={persist === 'persisted'} onClick={() => void request()}>
          Request persistent storage
        </button>{' '}
        <span role="status">{PERSIST_TEXT[persist]}</span>
      </p>
    </section>
  );
}
