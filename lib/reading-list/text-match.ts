import type { PaperRecord } from '../paper';

/** Case, accents and Unicode forms folded so "Schrödinger" finds "schrodinger" and vice versa. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/**
 * Splits a query into terms: words, or "quoted phrases" kept whole. Every term must occur somewhere in a paper
 * (title, authors, abstract, summary, tags, note) as a substring, so "transf" finds "Transformers".
 */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const match of foldText(query).matchAll(/"([^"]*)"?|(\S+)/g)) {
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
    haystack = foldText(
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
