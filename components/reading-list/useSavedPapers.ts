import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import type { ShelfmarkDb } from '../../lib/db';
import type { PaperRecord } from '../../lib/paper';

export interface SavedPapers {
  /** Undefined until the first read answers. */
  papers: PaperRecord[] | undefined;
  error: string | null;
}

/**
 * Every saved paper, kept current. Reads go straight to the database (same extension origin); Dexie's liveQuery
 * re-runs when any context, the background included, commits a write to the papers table.
 */
export function useSavedPapers(db: ShelfmarkDb): SavedPapers {
  const [state, setState] = useState<SavedPapers>({ papers: undefined, error: null });
  useEffect(() => {
    const subscription = liveQuery(() => db.papers.where('savedAt').above(0).toArray()).subscribe({
      next: (papers) => setState({ papers, error: null }),
      error: (error: unknown) =>
        setState((current) => ({ ...current, error: error instanceof Error ? error.message : String(error) })),
    });
    return () => subscription.unsubscribe();
  }, [db]);
  return state;
}
