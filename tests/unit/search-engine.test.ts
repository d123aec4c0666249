import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ShelfmarkDb } from '../../lib/db';
import type { PaperRecord } from '../../lib/paper';
import { decodeGaps, encodeGaps } from '../../lib/search/doc-gaps';
import { SEARCH_SCHEMA_VERSION } from '../../lib/search/document';
import { INDEX_ROWS, loadAbstracts, openIndex, persistIndex } from '../../lib/search/index-store';
import { PaperIndex, type BodyData, type HeadData } from '../../lib/search/paper-index';
import { Postings, PostingsBuilder } from '../../lib/search/postings';
import { parseQuery } from '../../lib/search/query';
import { rankPapers } from '../../lib/search/rank';
import { SearchSession } from '../../lib/search/session';
import { Vocabulary } from '../../lib/search/vocabulary';
import { seenRecord } from '../fixtures/library/records';

describe('vocabulary', () => {
  it('lists the terms under a prefix', () => {
    const vocabulary = new Vocabulary(['diff', 'diffusion', 'diffusions', 'dig', 'pipe']);
    const [start, end] = vocabulary.prefixRange('diffus');
    expect(vocabulary.terms.slice(start, end)).toEqual(['diffusion', 'diffusions']);
    expect(vocabulary.indexOf('dig')).toBe(3);
    expect(vocabulary.indexOf('di')).toBe(-1);
  });
});

describe('postings', () => {
  it('packs terms in order with documents ascending, and survives a structured clone', () => {
    const builder = new PostingsBuilder();
    builder.add('zeta', 0, 5);
    builder.add('alpha', 0, 7);
    builder.add('zeta', 2, 9);
    builder.add('alpha', 1, 3);
    const postings = builder.finish();
    expect(postings.vocabulary.terms).toEqual(['alpha', 'zeta']);
    expect([...postings.docs]).toEqual([0, 1, 0, 2]);
    expect([...postings.impacts]).toEqual([7, 3, 5, 9]);
    const data = structuredClone(postings.toData());
    expect(data.docGaps).toBeInstanceOf(Uint8Array);
    const back = Postings.fromData(data, 3);
    expect(back.vocabulary.terms).toEqual(['alpha', 'zeta']);
    expect([...back.docs]).toEqual([0, 1, 0, 2]);
    expect([back.frequencyOf('alpha'), back.frequencyOf('zeta'), back.frequencyOf('beta')]).toEqual([2, 2, 0]);
    expect(() => Postings.fromData({ ...data, offsets: new Uint32Array([0, 9, 4]) }, 3)).toThrow();
    // A document beyond the table, or bytes left over or missing, is not a stored table.
    expect(() => Postings.fromData(data, 2)).toThrow();
    expect(() => Postings.fromData({ ...data, docGaps: Uint8Array.of(...data.docGaps, 1) }, 3)).toThrow();
    expect(() => Postings.fromData({ ...data, docGaps: data.docGaps.slice(1) }, 3)).toThrow();
  });

  it('stores document numbers as gaps that decode to the same numbers, large ones included', () => {
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.nat({ max: 2 ** 31 }), { maxLength: 20 }), { maxLength: 8 }), (lists) => {
        const sorted = lists.map((docs) => [...docs].sort((a, b) => a - b));
        const offsets = Uint32Array.from([0, ...sorted.map((_, term) => sorted.slice(0, term + 1).flat().length)]);
        const docs = Uint32Array.from(sorted.flat());
        expect([...decodeGaps(offsets, encodeGaps(offsets, docs), 2 ** 31 + 1)]).toEqual([...docs]);
      }),
    );
  });
});

const T0 = Date.UTC(2026, 9, 1);
const DAY = 86_400_000;

function paper(n: number, title: string, abstract: string, extra: Partial<PaperRecord> = {}): PaperRecord {
  return seenRecord(`2501.${String(n).padStart(5, '0')}`, T0 + n * DAY, { title, authors: ['Ana Silva'], abstract, ...extra });
}

const LIBRARY = [
  paper(1, 'Sparse Experts', 'Routing routing routing routing tokens to experts with a router.'),
  paper(2, 'Routing Networks', 'A short abstract.'),
  paper(3, 'Dense Models', 'We compare dense models with mixtures.'),
  paper(4, 'Mixture Routing at Scale', 'Experts everywhere.', { tags: ['moe'], savedAt: T0 }),
];

const ids = (index: PaperIndex, input: string, limit = 30) => rankPapers(index, parseQuery(input), limit).hits.map((hit) => hit.id.slice(6));

