import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportCsv } from '../../lib/export/csv';
import { exportMarkdown } from '../../lib/export/markdown';
import { exportRis } from '../../lib/export/ris';
import { libraryArb, record } from '../fixtures/library/records';

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else {
          if (i >= text.length) throw new Error('unterminated quote');
          cell += text[i++];
        }
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
        cell += text[i++];
      }
    }
    row.push(cell);
    if (text[i] === ',') {
      i++;
    } else {
      if (text.slice(i, i + 2) !== '\r\n') throw new Error(`expected CRLF at ${i}`);
      i += 2;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

describe('exportCsv', () => {
  it('is UTF-8 with a BOM and reads back cell for cell under RFC 4180', () => {
    fc.assert(
      fc.property(libraryArb, (papers) => {
        const csv = exportCsv(papers, { guardFormulas: false });
        expect(csv.startsWith('\uFEFF')).toBe(true);
        const rows = readCsv(csv.slice(1));
        expect(rows).toHaveLength(papers.length + 1);
        const header = rows[0];
        papers.forEach((paper, index) => {
          const cells = Object.fromEntries(header.map((name, column) => [name, rows[index + 1][column]]));
          expect(cells.id).toBe(paper.id);
          expect(cells.title).toBe(paper.title);
          expect(cells.note).toBe(paper.note);
          expect(cells.tags).toBe(paper.tags.join(';'));
        });
      }),
      { numRuns: 50 },
    );
  });

  it('quotes fields with commas, quotes and line breaks, and guards formula-looking text', () => {
    const csv = exportCsv([record('arxiv:2501.00001', { title: 'A "quoted", title', note: '=HYPERLINK("x")\nline', tags: ['a', 'b c'] })]);
    const [, row] = readCsv(csv.slice(1));
    expect(csv).toContain('"A ""quoted"", title"');
    expect(row[1]).toBe('A "quoted", title');
    expect(row).toContain('\'=HYPERLINK("x")\nline');
    expect(row).toContain('a;b c');
  });
});

describe('exportRis', () => {
  it('writes one TY…ER record per paper with a tag on every line', () => {
    fc.assert(
      fc.property(libraryArb, (papers) => {
        const ris = exportRis(papers);
        const records = ris.split('ER  - \r\n').slice(0, -1);
        expect(records).toHaveLength(papers.length);
        records.forEach((text, index) => {
          const lines = text.replace(/^\r\n/, '').split('\r\n').filter(Boolean);
          expect(lines[0]).toMatch(/^TY {2}- (JOUR|UNPB)$/);
          // Continuation lines (multi-line notes) never look like a tag.
          const tags = lines.filter((line) => /^[A-Z][A-Z0-9] {2}- /.test(line)).map((line) => line.slice(0, 2));
          const paper = papers[index];
          expect(tags.filter((tag) => tag === 'AU')).toHaveLength(paper.authors.filter((a) => a.trim()).length || (paper.organization?.trim() ? 1 : 0),);
          expect(tags.filter((tag) => tag === 'KW')).toHaveLength(paper.tags.filter((t) => t.trim()).length);
          expect(tags.filter((tag) => tag === 'N1')).toHaveLength(paper.note.trim() ? 1 : 0);
        });
      }),
      { numRuns: 50 },
    );
  });

  it('maps an arXiv preprint to Zotero-readable tags', () => {
    const ris = exportRis([
      record('arxiv:2501.01234', {
        title: 'Title',
        authors: ['Anna van der Berg', 'Plato'],
        published: '2025-01-02',
        tags: ['llm'],
        note: 'first\nAU  - not a tag',
      }),
    ]);
    expect(ris.split('\r\n')).toEqual([
      'TY  - UNPB',
      'TI  - Title',
      'AU  - van der Berg, Anna',
      'AU  - Plato',
      'PY  - 2025',
      'DA  - 2025/01/02/',
      'UR  - https://arxiv.org/abs/2501.01234',
      'L1  - https://arxiv.org/pdf/2501.01234',
      'DB  - arXiv',
      'AN  - arXiv:2501.01234',
      'KW  - llm',
      'N1  - first',
      '\u2060AU  - not a tag',
      'ER  - ',
      '',
    ]);
  });
});

describe('exportMarkdown', () => {
  it('never lets page text become HTML or Markdown syntax', () => {
    const md = exportMarkdown([record('arxiv:2501.00001', { title: '<img src=x onerror=alert(1)> *bold* [link](x)', tags: ['<b>'] })]);
    // Our own link destinations are the only unescaped angle brackets.
    expect(md.replace(/\]\(<https:[^<>\s]*>\)/g, '')).not.toMatch(/(?<!\\)</);
    expect(md).toContain('\\<img src=x onerror=alert(1)\\> \\*bold\\* \\[link\\](x)');
  });

  it('groups by tag (a paper under each of its tags, untagged last) or by status', () => {
    const papers = [
      record('arxiv:2501.00001', { title: 'One', tags: ['b', 'a'], status: 'read' }),
      record('arxiv:2501.00002', { title: 'Two', status: 'to-read' }),
    ];
    const byTag = exportMarkdown(papers);
    expect(byTag.match(/^## .*$/gm)).toEqual(['## a (1)', '## b (1)', '## Untagged (1)']);
    const byStatus = exportMarkdown(papers, { groupBy: 'status' });
    expect(byStatus.match(/^## .*$/gm)).toEqual(['## To read (1)', '## Read (1)']);
    expect(byStatus).toContain('[abstract](<https://arxiv.org/abs/2501.00001>) · [PDF](<https://arxiv.org/pdf/2501.00001>)');
  });
});
