import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { normalizeTag } from '../../lib/paper';

export interface TagEditorProps {
  tags: string[];
  /** Tags already used anywhere in the library, most used first. */
  suggestions: string[];
  /** One tag at a time, so quick successive edits never overwrite each other while a save is in flight. */
  onAdd: (tag: string) => void;
  onRemove: (tag: string) => void;
  onClose: () => void;
  /** Distinguishes ids when several editors exist on one page. */
  idPrefix: string;
}

const MAX_SUGGESTIONS = 6;

/** Inline tag editor: Enter adds, Backspace on an empty input removes the last tag, Escape closes. */
export function TagEditor({ tags, suggestions, onAdd, onRemove, onClose, idPrefix }: TagEditorProps) {
  const [draft, setDraft] = useState('');
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  // Focused as soon as it is drawn, before the next event: keys typed right after clicking Tag/Note land here,
  // not on the page (where they would be keyboard triage's keys).
  useLayoutEffect(() => input.current?.focus(), []);

  const matches = useMemo(() => {
    const query = normalizeTag(draft);
    return suggestions
      .filter((tag) => !tags.includes(tag) && (query === '' || tag.includes(query)))
      .sort((a, b) => Number(!a.startsWith(query)) - Number(!b.startsWith(query)))
      .slice(0, MAX_SUGGESTIONS);
  }, [draft, suggestions, tags]);

  const add = (raw: string) => {
    const tag = normalizeTag(raw);
    if (tag && !tags.includes(tag)) onAdd(tag);
    setDraft('');
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    switch (event.key) {
      case 'Enter':
        event.preventDefault();
        if (active >= 0 && matches[active]) add(matches[active]);
        else if (draft.trim()) add(draft);
        break;
      case 'Backspace':
        if (draft === '' && tags.length) {
          event.preventDefault();
          onRemove(tags[tags.length - 1]);
        }
        break;
      case 'Escape':
        event.preventDefault();
        onClose();
        break;
      case 'ArrowDown':
        event.preventDefault();
        setActive((index) => (matches.length ? (index + 1) % matches.length : -1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive((index) => (matches.length ? (index <= 0 ? matches.length - 1 : index - 1) : -1));
        break;
    }
  };

  const listId = `${idPrefix}-tag-suggestions`;
  return (
    <div class="editor" role="group" aria-label="Edit tags">
      <div class="chips">
        {tags.map((tag) => (
          <span class="chip" key={tag}>
            {tag}
            <button type="button" class="chip-remove" aria-label={`Remove tag ${tag}`} onClick={() => onRemove(tag)}>
              ×
            </button>
          </span>
        ))}
        <input
          ref={input}
          class="tag-input"
          value={draft}
          placeholder={tags.length ? 'Add tag' : 'Add a tag, Enter to add'}
          role="combobox"
          aria-label="New tag"
          aria-autocomplete="list"
          aria-expanded={matches.length > 0}
          aria-controls={listId}
          aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
          onInput={(event) => {
            setDraft(event.currentTarget.value);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
        />
        <button type="button" class="done" onClick={onClose}>
          Done
        </button>
      </div>
      {matches.length > 0 && (
        <ul class="suggestions" role="listbox" id={listId} aria-label="Tag suggestions">
          {matches.map((tag, index) => (
            <li
              key={tag}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              class={index === active ? 'active' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                add(tag);
              }}
            >
              {tag}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
