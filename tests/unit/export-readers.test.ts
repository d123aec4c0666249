import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBibtex } from '../../lib/export/bibtex';
import { exportCsv } from '../../lib/export/csv';
import { exportRis } from '../../lib/export/ris';
import type { PaperId } from '../../lib/ids';
import { readBibtexFile } from '../../lib/import/bibtex';
import { record } from '../fixtures/library/records';
import { AWKWARD_TITLES, readBibWithBiber, readBibWithPython, readCsvWithPython, readRis } from '../helpers/export-readers';

const papers = AWKWARD_TITLES.map((title, index) =>
  record(`doi:10.1000/x${index}#a%b` as PaperId, {
    title,
    doi: `10.1000/x${index}#a%b`,
    authors: index === 0 ? ['Martin Luther King Jr.', 'Anna van der Berg'] : index === 1 ? [] : ['Ada Lovelace'],
    organization: index === 1 ? 'Google DeepMind, Inc.' : undefined,
    tags: index === 0 ? ['a, b', 'c; d', 'plain'] : [],
    note: index === 2 ? 'first line\nTY  - JOUR\n  ER  - ' : '',
  }),
);

const dir = mkdtempSync(path.join(tmpdir(), 'shelfmark-readers-'));

describe('BibTeX export read by independent readers', () => {
  const bib = exportBibtex(papers);
  const file = path.join(dir, 'export.bib');
  writeFileSync(file, bib);

  it('pybtex and python-bibtexparser read every entry, with every title, tag and DOI', () => {
    const read = readBibWithPython(file);
    expect(read.pybtex).toHaveLength(papers.length);
    expect(read.bibtexparser).toHaveLength(papers.length);
    expect(read.pybtex.map((entry) => entry.doi)).toEqual(papers.map((paper) => paper.doi));
    expect(read.bibtexparser.map((entry) => entry.doi)).toEqual(papers.map((paper) => paper.doi));
    expect(read.pybtex[0].authors[0]).toEqual({ first: 'Martin Luther', last: 'King', lineage: 'Jr.' });
    expect(read.pybtex[0].authors[1]).toEqual({ first: 'Anna', last: 'van der Berg', lineage: '' });
  });

  it('biber --tool reads it without errors', () => {
    const { log, entries } = readBibWithBiber(file, dir);
    expect(log).not.toMatch(/\bERROR\b/);
    expect(entries).toBe(papers.length);
  });

  it('round-trips every awkward title, the tags with separators, the DOIs and the organisation through the import', () => {
    const read = readBibtexFile(bib);
    expect(read.skipped).toEqual([]);
    expect(read.entries.map((entry) => entry.paper.title)).toEqual(AWKWARD_TITLES);
    expect(read.entries.map((entry) => entry.paper.doi)).toEqual(papers.map((paper) => paper.doi));
    expect(read.entries[0].tags).toEqual(['a, b', 'c; d', 'plain']);
    expect(read.entries[0].paper.authors).toEqual(['Martin Luther King Jr.', 'Anna van der Berg']);
    expect(read.entries[1].paper.authors).toEqual(['Google DeepMind, Inc.']);
  });
});

describe('RIS export', () => {
  const ris = exportRis(papers);
  it.each([false, true])('a %s reader finds one record per paper (no note line injects one)', (trim) => {
    const records = readRis(ris, trim);
    expect(records).toHaveLength(papers.length);
    expect(records.map((rec) => rec.find(([tag]) => tag === 'TI')?.[1])).toEqual(AWKWARD_TITLES);
  });
  it('writes suffixes and DOIs as RIS readers expect', () => {
    const [first] = readRis(ris, false);
    expect(first.filter(([tag]) => tag === 'AU').map(([, value]) => value)).toEqual(['King, Martin Luther, Jr.', 'van der Berg, Anna']);
    expect(first.find(([tag]) => tag === 'DO')?.[1]).toBe('10.1000/x0#a%b');
    expect(first.find(([tag]) => tag === 'UR')?.[1]).toBe('https://doi.org/10.1000/x0%23a%25b');
  });
});

describe('CSV export read by Python csv', () => {
  it('gives back every title and DOI', () => {
    const file = path.join(dir, 'export.csv');
    writeFileSync(file, exportCsv(papers));
    const rows = readCsvWithPython(file);
    expect(rows.map((row) => row.title)).toEqual(AWKWARD_TITLES);
    expect(rows.map((row) => row.doi)).toEqual(papers.map((paper) => paper.doi));
  });
});
