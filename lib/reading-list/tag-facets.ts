import type { PaperRecord } from '../paper';

export interface TagFacet {
  tag: string;
  count: number;
  selected: boolean;
}

/**
 * Tag counts over the given papers, most used first. Selected tags always appear, even at zero, so a filter that
 * no longer matches anything can still be switched off from the list.
 */
export function tagFacets(records: readonly PaperRecord[], selected: readonly string[]): TagFacet[] {
  const counts = new Map<string, number>();
  for (const tag of selected) counts.set(tag, 0);
  for (const record of records) for (const tag of record.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .map(([tag, count]) => ({ tag, count, selected: selected.includes(tag) }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
