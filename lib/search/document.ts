import type { PaperRecord, SiteKey } from '../paper';
import { SITES } from '../sites/registry';
import { HASH_START, hashStep, TermTable } from './term-table';

/**
 * Bump when the document shape, fields, stored fields or term processing change: a persisted index built under another
 * version is rebuilt instead of loaded.
 */
export const SEARCH_SCHEMA_VERSION = 6;

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

// Library states take the low three bits; each site takes bit 3 + its registry `flagBit` (fixed per site, never
// reused), so a new site needs no schema bump: hf stays 8, arxiv 16.
export const PAPER_FLAG = {
  saved: 1,
  seen: 2,
  dismissed: 4,
  ...(Object.fromEntries(SITES.map((site) => [site.key, 8 << site.flagBit])) as Record<SiteKey, number>),
} as const;

export const SEARCH_FIELDS = ['title', 'authors', 'abstract', 'tags', 'note'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/**
 * The short fields people remember a paper by: the head index, loaded first, searched first, with typo tolerance.
 * Abstracts form the body index, loaded after first results and searched only when the head gives too few papers,
 * because abstract postings are most of the index and most of the work on a common word.
 */
export const HEAD_FIELDS = ['title', 'tags', 'authors', 'note'] as const satisfies readonly SearchField[];

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

/** `processTerm` for a word of a text known to be ASCII (`isAscii`): no accent folding to test for. */
export function processAsciiTerm(term: string): string | null {
  const lower = term.toLowerCase();
  return lower && !STOP_WORDS.has(lower) ? lower : null;
}

export const isAscii = (text: string): boolean => !NON_ASCII.test(text);

const SEPARATOR_CLASS = '\\n\\r\\p{Z}\\p{P}\\p{S}';
export const WORD_SEPARATOR = new RegExp(`[${SEPARATOR_CLASS}]+`, 'u');
/** One word, as the tokenizer cuts them (global: for matchAll). */
export const WORD = new RegExp(`[^${SEPARATOR_CLASS}]+`, 'gu');

export function tokenizeText(text: string): string[] {
  return text.split(WORD_SEPARATOR).filter(Boolean);
}

const ONE_SEPARATOR = new RegExp(`^[${SEPARATOR_CLASS}]$`, 'u');
const ASCII_SEPARATOR = Uint8Array.from({ length: 128 }, (_, code) => (ONE_SEPARATOR.test(String.fromCharCode(code)) ? 1 : 0));
const NON_ASCII = /[^\x00-\x7f]/;
const otherSeparators = new Map<number, boolean>();

function separatorAt(text: string, at: number, code: number): boolean {
  if (code < 128) return ASCII_SEPARATOR[code] === 1;
  const point = text.codePointAt(at)!;
  let separator = otherSeparators.get(point);
  if (separator === undefined) otherSeparators.set(point, (separator = ONE_SEPARATOR.test(String.fromCodePoint(point))));
  return separator;
}

const STOP_TABLE = new TermTable();
for (const word of STOP_WORDS) STOP_TABLE.idOf(word);

/**
 * Calls `visit` with the id in `table` of every indexed term of `text`, in order: exactly
 * `tokenizeText(text).map(processTerm)` without the nulls, in one pass over the characters instead of a Unicode regex
 * split, a lower-casing and a string per word (indexing runs this on every abstract: that was most of a rebuild's
 * time). ASCII text is lower-cased once, whole (ASCII case has no context, so that equals lower-casing each word), and
 * its words are looked up in the table straight from the text.
 */
export function forEachTermId(text: string, table: TermTable, visit: (id: number) => void): void {
  const ascii = !NON_ASCII.test(text);
  const source = ascii ? text.toLowerCase() : text;
  const length = source.length;
  // Word state stays in locals (no closure over them): a closure would keep them in a context, loaded on every character.
  let start = -1;
  let hash = HASH_START;
  for (let at = 0; at < length; at += 1) {
    const code = source.charCodeAt(at);
    if (code < 128) {
      if (ASCII_SEPARATOR[code] === 1) {
        if (start >= 0) {
          endWord(source, start, at, hash, ascii, table, visit);
          start = -1;
        }
      } else {
        if (start < 0) {
          start = at;
          hash = HASH_START;
        }
        hash = hashStep(hash, code);
      }
      continue;
    }
    if (!separatorAt(source, at, code)) {
      if (start < 0) start = at;
      continue;
    }
    if (start >= 0) {
      endWord(source, start, at, hash, ascii, table, visit);
      start = -1;
    }
    // A separator outside the Basic Multilingual Plane takes two code units: its second goes with it.
    if (code >= 0xd800 && code <= 0xdbff) at += 1;
  }
  if (start >= 0) endWord(source, start, length, hash, ascii, table, visit);
}

/** Visits the word `source.slice(start, end)` unless it is a stop word (`hash` is its hash when the text is ASCII). */
function endWord(source: string, start: number, end: number, hash: number, ascii: boolean, table: TermTable, visit: (id: number) => void): void {
  if (ascii) {
    if (!STOP_TABLE.hasRange(source, start, end, hash)) visit(table.idOfRange(source, start, end, hash));
    return;
  }
  const term = processTerm(source.slice(start, end));
  if (term) visit(table.idOf(term));
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
