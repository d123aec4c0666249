import type { AutoBackupState } from './policy';
import type { StateStore } from './writer';

/**
 * The state lives in `storage.local`, not in the library's database: it describes files on this computer, so it must
 * not travel in a backup or through sync, nor come back when an older backup is restored.
 */
export const AUTO_BACKUP_KEY = 'autoBackup';

interface StorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export function storageAreaStore(area: StorageArea): StateStore {
  return {
    load: async () => (await area.get(AUTO_BACKUP_KEY))[AUTO_BACKUP_KEY],
    save: (state: AutoBackupState) => area.set({ [AUTO_BACKUP_KEY]: state }),
  };
}
