import { useState } from 'preact/hooks';
import type { PaperChange } from '../../lib/paper';
import { isReadingStatus, READING_STATUSES, STATUS_LABELS } from '../../lib/reading-list/status';
import { TagEditor } from '../controls/TagEditor';

export interface BulkBarProps {
  selectedCount: number;
  matchingCount: number;
  allMatchingSelected: boolean;
  tagVocabulary: string[];
  busy: boolean;
  onToggleAll: () => void;
  onClear: () => void;
  onChange: (change: PaperChange) => void;
}

const count = new Intl.NumberFormat('en');

/** Select-all and the actions that apply to every checked paper. */
export function BulkBar(props: BulkBarProps) {
  const { selectedCount, matchingCount, allMatchingSelected, tagVocabulary, busy, onToggleAll, onClear, onChange } = props;
  const [tagging, setTagging] = useState(false);
  const [draft, setDraft] = useState<string[]>([]);
  const none = selectedCount === 0;

  const applyTags = (kind: 'add-tags' | 'remove-tags') => {
    onChange({ kind, tags: draft });
    setDraft([]);
    setTagging(false);
  };

  return (
    <div class="bulk-bar" role="toolbar" aria-label="Selection">
      <label class="select-all">
        <input
          type="checkbox"
          checked={allMatchingSelected}
          disabled={matchingCount === 0}
          onClick={onToggleAll}
        />{' '}
        Select all {count.format(matchingCount)} shown
      </label>
      <span class="selected-count" aria-live="polite">
        {none ? 'None selected' : `${count.format(selectedCount)} selected`}
      </span>
      <button type="button" disabled={none || busy} aria-expanded={tagging} onClick={() => setTagging(!tagging)}>
        Tag…
      </button>
      <select
        aria-label="Set status of selected papers"
        disabled={none || busy}
        value=""
        onChange={(event) => {
          const value = event.currentTarget.value;
          event.currentTarget.value = '';
          if (isReadingStatus(value)) onChange({ kind: 'status', status: value });
        }}
      >
        <option value="">Set status…</option>
        {READING_STATUSES.map((status) => (
          <option key={status} value={status}>
            {STATUS_LABELS[status]}
          </option>
        ))}
      </select>
      <button type="button" disabled={none || busy} onClick={() => onChange({ kind: 'save', saved: false })}>
        Remove from list
      </button>
      <button type="button" class="link" disabled={none} onClick={onClear}>
        Clear selection
      </button>
      {tagging && !none && (
        <div class="bulk-tags panel">
          <TagEditor
            tags={draft}
            suggestions={tagVocabulary}
            onAdd={(tag) => setDraft((current) => [...current, tag])}
            onRemove={(tag) => setDraft((current) => current.filter((t) => t !== tag))}
            onClose={() => setTagging(false)}
            idPrefix="bulk"
          />
          <div class="editor-actions">
            <button type="button" class="primary" disabled={draft.length === 0 || busy} onClick={() => applyTags('add-tags')}>
              Add to {count.format(selectedCount)} selected
            </button>
            <button type="button" disabled={draft.length === 0 || busy} onClick={() => applyTags('remove-tags')}>
              Remove from {count.format(selectedCount)} selected
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
