import { bm25Centroid, tfidfSvm } from './baselines';
import { CorpusStats } from './corpus';
import { sparseDot } from './example-index';
import { FeatureCorpus, paperFeatures, weigh } from './features';
import { InterestModel, type InterestModelOptions } from './interest-model';
import { ndcgAt, precisionAt } from './metrics';
import { termCounts, type PaperText } from './terms';

/**
 * The offline evaluation of docs/relevance.md: simulated users built from the seed pages. A topic is one search
 * capture's result list; its user saved some of those papers and then opens the other pages; the topic's other
 * papers are the relevant ones. Hard lists hold only papers sharing the topic's word (the same words, another topic).
 */
export interface EvalPaper extends PaperText {
  id: string;
}

export interface EvalPage {
  name: string;
  ids: readonly string[];
}

export interface EvalTopic {
  name: string;
  /** The page whose papers make the topic. */
  page: string;
  /** The topic's word: other topics' papers containing it are the hard negatives. */
  word: RegExp;
}

export const METHODS = ['listing', 'bm25-centroid', 'tfidf-svm', 'interest-knn'] as const;
export type Method = (typeof METHODS)[number];
export type Scenario = 'listings' | 'hard' | 'next-page' | 'after-hide';

export interface EvalRow {
  method: Method;
  scenario: Scenario;
  saved: number;
  precision: number;
  ndcg: number;
  /** Ranked lists averaged over (users × pages). */
  lists: number;
  /**
   * After-hide and next-page rows: where the card most like each hidden paper ranks on the next page, as a share of
   * the list (0 = top, 1 = bottom), averaged over the hidden papers: how much a hide lowers similar cards.
   */
  hiddenLikeRank?: number;
}

export interface EvalOptions {
  papers: readonly EvalPaper[];
  pages: readonly EvalPage[];
  topics: readonly EvalTopic[];
  savedCounts?: readonly number[];
  trials?: number;
  methods?: readonly Method[];
  model?: InterestModelOptions;
}

/** Deterministic PRNG (mulberry32): the same simulated users on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample<T>(items: readonly T[], count: number, next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
}

type Ranker = (candidates: readonly EvalPaper[]) => string[];

/** Sorts by score, the listing's order breaking ties (a ranker that knows nothing keeps the page's order). */
function byScore(score: (paper: EvalPaper) => number): Ranker {
  return (candidates) =>
    candidates
      .map((paper, position) => ({ id: paper.id, position, score: score(paper) }))
      .sort((a, b) => b.score - a.score || a.position - b.position)
      .map((entry) => entry.id);
}

interface User {
  saved: EvalPaper[];
  hidden: EvalPaper[];
}

interface Corpora {
  /** Term strings, for the baselines. */
  terms: CorpusStats;
  /** Hashed terms, for the shipped model (features.ts). */
  features: FeatureCorpus;
}

function rankerFor(method: Method, user: User, papers: readonly EvalPaper[], { terms: corpus, features }: Corpora, averageLength: number, model?: InterestModelOptions): Ranker {
  switch (method) {
    case 'listing':
      return (candidates) => candidates.map((paper) => paper.id);
    case 'bm25-centroid':
      return byScore(bm25Centroid(user.saved, corpus, averageLength));
    case 'tfidf-svm': {
      const savedIds = new Set(user.saved.map((paper) => paper.id));
      return byScore(tfidfSvm(user.saved, papers.filter((paper) => !savedIds.has(paper.id)), corpus));
    }
    case 'interest-knn': {
      const knn = new InterestModel(features, model);
      for (const paper of papers) knn.observe(paper);
      for (const paper of user.saved) knn.apply({ ...paper, saved: true, dismissed: false, tags: [] });
      for (const paper of user.hidden) knn.apply({ ...paper, saved: false, dismissed: true, tags: [] });
      return byScore((paper) => knn.score(paper).score);
    }
  }
}

