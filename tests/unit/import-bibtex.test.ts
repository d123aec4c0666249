import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShelfmarkDb } from '../../lib/db';
import { readSnapshot } from '../../lib/backup/snapshot';
import { exportBibtex } from '../../lib/export/bibtex';
import { applyImport } from '../../lib/import/apply';
import { parseBibtexImport, readBibtexFile, type BibtexImportEntry } from '../../lib/import/bibtex';
import { planBibtexImport } from '../../lib/import/bibtex-plan';
import { titlePaperId } from '../../lib/ids';
import { fixedLibrary } from '../fixtures/library/fixed-library';
import { record } from '../fixtures/library/records';

function entriesOf(text: string): BibtexImportEntry[] {
  const result = parseBibtexImport(text);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.value;
}

const SAMPLE = String.raw`
@article{scholar2023,
  title = {Attention Is All You Need},
  author = {Vaswani, Ashish and Shazeer, Noam},
  journal = {arXiv preprint arXiv:1706.03762v5},
  year = {2017}
}
@misc{eprint2025,
  title = {{A Survey of LLM $\times$ DATA}},
  author = {Xin Yang and {Research and Development Team}},
  eprint = {2505.00398},
  archivePrefix = {arXiv},
  primaryClass = {cs.CL},
  keywords = {llm, Data},
  annote = {read §2}
}
@inproceedings{doiOnly,
  title = {Mélange: Serving},
  author = {Haddad, Omar},
  booktitle = {Proceedings of Something},
  pages = {1--10},
  doi = {https://doi.org/10.1145/3580305.X},
  year = {2024},
  month = mar
}
@book{plain,
  title = {The \TeX{}book},
  author = {Knuth, Donald E.},
  publisher = {Addison-Wesley},
  year = {1984}
}`;

