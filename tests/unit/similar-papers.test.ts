import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ShelfmarkDb } from '../../lib/db';
import { arxivPaperId } from '../../lib/ids';
import { changePaper, syncCards } from '../../lib/library';
import type { PageView, ScrapedPaper } from '../../lib/paper';
import { SimilarPapers } from '../../lib/similar-papers';

const sync = syncCards;

interface SeedPaper {
  arxivId: string;
  title: string;
  abstract: string;
  authors: string[];
}
const seeds = JSON.parse(readFileSync('tests/fixtures/seeds/papers.json', 'utf8')) as SeedPaper[];
const scraped = (seed: SeedPaper): ScrapedPaper => ({
  id: arxivPaperId(seed.arxivId),
  title: seed.title,
  abstract: seed.abstract,
  authors: seed.authors,
  url: `https://huggingface.co/papers/${seed.arxivId}`,
});
const byTitle = (start: string) => scraped(seeds.find((seed) => seed.title.startsWith(start))!);
const view: PageView = { viewId: 'v', site: 'hf', url: 'https://huggingface.co/papers?q=k', label: 'HF search' };

let db: ShelfmarkDb;
let n = 0;
beforeEach(() => {
  db = new ShelfmarkDb(`similar-${++n}`);
});
afterEach(() => db.delete());

describe('SimilarPapers', () => {
  it('flags the other version of a saved paper, and no paper that merely shares its topic', async () => {
    const faster = byTitle('Faster k-Medoids Clustering');
    const eager = byTitle('Fast and Eager k-Medoids Clustering');
    const similar = new SimilarPapers(db);
    const everything = seeds.map(scraped);
    await sync(db, view, everything, 1);
    await changePaper(db, faster.id, { kind: 'save', saved: true }, 2);

    const states = await similar.annotate(everything, await sync(db, view, everything, 3));
    const flagged = states.filter((state) => state.similarTo).map((state) => state.id);
    expect(flagged).toEqual([eager.id]);
    expect(states.find((state) => state.id === eager.id)?.similarTo).toEqual({
      id: faster.id,
      title: faster.title,
      relation: 'saved',
    });
  });

  it('follows saves and dismissals made after it was built, and forgets on reset', async () => {
    const faster = byTitle('Faster k-Medoids Clustering');
    const eager = byTitle('Fast and Eager k-Medoids Clustering');
    const similar = new SimilarPapers(db);
    await sync(db, view, [faster, eager], 1);
    expect((await similar.annotate([eager], await sync(db, view, [eager], 2)))[0].similarTo).toBeUndefined();

    similar.update([await changePaper(db, faster.id, { kind: 'dismiss', dismissed: true }, 3)]);
    expect((await similar.annotate([eager], await sync(db, view, [eager], 4)))[0].similarTo?.relation).toBe('dismissed');

    similar.update([await changePaper(db, faster.id, { kind: 'dismiss', dismissed: false }, 5)]);
    expect((await similar.annotate([eager], await sync(db, view, [eager], 6)))[0].similarTo).toBeUndefined();

    // A saved paper's own card is never "another version" of anything.
    await changePaper(db, eager.id, { kind: 'save', saved: true }, 7);
    similar.reset();
    await changePaper(db, faster.id, { kind: 'save', saved: true }, 8);
    const [own] = await similar.annotate([eager], await sync(db, view, [eager], 9));
    expect(own.similarTo).toBeUndefined();
  });

  it('keeps changes made while it is being built, and drops a build overtaken by a wipe', async () => {
    const faster = byTitle('Faster k-Medoids Clustering');
    const eager = byTitle('Fast and Eager k-Medoids Clustering');
    await sync(db, view, [faster, eager], 1);
    const similar = new SimilarPapers(db);
    const building = similar.annotate([eager], await sync(db, view, [eager], 2));
    similar.update([await changePaper(db, faster.id, { kind: 'save', saved: true }, 3)]);
    await building;
    expect((await similar.annotate([eager], await sync(db, view, [eager], 4)))[0].similarTo?.id).toBe(faster.id);

    const fresh = new SimilarPapers(db);
    const overtaken = fresh.annotate([eager], await sync(db, view, [eager], 5));
    fresh.reset();
    await db.papers.update(faster.id, { savedAt: null });
    await overtaken;
    expect((await fresh.annotate([eager], await sync(db, view, [eager], 6)))[0].similarTo).toBeUndefined();
  });
});
