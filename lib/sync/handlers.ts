import type { ShelfmarkDb } from '../db';
import type { PaperId } from '../ids';
import type { PaperRecord } from '../paper';
import { deleteRemoteCopy, disableSync, enableSync, readConfig, readStatus, runSync, type SyncConfig, type SyncStatus } from './engine';

/** What the options page shows: the configuration without its secrets, and the last run's status. */
export interface SyncView {
  config: (Omit<SyncConfig, 'password' | 'passphrase'> & { encrypted: boolean }) | null;
  status: SyncStatus;
}

/** The form's values: an absent password or passphrase keeps the stored one (the page never receives secrets back). */
export type SyncConfigInput = Omit<SyncConfig, 'password' | 'passphrase'> & { password?: string; passphrase?: string };

export interface SyncHandlerContext {
  db: ShelfmarkDb;
  now: () => number;
  /** Papers that changed here because of other devices. */
  onPapers: (papers: PaperRecord[]) => void;
  /** Papers another device's wipe deleted here. */
  onWiped?: (ids: PaperId[]) => void;
}

export async function syncView(db: ShelfmarkDb): Promise<SyncView> {
  const config = await readConfig(db);
  const status = await readStatus(db);
  if (!config) return { config: null, status };
  const { password: _password, passphrase, ...rest } = config;
  return { config: { ...rest, encrypted: passphrase !== '' }, status };
}

export function createSyncHandlers({ db, now, onPapers, onWiped }: SyncHandlerContext) {
  const sync = () => runSync(db, { now, onPapers, onWiped });
  return {
    'sync/get': () => syncView(db),
    'sync/enable': async (config: SyncConfigInput) => {
      const previous = await readConfig(db);
      const merged: SyncConfig = {
        ...config,
        password: config.password ?? previous?.password ?? '',
        passphrase: config.passphrase ?? previous?.passphrase ?? '',
      };
      await enableSync(db, merged, now());
      await sync();
      return syncView(db);
    },
    'sync/now': async () => {
      await sync();
      return syncView(db);
    },
    'sync/disable': async ({ deleteRemote }: { deleteRemote: boolean }) => {
      const config = await readConfig(db);
      if (deleteRemote && config) await deleteRemoteCopy(config);
      await disableSync(db);
      await db.syncMeta.delete('status');
      return syncView(db);
    },
  };
}
