import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, type EvalRow, type Method } from '../../lib/relevance/evaluation';
import { FeatureCorpus } from '../../lib/relevance/features';
import { InterestModel, type LabelledPaper } from '../../lib/relevance/interest-model';
import { relevanceSeeds } from '../helpers/relevance-seeds';

const seeds = relevanceSeeds();


function mean(rows: readonly EvalRow[], method: Method, scenario: EvalRow['scenario']): number {
  const mine = rows.filter((row) => row.method === method && row.scenario === scenario);
  return mine.reduce((sum, row) => sum + row.ndcg + row.precision, 0) / (2 * mine.length);
}

describe('the offline evaluation (docs/relevance.md)', () => {
  let rows: EvalRow[] = [];
  beforeAll(() => {
    rows = evaluate({ ...seeds, savedCounts: [5, 10, 20], trials: 2 });
  }, 300_000);

  it('ranks a listing far better than its own order once five papers are saved', () => {
    expect(mean(rows, 'interest-knn', 'listings')).toBeGreaterThan(1.3 * mean(rows, 'listing', 'listings'));
  });

  it('lowers the cards most like a hidden paper on the next page', () => {
    const like = (scenario: EvalRow['scenario']) => {
      const mine = rows.filter((row) => row.method === 'interest-knn' && row.scenario === scenario);
      return mine.reduce((sum, row) => sum + row.hiddenLikeRank!, 0) / mine.length;
    };
    expect(like('after-hide')).toBeGreaterThan(like('next-page') + 0.05);
  });

  it('beats the listing order, BM25-to-centroid and the tf-idf SVM on hard lists (same words, other topic)', () => {
    const shipped = mean(rows, 'interest-knn', 'hard');
    for (const baseline of ['listing', 'bm25-centroid', 'tfidf-svm'] as const) expect(shipped).toBeGreaterThan(mean(rows, baseline, 'hard'));
  });
}, 120_000);

const seedPaper = (index: number, change: Partial<LabelledPaper> = {}): LabelledPaper => ({
  ...seeds.papers[index],
  saved: true,
  dismissed: false,
  tags: [],
  ...change,
});

describe('InterestModel', () => {
  const corpus = FeatureCorpus.of(seeds.papers);
  const probes = seeds.papers.slice(100, 140);

  it('after saves, tags, hides and undos equals a model rebuilt from the final verdicts', () => {
    const incremental = new InterestModel(corpus);
    const final = new Map<string, LabelledPaper>();
    const apply = (paper: LabelledPaper) => {
      incremental.apply(paper);
      final.set(paper.id, paper);
    };
    for (let i = 0; i < 30; i++) apply(seedPaper(i, { tags: i % 3 === 0 ? ['a'] : [] }));
    for (let i = 30; i < 40; i++) apply(seedPaper(i, { saved: false, dismissed: true }));
    for (let i = 0; i < 30; i += 4) apply(seedPaper(i, { saved: false })); // unsaved again
    for (let i = 30; i < 40; i += 3) apply(seedPaper(i, { saved: true, tags: ['b'] })); // hidden, then saved
    apply(seedPaper(5, { tags: ['a', 'b'] }));
    const rebuilt = new InterestModel(corpus);
    for (const paper of final.values()) rebuilt.apply(paper);
    expect(incremental.savedCount).toBe(rebuilt.savedCount);
    expect(incremental.dismissedCount).toBe(rebuilt.dismissedCount);
    for (const probe of probes) {
      const a = incremental.score(probe);
      const b = rebuilt.score(probe);
      expect(a.score).toBeCloseTo(b.score, 9);
      expect(a.tag).toBe(b.tag);
      expect(a.like.map((like) => like.id)).toEqual(b.like.map((like) => like.id));
    }
  });

  it('hiding a paper lowers the papers like it, and saving raises them', () => {
    const model = new InterestModel(corpus);
    for (let i = 0; i < 10; i++) model.apply(seedPaper(i));
    const target = seeds.papers[200];
    const twin = { ...target, id: 'twin' };
    const before = model.score(target).score;
    model.apply({ ...twin, saved: false, dismissed: true, tags: [] });
    const hidden = model.score(target).score;
    expect(hidden).toBeLessThan(before);
    model.apply({ ...twin, saved: true, dismissed: false, tags: [] });
    expect(model.score(target).score).toBeGreaterThan(before);
  });

  it('names the tag whose papers carry the match, and the saved papers it resembles', () => {
    const model = new InterestModel(corpus);
    // Page membership is the topic (the search captures): 001 is clustering, 000 distributed training.
    const [distributed, clusteringPage] = seeds.pages;
    const onDistributed = new Set(distributed.ids);
    const byId = new Map(seeds.papers.map((paper) => [paper.id, paper]));
    const clustering = clusteringPage.ids.filter((id) => !onDistributed.has(id)).map((id) => byId.get(id)!);
    const others = distributed.ids.filter((id) => !clusteringPage.ids.includes(id)).slice(0, 8).map((id) => byId.get(id)!);
    clustering.slice(0, 5).forEach((paper) => model.apply({ ...paper, saved: true, dismissed: false, tags: ['clustering'] }));
    others.forEach((paper) => model.apply({ ...paper, saved: true, dismissed: false, tags: ['distributed'] }));
    const result = model.score(clustering[6]);
    expect(result.tag).toBe('clustering');
    expect(result.like.length).toBeGreaterThanOrEqual(2);
    const taggedIds = new Set(clustering.slice(0, 5).map((paper) => paper.id));
    for (const like of result.like) expect(taggedIds.has(like.id)).toBe(true);
  });
});
