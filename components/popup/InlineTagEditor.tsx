import { useEffect, useRef, useState } from 'preact/hooks';
import type { TagCount } from '../../lib/library';
import { normalizeTag } from '../../lib/paper';

interface InlineTagEditorProps {
  tags: readonly string[];
  known: readonly TagCount[];
  onAdd: (tag: string) => void;
  onRemoveLast: () => void;
  onClose: () => void;
}

const SUGGESTIONS = 5;

/** Enter adds the typed tag (or the first suggestion), Backspace on empty removes the last tag, Escape closes. */
export function InlineTagEditor({ tags, known, onAdd, onRemoveLast, onClose }: InlineTagEditorProps) {
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const typed = normalizeTag(draft);
  const suggestions = known
    .filter(({ tag }) => !tags.includes(tag) && (!typed || tag.startsWith(typed)) && tag !== typed)
    .slice(0, SUGGESTIONS);

  const add = (tag: string) => {
    const clean = normalizeTag(tag);
    if (clean) onAdd(clean);
    setDraft('');
  };

  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Enter') {
      event.preventDefault();
      add(typed || suggestions[0]?.tag || '');
    } else if (event.key === 'Tab' && suggestions.length && typed) {
      event.preventDefault();
      setDraft(suggestions[0].tag);
    } else if (event.key === 'Backspace' && !draft) {
      event.preventDefault();
      onRemoveLast();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <div class="tag-editor" onClick={(event) => event.stopPropagation()}>
      <input
        ref={input}
        type="text"
        aria-label="Add a tag"
        placeholder="Add tag… (Enter adds, Tab completes, Esc closes)"
        value={draft}
        onInput={(event) => setDraft(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        onBlur={onClose}
      />
      {suggestions.length > 0 && (
        <div class="tag-suggestions" aria-label="Existing tags">
          {suggestions.map(({ tag, count }) => (
            <button
              type="button"
              key={tag}
              class="chip chip-suggestion"
              // mousedown, not click: the input's blur would close the editor first.
              onMouseDown={(event) => {
                event.preventDefault();
                add(tag);
              }}
            >
              {tag} <span class="count">{count}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
