import type { DBCore, DBCoreMutateRequest, Middleware, Transaction } from 'dexie';
import { titleKeyOf } from './ids';
import type { PaperRecord } from './paper';

/** A stored paper as the database holds it: the record plus the key it is indexed under by title. */
type StoredPaper = PaperRecord & { titleKey?: string };

function withTitleKey(record: StoredPaper): StoredPaper {
  const key = typeof record?.title === 'string' ? titleKeyOf(record.title) : '';
  if ((record.titleKey ?? '') === key) return record;
  const { titleKey: _, ...rest } = record;
  // An empty key stays out of the index: a title with no letters or digits matches nothing.
  return key ? { ...rest, titleKey: key } : rest;
}

/** The record as readers get it: the index's key is not part of a paper (backups, sync and search never see it). */
export function withoutTitleKey(record: PaperRecord): PaperRecord {
  if (!record || typeof record !== 'object' || !('titleKey' in record)) return record;
  const { titleKey: _, ...rest } = record as StoredPaper;
  return rest;
}

/**
 * Keeps every stored paper's `titleKey` equal to its title's fingerprint, whichever code path writes it (a page
 * sync, an import, a restore, sync's own writes): a Dexie middleware on the papers table, so no writer can forget.
 */
export const titleKeyIndex: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'ShelfmarkTitleKey',
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== 'papers') return table;
        return {
          ...table,
          mutate(request: DBCoreMutateRequest) {
            if (request.type !== 'put' && request.type !== 'add') return table.mutate(request);
            return table.mutate({ ...request, values: (request.values as StoredPaper[]).map(withTitleKey) });
          },
        };
      },
    };
  },
};

/** Schema 4's upgrade: every stored paper gets its title key (nothing else changes, updatedAt included). */
export function upgradeTitleKeys(tx: Transaction): Promise<unknown> {
  return tx
    .table<StoredPaper, string>('papers')
    .toCollection()
    .modify((record) => {
      const key = typeof record.title === 'string' ? titleKeyOf(record.title) : '';
      if (key) record.titleKey = key;
    });
}
