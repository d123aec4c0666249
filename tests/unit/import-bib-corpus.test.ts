import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBibtexFile } from '../../lib/import/bibtex';
import { decodeImportBytes } from '../../lib/import/decode-text';
import { measureCorpusFile, summarizeCorpus } from '../bib-corpus/measure';

const DIR = path.join(__dirname, '../fixtures/bib-corpus');
const bytesOf = (name: string) => new Uint8Array(readFileSync(path.join(DIR, name)));

describe('real-world .bib sample (biber, biblatex, JabRef, bibtex-tidy, hayagriva and Better BibTeX test suites)', () => {
  const files = readdirSync(DIR).filter((name) => name.endsWith('.bib')).sort();
  const summary = summarizeCorpus(files.map((name) => measureCorpusFile(name, bytesOf(name))));

  it('imports at least 99 % of the entries the reference parser reads with a title, and refuses no file whole', () => {
    expect(summary.files).toBe(333);
    expect(summary.referenceTitled).toBeGreaterThan(3800);
    expect(summary.importedPercent).toBeGreaterThanOrEqual(99);
    // Its one entry's title, "\\{}: \\" rendered, has no letter or digit to make an id from (a test of escapes).
    expect(summary.refusedFiles).toEqual(['bbt-import-Better-BibTeX.014.bib']);
  });

  it('imports all but the untitled entries of biber papers.bib, whose `journal = dam` is only a warning', () => {
    const read = readBibtexFile(new TextDecoder().decode(bytesOf('biber-papers.bib')));
    expect(read.warnings.some((warning) => /undefined @string "dam" kept as written/.test(warning))).toBe(true);
    expect(read.skipped.every((entry) => entry.reason === 'has no title')).toBe(true);
    expect(read.entries.length + read.skipped.length).toBe(read.total);
    expect(read.entries.length).toBeGreaterThan(2000);
  });

  it('skips the @set entries of biblatex-examples.bib by key and line, and imports the rest', () => {
    const read = readBibtexFile(new TextDecoder().decode(bytesOf('biblatex-examples.bib')));
    const sets = read.skipped.filter((entry) => /^set/.test(entry.key));
    expect(sets.map((entry) => entry.reason)).toEqual(sets.map(() => 'has no title'));
    expect(sets.every((entry) => entry.line > 1)).toBe(true);
    expect(read.entries.length).toBeGreaterThan(80);
  });

  it('reads JabRef’s Biblioscape export, whose authors are separated by semicolons, as separate authors', () => {
    const read = readBibtexFile(new TextDecoder().decode(bytesOf('jabref-BiblioscapeImporterTestKeywords.bib')));
    expect(read.skipped).toEqual([]);
    expect(read.entries[0].paper.authors.slice(0, 3)).toEqual(['F. Baklouti', 'S. C. Huang', 'T. K. Tang']);
  });

  it('reads JabRef’s UTF-16 files by their byte order mark, bare-CR line ends and all', () => {
    for (const name of ['jabref-encoding-utf-16BE-with-header.bib', 'jabref-encoding-utf-16BE-without-header.bib']) {
      const decoded = decodeImportBytes(bytesOf(name), name);
      expect(decoded.ok && decoded.value.text).toMatch(/@\w+\{/);
      expect(decoded.ok && readBibtexFile(decoded.value.text).entries.length).toBeGreaterThan(0);
    }
  });

  it('reads a Latin-1 file from the sample as Windows-1252, with no U+FFFD', () => {
    const decoded = decodeImportBytes(bytesOf('biber-encoding1.bib'), 'biber-encoding1.bib');
    expect(decoded.ok && decoded.value.encoding).toBe('windows-1252');
    expect(decoded.ok && decoded.value.text).not.toContain('\uFFFD');
  });
});

describe('decodeImportBytes', () => {
  const bib = '@misc{k, title = {Sōme title — ü}}';
  const utf16 = (text: string, littleEndian: boolean) => {
    const out = new Uint8Array(2 + text.length * 2);
    out.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      out[2 + 2 * i] = littleEndian ? code & 0xff : code >> 8;
      out[3 + 2 * i] = littleEndian ? code >> 8 : code & 0xff;
    }
    return out;
  };

  it.each([
    ['UTF-8', new TextEncoder().encode(bib), 'utf-8'],
    ['UTF-8 with a BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(bib)]), 'utf-8'],
    ['UTF-16 LE with a BOM', utf16(bib, true), 'utf-16le'],
    ['UTF-16 BE with a BOM', utf16(bib, false), 'utf-16be'],
  ])('reads %s', (_label, bytes, encoding) => {
    const decoded = decodeImportBytes(bytes, 'refs.bib');
    expect(decoded).toEqual({ ok: true, value: { text: bib, encoding } });
    expect(readBibtexFile(decoded.ok ? decoded.value.text : '').entries[0]?.paper.title).toBe('Sōme title — ü');
  });

  it('reads Windows-1252 bytes (curly quotes, é) with a warning instead of U+FFFD', () => {
    const decoded = decodeImportBytes(new Uint8Array([...new TextEncoder().encode('@misc{k, title = {Caf'), 0xe9, 0x20, 0x93, 0x71, 0x94, 0x7d, 0x7d]), 'old.bib');
    expect(decoded.ok && decoded.value.text).toBe('@misc{k, title = {Café “q”}}');
    expect(decoded.ok && decoded.value.warning).toMatch(/old\.bib is not UTF-8; it was read as Latin-1/);
  });

  it('refuses UTF-16 without a BOM with a clear message', () => {
    const bytes = utf16(bib, true).subarray(2);
    expect(decodeImportBytes(bytes, 'x.bib')).toEqual({ ok: false, errors: [expect.stringMatching(/x\.bib is not UTF-8 .* save it as UTF-8/)] });
  });
});

describe('crossref and xdata', () => {
  it('inherits year (and booktitle from the parent title) from a crossref, and fields from xdata', () => {
    const read = readBibtexFile(
      '@inproceedings{child, title = {Child}, crossref = {Proc}}\n@proceedings{proc, title = {The Proceedings}, year = 2020}\n' +
        '@xdata{pub, year = {2019}, month = mar}\n@article{x, title = {X}, xdata = {pub}}',
    );
    const byKey = new Map(read.entries.map((entry) => [entry.key, entry.paper]));
    expect(byKey.get('child')?.published).toBe('2020');
    expect(byKey.get('child')?.title).toBe('Child');
    expect(byKey.get('x')?.published).toBe('2019-03');
    expect(read.skipped).toEqual([{ key: 'pub', line: 3, reason: 'has no title' }]);
  });

  it('accepts BibTeX keys with ? and other punctuation', () => {
    expect(readBibtexFile('@misc{CorneilOS??, title = {Q}}\n@misc{a<b>!|, title = {R}}').entries.map((entry) => entry.key)).toEqual(['CorneilOS??', 'a<b>!|']);
  });
});
