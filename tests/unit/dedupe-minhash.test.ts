import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fmix32, hashString, hashWords } from '../../lib/dedupe/hash32';
import { estimateJaccard, minHash } from '../../lib/dedupe/minhash';
import { exactJaccard, intersectionSize, shingleSet } from '../../lib/dedupe/shingles';
import { similarityWords } from '../../lib/dedupe/words';

const VOCABULARY = Array.from({ length: 400 }, (_, i) => `w${i.toString(36)}x`);

describe('similarityWords', () => {
  it('folds case, accents, punctuation and inline TeX like title fingerprints, and drops stop words', () => {
    expect(similarityWords('A 3.2$\\times$ speed-up of the Café model')).toEqual(['3', '2', 'speed', 'cafe', 'model']);
    expect(similarityWords('A 3.2× Speed-Up of the CAFÉ Model')).toEqual(similarityWords('a 3.2 $\\times$ speed up OF THE cafe model'));
  });

  it('is empty for text without words', () => {
    expect(similarityWords(' — … ')).toEqual([]);
  });
});

describe('hash32', () => {
  it('is deterministic and spreads nearby inputs', () => {
    expect(hashString('medoid')).toBe(hashString('medoid'));
    expect(hashString('medoid')).not.toBe(hashString('medoids'));
    expect(hashWords([1, 2, 3])).not.toBe(hashWords([3, 2, 1]));
    expect(new Set(Array.from({ length: 1000 }, (_, i) => fmix32(i))).size).toBe(1000);
  });

  it('gives unsigned 32-bit values', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'Ünïcödé']) {
      const value = hashString(text);
      expect(Number.isInteger(value) && value >= 0 && value < 2 ** 32).toBe(true);
    }
  });
});

describe('shingleSet', () => {
  it('hashes each run of k consecutive words once, sorted', () => {
    const set = shingleSet(['a', 'b', 'c', 'a', 'b', 'c'], 3);
    expect(set.length).toBe(3); // abc, bca, cab — the second abc is the same shingle
    expect([...set]).toEqual([...set].sort((x, y) => x - y));
  });

  it('keeps word order: the same words in another order are other shingles', () => {
    expect(exactJaccard(shingleSet(['x', 'y', 'z', 'w'], 2), shingleSet(['w', 'z', 'y', 'x'], 2))).toBe(0);
  });

  it('gives a text shorter than k a single shingle, and no words none', () => {
    expect(shingleSet(['only', 'two'], 3).length).toBe(1);
    expect(shingleSet([], 3).length).toBe(0);
  });
});

describe('minHash', () => {
  const setOf = (words: string[]) => shingleSet(words, 1);

  it('estimates 1 for identical sets and about 0 for disjoint ones', () => {
    const words = VOCABULARY.slice(0, 120);
    expect(estimateJaccard(minHash(setOf(words), 128), minHash(setOf([...words]), 128))).toBe(1);
    const disjoint = estimateJaccard(minHash(setOf(VOCABULARY.slice(0, 150)), 128), minHash(setOf(VOCABULARY.slice(150, 300)), 128));
    expect(disjoint).toBeLessThanOrEqual(0.03);
  });

  it('estimates the exact Jaccard of random pairs within sampling error, without bias', () => {
    const errors: number[] = [];
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...VOCABULARY), { minLength: 20, maxLength: 200 }),
        fc.uniqueArray(fc.constantFrom(...VOCABULARY), { minLength: 20, maxLength: 200 }),
        fc.integer({ min: 0, max: 100 }),
        (left, right, sharedPercent) => {
          // Make overlaps of every size, not only the small ones two random subsets would have.
          const shared = left.slice(0, Math.floor((left.length * sharedPercent) / 100));
          const a = setOf(left);
          const b = setOf([...new Set([...shared, ...right])]);
          const error = estimateJaccard(minHash(a, 128), minHash(b, 128)) - exactJaccard(a, b);
          errors.push(error);
          // 128 permutations: standard error ≤ 0.045; 0.2 is beyond 4 standard errors.
          expect(Math.abs(error)).toBeLessThan(0.2);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
    const meanError = errors.reduce((sum, e) => sum + e, 0) / errors.length;
    expect(Math.abs(meanError)).toBeLessThan(0.01);
  });

  it('refuses an empty set and mismatched lengths', () => {
    expect(() => minHash(new Uint32Array(0), 128)).toThrow(RangeError);
    expect(() => estimateJaccard(new Uint16Array(4), new Uint16Array(8))).toThrow(RangeError);
  });

  it('counts the exact intersection of sorted sets', () => {
    expect(intersectionSize(Uint32Array.of(1, 3, 5, 7), Uint32Array.of(2, 3, 4, 7, 9))).toBe(2);
  });
});
