import { useEffect, useRef, useState } from 'preact/hooks';
import type { LibraryStats, TagCount } from '../../lib/library';
import type { ChangeBroadcast } from '../../lib/messaging/protocol';
import type { PaperChange, PaperState } from '../../lib/paper';
import { parseQuery, removeChip, type QueryChip } from '../../lib/search/query';
import type { PopupSearch } from '../../lib/search/remote-session';
import type { ResultRecord, SearchOutcome } from '../../lib/search/session';
import type { Requester } from '../shared-ui/requester';
import { PopupFooter } from './PopupFooter';
import { ResultOption } from './ResultOption';
import { SearchBox } from './SearchBox';

export interface PopupProps {
  /** Searches the whole library. */
  session: PopupSearch;
  /** The empty box's list as an earlier popup received it: drawn in the first frame, replaced by the current one. */
  cachedRecent?: SearchOutcome;
  /** Told each current empty-box list, to be cached for the next popup. */
  onRecentList?: (outcome: SearchOutcome) => void;
  send: Requester;
  subscribe: (listener: (change: ChangeBroadcast) => void, signal: AbortSignal) => void;
  openTab: (url: string) => void;
  readingListUrl: string;
  /** Runs work that can wait until the first results are on screen. */
  whenIdle: (work: () => void) => void;
  /** Told when first results are on screen, when the library's index answers, and when its abstracts do too. */
  onMilestone?: (milestone: PopupMilestone) => void;
  /** Told each time results are drawn, with the input they answer (for measuring). */
  onResults?: (input: string) => void;
  now?: () => number;
}

export type PopupMilestone = 'first-results' | 'index-ready' | 'abstracts-ready';

const LISTBOX_ID = 'results';
const optionId = (index: number) => `result-${index}`;

function patchRecords(outcome: SearchOutcome, states: ReadonlyArray<Omit<PaperState, 'earlierSighting'>>): SearchOutcome {
  const byId = new Map(states.map((state) => [state.id, state]));
  const results = outcome.results.map((result) => {
    const state = byId.get(result.record.id);
    if (!state) return result;
    const record: ResultRecord = { ...result.record, savedAt: state.savedAt, dismissedAt: state.dismissedAt, tags: state.tags, note: state.note };
    return { ...result, record };
  });
  return { ...outcome, results };
}

/** `waiting`: something is typed that the index has not answered yet. */
function statusLine(outcome: SearchOutcome | undefined, waiting: boolean, indexing: number | undefined): string {
  if (!outcome) return 'Loading…';
  if (indexing !== undefined && (waiting || outcome.source === 'search')) return indexing === 0 ? 'Loading your library…' : `Indexing your library… ${indexing} papers`;
  switch (outcome.source) {
    case 'recent-saves':
      return 'Recently saved';
    case 'recent-sightings':
      return outcome.results.length ? 'Recently seen' : 'Nothing here yet: papers you see on Hugging Face Papers and arXiv appear here.';
    case 'search': {
      if (!outcome.total) return outcome.complete ? 'No paper matches.' : 'No title, tag or author matches · still loading abstracts';
      const count = outcome.exhaustive ? `${outcome.total}` : `${outcome.total}+`;
      const shown = outcome.results.length < outcome.total ? ` · top ${outcome.results.length}` : '';
      const relaxed = outcome.relaxed ? ' · none has every word, showing partial matches' : '';
      const pending = outcome.complete ? '' : ' · still loading abstracts';
      return `${count} paper${outcome.total === 1 ? '' : 's'}${shown}${relaxed}${pending}`;
    }
  }
}

