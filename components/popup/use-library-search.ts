import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChangeBroadcast } from '../../lib/messaging/protocol';
import type { PaperState } from '../../lib/paper';
import type { PopupSearch } from '../../lib/search/remote-session';
import type { SearchOutcome } from '../../lib/search/session';
import type { Requester } from '../shared-ui/requester';
import { patchRecords } from './status-line';

export type PopupMilestone = 'first-results' | 'index-ready' | 'abstracts-ready';

export interface LibrarySearchOptions {
  /** Searches the whole library. */
  session: PopupSearch;
  /** The empty box's list as an earlier popup received it: drawn in the first frame, replaced by the current one. */
  cachedRecent?: SearchOutcome;
  /** Told each current empty-box list, to be cached for the next popup. */
  onRecentList?: (outcome: SearchOutcome) => void;
  send: Requester;
  subscribe: (listener: (change: ChangeBroadcast) => void, signal: AbortSignal) => void;
  /** Runs work that can wait until the first results are on screen. */
  whenIdle: (work: () => void) => void;
  /** Told when first results are on screen, when the library's index answers, and when its abstracts do too. */
  onMilestone?: (milestone: PopupMilestone) => void;
  /** Told when a new answer replaces the results (the popup then resets its selection). */
  onAnswer: () => void;
  /** Told when the footer's counts are worth asking for: once the index is loaded, and after every change. */
  onCountsDue: () => void;
}

const messageOf = (failure: unknown) => (failure instanceof Error ? failure.message : String(failure));

/**
 * The popup's search: what is typed, the answer shown for it, and the index's loading, from the popup's first frame
 * (the cached list) to the whole library with abstracts; changes made anywhere are patched into the shown answer.
 */
export function useLibrarySearch({ session, cachedRecent, onRecentList, send, subscribe, whenIdle, onMilestone, onAnswer, onCountsDue }: LibrarySearchOptions) {
  const [input, setInput] = useState('');
  const [outcome, setOutcome] = useState<SearchOutcome | undefined>(cachedRecent);
  const [indexing, setIndexing] = useState<number>();
  const [error, setError] = useState<string>();
  const latest = useRef(0);
  const inputNow = useRef('');

  const run = async (text: string) => {
    const ticket = ++latest.current;
    try {
      const next = await session.search(text);
      if (next.source !== 'search') onRecentList?.(next);
      if (ticket !== latest.current) return;
      setOutcome(next);
      onAnswer();
      setError(undefined);
    } catch (failure) {
      if (ticket === latest.current) setError(messageOf(failure));
    }
  };
  const rerun = () => {
    if (inputNow.current) void run(inputNow.current);
  };

  // Opening the index reads and decodes its head, in the worker: started with the popup, beside the first results.
  const startIndex = () => {
    if (!session.ready) setIndexing(0);
    session
      .open()
      .then(() => {
        setIndexing(undefined);
        onMilestone?.('index-ready');
        rerun();
        // Abstracts are most of the index: load them once the head answers, then answer again.
        whenIdle(() => {
          session
            .complete()
            .then(() => {
              onMilestone?.('abstracts-ready');
              // The footer's counts scan IndexedDB indexes in the background, which would queue ahead of the index's reads.
              onCountsDue();
              rerun();
              // Asked for at once (the worker writes it once typing pauses): a rebuilt index is stored before a popup
              // closed soon after can take it down.
              if (session.stale) session.persist().catch((failure) => console.warn('Shelfmark: could not store the search index', failure));
            })
            .catch((failure) => {
              setError(`Abstract search unavailable: ${messageOf(failure)}`);
              onCountsDue();
            });
        });
      })
      .catch((failure) => {
        setError(`Search index unavailable: ${messageOf(failure)}`);
        onCountsDue();
      });
  };

  useEffect(() => {
    session.watchIndexing?.(setIndexing);
    void run('');
    startIndex();
    const stop = new AbortController();
    subscribe((change) => {
      send('papers/states', { ids: change.ids }).then(
        (states) => setOutcome((current) => current && patchRecords(current, states)),
        (failure) => console.warn('Shelfmark: could not refresh the changed papers', failure),
      );
      onCountsDue();
      void session.refresh();
    }, stop.signal);
    return () => stop.abort();
  }, []);

  return {
    input,
    outcome,
    indexing,
    error,
    /** A failure to show in the status line until the next answer. */
    fail: (failure: unknown) => setError(messageOf(failure)),
    type: (text: string) => {
      setInput(text);
      inputNow.current = text;
      void run(text);
    },
    patch: (states: ReadonlyArray<Omit<PaperState, 'earlierSighting'>>) => setOutcome((now) => now && patchRecords(now, states)),
  };
}
