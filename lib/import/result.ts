import type { UserField } from '../paper';

/** Told as a file's entries are checked: `done` of `total`, now and then and at the last one. */
export type ImportProgress = (done: number, total: number) => void;

/** Import failures are values: every message names where the problem is (a path, a line, an entry key). */
export type ImportResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** What an import changed, per paper field: user fields, metadata, and the seen history. */
export type ChangeKind = UserField | 'metadata' | 'seen';

export const CHANGE_KINDS: readonly ChangeKind[] = ['savedAt', 'dismissedAt', 'tags', 'note', 'status', 'metadata', 'seen'];

export interface ImportReport {
  papers: { added: number; updated: number; unchanged: number };
  /** Existing papers whose field of each kind the import changed. */
  fieldsChanged: Record<ChangeKind, number>;
  sightingsAdded: number;
  settingsRestored: number;
}

export function emptyReport(): ImportReport {
  return {
    papers: { added: 0, updated: 0, unchanged: 0 },
    fieldsChanged: { savedAt: 0, dismissedAt: 0, tags: 0, note: 0, status: 0, metadata: 0, seen: 0 },
    sightingsAdded: 0,
    settingsRestored: 0,
  };
}
