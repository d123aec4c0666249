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

/**
 * Marks `allowed[offset + row]` for every live row of a paper table that satisfies the filters. The filters are
 * folded into bit masks and bounds first, so the loop over a large library touches only typed arrays.
 */
export function markMatchingRows(table: PaperTable, dead: Uint8Array | undefined, filters: QueryFilters, allowed: Uint8Array, offset: number): void {
  let required = 0;
  for (const flag of filters.is) required |= PAPER_FLAG[flag];
  let anySite = 0;
  for (const site of filters.sites) anySite |= PAPER_FLAG[site];
  const after = filters.after ?? -Infinity;
  const before = filters.before ?? Infinity;
  const checkBefore = filters.before !== undefined;
  const { flags, first, last } = table;
  const consider = (row: number) => {
    if (dead?.[row]) return;
    const f = flags[row];
    if ((f & required) !== required || (anySite && !(f & anySite))) return;
    if (!(last[row] >= after) || (checkBefore && !(first[row] > 0 && first[row] < before))) return;
    if (filters.tags.length && !matches(f, table.tagsOf(row), first[row], last[row], filters)) return;
    allowed[offset + row] = 1;
  };
  // A tag filter admits tagged papers only: few in any library, so only they are looked at.
  if (filters.tags.length) for (const row of table.taggedRows()) consider(row);
  else for (let row = 0; row < table.size; row += 1) consider(row);
}
