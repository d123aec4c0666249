import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from '@retorquere/bibtex-parser';
import { describe, expect, it } from 'vitest';
import { exportBibtex } from '../../lib/export/bibtex';
import { exportCslJson } from '../../lib/export/csl-json';
import { exportCsv } from '../../lib/export/csv';
import { exportMarkdown } from '../../lib/export/markdown';
import { exportRis } from '../../lib/export/ris';
import { titleFingerprint } from '../../lib/ids';
import { plainText } from '../../lib/import/bibtex';
import { fixedLibrary, goldenPath } from '../fixtures/library/fixed-library';

const papers = fixedLibrary();

const outputs: Record<string, () => string> = {
  'reading-list-by-tag.md': () => exportMarkdown(papers, { groupBy: 'tag' }),
  'reading-list-by-status.md': () => exportMarkdown(papers, { groupBy: 'status', title: 'Reading group — January' }),
  'library.bib': () => exportBibtex(papers),
  'library.csv': () => exportCsv(papers),
  'library.ris': () => exportRis(papers),
  'library.csl.json': () => exportCslJson(papers),
};

describe('golden exports of the fixed library', () => {
  for (const [name, render] of Object.entries(outputs)) {
    it(`${name} matches its golden file`, () => {
      const actual = render();
      if (process.env.UPDATE_GOLDEN || !existsSync(goldenPath(name))) writeFileSync(goldenPath(name), actual);
      expect(actual).toBe(readFileSync(goldenPath(name), 'utf8'));
    });
  }

  it('the BibTeX golden parses without errors and gives back every title', () => {
    const library = parse(readFileSync(goldenPath('library.bib'), 'utf8'), { sentenceCase: false, english: false });
    expect(library.errors).toEqual([]);
    expect(library.entries).toHaveLength(papers.length);
    const parsed = library.entries.map((entry) => titleFingerprint(plainText(entry.fields.title) ?? ''));
    expect(parsed).toEqual(papers.map((paper) => titleFingerprint(paper.title)));
    // Escaped text comes back exactly; only kept TeX is rendered by the parser.
    const plain = papers.filter((paper) => !/[$\\]/.test(paper.title));
    for (const paper of plain) {
      expect(library.entries.map((entry) => entry.fields.title)).toContain(paper.title);
    }
  });

  it('the fixed library exercises both entry types and a key collision', () => {
    const bib = exportBibtex(papers);
    expect(bib).toMatch(/@article\{alfarsi2020fast,/);
    expect(bib).toMatch(/@article\{haddad/);
    expect(bib).toMatch(/@misc\{yang2025survey,/);
    expect(bib).toContain('@misc{huangdistributed,');
    expect(bib).toContain('@misc{huangdistributeda,');
  });
});
