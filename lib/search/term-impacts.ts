import { FIELD_BOOSTS } from './document';

/**
 * BM25's per-document half for an abstract's term (term frequency saturated by the abstract's length, times the
 * field boost), computed once at indexing time and stored as one byte per posting; the query multiplies it by the
 * term's rarity. Lengths are measured against a fixed typical length rather than the library's average, so an impact
 * never needs recomputing when other papers are added.
 */
const K1 = 1.2;
const B = 0.7;
const TYPICAL_ABSTRACT_LENGTH = 150;

/** Impacts are stored as round(impact × IMPACT_SCALE) in a byte. */
export const IMPACT_SCALE = 10;

/** The stored impact of a term occurring `tf` times in an abstract of `length` indexed terms. */
export function abstractImpact(tf: number, length: number): number {
  const norm = K1 * (1 - B + (B * length) / TYPICAL_ABSTRACT_LENGTH);
  const impact = (FIELD_BOOSTS.abstract * tf * (K1 + 1)) / (tf + norm);
  return Math.max(1, Math.min(255, Math.round(impact * IMPACT_SCALE)));
}
