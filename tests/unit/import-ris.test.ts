import { describe, expect, it } from 'vitest';
import { exportRis } from '../../lib/export/ris';
import type { PaperId } from '../../lib/ids';
import { readRis } from '../../lib/import/ris';
import { runImportJob, type ImportJobMessage } from '../../lib/import/import-job';
import { record } from '../fixtures/library/records';

const papers = [
  record('arxiv:2501.01234' as PaperId, { title: 'Unbalanced { brace', authors: ['Martin Luther King Jr.', 'Anna van der Berg'], published: '2025-01-02', tags: ['a, b', 'rl'], note: 'first\nTY  - JOUR\nlast' }),
  record('doi:10.1000/x#a%b' as PaperId, { title: 'Published', doi: '10.1000/x#a%b', published: '2024' }),
];

describe('RIS import', () => {
  it('reads back what the RIS export writes: titles, suffixed names, dates, DOIs, tags and a note with a tag-like line', () => {
    const read = readRis(exportRis(papers));
    expect(read.skipped).toEqual([]);
    expect(read.entries.map((entry) => entry.paper.id)).toEqual(['arxiv:2501.01234', 'doi:10.1000/x#a%b']);
    expect(read.entries[0].paper).toMatchObject({ title: 'Unbalanced { brace', published: '2025-01-02', authors: ['Martin Luther King Jr.', 'Anna van der Berg'] });
    expect(read.entries[0].tags).toEqual(['a, b', 'rl']);
    expect(read.entries[0].note).toBe('first\nTY  - JOUR\nlast');
    expect(read.entries[1].paper.doi).toBe('10.1000/x#a%b');
  });

  it('reads a Zotero-style export and skips a record without a title by line', () => {
    const ris = 'TY  - JOUR\r\nT1  - From Zotero\r\nA1  - Doe, Jane\r\nPY  - 2020\r\nDO  - https://doi.org/10.1000/z\r\nUR  - javascript:alert(1)\r\nER  - \r\n\r\nTY  - BOOK\r\nID  - nokey\r\nER  - \r\n';
    const read = readRis(ris);
    expect(read.entries[0].paper).toMatchObject({ id: 'doi:10.1000/z', title: 'From Zotero', authors: ['Jane Doe'], published: '2020', url: '' });
    expect(read.skipped).toEqual([{ key: 'nokey', line: 9, reason: 'has no title' }]);
  });

  it('is recognised by the import job and previewed', () => {
    const messages: ImportJobMessage[] = [];
    runImportJob({ name: 'export.ris', bytes: new TextEncoder().encode(exportRis(papers)) }, (message) => messages.push(message));
    const last = messages.at(-1);
    expect(last?.type === 'result' && last.result.ok && last.result.value).toMatchObject({ papers: 2, preview: { total: 2, skipped: [] } });
  });
});