/** The toolbar popup: type to search everything saved and seen, act on results from the keyboard. */
export function Popup({ session, cachedRecent, onRecentList, send, subscribe, openTab, readingListUrl, whenIdle, onMilestone, onResults, now = Date.now }: PopupProps) {
  const [input, setInput] = useState('');
  const [outcome, setOutcome] = useState<SearchOutcome | undefined>(cachedRecent);
  const [active, setActive] = useState(0);
  const [editingTags, setEditingTags] = useState<number>();
  const [stats, setStats] = useState<LibraryStats>();
  const [knownTags, setKnownTags] = useState<TagCount[]>([]);
  const [indexing, setIndexing] = useState<number>();
  const [error, setError] = useState<string>();
  const [zoteroNotice, setZoteroNotice] = useState<string>();
  const inputRef = useRef<HTMLInputElement>(null);
  const latest = useRef(0);
  const inputNow = useRef('');
  const shownFirst = useRef(false);

  const run = async (text: string) => {
    const ticket = ++latest.current;
    try {
      const next = await session.search(text);
      if (next.source !== 'search') onRecentList?.(next);
      if (ticket !== latest.current) return;
      setOutcome(next);
      setActive(0);
      setEditingTags(undefined);
      setError(undefined);
    } catch (failure) {
      if (ticket === latest.current) setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  const refreshCounts = () => {
    send('library/stats', {}).then(setStats, () => {});
    send('tags/counts', {}).then(setKnownTags, () => {});
  };

  // Opening the index reads and decodes its head, in the worker: started with the popup, beside the first results.
  const startIndex = () => {
    if (!session.ready) setIndexing(0);
    session
      .open()
      .then(() => {
        setIndexing(undefined);
        onMilestone?.('index-ready');
        if (inputNow.current) void run(inputNow.current);
        // Abstracts are most of the index: load them once the head answers, then answer again.
        whenIdle(() => {
          session
            .complete()
            .then(() => {
              onMilestone?.('abstracts-ready');
              // The footer's counts scan IndexedDB indexes in the background, which would queue ahead of the index's reads.
              refreshCounts();
              if (inputNow.current) void run(inputNow.current);
              // Asked for at once (the worker writes it once typing pauses): a rebuilt index is stored before a popup
              // closed soon after can take it down.
              if (session.stale) session.persist().catch((failure) => console.warn('Shelfmark: could not store the search index', failure));
            })
            .catch((failure) => {
              setError(`Abstract search unavailable: ${failure instanceof Error ? failure.message : String(failure)}`);
              refreshCounts();
            });
        });
      })
      .catch((failure) => {
        setError(`Search index unavailable: ${failure instanceof Error ? failure.message : String(failure)}`);
        refreshCounts();
      });
  };

  useEffect(() => {
    inputRef.current?.focus();
    session.watchIndexing?.(setIndexing);
    void run('');
    startIndex();
    const stop = new AbortController();
    subscribe((change) => {
      send('papers/states', { ids: change.ids }).then(
        (states) => setOutcome((current) => current && patchRecords(current, states)),
        (failure) => console.warn('Shelfmark: could not refresh the changed papers', failure),
      );
      refreshCounts();
      void session.refresh();
    }, stop.signal);
    return () => stop.abort();
  }, []);

  const onInput = (text: string) => {
    setInput(text);
    setZoteroNotice(undefined);
    inputNow.current = text;
    void run(text);
  };

  const results = outcome?.results ?? [];
  const current = results[active];

  const change = async (record: ResultRecord, patch: PaperChange) => {
    try {
      const state = await send('paper/change', { id: record.id, change: patch });
      setOutcome((now) => now && patchRecords(now, [state]));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
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
    const key = event.key.toLowerCase();
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!results.length) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (index + step + results.length) % results.length);
      setEditingTags(undefined);
    } else if (event.key === 'Enter' && current) {
      event.preventDefault();
      openTab(current.record.url);
    } else if ((event.altKey || event.ctrlKey) && (key === 's' || event.code === 'KeyS') && current) {
      event.preventDefault();
      toggleSave(current.record);
    } else if (event.altKey && (key === 'z' || event.code === 'KeyZ') && current) {
      event.preventDefault();
      void sendToZotero(current.record);
    } else if (event.altKey && (key === 't' || event.code === 'KeyT') && current) {
      event.preventDefault();
      setEditingTags(active);
    } else if (event.key === 'Escape' && input) {
      event.preventDefault();
      onInput('');
    }
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
        {error ?? zoteroNotice ?? statusLine(outcome, input !== '' && outcome?.input !== input, indexing)}
      </div>
      <ul id={LISTBOX_ID} role="listbox" aria-label="Papers" class="results">
        {results.map((result, index) => (
          <ResultOption
            key={result.record.id}
            id={optionId(index)}
            result={result}
            active={index === active}
            editingTags={editingTags === index}
            knownTags={knownTags}
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
      <PopupFooter stats={stats} onOpenReadingList={() => openTab(readingListUrl)} />
    </div>
  );
}