/** Runs every method on every simulated user; figures are means over users and their lists. */
export function evaluate(options: EvalOptions): EvalRow[] {
  const { papers, pages, topics } = options;
  const savedCounts = options.savedCounts ?? [5, 10, 20];
  const trials = options.trials ?? 5;
  const methods = options.methods ?? METHODS;
  const byId = new Map(papers.map((paper) => [paper.id, paper]));
  // The user's corpus is every paper of the seeds: what a reader of these pages has seen.
  const corpus = new CorpusStats();
  let totalLength = 0;
  for (const paper of papers) {
    const counts = termCounts(paper);
    corpus.add(counts.keys());
    for (const count of counts.values()) totalLength += count;
  }
  const averageLength = totalLength / papers.length;
  const corpora: Corpora = { terms: corpus, features: FeatureCorpus.of(papers) };
  const vectors = new Map<string, { ids: Int32Array; weights: Float32Array }>();
  const vectorOf = (paper: EvalPaper) => {
    let vector = vectors.get(paper.id);
    if (!vector) {
      const features = paperFeatures(paper);
      vectors.set(paper.id, (vector = { ids: features.ids, weights: weigh(features, corpora.features) }));
    }
    return vector;
  };
  /** For each hidden paper, the position (share of the list) of the candidate most like it. */
  const hiddenLikeRank = (ranked: readonly string[], candidates: readonly EvalPaper[], hidden: readonly EvalPaper[]) => {
    const position = new Map(ranked.map((id, i) => [id, i / Math.max(1, ranked.length - 1)]));
    let sum = 0;
    for (const paper of hidden) {
      const h = vectorOf(paper);
      let best: EvalPaper | null = null;
      let bestSimilarity = -1;
      for (const candidate of candidates) {
        const c = vectorOf(candidate);
        const similarity = sparseDot(h.ids, h.weights, c.ids, c.weights);
        if (similarity > bestSimilarity) [best, bestSimilarity] = [candidate, similarity];
      }
      sum += best ? position.get(best.id)! : 0;
    }
    return hidden.length ? sum / hidden.length : 0;
  };
  const sums = new Map<string, EvalRow>();
  const record = (method: Method, scenario: Scenario, saved: number, ranked: string[], relevant: Set<string>, likeRank?: number) => {
    const key = `${method}|${scenario}|${saved}`;
    const row = sums.get(key) ?? { method, scenario, saved, precision: 0, ndcg: 0, lists: 0 };
    if (likeRank !== undefined) row.hiddenLikeRank = (row.hiddenLikeRank ?? 0) + likeRank;
    row.precision += precisionAt(10, ranked, relevant);
    row.ndcg += ndcgAt(10, ranked, relevant);
    row.lists += 1;
    sums.set(key, row);
  };

  topics.forEach((topic, topicIndex) => {
    const home = pages.find((page) => page.name === topic.page);
    if (!home) throw new Error(`no page ${topic.page}`);
    const members = [...new Set(home.ids)];
    const relevantAll = new Set(members);
    const others = pages.filter((page) => page !== home);
    for (const count of savedCounts) {
      for (let trial = 0; trial < trials; trial++) {
        const next = random(1000 * topicIndex + 97 * count + trial + 1);
        const saved = sample(members, count, next).map((id) => byId.get(id)!);
        const savedIds = new Set(saved.map((paper) => paper.id));
        const relevant = new Set([...relevantAll].filter((id) => !savedIds.has(id)));
        const candidatesOf = (ids: readonly string[], excluded: Set<string>) =>
          [...new Set(ids)].filter((id) => !excluded.has(id)).map((id) => byId.get(id)!);
        // Hard list: the topic's unsaved papers that use its word, and the other topics' papers that do too.
        const hardList = papers.filter((paper) => !savedIds.has(paper.id) && topic.word.test(`${paper.title} ${paper.abstract ?? ''}`));
        for (const method of methods) {
          const rank = rankerFor(method, { saved, hidden: [] }, papers, corpora, averageLength, options.model);
          for (const page of others) record(method, 'listings', count, rank(candidatesOf(page.ids, savedIds)), relevant);
          if (hardList.some((paper) => relevant.has(paper.id))) record(method, 'hard', count, rank(hardList), relevant);
        }
        // Feedback: on each page the user hides the unwanted cards of the model's top ten; the next page is
        // ranked with those hides. Only the model that learns from hides is run here.
        if (methods.includes('interest-knn')) {
          const hidden: EvalPaper[] = [];
          const seenIds = new Set(savedIds);
          for (const page of others) {
            const candidates = candidatesOf(page.ids, seenIds);
            const ranked = rankerFor('interest-knn', { saved, hidden }, papers, corpora, averageLength, options.model)(candidates);
            if (hidden.length > 0) {
              // The same cards ranked without the hides, for comparison.
              const unhelped = rankerFor('interest-knn', { saved, hidden: [] }, papers, corpora, averageLength, options.model)(candidates);
              record('interest-knn', 'next-page', count, unhelped, relevant, hiddenLikeRank(unhelped, candidates, hidden));
              record('interest-knn', 'after-hide', count, ranked, relevant, hiddenLikeRank(ranked, candidates, hidden));
            }
            for (const id of ranked.slice(0, 10)) if (!relevant.has(id)) hidden.push(byId.get(id)!);
            for (const paper of candidates) seenIds.add(paper.id);
          }
        }
      }
    }
  });
  return [...sums.values()].map((row) => ({
    ...row,
    precision: row.precision / row.lists,
    ndcg: row.ndcg / row.lists,
    ...(row.hiddenLikeRank === undefined ? {} : { hiddenLikeRank: row.hiddenLikeRank / row.lists }),
  }));
}

/** The docs' table: one line per method and saved count. */
export function formatTable(rows: readonly EvalRow[]): string {
  const lines = ['| scenario | saved | method | P@10 | NDCG@10 | lists | hidden-like rank |', '|---|---:|---|---:|---:|---:|---:|'];
  for (const row of rows) {
    const like = row.hiddenLikeRank === undefined ? '' : row.hiddenLikeRank.toFixed(3);
    lines.push(`| ${row.scenario} | ${row.saved} | ${row.method} | ${row.precision.toFixed(3)} | ${row.ndcg.toFixed(3)} | ${row.lists} | ${like} |`);
  }
  return lines.join('\n');
}
