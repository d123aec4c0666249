import { PAPER_FLAG, type StoredMeta } from './document';
import type { PaperTable } from './paper-table';
import type { QueryFilters } from './query';

function matches(flags: number, tags: readonly string[], first: number, last: number, filters: QueryFilters): boolean {
  for (const flag of filters.is) if (!(flags & PAPER_FLAG[flag])) return false;
  if (filters.sites.length && !filters.sites.some((site) => flags & PAPER_FLAG[site])) return false;
  for (const tag of filters.tags) if (!tags.includes(tag)) return false;
  if (filters.after !== undefined && !(last >= filters.after)) return false;
  if (filters.before !== undefined && !(first > 0 && first < filters.before)) return false;
  return true;
}

/** Whether a paper's stored metadata satisfies every filter of a query. */
export function matchesFilters(meta: StoredMeta, filters: QueryFilters): boolean {
  return matches(meta.f, meta.t, meta.a, meta.z, filters);
}

/** The same test on a row of the index's paper table, without building a metadata object per paper. */
export function rowMatchesFilters(table: PaperTable, row: number, filters: QueryFilters): boolean {
  return matches(table.flags[row], table.tagsOf(row), table.first[row], table.last[row], filters);
}
