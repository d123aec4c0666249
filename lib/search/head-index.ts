import MiniSearch, { type AsPlainObject, type Options, type SearchResult } from 'minisearch';
import type { PaperId } from '../ids';
import type { PaperRecord } from '../paper';
import { FIELD_BOOSTS, fuzzyDistance, HEAD_FIELDS, MATCH_WEIGHTS, MIN_PREFIX_LENGTH, processTerm, tokenizeText } from './document';
import type { QueryTerm } from './term-expansion';

/** The head fields of one paper, as MiniSearch indexes them. */
export interface HeadDocument {
  id: PaperId;
  title: string;
  tags: string;
  authors: string;
  note: string;
}

/**
 * What the head stores: MiniSearch's own serialization, as a JSON string. IndexedDB copies one string in a few
 * milliseconds and `JSON.parse` is fast, where the same data as structured objects (one per term, per term and field,
 * per paper) costs a structured clone per object: ≈ 5× slower to read back.
 */
export type HeadIndexData = string;

/** One paper matching one query term, with MiniSearch's score and the indexed term it matched (for highlighting). */
export interface HeadMatch {
  id: PaperId;
  score: number;
  term: string;
}

export function toHeadDocument(record: PaperRecord): HeadDocument {
  return { id: record.id, title: record.title, tags: record.tags.join(' '), authors: record.authors.join(', '), note: record.note };
}

const HEAD_BOOSTS = Object.fromEntries(HEAD_FIELDS.map((field) => [field, FIELD_BOOSTS[field]]));

// Loading must use the options the index was built with (MiniSearch does not store functions).
const OPTIONS: Options<HeadDocument> = {
  fields: [...HEAD_FIELDS],
  tokenize: tokenizeText,
  processTerm: (term) => processTerm(term),
  // Discarded papers are vacuumed explicitly before persisting, not on timers while the popup is being used.
  autoVacuum: false,
  searchOptions: {
    boost: HEAD_BOOSTS,
    weights: { prefix: MATCH_WEIGHTS.prefix, fuzzy: MATCH_WEIGHTS.fuzzy },
  },
};

const EXACT = { prefix: false, fuzzy: false } as const;
const LOOSE = {
  prefix: (term: string) => term.length >= MIN_PREFIX_LENGTH,
  fuzzy: (term: string) => fuzzyDistance(term),
} as const;

// The earlier words of a query repeat on every keystroke: their matches are remembered until the index changes.
const CACHE_LIMIT = 8;

/**
 * Title, tags, authors and note of every paper in a MiniSearch index: prefix matching, typo tolerance scaled to the
 * word's length, boosts title 3 = tags 3 > authors 2 > note 1. Papers are keyed by id, so changes replace them in
 * place while the document numbering of the rest of the index moves around them.
 */
export class HeadIndex {
  private readonly cache = new Map<string, HeadMatch[]>();

  private constructor(private readonly search: MiniSearch<HeadDocument>) {}

  static create(): HeadIndex {
    return new HeadIndex(new MiniSearch(OPTIONS));
  }

  /** Throws on data that is not a stored MiniSearch index. */
  static fromData(data: HeadIndexData): HeadIndex {
    if (typeof data !== 'string') throw new Error('not a stored head index');
    const parsed = JSON.parse(data) as AsPlainObject;
    if (!parsed || typeof parsed !== 'object' || !Array.isArray(parsed.index)) throw new Error('not a stored head index');
    return new HeadIndex(MiniSearch.loadJS(parsed, OPTIONS));
  }

  get size(): number {
    return this.search.documentCount;
  }

  has(id: PaperId): boolean {
    return this.search.has(id);
  }

  /** Adds the paper, or replaces its previous version. */
  put(document: HeadDocument): void {
    this.cache.clear();
    if (this.search.has(document.id)) this.search.replace(document);
    else this.search.add(document);
  }

  remove(id: PaperId): void {
    if (!this.search.has(id)) return;
    this.cache.clear();
    this.search.discard(id);
  }

  /** Drops what discarded papers left in the index, so it is not persisted. */
  async vacuum(): Promise<void> {
    // One batch: yielding to timers between batches lets a popup closed right after its work never reach its write.
    if (this.search.dirtCount > 0) await this.search.vacuum({ batchSize: Number.MAX_SAFE_INTEGER });
  }

  toData(): HeadIndexData {
    return JSON.stringify(this.search);
  }

  /** Whether the papers matching this term are remembered (asking again costs nothing). */
  isCached(term: QueryTerm): boolean {
    return this.cache.has(cacheKey(term));
  }

  /**
   * Papers matching one query term. With `within`, only the papers it accepts: MiniSearch skips the others before
   * scoring or building anything for them (a `boostDocument` of 0), and the scores of the rest are the same as in a
   * full search. Such answers belong to one query and are not remembered.
   */
  matches(term: QueryTerm, within?: (id: PaperId) => boolean): readonly HeadMatch[] {
    if (within) {
      const options = { ...(term.exact ? EXACT : LOOSE), boostDocument: (id: unknown) => (within(id as PaperId) ? 1 : 0) };
      return this.search.search(term.text, options).map(toMatch);
    }
    const key = cacheKey(term);
    let found = this.cache.get(key);
    if (found) {
      this.cache.delete(key);
    } else {
      if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
      found = this.search.search(term.text, term.exact ? EXACT : LOOSE).map(toMatch);
    }
    this.cache.set(key, found);
    return found;
  }
}

function cacheKey(term: QueryTerm): string {
  return `${term.exact ? '=' : '~'}${term.text}`;
}

function toMatch(result: SearchResult): HeadMatch {
  return { id: result.id as PaperId, score: result.score, term: result.terms[0] };
}
