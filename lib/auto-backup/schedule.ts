export const AUTO_BACKUP_ALARM = 'shelfmark-backup';
/** The alarm only checks; whether a backup is due is decided from what was written (policy.ts). */
export const CHECK_PERIOD_MINUTES = 60;

interface Alarms {
  get(name: string): Promise<unknown>;
  create(name: string, info: { periodInMinutes?: number; delayInMinutes?: number }): Promise<void> | void;
}

/** Creates the hourly check when missing (a restart must not push it back; a one-off alarm replaced it, after it fired). */
export async function scheduleAutoBackup(alarms: Alarms): Promise<void> {
  if (!(await alarms.get(AUTO_BACKUP_ALARM))) await alarms.create(AUTO_BACKUP_ALARM, { periodInMinutes: CHECK_PERIOD_MINUTES, delayInMinutes: 1 });
}
