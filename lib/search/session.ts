import type { ShelfmarkDb } from '../db';
import type { PaperId } from '../ids';
import type { PaperRecord } from '../paper';
import { foldTerm, tokenizeText } from './document';
import { catchUp, loadAbstracts, openIndex, persistIndex, type OpenedIndex } from './index-store';
import { hasFilters, parseQuery, type ParsedQuery } from './query';
import { rankPapers } from './rank';

export type ResultSource = 'recent-saves' | 'recent-sightings' | 'search';

/**
 * What a result row shows and acts on: the stored record without its abstract, which the popup never shows and which
 * is most of a record — every answer crosses from the worker to the popup as a structured clone.
 */
export type ResultRecord = Omit<PaperRecord, 'abstract'>;

function toResultRecord({ abstract: _abstract, ...shown }: PaperRecord): ResultRecord {
  return shown;
}

export interface PaperResult {
  record: ResultRecord;
  /** Indexed terms the query matched in this paper, for highlighting. */
  terms: string[];
}

export interface SearchOutcome {
  input: string;
  query: ParsedQuery;
  results: PaperResult[];
  /** Papers found; at least this many when `exhaustive` is false. */
  total: number;
  exhaustive: boolean;
  relaxed: boolean;
  /** False when abstracts were still loading: papers matching only in their abstract may be missing. */
  complete: boolean;
  source: ResultSource;
}

/**
 * Records kept from earlier answers: successive keystrokes share most of their top papers, and reading them again
 * from IndexedDB was most of a keystroke's time in the popup (5–13 ms per keystroke at 10k papers). Cleared when the
 * library changes: a read in flight then cannot bring back an older record, as IndexedDB finishes a read before a
 * later write to the same store commits, and the change is announced only after that.
 */
const RECORD_CACHE_LIMIT = 2_000;

/** Papers applied since the last persist before a re-persist is worth its cost. */
export const PERSIST_AFTER_CHANGES = 50;

// Phrases are checked on hydrated records, so rank more candidates than are shown.
const PHRASE_CANDIDATES_FACTOR = 4;

function isEmptyQuery(query: ParsedQuery): boolean {
  return !query.words.length && !query.phrases.length && !hasFilters(query.filters);
}

function phraseText(text: string): string {
  return ` ${tokenizeText(text).map(foldTerm).join(' ')} `;
}

function containsPhrases(record: PaperRecord, phrases: readonly string[]): boolean {
  const haystack = phraseText([record.title, record.authors.join(', '), record.abstract ?? '', record.tags.join(' '), record.note].join(' \n '));
  return phrases.every((phrase) => haystack.includes(phraseText(phrase)));
}

/**
 * The popup's search: opens the persisted index (catching it up, or rebuilding it), answers queries by ranking in the
 * index and hydrating the top papers from the database, and keeps the index current while the popup is open.
 */
export class SearchSession {
  private opened?: OpenedIndex;
  private opening?: Promise<OpenedIndex>;
  private completing?: Promise<OpenedIndex>;
  private refreshing: Promise<number> = Promise.resolve(0);
  private unsaved = 0;
  private readonly records = new Map<PaperId, PaperRecord>();

  constructor(
    private readonly db: ShelfmarkDb,
    private readonly limit = 30,
    private readonly onProgress?: (indexed: number) => void,
  ) {}

  /** Loads (or builds) the index once; later calls share the same promise. */
  open(): Promise<OpenedIndex> {
    this.opening ??= openIndex(this.db, this.onProgress).then((opened) => {
      this.opened = opened;
      // A rebuilt index is being stored as built; a loaded one lags by what its catch-up applied.
      this.unsaved = opened.origin === 'rebuilt' ? 0 : opened.caughtUp;
      // Not stored after all: the session stores it itself when it next can.
      opened.stored?.catch(() => (this.unsaved = Math.max(this.unsaved, PERSIST_AFTER_CHANGES)));
      return opened;
    });
    return this.opening;
  }

  get ready(): boolean {
    return this.opened !== undefined;
  }

