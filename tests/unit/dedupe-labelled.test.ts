import { describe, expect, it } from 'vitest';
import { ABSTRACT_THRESHOLD, TITLE_THRESHOLD } from '../../lib/dedupe/near-duplicate-score';
import { evaluatePipeline, loadLabelledSet, pairScores } from '../fixtures/near-duplicates/evaluate';

const set = loadLabelledSet();

describe('labelled near-duplicate set', () => {
  it('has the size the figures are stated for, with the real pair positive', () => {
    const positives = set.pairs.filter((p) => p.duplicate);
    const negatives = set.pairs.filter((p) => !p.duplicate);
    expect(positives.length).toBeGreaterThanOrEqual(40);
    expect(negatives.length).toBeGreaterThanOrEqual(400);
    expect(negatives.filter((p) => p.kind.startsWith('hard')).length).toBeGreaterThanOrEqual(100);
    expect(positives.filter((p) => p.kind === 'real')).toEqual([
      { a: 'arxiv:2008.14694', b: 'arxiv:1810.07479', duplicate: true, kind: 'real' },
    ]);
  });

  it('keeps a margin between every version pair and the hardest distinct pair at the abstract threshold', () => {
    const scores = pairScores(set, 'title-and-abstract');
    const lowestPositive = Math.min(...scores.filter((s) => s.duplicate).map((s) => s.score));
    const highestNegative = Math.max(...scores.filter((s) => !s.duplicate).map((s) => s.score));
    expect(lowestPositive).toBeGreaterThanOrEqual(ABSTRACT_THRESHOLD + 0.1);
    expect(highestNegative).toBeLessThanOrEqual(ABSTRACT_THRESHOLD - 0.25);
  });

  it('whole pipeline with abstracts: precision and recall as stated in docs/near-duplicates.md', () => {
    const { labelled, allPairs } = evaluatePipeline(set, 'title-and-abstract');
    expect(labelled.recall).toBeGreaterThanOrEqual(0.95);
    expect(labelled.precision).toBeGreaterThanOrEqual(0.98);
    expect(allPairs.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('whole pipeline with titles only: never wrong, finds the versions that keep their title', () => {
    const scores = pairScores(set, 'title-only');
    expect(Math.max(...scores.filter((s) => !s.duplicate).map((s) => s.score))).toBeLessThan(TITLE_THRESHOLD);
    const { labelled, allPairs } = evaluatePipeline(set, 'title-only');
    expect(labelled.precision).toBe(1);
    expect(allPairs.precision).toBe(1);
    expect(labelled.recall).toBeGreaterThanOrEqual(0.55);
  });
});
