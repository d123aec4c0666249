import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ShelfmarkDb } from '../../lib/db';
import { arxivPaperId } from '../../lib/ids';
import { changePaper, syncCards } from '../../lib/library';
import type { PageView, ScrapedPaper } from '../../lib/paper';
import { RECENT_SEEN, SimilarPapers } from '../../lib/similar-papers';

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

  it('forgets a paper that left the library (a folded title record), saved or only seen', async () => {
    const faster = byTitle('Faster k-Medoids Clustering');
    const eager = byTitle('Fast and Eager k-Medoids Clustering');
    const similar = new SimilarPapers(db);
    await changePaper(db, faster.id, { kind: 'save', saved: true }, 1, faster);
    const first = await sync(db, view, [eager], 2);
    expect((await similar.annotate([eager], first, view))[0].similarTo?.id).toBe(faster.id);
    similar.forget([faster.id]);
    expect((await similar.annotate([eager], await sync(db, view, [eager], 3), view))[0].similarTo).toBeUndefined();
  });

  it('follows saves and dismissals made after it was built, and forgets on reset', async () => {
    const faster = byTitle('Faster k-Medoids Clustering');
    const eager = byTitle('Fast and Eager k-Medoids Clustering');
    const similar = new SimilarPapers(db);
    await sync(db, view, [faster, eager], 1);
    expect((await similar.annotate([eager], await sync(db, view, [eager], 2), view))[0].similarTo).toBeUndefined();

    similar.update([await changePaper(db, faster.id, { kind: 'dismiss', dismissed: true }, 3)]);
    expect((await similar.annotate([eager], await sync(db, view, [eager], 4), view))[0].similarTo?.relation).toBe('dismissed');

    similar.update([await changePaper(db, faster.id, { kind: 'dismiss', dismissed: false }, 5)]);
    expect((await similar.annotate([eager], await sync(db, view, [eager], 6), view))[0].similarTo).toBeUndefined();

    // A saved paper's own card is never "another version" of anything.
    await changePaper(db, eager.id, { kind: 'save', saved: true }, 7);
    similar.reset();
    await changePaper(db, faster.id, { kind: 'save', saved: true }, 8);
    const [own] = await similar.annotate([eager], await sync(db, view, [eager], 9), view);
    expect(own.similarTo).toBeUndefined();
  });

  it('keeps changes made while it is being built, and drops a build overtaken by a wipe', async () => {
    const faster = byTitle('Faster k-Medoids Clustering');
    const eager = byTitle('Fast and Eager k-Medoids Clustering');
    await sync(db, view, [faster, eager], 1);
    const similar = new SimilarPapers(db);
    const building = similar.annotate([eager], await sync(db, view, [eager], 2), view);
    similar.update([await changePaper(db, faster.id, { kind: 'save', saved: true }, 3)]);
    await building;
    expect((await similar.annotate([eager], await sync(db, view, [eager], 4), view))[0].similarTo?.id).toBe(faster.id);

    const fresh = new SimilarPapers(db);
    const overtaken = fresh.annotate([eager], await sync(db, view, [eager], 5), view);
    fresh.reset();
    await db.papers.update(faster.id, { savedAt: null });
    await overtaken;
    expect((await fresh.annotate([eager], await sync(db, view, [eager], 6), view))[0].similarTo).toBeUndefined();
  });

  it('a conference version whose title changed slightly is flagged as seen on arXiv, never on its own page view', async () => {
    const preprint: ScrapedPaper = {
      id: 'arxiv:2212.10560' as ScrapedPaper['id'],
      title: 'Self-Instruct: Aligning Language Model with Self Generated Instructions for Large Models',
      authors: ['Yizhong Wang'],
      url: 'https://arxiv.org/abs/2212.10560',
    };
    const proceedings: ScrapedPaper = {
      id: 'title:self-instruct-aligning-language-models-with-self-generated-instructions-for-large-models' as ScrapedPaper['id'],
      title: 'Self-Instruct: Aligning Language Models with Self-Generated Instructions for Large Models',
      authors: ['Yizhong Wang'],
      url: 'https://aclanthology.org/2023.acl-long.754/',
    };
    const arxivView: PageView = { viewId: 'arxiv-1', site: 'arxiv', url: 'https://arxiv.org/list/cs.CL/new', label: 'arXiv cs.CL new' };
    const aclView: PageView = { viewId: 'acl-1', site: 'acl', url: 'https://aclanthology.org/volumes/2023.acl-long/', label: 'ACL 2023' };
    const similar = new SimilarPapers(db);
    const seenOnArxiv = await sync(db, arxivView, [preprint], 1);
    // On the page that shows it, a paper is not "seen before", not even for another card there.
    expect((await similar.annotate([preprint], seenOnArxiv, arxivView))[0].similarTo).toBeUndefined();
    similar.observe(arxivView, [preprint], seenOnArxiv);
    const unseen = { id: proceedings.id, savedAt: null, dismissedAt: null, tags: [], note: '', earlierSighting: null };
    expect((await similar.annotate([proceedings], [unseen], arxivView))[0].similarTo).toBeUndefined();

    const [state] = await similar.annotate([proceedings], await sync(db, aclView, [proceedings], 3), aclView);
    expect(state.similarTo).toEqual({ id: preprint.id, title: preprint.title, relation: 'seen', site: 'arxiv' });
    // Built afresh from the database (a restarted background), the same answer.
    const restarted = new SimilarPapers(db);
    expect((await restarted.annotate([proceedings], await sync(db, aclView, [proceedings], 4), aclView))[0].similarTo?.relation).toBe('seen');
    // A card itself seen before is stubbed as seen: another version merely seen adds nothing.
    const elsewhere: PageView = { ...aclView, viewId: 'scholar-1', site: 'scholar', url: 'https://scholar.google.com/scholar?q=self-instruct' };
    const [seenItself] = await restarted.annotate([proceedings], await sync(db, elsewhere, [proceedings], 4.5), elsewhere);
    expect(seenItself.earlierSighting?.viewId).toBe('acl-1');
    expect(seenItself.similarTo).toBeUndefined();
    // A saved version wins over a seen one.
    const saved = { ...preprint, id: 'arxiv:2212.99999' as ScrapedPaper['id'], url: 'https://arxiv.org/abs/2212.99999' };
    await sync(db, aclView, [saved], 5);
    restarted.update([await changePaper(db, saved.id, { kind: 'save', saved: true }, 6)]);
    expect((await restarted.annotate([proceedings], await sync(db, aclView, [proceedings], 7), aclView))[0].similarTo).toMatchObject({ id: saved.id, relation: 'saved' });
  });

  it('remembers at most RECENT_SEEN seen papers and compacts what it forgot', async () => {
    const similar = new SimilarPapers(db);
    await similar.annotate([], []);
    const view = (n: number): PageView => ({ viewId: `v${n}`, site: 'arxiv', url: `https://arxiv.org/list/x?page=${n}`, label: 'x' });
    const card = (n: number): ScrapedPaper => ({ id: `arxiv:2401.${String(n).padStart(5, '0')}` as ScrapedPaper['id'], title: `Distinct words number ${n} about topic ${n * 7} and method ${n * 13}`, authors: [], url: 'https://arxiv.org/abs/x' });
    const empty = (paper: ScrapedPaper) => ({ id: paper.id, savedAt: null, dismissedAt: null, tags: [], note: '', earlierSighting: null });
    for (let batch = 0; batch < 4; batch++) {
      const papers = Array.from({ length: 2_000 }, (_, i) => card(batch * 2_000 + i));
      similar.observe(view(batch), papers, papers.map(empty));
    }
    const index = (similar as unknown as { index: { size: number; deadSlots: number } }).index;
    expect(index.size).toBe(RECENT_SEEN);
    expect(index.deadSlots).toBeLessThanOrEqual(Math.max(1_000, RECENT_SEEN));
    // The oldest were forgotten, the newest are found.
    const probe = (n: number) => similar.annotate([{ ...card(n), id: 'arxiv:2501.00001' as ScrapedPaper['id'] }], [empty({ ...card(n), id: 'arxiv:2501.00001' as ScrapedPaper['id'] })], { viewId: 'probe' });
    expect((await probe(0))[0].similarTo).toBeUndefined();
    expect((await probe(7_999))[0].similarTo?.id).toBe(card(7_999).id);
  });
});
