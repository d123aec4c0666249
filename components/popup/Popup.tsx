import { useEffect, useRef, useState } from 'preact/hooks';
import type { PaperChange } from '../../lib/paper';
import { parseQuery, removeChip, type QueryChip } from '../../lib/search/query';
import type { ResultRecord } from '../../lib/search/session';
import { popupKeyAction } from './popup-keys';
import { PopupFooter } from './PopupFooter';
import { ResultOption } from './ResultOption';
import { SearchBox } from './SearchBox';
import { statusLine } from './status-line';
import { useLibraryCounts } from './use-library-counts';
import { useLibrarySearch, type LibrarySearchOptions } from './use-library-search';

export type { PopupMilestone } from './use-library-search';

export interface PopupProps extends Omit<LibrarySearchOptions, 'onAnswer' | 'onCountsDue'> {
  openTab: (url: string) => void;
  readingListUrl: string;
  /** Told each time results are drawn, with the input they answer (for measuring). */
  onResults?: (input: string) => void;
  now?: () => number;
}

const LISTBOX_ID = 'results';
const optionId = (index: number) => `result-${index}`;

/** The toolbar popup: type to search everything saved and seen, act on results from the keyboard. */
export function Popup({ session, cachedRecent, onRecentList, send, subscribe, openTab, readingListUrl, whenIdle, onMilestone, onResults, now = Date.now }: PopupProps) {
  const [active, setActive] = useState(0);
  const [editingTags, setEditingTags] = useState<number>();
  const [zoteroNotice, setZoteroNotice] = useState<string>();
  const inputRef = useRef<HTMLInputElement>(null);
  const shownFirst = useRef(false);
  const counts = useLibraryCounts(send);
  const search = useLibrarySearch({
    session,
    cachedRecent,
    onRecentList,
    send,
    subscribe,
    whenIdle,
    onMilestone,
    onAnswer: () => {
      setActive(0);
      setEditingTags(undefined);
    },
    onCountsDue: counts.refresh,
  });
  const { input, outcome } = search;

  useEffect(() => inputRef.current?.focus(), []);

  const onInput = (text: string) => {
    setZoteroNotice(undefined);
    search.type(text);
  };

  const results = outcome?.results ?? [];
  const current = results[active];

  const change = async (record: ResultRecord, patch: PaperChange) => {
    try {
      search.patch([await send('paper/change', { id: record.id, change: patch })]);
    } catch (failure) {
      search.fail(failure);
    }
  };

  const toggleSave = (record: ResultRecord) => void change(record, { kind: 'save', saved: record.savedAt === null });

  /** The background posts the paper to Zotero desktop; the status line says how it went. */
  const sendToZotero = async (record: ResultRecord) => {
    setZoteroNotice('Sending to Zotero…');
    try {
      const result = await send('zotero/send', { ids: [record.id] });
      setZoteroNotice(result.ok ? `Sent “${record.title}” to Zotero.` : result.message);
    } catch (failure) {
      setZoteroNotice(`Could not send to Zotero: ${failure instanceof Error ? failure.message : String(failure)}`);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const action = popupKeyAction(event, { hasInput: input !== '' });
    if (action === 'next' || action === 'previous') {
      event.preventDefault();
      if (!results.length) return;
      const step = action === 'next' ? 1 : -1;
      setActive((index) => (index + step + results.length) % results.length);
      setEditingTags(undefined);
      return;
    }
    if (action === 'clear') {
      event.preventDefault();
      onInput('');
      return;
    }
    if (!action || !current) return;
    event.preventDefault();
    if (action === 'open') openTab(current.record.url);
    else if (action === 'toggle-save') toggleSave(current.record);
    else if (action === 'send-to-zotero') void sendToZotero(current.record);
    else setEditingTags(active);
  };

  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active, outcome]);

  useEffect(() => {
    if (outcome) onResults?.(outcome.input);
  }, [outcome]);

  useEffect(() => {
    if (!outcome || shownFirst.current) return;
    shownFirst.current = true;
    // Effects run after the browser has painted the render that set `outcome`.
    onMilestone?.('first-results');
  }, [outcome]);

  const closeTags = () => {
    setEditingTags(undefined);
    inputRef.current?.focus();
  };

  const query = outcome?.input === input ? outcome.query : parseQuery(input);
  const time = now();
  return (
    <div class="popup">
      <SearchBox
        value={input}
        query={query}
        listboxId={LISTBOX_ID}
        activeOptionId={current ? optionId(active) : undefined}
        expanded={results.length > 0}
        inputRef={inputRef}
        onInput={onInput}
        onKeyDown={onKeyDown}
        onRemoveChip={(chip: QueryChip) => {
          onInput(removeChip(input, chip));
          inputRef.current?.focus();
        }}
      />
      <div class="status" role="status">
        {search.error ?? zoteroNotice ?? statusLine(outcome, input !== '' && outcome?.input !== input, search.indexing)}
      </div>
      <ul id={LISTBOX_ID} role="listbox" aria-label="Papers" class="results">
        {results.map((result, index) => (
          <ResultOption
            key={result.record.id}
            id={optionId(index)}
            result={result}
            active={index === active}
            editingTags={editingTags === index}
            knownTags={counts.knownTags}
            now={time}
            onHover={() => setActive(index)}
            onOpen={() => openTab(result.record.url)}
            onToggleSave={() => toggleSave(result.record)}
            onSendToZotero={() => void sendToZotero(result.record)}
            onAddTag={(tag) => void change(result.record, { kind: 'add-tags', tags: [tag] })}
            onRemoveLastTag={() => {
              const last = result.record.tags[result.record.tags.length - 1];
              if (last) void change(result.record, { kind: 'remove-tags', tags: [last] });
            }}
            onCloseTags={closeTags}
          />
        ))}
      </ul>
      <PopupFooter stats={counts.stats} onOpenReadingList={() => openTab(readingListUrl)} />
    </div>
  );
}
