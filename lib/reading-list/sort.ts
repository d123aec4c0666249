import type { PaperRecord } from '../paper';

export type SortKey = 'saved' | 'published' | 'title';
export type SortDirection = 'asc' | 'desc';

export const SORT_LABELS: Record<SortKey, string> = { saved: 'Saved date', published: 'Publish date', title: 'Title' };

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compareKey(a: PaperRecord, b: PaperRecord, key: SortKey): number {
  switch (key) {
    case 'saved':
      return (a.savedAt ?? 0) - (b.savedAt ?? 0);
    case 'published':
      return (a.published ?? '').localeCompare(b.published ?? '');
    case 'title':
      return collator.compare(a.title, b.title);
  }
}

/**
 * Sorts a copy. Papers without a publish date go last whichever the direction, since "unknown" is neither old nor
 * new; ties fall back to the newest save, then the id, so the order never shuffles between renders.
 */
export function sortPapers(records: readonly PaperRecord[], key: SortKey, direction: SortDirection): PaperRecord[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...records].sort((a, b) => {
    if (key === 'published' && !a.published !== !b.published) return a.published ? -1 : 1;
    return (
      sign * compareKey(a, b, key) ||
      (b.savedAt ?? 0) - (a.savedAt ?? 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    );
  });
}
