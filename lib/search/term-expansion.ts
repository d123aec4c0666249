import { MATCH_WEIGHTS, MIN_PREFIX_LENGTH } from './document';
import type { Vocabulary } from './vocabulary';

/** A processed query term; phrase words match exactly, loose words also by prefix (and in the head, with typos). */
export interface QueryTerm {
  text: string;
  exact: boolean;
}

/** Longer completions count for less, as in MiniSearch's scoring of the head. */
function weight(base: number, length: number, extra: number): number {
  return (base * length) / (length + 0.3 * extra);
}

// While a query is typed its earlier words repeat on every keystroke: their expansions are remembered per vocabulary
// (vocabularies are immutable, so an entry never goes stale; a replaced one is dropped with it).
const CACHE_LIMIT = 64;
const cache = new WeakMap<Vocabulary, Map<string, Map<number, number>>>();

/** Vocabulary positions the term matches exactly or by prefix, each with the weight of that match. */
export function expandTerm(vocabulary: Vocabulary, term: QueryTerm): ReadonlyMap<number, number> {
  let entries = cache.get(vocabulary);
  if (!entries) cache.set(vocabulary, (entries = new Map()));
  const key = `${term.exact ? '=' : '*'}${term.text}`;
  let found = entries.get(key);
  if (!found) {
    if (entries.size >= CACHE_LIMIT) entries.delete(entries.keys().next().value!);
    found = expand(vocabulary, term);
  } else {
    entries.delete(key);
  }
  entries.set(key, found);
  return found;
}

function expand(vocabulary: Vocabulary, term: QueryTerm): Map<number, number> {
  const found = new Map<number, number>();
  const { text } = term;
  const exact = vocabulary.indexOf(text);
  if (exact >= 0) found.set(exact, MATCH_WEIGHTS.exact);
  if (term.exact) return found;
  if (text.length >= MIN_PREFIX_LENGTH) {
    const [start, end] = vocabulary.prefixRange(text);
    for (let position = start; position < end; position += 1) {
      if (position !== exact) found.set(position, weight(MATCH_WEIGHTS.prefix, text.length, vocabulary.terms[position].length - text.length));
    }
  }
  return found;
}
