import type { PaperId } from '../ids';
import type { PaperRecord, SiteKey } from '../paper';

/**
 * Bump when the document shape, fields, stored fields or term processing change: a persisted index built under another
 * version is rebuilt instead of loaded.
 */
export const SEARCH_SCHEMA_VERSION = 5;

/** The text indexed for one paper. */
export interface SearchDocument {
  id: PaperId;
  title: string;
  authors: string;
  abstract: string;
  tags: string;
  note: string;
}

/**
 * The little the index keeps per paper beside its postings so filters run in memory, without touching the database.
 * Everything shown in a result is hydrated from the record instead, which keeps the persisted index small.
 */
export interface StoredMeta {
  /** Bit set of PAPER_FLAG values. */
  f: number;
  /** Normalised tags. */
  t: string[];
  /** Earliest and latest activity (sighting or save), ms; 0 when unknown. */
  a: number;
  z: number;
}

export const PAPER_FLAG = { saved: 1, seen: 2, dismissed: 4, hf: 8, arxiv: 16 } as const;

export const SEARCH_FIELDS = ['title', 'authors', 'abstract', 'tags', 'note'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/**
 * The short fields people remember a paper by: the head index, loaded first, searched first, with typo tolerance.
 * Abstracts form the body index, loaded after first results and searched only when the head gives too few papers,
 * because abstract postings are most of the index and most of the work on a common word.
 */
export const HEAD_FIELDS = ['title', 'tags', 'authors', 'note'] as const satisfies readonly SearchField[];
export const BODY_FIELDS = ['abstract'] as const satisfies readonly SearchField[];

/** Titles and tags are what people remember; authors next; abstracts and notes only support. */
export const FIELD_BOOSTS: Record<SearchField, number> = { title: 3, tags: 3, authors: 2, abstract: 1, note: 1 };

// Frequent function words carry no meaning in a paper search and are a large share of abstract postings.
const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'has', 'have', 'in', 'into', 'is', 'it', 'its', 'of',
  'on', 'or', 'our', 'that', 'the', 'their', 'these', 'this', 'to', 'was', 'we', 'which', 'while', 'with',
]);

/** Lower-cases and folds accents, so "Schölkopf" is found by "scholkopf". */
export function foldTerm(term: string): string {
  // Indexing runs this on every word of every abstract: skip Unicode work for plain ASCII.
  const lower = term.toLowerCase();
  return /[^\x00-\x7f]/.test(lower) ? lower.normalize('NFKD').replace(/\p{M}+/gu, '') : lower;
}

/** Index-side and query-side term processing. */
export function processTerm(term: string): string | null {
  const folded = foldTerm(term);
  return folded && !STOP_WORDS.has(folded) ? folded : null;
}

const SEPARATOR_CLASS = '\\n\\r\\p{Z}\\p{P}\\p{S}';
export const WORD_SEPARATOR = new RegExp(`[${SEPARATOR_CLASS}]+`, 'u');
/** One word, as the tokenizer cuts them (global: for matchAll). */
export const WORD = new RegExp(`[^${SEPARATOR_CLASS}]+`, 'gu');

export function tokenizeText(text: string): string[] {
  return text.split(WORD_SEPARATOR).filter(Boolean);
}

/** Typo tolerance grows with the word: none for short words, where any edit makes another word. */
export function fuzzyDistance(term: string): number {
  if (term.length < 4) return 0;
  return term.length < 8 ? 1 : 2;
}

/** How a query word may match an indexed term, and how much such a match counts. */
export const MATCH_WEIGHTS = { exact: 1, prefix: 0.375, fuzzy: 0.45 } as const;

/** One letter would expand to most of the vocabulary; from two letters on, prefixes are selective. */
export const MIN_PREFIX_LENGTH = 2;

function activityBounds(record: PaperRecord): { a: number; z: number } {
  const times = [record.firstSeenAt, record.lastSeenAt, record.savedAt].filter((t): t is number => typeof t === 'number' && t > 0);
  return times.length ? { a: Math.min(...times), z: Math.max(...times) } : { a: 0, z: 0 };
}

function sitesOf(record: PaperRecord): Set<SiteKey> {
  const sites = new Set<SiteKey>();
  for (const sighting of [record.firstSighting, record.previousSighting, record.lastSighting]) {
    if (sighting) sites.add(sighting.site);
  }
  return sites;
}

export function metaOf(record: PaperRecord): StoredMeta {
  let flags = 0;
  if (record.savedAt) flags |= PAPER_FLAG.saved;
  if (record.lastSeenAt) flags |= PAPER_FLAG.seen;
  if (record.dismissedAt) flags |= PAPER_FLAG.dismissed;
  for (const site of sitesOf(record)) flags |= PAPER_FLAG[site];
  return { f: flags, t: record.tags, ...activityBounds(record) };
}

export function toSearchDocument(record: PaperRecord): SearchDocument {
  return {
    id: record.id,
    title: record.title,
    authors: record.authors.join(', '),
    abstract: record.abstract ?? '',
    tags: record.tags.join(' '),
    note: record.note,
  };
}
