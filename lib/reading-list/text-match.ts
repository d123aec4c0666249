import type { PaperRecord } from '../paper';
import { foldTerm } from '../search/document';

/*
 * The reading list filters a plain list of the user's saved papers, so it matches substrings rather than ranking
 * through the search index; it folds case and accents exactly as the search does ("Schrödinger" ≡ "schrodinger").
 */

/**
 * Splits a query into terms: words, or "quoted phrases" kept whole. Every term must occur somewhere in a paper
 * (title, authors, abstract, summary, tags, note) as a substring, so "transf" finds "Transformers".
 */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const match of foldTerm(query).matchAll(/"([^"]*)"?|(\S+)/g)) {
    const term = (match[1] ?? match[2]).trim().replace(/\s+/g, ' ');
    if (term) terms.push(term);
  }
  return terms;
}

// Records are immutable snapshots (every write stores a new object), so a haystack per object never goes stale.
const haystacks = new WeakMap<PaperRecord, string>();

function haystackOf(record: PaperRecord): string {
  let haystack = haystacks.get(record);
  if (haystack === undefined) {
    haystack = foldTerm(
      [record.title, record.authors.join(' · '), record.abstract ?? '', record.summary ?? '', record.tags.join(' · '), record.note]
        .join('\n')
        .replace(/[ \t]+/g, ' '),
    );
    haystacks.set(record, haystack);
  }
  return haystack;
}

export function matchesTerms(record: PaperRecord, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const haystack = haystackOf(record);
  return terms.every((term) => haystack.includes(term));
}
