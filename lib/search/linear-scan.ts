import type { PaperId } from '../ids';
import type { PaperRecord } from '../paper';
import { FIELD_BOOSTS, SEARCH_FIELDS, foldTerm, metaOf, processTerm, tokenizeText, type SearchField, type StoredMeta } from './document';
import { matchesFilters } from './filters';
import { hasFilters, type ParsedQuery } from './query';

/**
 * The obvious alternative to an index: every paper's folded text kept in memory and scanned with substring tests on
 * each keystroke. It is the yardstick the benchmark compares the index with, and an independent check in tests.
 */
export interface ScanEntry {
  id: PaperId;
  fields: Record<SearchField, string>;
  meta: StoredMeta;
}

export function toScanEntry(record: PaperRecord): ScanEntry {
  const fields: Record<SearchField, string> = {
    title: foldTerm(record.title),
    authors: foldTerm(record.authors.join(', ')),
    abstract: foldTerm(record.abstract ?? ''),
    tags: record.tags.join(' '),
    note: foldTerm(record.note),
  };
  return { id: record.id, fields, meta: metaOf(record) };
}

export interface ScanHit {
  id: PaperId;
  score: number;
}

/** Papers containing every query word (as a substring, so prefixes match; no typo tolerance) and every phrase. */
export function linearScan(entries: readonly ScanEntry[], query: ParsedQuery, limit: number): ScanHit[] {
  const words = query.words.flatMap(tokenizeText).map(processTerm).filter((word): word is string => !!word);
  const phrases = query.phrases.map((phrase) => foldTerm(phrase));
  const filtered = hasFilters(query.filters);
  const hits: ScanHit[] = [];
  for (const entry of entries) {
    if (filtered && !matchesFilters(entry.meta, query.filters)) continue;
    let score = 0;
    let matchesAll = true;
    for (const needle of [...words, ...phrases]) {
      let best = 0;
      for (const field of SEARCH_FIELDS) {
        if (FIELD_BOOSTS[field] > best && entry.fields[field].includes(needle)) best = FIELD_BOOSTS[field];
      }
      if (!best) {
        matchesAll = false;
        break;
      }
      score += best;
    }
    if (matchesAll) hits.push({ id: entry.id, score: score || entry.meta.z });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}
