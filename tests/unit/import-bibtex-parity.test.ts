import { parse } from '@retorquere/bibtex-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportBibtex } from '../../lib/export/bibtex';
import { parseBibtexImport, plainText } from '../../lib/import/bibtex';
import { lexBibtex } from '../../lib/import/bibtex-lexer';
import { creatorName } from '../../lib/import/bibtex-names';
import { prepareTex, restoreKept } from '../../lib/import/tex-prepare';
import { fixedLibrary } from '../fixtures/library/fixed-library';
import { libraryArb } from '../fixtures/library/records';

/**
 * What the parser gives when it renders every field whole: the slow path the import used to take, after the same
 * rewrites of what the parser renders badly (tex-prepare.ts), so only the splitting into runs is compared.
 */
function wholeFieldReading(text: string) {
  const kept: string[] = [];
  const prepared = lexBibtex(text)
    .entries.map((entry, index) => {
      const field = (name: string, value: string | undefined) => (value === undefined ? '' : `  ${name} = {${name === 'author' ? value : prepareTex(value, kept)}},\n`);
      return `@misc{r${index},\n${field('title', entry.fields.get('title'))}${field('abstract', entry.fields.get('abstract'))}${field('author', entry.fields.get('author'))}}\n`;
    })
    .join('');
  const library = parse(prepared, { sentenceCase: false, english: false, unsupported: (_node, tex) => tex });
  expect(library.errors).toEqual([]);
  const shown = (value: string | undefined) => {
    const plain = plainText(value);
    return plain === undefined ? undefined : restoreKept(plain, kept).normalize('NFC');
  };
  // The import composes accents (NFC) that the parser writes as combining marks.
  return library.entries.map((entry) => ({
    title: shown(entry.fields.title),
    abstract: shown(entry.fields.abstract),
    authors: (entry.fields.author ?? []).map((creator) => creatorName(creator).normalize('NFC')).filter(Boolean),
  }));
}

function importReading(text: string) {
  const result = parseBibtexImport(text);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.value.map(({ paper }) => ({ title: paper.title, abstract: paper.abstract, authors: paper.authors }));
}

/** Real-world TeX: accents in every spelling, letter commands eating a space, ligatures, math, styles, name forms. */
const HANDWRITTEN = String.raw`
@article{a1,
  title = {On the {\"U}ber-Model: M{\"u}ller's \emph{Stra{\ss}e} -- a \TeX book of $O(n^2)$ ideas},
  author = {M{\"u}ller, J{\"o}rg and van der Berg, Anna and de la Cruz, Jr, Juan and Sm{\'\i}th, John and {Google DeepMind}},
  abstract = {We study ${'``'}quoted'' text, 10--20 and 1---2 runs, na\"{\i}ve caf\'e and \c{c}a, \ss{} and \ss words,
    $\alpha$-stable $x_{i}^{2}$ laws, {\it italic \bf bold} runs, \textbf{strong} and \textsc{Small} caps,
    a~tie, \& and 5\% and \$3, \LaTeX\ and \TeX{} names, \'e ${'\\`'} a, and
    a second paragraph}
}
@misc{a2,
  title = "Quoted {T}itle with \emph{emphasis}",
  author = "Doe, Jane and Roe, R. and Lee, Jr., Kim",
  abstract = "An abstract in quotes with {braces} and $\mathbb{R}^n$ and \cite{x} and \unknown{arg}."
}
@misc{a3,
  title = {{Double Braced <Title>}},
  author = {Wei Zhang and Anna van der Berg and AND Bob and Alice and},
  abstract = {Plain words only, with "double quotes", commas; semicolons: colons! and ?question marks}
}`;

describe('BibTeX import reads text as the parser does field-whole', () => {
  it('composes accents', () => {
    const [entry] = importReading(String.raw`@misc{k, title = {Caf\'e {\"U}ber}, author = {M{\"u}ller, J.}}`);
    expect(entry).toMatchObject({ title: 'Caf\u00e9 \u00dcber', authors: ['J. M\u00fcller'] });
  });

  it('on handwritten real-world TeX', () => {
    expect(importReading(HANDWRITTEN)).toEqual(wholeFieldReading(HANDWRITTEN));
  });

  it('on the fixed library export', () => {
    const bib = exportBibtex(fixedLibrary());
    expect(importReading(bib)).toEqual(wholeFieldReading(bib));
  });

  it('on any generated library export', () => {
    fc.assert(
      fc.property(libraryArb, (generated) => {
        // A title without letters or digits gives no id, and the import refuses it (tested elsewhere).
        const papers = generated.filter((paper) => /[\p{L}\p{N}]/u.test(paper.title));
        if (!papers.length) return;
        const bib = exportBibtex(papers, { abstract: true, tags: true, note: true });
        expect(importReading(bib)).toEqual(wholeFieldReading(bib));
      }),
      // The whole-field reading is the slow one (a 5,000-character abstract takes the parser ~50 ms).
      { numRuns: 40 },
    );
  }, 60_000);
});
