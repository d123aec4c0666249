import { memo } from 'preact/compat';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PaperId } from '../../lib/ids';
import type { PaperChange, PaperRecord } from '../../lib/paper';
import { formatDay } from '../../lib/reading-list/dates';
import { paperLinks } from '../../lib/export/links';
import { httpUrl } from '../../lib/safe-url';
import { NoteEditor } from '../controls/NoteEditor';
import { TagEditor } from '../controls/TagEditor';
import { NoteHistory } from './NoteHistory';
import { StatusSelect } from './StatusSelect';

export interface PaperRowProps {
  paper: PaperRecord;
  selected: boolean;
  /** Tags in use across the list, most used first. */
  tagVocabulary: string[];
  onSelect: (id: PaperId, shift: boolean) => void;
  onChange: (id: PaperId, change: PaperChange) => void;
  onRemove: (paper: PaperRecord) => void;
}

const AUTHORS_SHOWN = 6;

function authorLine(authors: readonly string[]): string {
  if (authors.length <= AUTHORS_SHOWN) return authors.join(', ');
  return `${authors.slice(0, AUTHORS_SHOWN).join(', ')} et al. (${authors.length} authors)`;
}

type Editor = 'tags' | 'note' | null;

function PaperRowView({ paper, selected, tagVocabulary, onSelect, onChange, onRemove }: PaperRowProps) {
  const [editor, setEditor] = useState<Editor>(null);
  const tagButton = useRef<HTMLButtonElement>(null);
  const noteButton = useRef<HTMLButtonElement>(null);
  const closedEditor = useRef<Editor>(null);

  // A closed editor hands focus back to the button that opened it, so keyboard users keep their place.
  useEffect(() => {
    if (editor !== null || closedEditor.current === null) return;
    (closedEditor.current === 'tags' ? tagButton : noteButton).current?.focus();
    closedEditor.current = null;
  }, [editor]);
  const close = () => {
    closedEditor.current = editor;
    setEditor(null);
  };

  const titleId = `title-${paper.id}`;
  const found = paper.firstSighting;
  return (
    <li class={selected ? 'paper-row selected' : 'paper-row'} aria-labelledby={titleId}>
      <input
        type="checkbox"
        class="row-select"
        checked={selected}
        aria-label={`Select “${paper.title}”`}
        onClick={(event) => onSelect(paper.id, event.shiftKey)}
      />
      <div class="paper-main">
        <a id={titleId} class="paper-title" href={httpUrl(paper.url) ?? paperLinks(paper).abstract} target="_blank" rel="noopener noreferrer">
          {paper.title}
        </a>
        {paper.authors.length > 0 && (
          <div class="paper-authors" title={paper.authors.join(', ')}>
            {authorLine(paper.authors)}
          </div>
        )}
        <div class="paper-meta muted">
          {paper.published && <span>Published {paper.published}</span>}
          {found && (
            <span>
              Found on {found.label}, {formatDay(found.at)}
            </span>
          )}
          {paper.savedAt !== null && <span>Saved {formatDay(paper.savedAt)}</span>}
        </div>
        {editor === 'tags' ? (
          <TagEditor
            tags={paper.tags}
            suggestions={tagVocabulary}
            onAdd={(tag) => onChange(paper.id, { kind: 'add-tags', tags: [tag] })}
            onRemove={(tag) => onChange(paper.id, { kind: 'remove-tags', tags: [tag] })}
            onClose={close}
            idPrefix={`tags-${paper.id}`}
          />
        ) : (
          <div class="paper-tags">
            {paper.tags.map((tag) => (
              <span class="chip" key={tag}>
                {tag}
              </span>
            ))}
            <button type="button" class="link" ref={tagButton} onClick={() => setEditor('tags')}>
              {paper.tags.length ? 'Edit tags' : 'Add tags'}
              <span class="visually-hidden"> for “{paper.title}”</span>
            </button>
          </div>
        )}
        {editor === 'note' ? (
          <NoteEditor
            note={paper.note}
            onSave={(note) => {
              if (note.trim() !== paper.note) onChange(paper.id, { kind: 'note', note });
              close();
            }}
            onClose={close}
          />
        ) : (
          <div class="paper-note">
            {paper.note && <p class="note-text">{paper.note}</p>}
            <NoteHistory id={paper.id} note={paper.note} />
            <button type="button" class="link" ref={noteButton} onClick={() => setEditor('note')}>
              {paper.note ? 'Edit note' : 'Add note'}
              <span class="visually-hidden"> for “{paper.title}”</span>
            </button>
          </div>
        )}
      </div>
      <div class="paper-side">
        <StatusSelect
          status={paper.status}
          label={`Reading status of “${paper.title}”`}
          onChange={(status) => onChange(paper.id, { kind: 'status', status })}
        />
        <button type="button" onClick={() => onRemove(paper)}>
          Remove<span class="visually-hidden"> “{paper.title}” from the reading list</span>
        </button>
      </div>
    </li>
  );
}

/** Rows re-render only when their own paper or selection changes, which keeps a 200-row page cheap to update. */
export const PaperRow = memo(PaperRowView);