describe('parseBibtexImport', () => {
  it('gives arXiv and DOI entries those ids and keeps other entries under a title id', () => {
    const entries = entriesOf(SAMPLE);
    expect(entries.map((entry) => entry.paper.id)).toEqual([
      'arxiv:1706.03762',
      'arxiv:2505.00398',
      'doi:10.1145/3580305.x',
      titlePaperId('The TeXbook'),
    ]);
    expect(entries[0].paper).toMatchObject({ version: 5, authors: ['Ashish Vaswani', 'Noam Shazeer'], published: '2017' });
    expect(entries[1].paper).toMatchObject({
      title: 'A Survey of LLM × DATA',
      authors: ['Xin Yang', 'Research and Development Team'],
      arxiv: { primaryCategory: 'cs.CL' },
    });
    expect(entries[1].tags).toEqual(['data', 'llm']);
    expect(entries[1].note).toBe('read §2');
    expect(entries[2].paper.published).toBe('2024-03');
  });

  it('keeps the verbatim entry in the note when it has fields a paper cannot hold', () => {
    const [, , inproceedings, book] = entriesOf(SAMPLE);
    expect(inproceedings.note).toMatch(/^Imported from BibTeX \(booktitle, pages kept here\):\n@inproceedings\{doiOnly,/);
    expect(inproceedings.note).toContain('pages = {1--10}');
    expect(book.note).toContain('publisher = {Addison-Wesley}');
    // The Google Scholar "journal" is how the id was found: the entry keeps it.
    expect(entriesOf(SAMPLE)[0].note).toContain('journal = {arXiv preprint arXiv:1706.03762v5}');
  });

  it('reads back what the BibTeX exporter writes', () => {
    const papers = fixedLibrary();
    const entries = entriesOf(exportBibtex(papers));
    expect(entries.map((entry) => entry.paper.id)).toEqual(papers.map((paper) => paper.id));
    expect(entries.map((entry) => entry.tags)).toEqual(papers.map((paper) => [...paper.tags].sort()));
  });

  it('reads a dollar sign in a url (and in a comment) as itself, not as the start of math', () => {
    const result = parseBibtexImport('@comment{costs $5}\n@misc{k, title = {Price $x$ model}, url = {http://a.example/$}}');
    expect(result.ok && result.value.map(({ paper }) => [paper.title, paper.url])).toEqual([['Price x model', 'http://a.example/$']]);
  });

  // The url is then read as a browser opens it (`\\` is a `/` in an http url), see safe-url.ts.
  it('reads urls literally: a backslash escapes nothing, and an @string holding a url may contain a $', () => {
    const result = parseBibtexImport('@string{u = {http://b.example/$}}\n@misc{a, title = {A}, url = {http://a.example/\\}}\n@misc{b, title = {B}, url = u}');
    expect(result.ok && result.value.map(({ paper }) => paper.url)).toEqual(['http://a.example//', 'http://b.example/$']);
  });

  it('reads an author list separated by semicolons (Biblioscape, EndNote) as separate authors', () => {
    const [entry] = entriesOf('@article{,\n  title = {Protein 4.1},\n  author = {Baklouti, F.; Huang, S. C.; Tang, T. K.; {\\"U}nal, A.},\n}');
    expect(entry.paper.authors).toEqual(['F. Baklouti', 'S. C. Huang', 'T. K. Tang', 'A. Ünal']);
    const [braced] = entriesOf('@misc{b, title = {T}, author = {{Smith; Jones Ltd.}}}');
    expect(braced.paper.authors).toEqual(['Smith; Jones Ltd.']);
  });

  it('keeps a field whose TeX cannot be read as written, with a warning, instead of skipping the paper', () => {
    const bib = String.raw`@inproceedings{Olsen_1980_proc,
  title = {Investigation of {Cu$_2$O} solar cells},
  author = {Olsen, L. C. and Addis, F. W.},
  abstract = {An efficiency of 1.8% has heen achieved for Cu-Cu$ MIS cells.},
}
@inproceedings{miller85, author = "Miller, D., Firby, J. and Dean, T.", title = "Deadlines, Travel Time and Robot Problem Solving"}
@misc{bad, title = {Unclosed $math}}`;
    const read = readBibtexFile(bib);
    expect(read.entries.map((entry) => entry.key)).toEqual(['Olsen_1980_proc', 'miller85']);
    const [olsen, miller] = read.entries;
    expect(olsen.paper).toMatchObject({ title: 'Investigation of Cu$_2$O solar cells', authors: ['L. C. Olsen', 'F. W. Addis'] });
    expect(olsen.paper.abstract).toBe('An efficiency of 1.8% has heen achieved for Cu-Cu$ MIS cells.');
    expect(miller.paper.authors).toEqual(['D. Miller', 'J. Firby', 'T. Dean']);
    expect(read.warnings).toEqual([
      expect.stringMatching(/^Entry "Olsen_1980_proc" \(line 1\): abstract imported as written, its TeX unreadable \(/),
      expect.stringMatching(/^Entry "miller85" \(line 6\): author imported as written, its TeX unreadable \(/),
    ]);
    expect(read.skipped).toEqual([{ key: 'bad', line: 7, reason: expect.stringMatching(/math/) }]);
  });

  it('names the line or entry of a parse error', () => {
    const result = parseBibtexImport('@misc{good, title={Fine}}\n@article{broken,\n  title = {Unclosed\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^Entry "broken": .*line \d+/);
    const untitled = parseBibtexImport('@misc{notitle, author = {A B}}');
    expect(untitled).toEqual({ ok: false, errors: ['Entry "notitle": has no title.'] });
    expect(parseBibtexImport('just some words')).toEqual({ ok: false, errors: ['No BibTeX entries found in the file.'] });
  });

  it('never throws on garbage', () => {
    const garbage = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.nat({ max: SAMPLE.length }).map((cut) => SAMPLE.slice(0, cut)),
      fc.array(fc.constantFrom('@', '{', '}', ',', '=', '"', '\\', 'misc', 'title', ' ', '\n', '#', '$'), { maxLength: 60 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(garbage, (text) => {
        const result = parseBibtexImport(text);
        if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('BibTeX import into the library', () => {
  it('saves new papers, merges tags and notes into existing ones, and folds repeated entries', () => {
    const entries = entriesOf(SAMPLE);
    const existing = record('arxiv:2505.00398', { title: 'Known', tags: ['mine'], note: 'my note', savedAt: 5, edited: { savedAt: 5 } });
    const { writes, report } = planBibtexImport(new Map([[existing.id, existing]]), [...entries, entries[1]], 1000);
    expect(report.papers).toEqual({ added: 3, updated: 1, unchanged: 0 });
    const merged = writes.papers.find((paper) => paper.id === existing.id)!;
    expect(merged).toMatchObject({ title: 'Known', savedAt: 5, tags: ['mine', 'data', 'llm'], note: 'my note\n\nread §2' });
    expect(writes.papers.filter((paper) => paper.id !== existing.id).every((paper) => paper.savedAt === 1000)).toBe(true);
  });

  it('applies in one transaction and a second import of the same file changes nothing', async () => {
    const db = new ShelfmarkDb('test-bibtex-apply');
    try {
      const entries = entriesOf(SAMPLE);
      const first = await applyImport(db, { kind: 'bibtex', entries }, 1000);
      expect(first.ok && first.value.report.papers.added).toBe(4);
      const before = await readSnapshot(db);
      const second = await applyImport(db, { kind: 'bibtex', entries }, 2000);
      expect(second.ok && second.value.report.papers).toEqual({ added: 0, updated: 0, unchanged: 4 });
      expect(await readSnapshot(db)).toEqual(before);
    } finally {
      db.close();
      await db.delete();
    }
  });
});
