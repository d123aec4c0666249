import type { PaperId } from '../ids';
import type { PaperRecord } from '../paper';
import { yearOf } from './links';
import { asciiFold, splitName } from './names';

/** Words skipped when picking the title word of a key, so "A Survey of …" gives `…2025survey`. */
const SKIPPED_WORDS = new Set([
  'a', 'an', 'the', 'on', 'of', 'in', 'for', 'to', 'and', 'with', 'from', 'by', 'at', 'towards', 'toward', 'via', 'is',
  'are', 'do', 'does', 'how', 'what', 'when', 'why',
]);

type KeyedPaper = Pick<PaperRecord, 'id' | 'title' | 'authors' | 'organization' | 'published'>;

function keySurname(paper: KeyedPaper): string {
  const first = paper.authors[0];
  const surname = first ? asciiFold(splitName(first).last) : '';
  if (surname) return surname;
  const organization = paper.organization ? asciiFold(paper.organization.split(/\s+/)[0]) : '';
  return organization || 'anon';
}

function keyWord(title: string): string {
  // Math and commands are not words: "$\times$" must not become "times".
  const words = title.replace(/\$[^$]*\$/g, ' ').replace(/\\[A-Za-z]+/g, ' ').split(/[\s\-–—:/]+/);
  for (const word of words) {
    const folded = asciiFold(word);
    if (folded && !SKIPPED_WORDS.has(folded)) return folded;
  }
  return '';
}

/** `lastname2025firstword`: first author's family name, year, first significant title word. */
export function baseCitationKey(paper: KeyedPaper): string {
  return `${keySurname(paper)}${yearOf(paper.published) ?? ''}${keyWord(paper.title)}`;
}

function suffix(n: number): string {
  let out = '';
  for (let k = n; k >= 0; k = Math.floor(k / 26) - 1) out = String.fromCharCode(97 + (k % 26)) + out;
  return out;
}

/**
 * Unique keys for a set of papers. Papers sharing a base key are ordered by id: the first keeps the base key, the
 * others get `a`, `b`, … (skipping any key another paper has as its own), so the same set of papers always gets
 * the same keys, whatever order it comes in.
 */
export function citationKeys(papers: readonly KeyedPaper[]): Map<PaperId, string> {
  const groups = new Map<string, PaperId[]>();
  for (const paper of papers) {
    const base = baseCitationKey(paper);
    const group = groups.get(base);
    if (group) {
      if (!group.includes(paper.id)) group.push(paper.id);
    } else {
      groups.set(base, [paper.id]);
    }
  }
  const taken = new Set(groups.keys());
  const keys = new Map<PaperId, string>();
  for (const base of [...groups.keys()].sort()) {
    const [first, ...rest] = groups.get(base)!.sort();
    keys.set(first, base);
    let n = 0;
    for (const id of rest) {
      while (taken.has(base + suffix(n))) n++;
      const key = base + suffix(n);
      taken.add(key);
      keys.set(id, key);
    }
  }
  return keys;
}
