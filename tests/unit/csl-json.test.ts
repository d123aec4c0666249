import { describe, expect, it } from 'vitest';
import { exportCslJson } from '../../lib/export/csl-json';
import type { PaperId } from '../../lib/ids';
import { readCslJson } from '../../lib/import/csl-json';
import { runImportJob, type ImportJobMessage } from '../../lib/import/import-job';
import { record } from '../fixtures/library/records';

const papers = [
  record('arxiv:2501.01234' as PaperId, {
    title: 'Unbalanced { brace and $\\alpha$',
    authors: ['Martin Luther King Jr.', 'Anna van der Berg', 'Ada Lovelace'],
    published: '2025-01-02',
    abstract: 'An abstract.',
    tags: ['llm', 'rl'],
    note: 'Read §3.',
    arxiv: { primaryCategory: 'cs.LG' },
  }),
  record('doi:10.1000/x#a%b' as PaperId, { title: 'Published paper', doi: '10.1000/x#a%b', authors: [], organization: 'Google DeepMind', published: '2024' }),
];

describe('CSL-JSON', () => {
  it('round-trips titles, names, dates, DOIs and tags through the import', () => {
    const read = readCslJson(exportCslJson(papers));
    expect(read.ok && read.value.skipped).toEqual([]);
    const entries = read.ok ? read.value.entries : [];
    expect(entries.map((entry) => entry.paper.id)).toEqual(['arxiv:2501.01234', 'doi:10.1000/x#a%b']);
    expect(entries[0].paper).toMatchObject({ title: 'Unbalanced { brace and $\\alpha$', published: '2025-01-02', abstract: 'An abstract.' });
    expect(entries[0].paper.authors).toEqual(['Martin Luther King Jr.', 'Anna van der Berg', 'Ada Lovelace']);
    expect(entries[0].tags).toEqual(['llm', 'rl']);
    expect(entries[1].paper.authors).toEqual(['Google DeepMind']);
  });

  it('splits a keyword string at commas and semicolons into tags, as Zotero and citation-js write it', () => {
    const read = readCslJson(JSON.stringify([{ id: 'z', title: 'From Zotero', keyword: 'Deep Learning, rl;  graphs ,' }]));
    expect(read.ok && read.value.entries[0].tags).toEqual(['deep learning', 'rl', 'graphs']);
  });

  it('round-trips tags holding a comma or semicolon through custom.tags, unless another tool changed keyword', () => {
    const tagged = [record('arxiv:2501.01235' as PaperId, { title: 'Tagged', tags: ['a, b', 'c; d', 'plain'] })];
    const text = exportCslJson(tagged);
    const [item] = JSON.parse(text) as Array<{ keyword: string; custom: { tags: string[] } }>;
    expect(item).toMatchObject({ keyword: 'a, b, c; d, plain', custom: { tags: ['a, b', 'c; d', 'plain'] } });
    const read = readCslJson(text);
    expect(read.ok && read.value.entries[0].tags).toEqual(['a, b', 'c; d', 'plain']);
    const edited = readCslJson(JSON.stringify([{ ...item, id: 'x', title: 'Tagged', keyword: `${item.keyword}, new` }]));
    expect(edited.ok && edited.value.entries[0].tags).toEqual(['a', 'b', 'c', 'd', 'plain', 'new']);
    expect(JSON.parse(exportCslJson(papers))[0]).not.toHaveProperty('custom');
  });

  it('skips items without a title, by id and position, and drops non-http URLs', () => {
    const read = readCslJson(JSON.stringify([{ id: 'a', title: 'Kept', URL: 'javascript:alert(1)' }, { id: 'b' }, 7]));
    expect(read.ok && read.value.skipped).toEqual([
      { key: 'b', line: 2, reason: 'has no title' },
      { key: '', line: 3, reason: 'not an object' },
    ]);
    expect(read.ok && read.value.entries[0].paper.url).toBe('');
  });

  it('is recognised by the import job and previewed', () => {
    const messages: ImportJobMessage[] = [];
    runImportJob({ name: 'zotero.json', bytes: new TextEncoder().encode(exportCslJson(papers)) }, (message) => messages.push(message));
    const last = messages.at(-1);
    expect(last?.type === 'result' && last.result.ok && last.result.value).toMatchObject({ papers: 2, preview: { total: 2, skipped: [] } });
  });
});
