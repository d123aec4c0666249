import Dexie, { type EntityTable, type Transaction } from 'dexie';
import { savedIfAnnotated } from './annotated';
import type { PaperId } from './ids';
import type { PaperRecord, Sighting } from './paper';
import { syncRecorder } from './sync/recorder';
import { SYNC_STORES, type OutboxRow, type ReplicaRow, type SyncMetaRow } from './sync/store';
import { readableRecord } from './readable-record';
import { titleKeyIndex, upgradeTitleKeys, withoutTitleKey } from './title-key-index';

/** Full seen history: one row per paper per page view. The paper record keeps the summary. */
export interface SightingRow extends Sighting {
  seq?: number;
  paperId: PaperId;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/** A persisted, serialized search index (see lib/search). */
export interface SearchIndexRow {
  key: string;
  schemaVersion: number;
  /** Papers changed after this time are applied on load. */
  coversUpTo: number;
  /** Structured data (typed arrays clone as binary), or a string for formats that serialize to text. */
  data: string | ArrayBuffer | object;
}

export const DATABASE_NAME = 'shelfmark';

/**
 * The schema, oldest first. Never edit a released entry: append a new version with an upgrade function that
 * rewrites records, so an installed library migrates when the extension updates.
 */
const SCHEMA_VERSIONS: ReadonlyArray<{
  version: number;
  stores: Record<string, string>;
  /** Rewrites the records of the previous version, inside the upgrade's transaction (a failure keeps the old). */
  upgrade?: (tx: Transaction) => Promise<unknown>;
}> = [
  {
    version: 1,
    stores: {
      // null savedAt/dismissedAt are left out of their indexes, so the indexes list exactly the saved/dismissed.
      papers: 'id, savedAt, dismissedAt, lastSeenAt, updatedAt, *tags, status',
      sightings: '++seq, paperId, viewId, at',
      settings: 'key',
      searchIndex: 'key',
    },
  },
  {
    // What the user annotated is in their library (lib/annotated.ts): a paper tagged or noted before that rule,
    // and never saved, is saved as of its last annotation. Stores are unchanged; tests/unit/db-upgrade.test.ts
    // opens a version-1 database built from fixture papers with this schema and checks every record.
    version: 2,
    stores: {},
    upgrade: (tx) =>
      tx
        .table<PaperRecord, PaperId>('papers')
        .toCollection()
        .modify((record, ref) => {
          const at = Math.max(record.edited.tags ?? 0, record.edited.note ?? 0) || record.updatedAt;
          const saved = savedIfAnnotated(record, at);
          // updatedAt is the search index's catch-up marker: the index learns the new saved state on its next load.
          if (saved !== record) ref.value = { ...saved, updatedAt: Date.now() };
        }),
  },
  // Sync (lib/sync): only new stores, so nothing to upgrade.
  { version: 3, stores: { ...SYNC_STORES } },
  // Papers indexed by title fingerprint (lib/title-key-index.ts), so a title-only card finds its arXiv/DOI record.
  // tests/unit/db-upgrade.test.ts opens the frozen version-3 database of tests/fixtures/db-v3 with it.
  {
    version: 4,
    stores: { papers: 'id, savedAt, dismissedAt, lastSeenAt, updatedAt, *tags, status, titleKey' },
    upgrade: upgradeTitleKeys,
  },
  // Indexes nothing queries are dropped: each was one more write per row, and a restore of 100k papers writes
  // 400,000 rows (docs/export-import.md). Records are unchanged; tests/fixtures/db-v4 is the frozen version 4.
  {
    version: 5,
    stores: { papers: 'id, savedAt, dismissedAt, lastSeenAt, updatedAt, *tags, titleKey', sightings: '++seq, paperId' },
  },
];

export class ShelfmarkDb extends Dexie {
  papers!: EntityTable<PaperRecord, 'id'>;
  sightings!: EntityTable<SightingRow, 'seq'>;
  settings!: EntityTable<SettingRow, 'key'>;
  searchIndex!: EntityTable<SearchIndexRow, 'key'>;
  syncOutbox!: EntityTable<OutboxRow, 'at'>;
  syncReplica!: EntityTable<ReplicaRow, 'id'>;
  syncMeta!: EntityTable<SyncMetaRow, 'key'>;

  constructor(name: string = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
      const declared = this.version(version).stores(stores);
      if (upgrade) declared.upgrade(upgrade);
    }
    // Every reader gets well-typed records, whatever is stored (lib/readable-record.ts).
    // The title key is the index's, not the record's: readers (backups, sync, search) never see it.
    this.papers.hook('reading', (record) => withoutTitleKey(readableRecord(record)));
    this.use(titleKeyIndex);
    // Records every local change for sync in the same transaction (a no-op until sync is turned on).
    this.use(syncRecorder);
  }
}

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version;
