import type { CorpusStats } from './corpus';

/** A sparse, L2-normalised tf-idf vector: parallel term and weight arrays. */
export interface SparseVector {
  terms: string[];
  weights: Float64Array;
}

/** Sublinear tf (1 + log tf) times idf, normalised to unit length: cosine similarity is then a dot product. */
export function tfidfVector(counts: ReadonlyMap<string, number>, corpus: CorpusStats): SparseVector {
  const terms = [...counts.keys()];
  const weights = new Float64Array(terms.length);
  let norm = 0;
  terms.forEach((term, i) => {
    const weight = (1 + Math.log(counts.get(term) as number)) * corpus.idf(term);
    weights[i] = weight;
    norm += weight * weight;
  });
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < weights.length; i++) weights[i] /= norm;
  return { terms, weights };
}

export function asMap(vector: SparseVector): Map<string, number> {
  return new Map(vector.terms.map((term, i) => [term, vector.weights[i]]));
}

export function dot(a: SparseVector, b: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (let i = 0; i < a.terms.length; i++) sum += a.weights[i] * (b.get(a.terms[i]) ?? 0);
  return sum;
}
