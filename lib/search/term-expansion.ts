import { fuzzyDistance, MATCH_WEIGHTS, MIN_PREFIX_LENGTH } from './document';
import type { Vocabulary } from './vocabulary';

/** A processed query term; phrase words match exactly, loose words also by prefix and (in the head) with typos. */
export interface QueryTerm {
  text: string;
  exact: boolean;
}

/** Longer completions and more edits count for less, as in MiniSearch's scoring. */
function weight(base: number, length: number, distance: number): number {
  return (base * length) / (length + 0.3 * distance);
}

// While a query is typed its earlier words repeat on every keystroke: their expansions are remembered per vocabulary
// (vocabularies are immutable, so an entry never goes stale; a replaced one is dropped with it).
const CACHE_LIMIT = 64;
const cache = new WeakMap<Vocabulary, Map<string, Map<number, number>>>();

/** Vocabulary positions the term matches, each with the weight of that match. */
export function expandTerm(vocabulary: Vocabulary, term: QueryTerm, withTypos: boolean): ReadonlyMap<number, number> {
  let entries = cache.get(vocabulary);
  if (!entries) cache.set(vocabulary, (entries = new Map()));
  const key = `${term.exact ? '=' : withTypos ? '~' : '*'}${term.text}`;
  let found = entries.get(key);
  if (!found) {
    if (entries.size >= CACHE_LIMIT) entries.delete(entries.keys().next().value!);
    found = expand(vocabulary, term, withTypos);
  } else {
    entries.delete(key);
  }
  entries.set(key, found);
  return found;
}

function expand(vocabulary: Vocabulary, term: QueryTerm, withTypos: boolean): Map<number, number> {
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
  const maxDistance = withTypos ? fuzzyDistance(text) : 0;
  if (maxDistance > 0) {
    vocabulary.fuzzy(text, maxDistance, (position, distance) => {
      if (distance === 0) return;
      const fuzzy = weight(MATCH_WEIGHTS.fuzzy, text.length, distance);
      if (fuzzy > (found.get(position) ?? 0)) found.set(position, fuzzy);
    });
  }
  return found;
}
