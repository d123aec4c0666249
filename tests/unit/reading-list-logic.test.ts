import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PaperId } from '../../lib/ids';
import { emptyRecord } from '../../lib/library';
import type { PaperRecord } from '../../lib/paper';
import { describeBulkChange, revertBatches } from '../../lib/reading-list/bulk-undo';
import { exportFilename } from '../../lib/reading-list/dates';
import { groupLabel, withGroupHeadings } from '../../lib/reading-list/groups';
import { applyQuery, DEFAULT_QUERY, filterByTextAndStatus, type ReadingListQuery } from '../../lib/reading-list/query';
import { clickCheckbox, EMPTY_SELECTION, keepOnly, toggleAll } from '../../lib/reading-list/selection';
import { sortPapers } from '../../lib/reading-list/sort';
import { tagFacets } from '../../lib/reading-list/tag-facets';
import { queryTerms } from '../../lib/reading-list/text-match';

function paper(n: number, fields: Partial<PaperRecord> = {}): PaperRecord {
  const id: PaperId = `arxiv:2501.${String(n).padStart(5, '0')}`;
  return {
    ...emptyRecord({ id, title: `Paper ${n}`, authors: [`Author ${n}`], url: `https://arxiv.org/abs/${id.slice(6)}` }, 0),
    savedAt: 1_000 + n,
    ...fields,
  };
}

const query = (patch: Partial<ReadingListQuery>): ReadingListQuery => ({ ...DEFAULT_QUERY, ...patch });
const ids = (records: readonly PaperRecord[]) => records.map((record) => record.id);

describe('text filter', () => {
  const records = [
    paper(1, { title: 'Attention Is All You Need', authors: ['Ashish Vaswani', 'Noam Shazeer'] }),
    paper(2, { title: 'Schrödinger bridges for diffusion', abstract: 'We study optimal transport.' }),
    paper(3, { title: 'Plain', tags: ['reinforcement learning'], note: 'Read section 4 before the group meeting' }),
  ];

  it('matches substrings of title, authors, abstract, tags and note, all terms required', () => {
    expect(ids(applyQuery(records, query({ text: 'attent' })))).toEqual([records[0].id]);
    expect(ids(applyQuery(records, query({ text: 'shazeer attention' })))).toEqual([records[0].id]);
    expect(ids(applyQuery(records, query({ text: 'shazeer diffusion' })))).toEqual([]);
    expect(ids(applyQuery(records, query({ text: 'transport' })))).toEqual([records[1].id]);
    expect(ids(applyQuery(records, query({ text: 'reinforcement' })))).toEqual([records[2].id]);
    expect(ids(applyQuery(records, query({ text: 'group meeting' })))).toEqual([records[2].id]);
  });

  it('folds case and accents both ways and keeps quoted phrases whole', () => {
    expect(ids(applyQuery(records, query({ text: 'SCHRODINGER' })))).toEqual([records[1].id]);
    expect(ids(applyQuery([paper(9, { title: 'Schrodinger cats' })], query({ text: 'schrödinger' })))).toHaveLength(1);
    expect(queryTerms('"all you need" vaswani')).toEqual(['all you need', 'vaswani']);
    expect(ids(applyQuery(records, query({ text: '"you need attention"' })))).toEqual([]);
    expect(ids(applyQuery(records, query({ text: '"all you  need"' })))).toEqual([records[0].id]);
  });

  it('an empty or blank query matches everything', () => {
    expect(applyQuery(records, query({ text: '   ' }))).toHaveLength(3);
  });
});

describe('status and tag filters', () => {
  const records = [
    paper(1, { status: null, tags: ['rl', 'agents'] }),
    paper(2, { status: 'to-read', tags: ['rl'] }),
    paper(3, { status: 'reading', tags: ['vision'] }),
    paper(4, { status: 'read', tags: ['rl', 'vision'] }),
  ];

  it('treats an unmarked saved paper as "to read"', () => {
    expect(ids(applyQuery(records, query({ status: 'to-read', sort: 'title', direction: 'asc' })))).toEqual(ids(records.slice(0, 2)));
    expect(ids(applyQuery(records, query({ status: 'read' })))).toEqual([records[3].id]);
  });

  it('requires every selected tag', () => {
    expect(ids(applyQuery(records, query({ tags: ['rl', 'vision'] })))).toEqual([records[3].id]);
    expect(ids(applyQuery(records, query({ tags: ['rl'], sort: 'title', direction: 'asc' })))).toEqual(
      ids([records[0], records[1], records[3]]),
    );
  });

  it('counts tags over the text/status population, keeping selected tags at zero', () => {
    const population = filterByTextAndStatus(records, query({ status: 'reading' }));
    expect(tagFacets(population, ['rl'])).toEqual([
      { tag: 'vision', count: 1, selected: false },
      { tag: 'rl', count: 0, selected: true },
    ]);
    expect(tagFacets(records, [])[0]).toEqual({ tag: 'rl', count: 3, selected: false });
  });
});

