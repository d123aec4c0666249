import type { PaperRecord, ReadingStatus } from '../paper';
import { sortPapers, type SortDirection, type SortKey } from './sort';
import { effectiveStatus } from './status';
import { matchesTerms, queryTerms } from './text-match';

/** Everything the reading list's filter bar controls. */
export interface ReadingListQuery {
  text: string;
  /** A paper must carry every one of these tags. */
  tags: string[];
  status: ReadingStatus | 'any';
  sort: SortKey;
  direction: SortDirection;
}

export const DEFAULT_QUERY: ReadingListQuery = { text: '', tags: [], status: 'any', sort: 'saved', direction: 'desc' };

export function isFiltered(query: ReadingListQuery): boolean {
  return query.text.trim() !== '' || query.tags.length > 0 || query.status !== 'any';
}

/** The papers matching text and status, ignoring the tag filter: the population the tag list counts. */
export function filterByTextAndStatus(records: readonly PaperRecord[], query: ReadingListQuery): PaperRecord[] {
  const terms = queryTerms(query.text);
  return records.filter(
    (record) => (query.status === 'any' || effectiveStatus(record) === query.status) && matchesTerms(record, terms),
  );
}

export function filterByTags(records: readonly PaperRecord[], tags: readonly string[]): PaperRecord[] {
  if (tags.length === 0) return [...records];
  return records.filter((record) => tags.every((tag) => record.tags.includes(tag)));
}

export function applyQuery(records: readonly PaperRecord[], query: ReadingListQuery): PaperRecord[] {
  return sortPapers(filterByTags(filterByTextAndStatus(records, query), query.tags), query.sort, query.direction);
}
