import { parse } from '@retorquere/bibtex-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PaperId } from '../../lib/ids';
import { exportBibtex } from '../../lib/export/bibtex';
import { citationKeys } from '../../lib/export/citation-keys';
import { KEPT_ARGUMENT_COMMANDS, KEPT_MATH_COMMANDS, KEPT_SWITCH_COMMANDS, escapeTex } from '../../lib/export/tex';
import { plainText } from '../../lib/import/bibtex';
import { libraryArb, record } from '../fixtures/library/records';

const parseOptions = { sentenceCase: false as const, english: false };

function parseTitle(tex: string): { title: string | undefined; errors: unknown[] } {
  const library = parse(`@misc{k,\n  title = {{${tex}}}\n}`, parseOptions);
  return { title: library.entries[0]?.fields.title, errors: library.errors };
}

describe('escapeTex', () => {
  it('escapes every special character so the parser gives the exact text back', () => {
    const text = fc.array(
      fc.oneof(
        fc.constantFrom('&', '%', '$', '#', '_', '{', '}', '~', '^', '\\', '<', '>', '"', "'", '@', ','),
        fc.constantFrom('a', 'Z', 'é', 'ß', '日', '🧪', '1', '-', ':', '(', ')', '`', '!', '?'),
      ),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(text, (chars) => {
        // Spaces are left out: BibTeX collapses runs of them.
        const original = chars.join('');
        const { title, errors } = parseTitle(escapeTex(original));
        expect(errors).toEqual([]);
        // Only a kept math span ($…$ with TeX syntax) is rendered rather than given back verbatim.
        if (!/\$[^$\s]+\$/.test(original)) expect(title).toBe(original);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps inline math and style commands, and escapes TeX the parser cannot render', () => {
    expect(escapeTex('LLM $\\times$ DATA')).toBe('LLM $\\times$ DATA');
    expect(escapeTex('$k$-means in $O(n^2)$')).toBe('$k$-means in $O(n^2)$');
    expect(escapeTex('in {\\it Gaia} DR3 with 5% \\emph{more_x}')).toBe('in {\\it Gaia} DR3 with 5\\% \\emph{more\\_x}');
    expect(escapeTex('costs $5 and $6')).toBe('costs \\$5 and \\$6');
    expect(escapeTex('$\\mathbb{R}^n$')).toBe('\\$\\textbackslash{}mathbb\\textbraceleft{}R\\textbraceright{}\\textasciicircum{}n\\$');
    expect(escapeTex('\\foo{x}')).toBe('\\textbackslash{}foo\\textbraceleft{}x\\textbraceright{}');
  });

  it('every kept command parses without errors', () => {
    for (const command of KEPT_MATH_COMMANDS) {
      const argument = command === 'frac' ? '{a}{b}' : ['sqrt', 'mathrm', 'textrm', 'bar', 'vec'].includes(command) ? '{x}' : '';
      expect(parseTitle(`A $\\${command}${argument}$ b`).errors, command).toEqual([]);
    }
    for (const command of KEPT_ARGUMENT_COMMANDS) {
      expect(parseTitle(`A \\${command}{word} b`).errors, command).toEqual([]);
    }
    for (const command of KEPT_SWITCH_COMMANDS) {
      expect(parseTitle(`A {\\${command} word} b`).errors, command).toEqual([]);
    }
  });
});

describe('citationKeys', () => {
  it('builds lastname-year-word keys from display names, skipping particles, math and small words', () => {
    const papers = [
      record('arxiv:2501.00001', { authors: ['Anna van der Berg'], title: 'The $\\times$ Effect', published: '2025-01-02' }),
      record('arxiv:2501.00002', { authors: ['Jürgen Weiß'], title: 'On Ünicode', published: '2024' }),
      record('arxiv:2501.00003', { authors: [], organization: 'Kandinsky Lab', title: 'A Model' }),
      record('arxiv:2501.00004', { authors: [], title: '日本語' }),
    ];
    const keys = citationKeys(papers);
    expect(papers.map((paper) => keys.get(paper.id))).toEqual(['vanderberg2025effect', 'weiss2024unicode', 'kandinskymodel', 'anon']);
  });

  it('gives unique keys that do not depend on the order of the papers', () => {
    const colliding = fc.uniqueArray(
      fc.record({
        id: fc.integer({ min: 0, max: 50 }).map((n) => `arxiv:2501.${String(n).padStart(5, '0')}` as const),
        author: fc.constantFrom('Wei Zhang', 'Li Zhang'),
        title: fc.constantFrom('Scaling Laws', 'Scaling', 'Scalinga Things'),
      }),
      { selector: (paper) => paper.id, maxLength: 20 },
    );
    fc.assert(
      fc.property(colliding, fc.infiniteStream(fc.nat()), (specs, seeds) => {
        const papers = specs.map((spec) => record(spec.id, { authors: [spec.author], title: spec.title, published: '2025' }));
        const keys = citationKeys(papers);
        expect(new Set(keys.values()).size).toBe(papers.length);
        const shuffled = papers
          .map((paper) => ({ paper, order: seeds.next().value as number }))
          .sort((a, b) => a.order - b.order)
          .map(({ paper }) => paper);
        expect(citationKeys(shuffled)).toEqual(keys);
      }),
    );
  });

  it('suffixes collisions a, b, … in id order', () => {
    const papers = ['arxiv:2501.00003', 'arxiv:2501.00001', 'arxiv:2501.00002'].map((id) =>
      record(id as `arxiv:${string}`, { authors: ['Wei Zhang'], title: 'Scaling', published: '2025' }),
    );
    expect(Object.fromEntries(citationKeys(papers))).toEqual({
      'arxiv:2501.00001': 'zhang2025scaling',
      'arxiv:2501.00002': 'zhang2025scalinga',
      'arxiv:2501.00003': 'zhang2025scalingb',
    });
  });
});

describe('exportBibtex', () => {
  it('writes @misc for preprints (an arXiv DOI is not a publication) and @article once published', () => {
    const bib = exportBibtex([
      record('arxiv:2501.00001', { doi: '10.48550/arXiv.2501.00001', arxiv: { primaryCategory: 'cs.LG' } }),
      record('arxiv:2501.00002', { title: 'Other', arxiv: { journalRef: 'Phys. Rev. D 76, 013009 (2007)' } }),
      record('doi:10.1145/3580305', { title: 'Third' }),
    ]);
    const library = parse(bib, parseOptions);
    expect(library.errors).toEqual([]);
    expect(library.entries.map((entry) => entry.type)).toEqual(['misc', 'article', 'article']);
    expect(library.entries[0].fields).toMatchObject({
      eprint: '2501.00001',
      archiveprefix: 'arXiv',
      primaryclass: 'cs.LG',
      url: 'https://arxiv.org/abs/2501.00001',
    });
    expect(library.entries[1].fields.journal).toBe('Phys. Rev. D 76, 013009 (2007)');
    expect(library.entries[2].fields).toMatchObject({ doi: '10.1145/3580305', url: 'https://doi.org/10.1145/3580305' });
  });

  it('percent-encodes the characters of a url that BibTeX readers would take for math, groups or commands', () => {
    // The url is first read as a browser would open it (a `\\` in an http url is a `/`, `{}` are encoded), see safe-url.ts.
    const url = 'http://example.org/a$b/{c}\\d?x=1';
    const bib = exportBibtex([record('title:a-paper' as PaperId, { url })]);
    const library = parse(bib, parseOptions);
    expect(library.errors).toEqual([]);
    expect(library.entries[0].fields.url).toBe('http://example.org/a%24b/%7Bc%7D/d?x=1');
    expect(decodeURIComponent(library.entries[0].fields.url ?? '')).toBe('http://example.org/a$b/{c}/d?x=1');
  });

  it('braces names with "and" or a comma so they stay one author', () => {
    const bib = exportBibtex([record('arxiv:2501.00001', { authors: ['Research and Development Team', 'Smith, Jr., J.', 'Ada Lovelace'] })]);
    const [entry] = parse(bib, parseOptions).entries;
    expect(entry.fields.author).toHaveLength(3);
    expect(entry.fields.author?.[0]).toEqual({ name: 'Research and Development Team' });
  });

  it('any generated library parses without errors and gives back its titles and keywords', () => {
    fc.assert(
      fc.property(libraryArb, (papers) => {
        const library = parse(exportBibtex(papers), parseOptions);
        expect(library.errors).toEqual([]);
        expect(library.entries).toHaveLength(papers.length);
        library.entries.forEach((entry, index) => {
          const title = papers[index].title.replace(/\s+/g, ' ').trim();
          if (!/\$/.test(title)) expect(plainText(entry.fields.title) ?? '').toBe(title);
        });
      }),
      { numRuns: 25 },
    );
  });
});
