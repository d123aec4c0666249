import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeatureCorpus, hashPair, hashWord, paperFeatures } from '../../lib/relevance/features';
import { termCounts, words } from '../../lib/relevance/terms';
import { relevanceSeeds } from '../helpers/relevance-seeds';

/** The features spelled out from `words()`: what the one-pass hasher must produce. */
function slowFeatures(title: string, abstract: string): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (list: string[], times: number) =>
    list.forEach((word, i) => {
      const hash = hashWord(word);
      counts.set(hash, (counts.get(hash) ?? 0) + times);
      if (i > 0) {
        const pair = hashPair(hashWord(list[i - 1]), hash);
        counts.set(pair, (counts.get(pair) ?? 0) + times);
      }
    });
  add(words(title), 2);
  add(words(abstract), 1);
  return counts;
}

const asMap = ({ ids, counts }: ReturnType<typeof paperFeatures>) => new Map([...ids].map((id, i) => [id, counts[i]]));

describe('hashed paper features', () => {
  const text = fc.array(fc.constantFrom('a', 'B', 'z', '0', '9', ' ', '\\', '-', 'é', 'the', 'Model', 'of', '\\alpha', 'X2', '42', '.'), { maxLength: 30 }).map((parts) => parts.join(''));

  it('read exactly the words of words(): case, TeX commands, numbers, stop words, pairs', () => {
    fc.assert(
      fc.property(text, text, (title, abstract) => {
        expect(asMap(paperFeatures({ title, abstract }))).toEqual(slowFeatures(title, abstract));
      }),
      { numRuns: 300 },
    );
  });

  it('have as many distinct terms as termCounts on every seed paper (no collisions within a paper)', () => {
    for (const paper of relevanceSeeds().papers) {
      const features = paperFeatures(paper);
      expect(features.ids.length).toBe(termCounts(paper).size);
      expect([...features.ids]).toEqual([...features.ids].sort((a, b) => a - b));
      expect([...features.counts].reduce((a, b) => a + b, 0)).toBe([...termCounts(paper).values()].reduce((a, b) => a + b, 0));
    }
  });

  it('count document frequencies per paper and weigh rare terms above common ones', () => {
    const corpus = FeatureCorpus.of([{ title: 'graph clustering' }, { title: 'graph sparsity' }, { title: 'graph spectra' }]);
    expect(corpus.size).toBe(3);
    expect(corpus.documentFrequency(hashWord('graph'))).toBe(3);
    expect(corpus.idf(hashWord('clustering'))).toBeGreaterThan(corpus.idf(hashWord('graph')));
  });
});
