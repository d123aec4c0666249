import type { Hlc } from './hlc';
import type { PaperReplica, SyncChange } from './model';

/** Dexie stores of sync (schema version 3 in lib/db.ts). */
export const SYNC_STORES = {
  /** Local changes not yet uploaded, by stamp. */
  syncOutbox: 'at',
  /** The merged replicated state per paper (and the settings under SETTINGS_REPLICA). */
  syncReplica: 'id',
  /** Small rows: the device and its clock, the configuration, cursors, the status. */
  syncMeta: 'key',
} as const;

export const SYNC_TABLE_NAMES = Object.keys(SYNC_STORES) as (keyof typeof SYNC_STORES)[];

export type OutboxRow = SyncChange;
export type ReplicaRow = PaperReplica;

export interface SyncMetaRow {
  key: string;
  value: unknown;
}

/** Recorded by every writer (see recorder.ts): whether to record, as which device, and the clock. */
export interface DeviceRow {
  key: 'device';
  value: { device: string; clock: Hlc; recording: boolean };
}
