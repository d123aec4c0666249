import type { Query, SearchOptions, SearchResult } from 'minisearch';
import type { PaperId } from '../ids';
import { HEAD_FIELDS, type StoredMeta } from './document';
import { matchesFilters } from './filters';
import type { PaperIndex } from './paper-index';
import { hasFilters, type ParsedQuery } from './query';

export interface RankedHit {
  id: PaperId;
  score: number;
  /** Indexed terms that matched (after prefix/typo expansion), for highlighting. */
  terms: string[];
  meta: StoredMeta;
}

export interface Ranking {
  hits: RankedHit[];
  /** Papers found; when `exhaustive` is false, at least this many match. */
  total: number;
  exhaustive: boolean;
  /** No paper had every word, so papers with some of them are shown. */
  relaxed: boolean;
}

function toHit(index: PaperIndex, result: SearchResult): RankedHit {
  const id = result.id as PaperId;
  return { id, score: result.score, terms: result.terms, meta: index.metaOf(id)! };
}

/** The `limit` largest items by key, in descending order, without sorting everything. */
function topBy<T>(items: readonly T[], limit: number, key: (item: T) => number): T[] {
  const top: T[] = [];
  for (const item of items) {
    const value = key(item);
    if (top.length === limit && value <= key(top[limit - 1])) continue;
    let at = top.length;
    while (at > 0 && key(top[at - 1]) < value) at -= 1;
    top.splice(at, 0, item);
    if (top.length > limit) top.pop();
  }
  return top;
}

function textQuery(query: ParsedQuery, combineWith: 'AND' | 'OR'): Query {
  const queries: Query[] = query.phrases.map((phrase) => ({ queries: [phrase], combineWith: 'AND', prefix: false, fuzzy: false }));
  if (query.words.length) queries.push({ queries: [query.words.join(' ')], combineWith });
  return { queries, combineWith: 'AND' };
}

/**
 * Papers matching in the remembered fields (title, tags, authors, note) rank first; papers matching only through
 * their abstract follow, and are looked for only when the first tier leaves room.
 */
function tieredSearch(index: PaperIndex, query: Query, options: SearchOptions, limit: number): Omit<Ranking, 'relaxed'> {
  const head = index.text.search(query, { ...options, fields: [...HEAD_FIELDS] });
  if (head.length >= limit) {
    return { hits: head.slice(0, limit).map((result) => toHit(index, result)), total: head.length, exhaustive: false };
  }
  const headIds = new Set(head.map((result) => result.id));
  const all = index.text.search(query, options);
  const bodyOnly = all.filter((result) => !headIds.has(result.id));
  return {
    hits: [...head, ...bodyOnly.slice(0, limit - head.length)].map((result) => toHit(index, result)),
    total: head.length + bodyOnly.length,
    exhaustive: true,
  };
}

/**
 * Ranks the papers matching a query: words with prefix and typo tolerance, all required (falling back to any when
 * no paper has all of them), phrases' words required, filters applied inside the index. A query with only filters
 * lists the matching papers by latest activity.
 */
export function rankPapers(index: PaperIndex, query: ParsedQuery, limit: number): Ranking {
  const filtered = hasFilters(query.filters);
  if (!query.words.length && !query.phrases.length) {
    if (!filtered) return { hits: [], total: 0, exhaustive: true, relaxed: false };
    const matching: RankedHit[] = [];
    for (const [id, meta] of index.entries()) {
      if (matchesFilters(meta, query.filters)) matching.push({ id, score: meta.z, terms: [], meta });
    }
    return { hits: topBy(matching, limit, (hit) => hit.score), total: matching.length, exhaustive: true, relaxed: false };
  }
  // boostDocument 0 drops a paper before it is scored, which is cheaper than filtering scored results.
  const options: SearchOptions = filtered
    ? { boostDocument: (id: PaperId) => (matchesFilters(index.metaOf(id)!, query.filters) ? 1 : 0) }
    : {};
  const strict = tieredSearch(index, textQuery(query, 'AND'), options, limit);
  if (strict.total > 0 || query.words.length < 2) return { ...strict, relaxed: false };
  const loose = tieredSearch(index, textQuery(query, 'OR'), options, limit);
  return { ...loose, relaxed: loose.total > 0 };
}
