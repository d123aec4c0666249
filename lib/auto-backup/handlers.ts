import type { AutoBackupConfig } from './policy';
import type { AutoBackup, AutoBackupStatus, RunResult } from './writer';

/** The Options page's requests (extension pages only; see lib/messaging/requests.ts). */
export function createAutoBackupHandlers(autoBackup: AutoBackup) {
  return {
    'backup/status': () => autoBackup.status(),
    'backup/configure': (patch: Partial<AutoBackupConfig>) => autoBackup.configure(patch),
    'backup/now': async (): Promise<{ result: RunResult; status: AutoBackupStatus }> => {
      const result = await autoBackup.runNow();
      return { result, status: await autoBackup.status() };
    },
  };
}