describe('two tiers', () => {
  it('ranks every title/tag/author match above any abstract-only match, however strong', () => {
    const index = PaperIndex.fromRecords(LIBRARY);
    expect(ids(index, 'routing')).toEqual(['2501.00002', '2501.00004', '2501.00001']);
    expect(ids(index, 'compare')).toEqual(['2501.00003']);
  });

  it('skips the abstracts when the head alone fills the page', () => {
    const index = PaperIndex.fromRecords(LIBRARY);
    const ranking = rankPapers(index, parseQuery('routing'), 2);
    expect(ranking.hits.map((hit) => hit.id.slice(6))).toEqual(['2501.00002', '2501.00004']);
    expect(ranking).toMatchObject({ total: 2, exhaustive: false });
  });

  it('scales typo tolerance in the head to the word: none under 4 letters, 1 edit under 8, else 2', () => {
    const index = PaperIndex.fromRecords(LIBRARY);
    expect(ids(index, 'moa')).toEqual([]);
    expect(ids(index, 'routng')).toEqual(['2501.00002', '2501.00004']);
    expect(ids(index, 'xouting')).toEqual(['2501.00002', '2501.00004']);
    expect(ids(index, 'rouitng')).toEqual([]);
    expect(ids(index, 'sprase')).toEqual([]);
    expect(ids(index, 'nteworks')).toEqual(['2501.00002']);
  });

  it('finds a paper with one word in its title and the other only in its abstract, whichever word comes first', () => {
    const index = PaperIndex.fromRecords(LIBRARY);
    // 'experts' is in paper 1's title and paper 4's abstract; 'routing' in paper 4's title and paper 1's abstract.
    for (const input of ['experts routing', 'routing experts', 'tag:moe experts', 'experts tag:moe']) {
      const ranking = rankPapers(index, parseQuery(input), 30);
      expect(ranking.hits.map((hit) => hit.id.slice(6)).sort(), input).toEqual(input.includes('moe') ? ['2501.00004'] : ['2501.00001', '2501.00004']);
    }
    // Asked again with every word remembered, the answer is the same.
    expect(ids(index, 'routing experts').sort()).toEqual(['2501.00001', '2501.00004']);
  });

  it('does not apply typo tolerance to abstracts', () => {
    const index = PaperIndex.fromRecords(LIBRARY);
    expect(ids(index, 'compaer')).toEqual([]);
    expect(ids(index, 'compare')).toEqual(['2501.00003']);
    expect(ids(index, 'mixtre')).toEqual(['2501.00004']);
  });

  it('answers from the head while abstracts load, and says the answer may be incomplete', () => {
    const built = PaperIndex.fromRecords(LIBRARY);
    const { head, body } = structuredClone(built.toData());
    const index = PaperIndex.fromHead(head);
    const early = rankPapers(index, parseQuery('experts'), 30);
    expect(early.hits.map((hit) => hit.id.slice(6))).toEqual(['2501.00001']);
    expect(early).toMatchObject({ complete: false, exhaustive: false });
    index.attachBody(body);
    const late = rankPapers(index, parseQuery('experts'), 30);
    expect(late.hits.map((hit) => hit.id.slice(6))).toEqual(['2501.00001', '2501.00004']);
    expect(late).toMatchObject({ complete: true, exhaustive: true });
  });

  it('refuses abstracts from another build', () => {
    const { head } = PaperIndex.fromRecords(LIBRARY).toData();
    const { body } = PaperIndex.fromRecords(LIBRARY).toData();
    expect(() => PaperIndex.fromHead(head).attachBody(body)).toThrow(/another index build/);
  });
});

describe('changes and compaction', () => {
  it('answers like a fresh index after changes, before and after compacting', () => {
    const index = PaperIndex.fromRecords(LIBRARY);
    const changed = [
      paper(2, 'Routing Networks Revisited', 'Now with experts.', { tags: ['moe'] }),
      paper(5, 'Expert Choice Routing', 'Experts pick tokens.', { savedAt: T0 + DAY }),
    ];
    index.put(changed);
    index.remove(['arxiv:2501.00003']);
    const final = [LIBRARY[0], changed[0], LIBRARY[3], changed[1]];
    const fresh = PaperIndex.fromRecords(final);
    const queries = ['routing', 'experts', 'tag:moe', 'is:saved', 'dense', 'revisited', 'expert choice', 'tokens'];
    const answers = (from: PaperIndex) => queries.map((query) => [...ids(from, query)].sort());
    expect(answers(index)).toEqual(answers(fresh));
    expect(index.size).toBe(4);
    index.compact();
    expect(answers(index)).toEqual(answers(fresh));
    expect(index.size).toBe(4);
    expect(index.docCount).toBe(4);
    expect(index.metaOf('arxiv:2501.00002')?.t).toEqual(['moe']);
    // The compacted table is no longer in id order (changed papers went last): lookups by id still find every paper.
    expect(final.map((record) => index.has(record.id))).toEqual([true, true, true, true]);
    expect(new Set(final.map((record) => index.numberOf(record.id))).size).toBe(4);
    expect(index.has('arxiv:2501.00003')).toBe(false);
    const reloaded = PaperIndex.fromHead(structuredClone(index.toData()).head);
    expect(final.map((record) => reloaded.metaOf(record.id)?.f)).toEqual(final.map((record) => index.metaOf(record.id)?.f));
  });
});

