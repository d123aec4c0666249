import type { PaperId } from '../../lib/ids';
import type { PaperChange, PaperRecord } from '../../lib/paper';
import type { GroupedRow } from '../../lib/reading-list/groups';
import { PaperRow } from './PaperRow';

export interface PaperListProps {
  rows: GroupedRow[];
  total: number;
  /** How many more rows "Show more" adds. */
  pageSize: number;
  selected: ReadonlySet<PaperId>;
  tagVocabulary: string[];
  onSelect: (id: PaperId, shift: boolean) => void;
  onChange: (id: PaperId, change: PaperChange) => void;
  onRemove: (paper: PaperRecord) => void;
  onShowMore: () => void;
}

const count = new Intl.NumberFormat('en');

/** One page of rows under their group headings; the rest waits behind "Show more" so 10k papers stay fast. */
export function PaperList({ rows, total, pageSize, selected, tagVocabulary, onSelect, onChange, onRemove, onShowMore }: PaperListProps) {
  const hidden = total - rows.length;
  return (
    <section class="paper-list" aria-label="Saved papers">
      <p class="muted list-count">
        {hidden > 0 ? `Showing ${count.format(rows.length)} of ${count.format(total)} papers` : `${count.format(total)} papers`}
      </p>
      <ul class="papers">
        {rows.map(({ record, heading }) => [
          heading !== undefined && (
            <li key={`heading-${heading}-${record.id}`} class="group-heading" role="presentation">
              <h3>{heading}</h3>
            </li>
          ),
          <PaperRow
            key={record.id}
            paper={record}
            selected={selected.has(record.id)}
            tagVocabulary={tagVocabulary}
            onSelect={onSelect}
            onChange={onChange}
            onRemove={onRemove}
          />,
        ])}
      </ul>
      {hidden > 0 && (
        <button type="button" class="show-more" onClick={onShowMore}>
          Show {count.format(Math.min(hidden, pageSize))} more
        </button>
      )}
    </section>
  );
}
