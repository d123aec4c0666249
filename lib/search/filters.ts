import { PAPER_FLAG, type StoredMeta } from './document';
import type { QueryFilters } from './query';

/** Whether a paper's stored metadata satisfies every filter of a query. */
export function matchesFilters(meta: StoredMeta, filters: QueryFilters): boolean {
  for (const flag of filters.is) if (!(meta.f & PAPER_FLAG[flag])) return false;
  if (filters.sites.length && !filters.sites.some((site) => meta.f & PAPER_FLAG[site])) return false;
  for (const tag of filters.tags) if (!meta.t.includes(tag)) return false;
  if (filters.after !== undefined && !(meta.z >= filters.after)) return false;
  if (filters.before !== undefined && !(meta.a > 0 && meta.a < filters.before)) return false;
  return true;
}