describe('stored format', () => {
  let db: ShelfmarkDb;
  let counter = 0;

  beforeEach(async () => {
    db = new ShelfmarkDb(`search-engine-test-${++counter}`);
    await db.papers.bulkPut(LIBRARY);
  });

  afterEach(async () => {
    await db.delete();
  });

  it('stores the head and the abstracts as two binary rows of one build, and loads them back', async () => {
    const opened = await openIndex(db);
    await opened.stored;
    await persistIndex(db, opened);
    const headRow = (await db.searchIndex.get(INDEX_ROWS.head))!;
    const bodyRow = (await db.searchIndex.get(INDEX_ROWS.body))!;
    const head = headRow.data as HeadData;
    const body = bodyRow.data as BodyData;
    // Typed arrays and one string (flat binary for IndexedDB, loaded without rebuilding any tree).
    expect(head.head.docGaps).toBeInstanceOf(Uint8Array);
    expect(head.head.lengths.length / 4).toBe(LIBRARY.length);
    expect(body.body.impacts).toBeInstanceOf(Uint8Array);
    expect(head.build).toBe(body.build);
    expect([headRow.schemaVersion, bodyRow.schemaVersion]).toEqual([SEARCH_SCHEMA_VERSION, SEARCH_SCHEMA_VERSION]);

    const loaded = await openIndex(db);

    await loaded.stored;
    expect(loaded.origin).toBe('loaded');
    expect(loaded.index.complete).toBe(false);
    expect(await loadAbstracts(db, loaded)).toBe('loaded');
    // The catch-up re-applied the newest paper: until the next compaction, its old version still counts in term
    // frequencies, so scores (not matches) may differ slightly from the freshly built index.
    for (const query of ['routing', 'experts', 'compare', 'tag:moe', 'dense is:saved']) {
      expect(ids(loaded.index, query).sort()).toEqual(ids(opened.index, query).sort());
    }
  });

  it('applies changes to a loaded head, and stores it compacted', async () => {
    await (await openIndex(db)).stored;
    const renamed = paper(2, 'Gating Networks', 'A short abstract.', { updatedAt: Date.now() });
    await db.papers.put(renamed);
    const loaded = await openIndex(db);
    await loaded.stored;
    expect(loaded.origin).toBe('loaded');
    expect(ids(loaded.index, 'gating')).toEqual(['2501.00002']);
    expect(ids(loaded.index, 'routing')).toEqual(['2501.00004']);
    await persistIndex(db, loaded);
    const head = ((await db.searchIndex.get(INDEX_ROWS.head))!.data as HeadData).head;
    expect(head.lengths.length / 4).toBe(LIBRARY.length);
    // Compacted: the renamed paper's old title words are gone from the stored vocabulary.
    expect(head.terms.split('\n')).toContain('gating');
    const reloaded = await openIndex(db);
    await reloaded.stored;
    expect(ids(reloaded.index, 'gating')).toEqual(['2501.00002']);
    expect(ids(reloaded.index, 'networks')).toEqual(['2501.00002']);
  });

  it('re-derives the abstracts when the stored ones belong to another build', async () => {
    await (await openIndex(db)).stored;
    const bodyRow = (await db.searchIndex.get(INDEX_ROWS.body))!;
    await db.searchIndex.put({ ...bodyRow, data: { ...(bodyRow.data as BodyData), build: 'elsewhere' } });
    const loaded = await openIndex(db);
    await loaded.stored;
    expect(await loadAbstracts(db, loaded)).toBe('rebuilt');
    expect(ids(loaded.index, 'compare')).toEqual(['2501.00003']);
  });

  it('rebuilds when the stored index is of another schema version, e.g. the old single JSON string', async () => {
    await db.searchIndex.put({ key: INDEX_ROWS.head, schemaVersion: 1, coversUpTo: T0, data: '{"meta":[],"index":{}}' });
    const opened = await openIndex(db);
    await opened.stored;
    expect(opened.origin).toBe('rebuilt');
    expect(ids(opened.index, 'compare')).toEqual(['2501.00003']);
  });

  it('the session searches abstracts once they are loaded, and persists both rows', async () => {
    await (await openIndex(db)).stored;
    const session = new SearchSession(db);
    const early = await session.search('compare');
    expect(early.complete).toBe(false);
    expect(early.results).toEqual([]);
    await session.complete();
    const late = await session.search('compare');
    expect(late.complete).toBe(true);
    expect(late.results.map((result) => result.record.title)).toEqual(['Dense Models']);
  });
});
