import type { TagCount } from '../../lib/library';
import { authorsLine, seenLine } from '../../lib/search/result-text';
import type { PaperResult } from '../../lib/search/session';
import { Highlighted } from './Highlighted';
import { InlineTagEditor } from './InlineTagEditor';

interface ResultOptionProps {
  id: string;
  result: PaperResult;
  active: boolean;
  editingTags: boolean;
  knownTags: readonly TagCount[];
  now: number;
  onOpen: () => void;
  onHover: () => void;
  onToggleSave: () => void;
  onSendToZotero: () => void;
  onAddTag: (tag: string) => void;
  onRemoveLastTag: () => void;
  onCloseTags: () => void;
}

export function ResultOption(props: ResultOptionProps) {
  const { record, terms } = props.result;
  const saved = record.savedAt !== null;
  const seen = seenLine(record, props.now);
  return (
    <li
      id={props.id}
      role="option"
      aria-selected={props.active}
      class={`result${props.active ? ' active' : ''}${record.dismissedAt ? ' dismissed' : ''}`}
      onMouseMove={props.onHover}
      onClick={props.onOpen}
    >
      <div class="result-head">
        <span class="result-title">
          <Highlighted text={record.title} terms={terms} />
        </span>
        <button
          type="button"
          tabIndex={-1}
          class={`save${saved ? ' saved' : ''}`}
          aria-pressed={saved}
          aria-label={saved ? 'Saved: remove from saved' : 'Save'}
          title={saved ? 'Saved (Alt+S to unsave)' : 'Save (Alt+S)'}
          onClick={(event) => {
            event.stopPropagation();
            props.onToggleSave();
          }}
        >
          {saved ? '★' : '☆'}
        </button>
        <button
          type="button"
          tabIndex={-1}
          class="save zotero"
          aria-label="Send to Zotero"
          title="Send to Zotero (Alt+Z)"
          onClick={(event) => {
            event.stopPropagation();
            props.onSendToZotero();
          }}
        >
          ↗
        </button>
      </div>
      {record.authors.length > 0 && (
        <div class="result-authors">
          <Highlighted text={authorsLine(record.authors)} terms={terms} />
        </div>
      )}
      <div class="result-meta">
        {seen && <span>{seen}</span>}
        {record.dismissedAt && <span class="badge">dismissed</span>}
        {record.tags.map((tag) => (
          <span key={tag} class="chip chip-tag">
            <Highlighted text={tag} terms={terms} />
          </span>
        ))}
      </div>
      {props.editingTags && (
        <InlineTagEditor
          tags={record.tags}
          known={props.knownTags}
          onAdd={props.onAddTag}
          onRemoveLast={props.onRemoveLastTag}
          onClose={props.onCloseTags}
        />
      )}
    </li>
  );
}
