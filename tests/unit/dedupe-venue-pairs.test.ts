import { describe, expect, it } from 'vitest';
import { evaluateVenuePairs, loadVenuePairs } from '../fixtures/near-duplicates/venue-evaluate';

describe('preprint/proceedings pairs (docs/near-duplicates.md)', () => {
  const figures = evaluateVenuePairs();

  it('has the pairs the figures are stated for', () => {
    const pairs = loadVenuePairs();
    expect(pairs.length).toBeGreaterThanOrEqual(100);
    expect(pairs.filter((pair) => pair.renamed).length).toBeGreaterThanOrEqual(9);
    expect(new Set(pairs.map((pair) => pair.site))).toEqual(new Set(['neurips', 'pmlr', 'openreview', 'acl', 'cvf', 'other']));
  });

  it('the title rule joins every pair whose title kept its words, and never a wrong one', () => {
    expect(figures.identity.wrong).toBe(0);
    const kept = figures.identity.of - figures.renamed.of;
    // Only "Segment Anything" is left apart: two words are too few to name a work.
    expect(figures.identity.found).toBe(kept - 1);
  });

  it('with the seen-paper check: precision 1, recall at least 0.93, and some renamed pairs caught', () => {
    expect(figures.combined.wrong).toBe(0);
    expect(figures.combined.precision).toBe(1);
    expect(figures.combined.recall).toBeGreaterThanOrEqual(0.93);
    expect(figures.renamed.nearDuplicate).toBeGreaterThanOrEqual(3);
  });
});
