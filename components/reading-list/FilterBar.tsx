import type { ReadingListQuery } from '../../lib/reading-list/query';
import { SORT_LABELS, type SortKey } from '../../lib/reading-list/sort';
import { isReadingStatus, READING_STATUSES, STATUS_LABELS } from '../../lib/reading-list/status';

export interface FilterBarProps {
  query: ReadingListQuery;
  onChange: (patch: Partial<ReadingListQuery>) => void;
}

const SORT_KEYS = Object.keys(SORT_LABELS) as SortKey[];

function isSortKey(value: string): value is SortKey {
  return (SORT_KEYS as string[]).includes(value);
}

export function FilterBar({ query, onChange }: FilterBarProps) {
  const ascending = query.direction === 'asc';
  return (
    <div class="filter-bar" role="search">
      <input
        type="search"
        class="filter-text"
        aria-label="Filter saved papers by title, author, abstract, tag or note"
        placeholder="Filter by title, author, abstract, tag or note"
        value={query.text}
        onInput={(event) => onChange({ text: event.currentTarget.value })}
      />
      <label>
        Status{' '}
        <select
          value={query.status}
          onChange={(event) => {
            const value = event.currentTarget.value;
            onChange({ status: isReadingStatus(value) ? value : 'any' });
          }}
        >
          <option value="any">Any</option>
          {READING_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Sort by{' '}
        <select
          value={query.sort}
          onChange={(event) => {
            const value = event.currentTarget.value;
            // Titles read naturally A→Z; dates newest first.
            if (isSortKey(value)) onChange({ sort: value, direction: value === 'title' ? 'asc' : 'desc' });
          }}
        >
          {SORT_KEYS.map((key) => (
            <option key={key} value={key}>
              {SORT_LABELS[key]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        aria-label={ascending ? 'Ascending order; switch to descending' : 'Descending order; switch to ascending'}
        onClick={() => onChange({ direction: ascending ? 'desc' : 'asc' })}
      >
        {ascending ? '↑ Ascending' : '↓ Descending'}
      </button>
    </div>
  );
}