  /**
   * Opens the index, then prepares typo matching and loads its abstracts (the larger part, not needed for
   * title/tag/author hits): the popup asks for this once the head answers.
   */
  complete(): Promise<OpenedIndex> {
    this.completing ??= this.open().then(async (opened) => {
      opened.index.prepareTypos();
      // A loaded head whose abstracts had to be re-indexed is stored again; a rebuilt index is stored by its build.
      if ((await loadAbstracts(this.db, opened)) === 'rebuilt' && opened.origin === 'loaded') this.unsaved = Math.max(this.unsaved, PERSIST_AFTER_CHANGES);
      return opened;
    });
    return this.completing;
  }

  /** What the popup shows before anything is typed: recent saves, else recent sightings. Needs no index. */
  async recent(): Promise<SearchOutcome> {
    const saves = await this.db.papers.orderBy('savedAt').reverse().limit(this.limit).toArray();
    const source: ResultSource = saves.length ? 'recent-saves' : 'recent-sightings';
    const records = saves.length ? saves : await this.db.papers.orderBy('lastSeenAt').reverse().limit(this.limit).toArray();
    const results = records.map((record) => ({ record: toResultRecord(record), terms: [] }));
    return { input: '', query: parseQuery(''), results, total: results.length, exhaustive: true, relaxed: false, complete: true, source };
  }

  /** Whether answering `input` needs the index (an empty box lists recent papers straight from the database). */
  needsIndex(input: string): boolean {
    return !isEmptyQuery(parseQuery(input));
  }

  async search(input: string): Promise<SearchOutcome> {
    const query = parseQuery(input);
    if (isEmptyQuery(query)) return { ...(await this.recent()), input, query };
    const { index } = await this.open();
    const wanted = query.phrases.length ? this.limit * PHRASE_CANDIDATES_FACTOR : this.limit;
    const ranking = rankPapers(index, query, wanted);
    const records = await this.hydrate(ranking.hits.map((hit) => hit.id));
    const gone: PaperId[] = [];
    const results: PaperResult[] = [];
    ranking.hits.forEach((hit, position) => {
      const record = records[position];
      // Papers are not deleted today; if an import or cleanup ever does, the index forgets them here.
      if (!record) gone.push(hit.id);
      else if (!query.phrases.length || containsPhrases(record, query.phrases)) results.push({ record: toResultRecord(record), terms: hit.terms });
    });
    if (gone.length) index.remove(gone);
    const phraseMisses = ranking.hits.length - gone.length - results.length;
    return {
      input,
      query,
      results: results.slice(0, this.limit),
      total: ranking.total - gone.length - phraseMisses,
      exhaustive: ranking.exhaustive && ranking.hits.length === ranking.total,
      relaxed: ranking.relaxed,
      complete: ranking.complete,
      source: 'search',
    };
  }

  /** The stored records of these papers (undefined for papers no longer in the library), from the cache when there. */
  private async hydrate(ids: readonly PaperId[]): Promise<Array<PaperRecord | undefined>> {
    const found = new Map<PaperId, PaperRecord>();
    const missing: PaperId[] = [];
    for (const id of ids) {
      const cached = this.records.get(id);
      if (cached) found.set(id, cached);
      else missing.push(id);
    }
    if (missing.length) {
      const read = await this.db.papers.bulkGet(missing);
      if (this.records.size + missing.length > RECORD_CACHE_LIMIT) this.records.clear();
      read.forEach((record, position) => {
        if (!record) return;
        found.set(missing[position], record);
        this.records.set(missing[position], record);
      });
    }
    return ids.map((id) => found.get(id));
  }

  /** Applies papers written since the index was last current (after a change broadcast). Calls run one at a time. */
  refresh(): Promise<number> {
    this.records.clear();
    this.refreshing = this.refreshing.then(async () => {
      const opened = await this.open();
      const applied = await catchUp(this.db, opened);
      this.unsaved += applied;
      return applied;
    });
    return this.refreshing;
  }

  /** Whether the stored index lags enough to re-persist (after a rebuild, or many applied changes). */
  get stale(): boolean {
    return this.unsaved >= PERSIST_AFTER_CHANGES;
  }

  async persist(): Promise<void> {
    const opened = await this.complete();
    const pending = this.unsaved;
    await persistIndex(this.db, opened);
    this.unsaved = Math.max(0, this.unsaved - pending);
  }
}