describe('sorting', () => {
  const records = [
    paper(1, { title: 'beta', published: '2024-05-01', savedAt: 30 }),
    paper(2, { title: 'Alpha 10', published: undefined, savedAt: 10 }),
    paper(3, { title: 'Alpha 9', published: '2025-01-01', savedAt: 20 }),
  ];

  it('sorts by saved date, title (natural, case-insensitive) and publish date with unknown dates last', () => {
    expect(ids(sortPapers(records, 'saved', 'desc'))).toEqual(ids([records[0], records[2], records[1]]));
    expect(ids(sortPapers(records, 'title', 'asc'))).toEqual(ids([records[2], records[1], records[0]]));
    expect(ids(sortPapers(records, 'published', 'desc'))).toEqual(ids([records[2], records[0], records[1]]));
    expect(ids(sortPapers(records, 'published', 'asc'))).toEqual(ids([records[0], records[2], records[1]]));
  });

  it('is a total, deterministic order: any input permutation sorts the same', () => {
    const pool = Array.from({ length: 12 }, (_, n) =>
      paper(n, { title: `T${n % 3}`, savedAt: 100 + (n % 4), published: n % 5 ? `2025-0${(n % 3) + 1}-01` : undefined }),
    );
    fc.assert(
      fc.property(fc.shuffledSubarray(pool, { minLength: pool.length }), fc.constantFrom('saved', 'published', 'title' as const), fc.boolean(), (shuffled, key, asc) => {
        const direction = asc ? 'asc' : 'desc';
        expect(ids(sortPapers(shuffled, key, direction))).toEqual(ids(sortPapers(pool, key, direction)));
      }),
    );
  });
});

describe('group headings', () => {
  it('heads each run of papers sharing a month or initial letter', () => {
    const records = [paper(1, { title: 'Zeta', published: '2025-03-04' }), paper(2, { title: 'zoo', published: '2025-03-30' }), paper(3, { title: '3D', published: '2025-02-01' })];
    expect(withGroupHeadings(records, 'published').map((row) => row.heading)).toEqual(['March 2025', undefined, 'February 2025']);
    expect(withGroupHeadings(records, 'title').map((row) => row.heading)).toEqual(['Z', undefined, '#']);
    expect(groupLabel(paper(4, { published: undefined }), 'published')).toBe('Publish date unknown');
  });
});

describe('selection', () => {
  const order = ['arxiv:a', 'arxiv:b', 'arxiv:c', 'arxiv:d', 'arxiv:e'] as PaperId[];

  it('selects a range with Shift from the anchor, and deselects one the same way', () => {
    let selection = clickCheckbox(EMPTY_SELECTION, 'arxiv:b', order, false);
    selection = clickCheckbox(selection, 'arxiv:d', order, true);
    expect([...selection.ids].sort()).toEqual(['arxiv:b', 'arxiv:c', 'arxiv:d']);
    selection = clickCheckbox(selection, 'arxiv:c', order, true);
    expect([...selection.ids].sort()).toEqual(['arxiv:d']);
  });

  it('treats Shift without an anchor as a plain click', () => {
    const selection = clickCheckbox(EMPTY_SELECTION, 'arxiv:c', order, true);
    expect([...selection.ids]).toEqual(['arxiv:c']);
    expect(selection.anchor).toBe('arxiv:c');
  });

  it('toggles all visible and drops papers that left the list', () => {
    let selection = toggleAll(EMPTY_SELECTION, order.slice(0, 3));
    expect(selection.ids.size).toBe(3);
    selection = toggleAll(clickCheckbox(selection, 'arxiv:e', order, false), order.slice(0, 3));
    expect([...selection.ids]).toEqual(['arxiv:e']);
    selection = keepOnly(selection, new Set(order.slice(0, 4)));
    expect(selection).toEqual({ ids: new Set(), anchor: null });
  });
});

describe('bulk undo', () => {
  it('removes an added tag only where it was new', () => {
    const before = [paper(1, { tags: ['rl'] }), paper(2, { tags: [] }), paper(3, { tags: ['x'] })];
    expect(revertBatches(before, { kind: 'add-tags', tags: ['RL '] })).toEqual([
      { ids: [before[1].id, before[2].id], change: { kind: 'remove-tags', tags: ['rl'] } },
    ]);
  });

  it('re-adds a removed tag only where it was present', () => {
    const before = [paper(1, { tags: ['rl', 'a'] }), paper(2, { tags: ['a'] })];
    expect(revertBatches(before, { kind: 'remove-tags', tags: ['rl', 'a'] })).toEqual([
      { ids: [before[0].id], change: { kind: 'add-tags', tags: ['rl', 'a'] } },
      { ids: [before[1].id], change: { kind: 'add-tags', tags: ['a'] } },
    ]);
  });

  it('restores each previous status, and re-saves unsaved papers at their original save time', () => {
    const before = [paper(1, { status: null }), paper(2, { status: 'read' }), paper(3, { status: null })];
    expect(revertBatches(before, { kind: 'status', status: 'reading' })).toEqual([
      { ids: [before[0].id, before[2].id], change: { kind: 'status', status: null } },
      { ids: [before[1].id], change: { kind: 'status', status: 'read' } },
    ]);
    expect(revertBatches(before, { kind: 'save', saved: false })).toEqual(
      before.map((record) => ({ ids: [record.id], change: { kind: 'save', saved: true, at: record.savedAt } })),
    );
  });

  it('describes the change for the toast', () => {
    expect(describeBulkChange({ kind: 'add-tags', tags: ['rl'] }, 12)).toBe('Tagged 12 papers “rl”');
    expect(describeBulkChange({ kind: 'save', saved: false }, 1)).toBe('Removed 1 paper from the reading list');
    expect(describeBulkChange({ kind: 'status', status: 'to-read' }, 2)).toBe('Marked 2 papers as to read');
  });
});

describe('export file names', () => {
  it('uses the local calendar date', () => {
    expect(exportFilename('bib', new Date(2026, 10, 23, 23, 59))).toBe('shelfmark-2026-11-23.bib');
  });
});
