import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LshIndex } from '../../lib/dedupe/lsh-index';
import { NearDuplicateIndex } from '../../lib/dedupe/near-duplicate-index';
import { signatureOf } from '../../lib/dedupe/signature';

interface SeedPaper {
  arxivId: string;
  title: string;
  abstract: string;
}

const seeds = JSON.parse(readFileSync(join(__dirname, '../fixtures/seeds/papers.json'), 'utf8')) as SeedPaper[];
const FAST_AND_EAGER = 'arxiv:2008.14694';
const FASTER = 'arxiv:1810.07479';

function seedIndex(): NearDuplicateIndex {
  const index = new NearDuplicateIndex();
  for (const paper of seeds) index.add(`arxiv:${paper.arxivId}`, signatureOf(paper));
  return index;
}

function sig(values: number[]): Uint16Array {
  return Uint16Array.from(values);
}

describe('LshIndex', () => {
  const shape = { bands: 2, rows: 2 } as const;

  it('offers slots that share a whole band, not those sharing only single rows', () => {
    const index = new LshIndex(shape);
    index.add(0, sig([1, 2, 9, 9])); // first band equal
    index.add(1, sig([8, 8, 3, 4])); // second band equal
    index.add(2, sig([1, 7, 3, 7])); // single rows only
    expect(index.candidates(sig([1, 2, 3, 4])).sort()).toEqual([0, 1]);
  });

  it('forgets removed slots and refuses to reuse one', () => {
    const index = new LshIndex(shape);
    index.add(0, sig([1, 2, 3, 4]));
    index.add(1, sig([1, 2, 5, 6]));
    expect(index.remove(0)).toBe(true);
    expect(index.remove(0)).toBe(false);
    expect(index.candidates(sig([1, 2, 3, 4]))).toEqual([1]);
    expect(() => index.add(0, sig([1, 2, 3, 4]))).toThrow(/already used/);
    expect(index.size).toBe(1);
    expect([...(index.minHashOf(1) ?? [])]).toEqual([1, 2, 5, 6]);
    expect(index.minHashOf(0)).toBeUndefined();
  });

  it('answers the same before and after additions are merged into the sorted buckets', () => {
    const index = new LshIndex(shape);
    // 2000 additions pass the merge point; every 100th shares the query's first band.
    for (let i = 0; i < 2000; i++) index.add(i, i % 100 === 0 ? sig([5, 6, i, i]) : sig([1000 + i, 3000 + i, 5000 + i, 7000 + i]));
    const expected = Array.from({ length: 20 }, (_, k) => k * 100);
    const sorted = (slots: number[]) => [...slots].sort((x, y) => x - y);
    expect(sorted(index.candidates(sig([5, 6, 60000, 60000])))).toEqual(expected);
    for (let k = 0; k < 10; k++) index.remove(k * 100);
    index.add(5000, sig([5, 6, 0, 0]));
    expect(sorted(index.candidates(sig([5, 6, 60000, 60000])))).toEqual([...expected.slice(10), 5000]);
    // Enough removals to force another merge: the answer must not change.
    for (let i = 1; i < 600; i++) index.remove(i);
    expect(sorted(index.candidates(sig([5, 6, 60000, 60000])))).toEqual([...expected.slice(10), 5000]);
  });

  it('rejects a MinHash too short for its bands and slots it cannot pack', () => {
    expect(() => new LshIndex({ bands: 4, rows: 2 }).add(0, sig([1, 2, 3]))).toThrow(RangeError);
    expect(() => new LshIndex(shape).add(2 ** 21, sig([1, 2, 3, 4]))).toThrow(RangeError);
  });
});

describe('NearDuplicateIndex on the seed papers', () => {
  it('finds the real k-medoids pair from either side', () => {
    const index = seedIndex();
    const paper = (id: string) => seeds.find((p) => `arxiv:${p.arxivId}` === id) as SeedPaper;
    const fromNew = index.query(signatureOf(paper(FAST_AND_EAGER)), { exclude: FAST_AND_EAGER });
    expect(fromNew.map((m) => m.id)).toEqual([FASTER]);
    expect(fromNew[0].score).toBeGreaterThan(0.5);
    expect(index.query(signatureOf(paper(FASTER)), { exclude: FASTER }).map((m) => m.id)).toEqual([FAST_AND_EAGER]);
  });

  it('flags no other seed pair, though the seeds are full of papers on one topic', () => {
    const index = seedIndex();
    const flagged: string[] = [];
    for (const paper of seeds) {
      const id = `arxiv:${paper.arxivId}`;
      for (const match of index.query(signatureOf(paper), { exclude: id })) flagged.push(`${id} ${match.id}`);
    }
    expect(flagged.sort()).toEqual([`${FASTER} ${FAST_AND_EAGER}`, `${FAST_AND_EAGER} ${FASTER}`]);
    const distributedTraining = seeds.filter((p) => /distributed|parallel/i.test(p.title));
    expect(distributedTraining.length).toBeGreaterThan(20);
  });

  it('finds a title-only card (arXiv /list) by its title, and a stored title-only record from a full card', () => {
    const index = seedIndex();
    const target = seeds.find((p) => p.title.startsWith('Holmes: Towards Distributed Training')) as SeedPaper;
    const card = signatureOf({ title: target.title });
    expect(index.query(card).map((m) => m.id)).toEqual([`arxiv:${target.arxivId}`]);

    const titleOnly = new NearDuplicateIndex();
    titleOnly.add('listing:holmes', card);
    titleOnly.add('listing:other', signatureOf({ title: 'Distributed Training of Large Models Across Heterogeneous Clusters' }));
    expect(titleOnly.query(signatureOf(target)).map((m) => m.id)).toEqual(['listing:holmes']);
  });

  it('stops offering a removed paper', () => {
    const index = seedIndex();
    expect(index.remove(FASTER)).toBe(true);
    const paper = seeds.find((p) => `arxiv:${p.arxivId}` === FAST_AND_EAGER) as SeedPaper;
    expect(index.query(signatureOf(paper), { exclude: FAST_AND_EAGER })).toEqual([]);
    expect(index.size).toBe(seeds.length - 1);
  });
});
