import type { PaperRecord } from '../paper';
import type { SortKey } from './sort';

const monthFormat = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function monthLabel(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'Unknown date' : monthFormat.format(date);
}

/** The heading a paper falls under in the current sort: saved or published month, or the title's first letter. */
export function groupLabel(record: PaperRecord, sort: SortKey): string {
  switch (sort) {
    case 'saved': {
      if (record.savedAt === null) return 'Not saved';
      const saved = new Date(record.savedAt);
      return monthLabel(new Date(Date.UTC(saved.getFullYear(), saved.getMonth(), 1)));
    }
    case 'published':
      return record.published ? monthLabel(new Date(`${record.published.slice(0, 7)}-01T00:00:00Z`)) : 'Publish date unknown';
    case 'title': {
      const first = record.title.trim().normalize('NFKD').charAt(0).toUpperCase();
      return /\p{L}/u.test(first) ? first : '#';
    }
  }
}

export interface GroupedRow {
  record: PaperRecord;
  /** Set on the first paper of each group: the heading drawn above it. */
  heading?: string;
}

/** Marks where headings go in an already sorted list; consecutive papers with one label share one heading. */
export function withGroupHeadings(records: readonly PaperRecord[], sort: SortKey): GroupedRow[] {
  let previous: string | undefined;
  return records.map((record) => {
    const label = groupLabel(record, sort);
    const row: GroupedRow = label !== previous ? { record, heading: label } : { record };
    previous = label;
    return row;
  });
}
