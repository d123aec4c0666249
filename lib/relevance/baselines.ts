import type { CorpusStats } from './corpus';
import { termCounts, type PaperText } from './terms';
import { tfidfVector } from './vectors';

/** A ranker fitted to one user: higher scores rank first. Baselines for the offline evaluation only. */
export type Scorer = (paper: PaperText) => number;

/**
 * "BM25 to the saved centroid": the saved papers' tf-idf vectors averaged into one query (its 64 heaviest terms),
 * each card scored by Okapi BM25 (k1 = 1.2, b = 0.75) with the query weights. One interest, no per-paper view.
 */
export function bm25Centroid(saved: readonly PaperText[], corpus: CorpusStats, averageLength: number): Scorer {
  const centroid = new Map<string, number>();
  for (const paper of saved) {
    const vector = tfidfVector(termCounts(paper), corpus);
    vector.terms.forEach((term, i) => centroid.set(term, (centroid.get(term) ?? 0) + vector.weights[i] / saved.length));
  }
  const query = [...centroid].sort((a, b) => b[1] - a[1]).slice(0, 64);
  const k1 = 1.2;
  const b = 0.75;
  const n = corpus.size;
  return (paper) => {
    const counts = termCounts(paper);
    let length = 0;
    for (const count of counts.values()) length += count;
    let score = 0;
    for (const [term, weight] of query) {
      const tf = counts.get(term);
      if (!tf) continue;
      const df = corpus.documentFrequency(term);
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      score += weight * idf * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / averageLength)));
    }
    return score;
  };
}

/**
 * arxiv-sanity(-lite)'s method: tf-idf over unigrams and bigrams, a linear SVM with the saved papers as positives and
 * every other paper of the corpus as negatives (class weights balanced, C = 0.01, as its `LinearSVC` call), cards
 * ranked by the decision value. Solved here by dual coordinate descent for the L1-loss SVM (Hsieh et al., 2008),
 * the solver liblinear uses; a constant feature stands for the intercept.
 */
export function tfidfSvm(
  saved: readonly PaperText[],
  negatives: readonly PaperText[],
  corpus: CorpusStats,
  { c = 0.01, epochs = 200 }: { c?: number; epochs?: number } = {},
): Scorer {
  // Terms become dense ids so the solver's inner loop runs over typed arrays.
  const ids = new Map<string, number>();
  const idOf = (term: string) => {
    let id = ids.get(term);
    if (id === undefined) ids.set(term, (id = ids.size));
    return id;
  };
  const examples: Array<{ x: Int32Array; v: Float64Array; y: number; bound: number }> = [];
  const n = saved.length + negatives.length;
  const push = (papers: readonly PaperText[], y: number) => {
    const bound = (c * n) / (2 * papers.length);
    for (const paper of papers) {
      const vector = tfidfVector(termCounts(paper), corpus);
      examples.push({ x: Int32Array.from(vector.terms, idOf), v: vector.weights, y, bound });
    }
  };
  push(saved, 1);
  push(negatives, -1);
  const w = new Float64Array(ids.size);
  let bias = 0;
  const alpha = new Float64Array(examples.length);
  const order = examples.map((_, i) => i);
  let seed = 1;
  for (let epoch = 0; epoch < epochs; epoch++) {
    // A fixed shuffle sequence keeps the baseline deterministic.
    for (let i = order.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const j = seed % (i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    let change = 0;
    for (const i of order) {
      const { x, v, y, bound } = examples[i];
      let margin = bias;
      for (let t = 0; t < x.length; t++) margin += w[x[t]] * v[t];
      // Unit tf-idf vector plus the constant feature: squared norm 2.
      const next = Math.min(Math.max(alpha[i] - (y * margin - 1) / 2, 0), bound);
      const step = (next - alpha[i]) * y;
      if (step === 0) continue;
      change = Math.max(change, Math.abs(next - alpha[i]));
      alpha[i] = next;
      for (let t = 0; t < x.length; t++) w[x[t]] += step * v[t];
      bias += step;
    }
    if (change < 1e-7) break;
  }
  return (paper) => {
    const x = tfidfVector(termCounts(paper), corpus);
    let score = bias;
    x.terms.forEach((term, t) => {
      const id = ids.get(term);
      if (id !== undefined) score += w[id] * x.weights[t];
    });
    return score;
  };
}
