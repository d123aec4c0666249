import type { Ref } from 'preact';
import type { ParsedQuery, QueryChip } from '../../lib/search/query';

interface SearchBoxProps {
  value: string;
  query: ParsedQuery;
  listboxId: string;
  activeOptionId: string | undefined;
  expanded: boolean;
  inputRef: Ref<HTMLInputElement>;
  onInput: (value: string) => void;
  onKeyDown: (event: KeyboardEvent) => void;
  onRemoveChip: (chip: QueryChip) => void;
}

/** The combobox: the query input, its recognised filters as removable chips, and hints for what it did not understand. */
export function SearchBox(props: SearchBoxProps) {
  const { value, query } = props;
  return (
    <div class="search">
      <div class="search-field">
        <svg class="search-icon" viewBox="0 0 20 20" aria-hidden="true">
          <circle cx="8.5" cy="8.5" r="5.5" />
          <path d="M13 13l4.5 4.5" />
        </svg>
        <input
          ref={props.inputRef}
          type="text"
          role="combobox"
          aria-label="Search papers"
          aria-autocomplete="list"
          aria-controls={props.listboxId}
          aria-expanded={props.expanded}
          aria-activedescendant={props.activeOptionId}
          aria-describedby="search-hints"
          autocomplete="off"
          spellcheck={false}
          placeholder='Title, author, tag… try tag:rl is:saved "exact phrase"'
          value={value}
          onInput={(event) => props.onInput(event.currentTarget.value)}
          onKeyDown={props.onKeyDown}
        />
      </div>
      {query.chips.length > 0 && (
        <ul class="chips" aria-label="Active filters">
          {query.chips.map((chip) => (
            <li key={`${chip.start}-${chip.kind}`} class={`chip chip-${chip.kind}`}>
              {chip.label}
              <button type="button" aria-label={`Remove ${chip.label}`} onClick={() => props.onRemoveChip(chip)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div id="search-hints" class="hints" aria-live="polite">
        {query.hints.map((hint) => (
          <p key={hint}>{hint}</p>
        ))}
      </div>
    </div>
  );
}
