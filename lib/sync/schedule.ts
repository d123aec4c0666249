import type { RequestType } from '../messaging/protocol';

export const SYNC_ALARM = 'shelfmark-sync';
export const SYNC_SOON_ALARM = 'shelfmark-sync-soon';
export const SYNC_PERIOD_MINUTES = 10;

/** Requests after which a sync follows shortly (a user's change, an import, new settings). Cards seen wait for the period. */
const CHANGES: ReadonlySet<RequestType> = new Set<RequestType>(['paper/change', 'papers/change-many', 'settings/update', 'library/import', 'library/wipe']);

export function syncAfterChange(type: RequestType): boolean {
  return CHANGES.has(type);
}

interface Alarms {
  get(name: string): Promise<unknown>;
  create(name: string, info: { periodInMinutes?: number; delayInMinutes?: number }): Promise<void> | void;
}

/** The periodic alarm survives worker restarts; create it only when missing so a restart does not push it back. */
export async function scheduleSync(alarms: Alarms): Promise<void> {
  if (!(await alarms.get(SYNC_ALARM))) await alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES, delayInMinutes: 1 });
}
