import { parseQuery } from './query';
import type { ResultRecord, SearchOutcome } from './session';

/** Where the cache lives: the popup page's `localStorage` (extension origin, like the database). */
export type CacheStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const KEY = 'shelfmark:recent-list';
// What the popup's first frame shows (about seven rows fit): drawing all 30 in the page's first task held it for
// 55–88 ms, where typing would wait; the current list, with all its rows, follows a moment later.
const FIRST_FRAME_ROWS = 12;
// Bump when ResultRecord's shape changes in a way the popup's result rows would misread.
const VERSION = 1;

interface Stored {
  version: number;
  source: 'recent-saves' | 'recent-sightings';
  records: ResultRecord[];
}

function isRecord(value: unknown): value is ResultRecord {
  const record = value as ResultRecord;
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.id === 'string' &&
    typeof record.title === 'string' &&
    typeof record.url === 'string' &&
    Array.isArray(record.authors) &&
    Array.isArray(record.tags)
  );
}

/**
 * The empty box's list (recent saves, or recent sightings) as the popup last received it, so the next popup draws it
 * in its first frame instead of waiting ≈ 150 ms for a worker to start and query the database. The popup asks for the
 * current list at the same time and replaces the cached one when it arrives (usually identical; a save made since
 * then appears at that moment). Anything unreadable is ignored.
 */
export function readRecentList(storage: CacheStorage): SearchOutcome | undefined {
  let stored: Stored;
  try {
    stored = JSON.parse(storage.getItem(KEY) ?? 'null') as Stored;
  } catch {
    return undefined;
  }
  if (stored?.version !== VERSION || !Array.isArray(stored.records) || !stored.records.length || !stored.records.every(isRecord)) return undefined;
  if (stored.source !== 'recent-saves' && stored.source !== 'recent-sightings') return undefined;
  const results = stored.records.map((record) => ({ record, terms: [] }));
  return { input: '', query: parseQuery(''), results, total: results.length, exhaustive: true, relaxed: false, complete: true, source: stored.source };
}

/**
 * Keeps `outcome` for the next popup when it is the empty box's list; a full or unavailable storage is not an error.
 * An empty list is not kept: "nothing here yet" drawn for a library that has filled since would be wrong, where
 * waiting a moment for the current list is only slower.
 */
export function writeRecentList(storage: CacheStorage, outcome: SearchOutcome): void {
  if (outcome.source !== 'recent-saves' && outcome.source !== 'recent-sightings') return;
  const records = outcome.results.slice(0, FIRST_FRAME_ROWS).map((result) => result.record);
  const stored: Stored = { version: VERSION, source: outcome.source, records };
  try {
    if (stored.records.length) storage.setItem(KEY, JSON.stringify(stored));
    else storage.removeItem(KEY);
  } catch (error) {
    console.warn('Shelfmark: could not keep the recent list for the next popup', error);
  }
}
