import type { TagFacet } from '../../lib/reading-list/tag-facets';

export interface TagFilterListProps {
  facets: TagFacet[];
  onToggle: (tag: string) => void;
  onClear: () => void;
}

export function TagFilterList({ facets, onToggle, onClear }: TagFilterListProps) {
  const anySelected = facets.some((facet) => facet.selected);
  return (
    <nav class="tag-filter" aria-labelledby="tag-filter-heading">
      <h2 id="tag-filter-heading">Tags</h2>
      {facets.length === 0 ? (
        <p class="muted">No tags yet. Tag papers to group them here.</p>
      ) : (
        <ul>
          {facets.map((facet) => (
            <li key={facet.tag}>
              <button type="button" class="tag-facet" aria-pressed={facet.selected} onClick={() => onToggle(facet.tag)}>
                <span class="tag-name">{facet.tag}</span> <span class="tag-count">{facet.count}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {anySelected && (
        <button type="button" class="link" onClick={onClear}>
          Clear tag filter
        </button>
      )}
    </nav>
  );
}
