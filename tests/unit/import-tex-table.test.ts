import { describe, expect, it } from 'vitest';
import { readBibtexFile } from '../../lib/import/bibtex';

/** The TeX cases of issue 19, as a title reads after import. */
const CASES: Array<[tex: string, text: string]> = [
  [String.raw`\TeX macros`, 'TeX macros'],
  [String.raw`\TeX{} macros`, 'TeX macros'],
  [String.raw`\LaTeX\ rules`, 'LaTeX rules'],
  [String.raw`The \LaTeX{} Companion`, 'The LaTeX Companion'],
  [String.raw`\LaTeXe`, 'LaTeX2e'],
  [String.raw`See \url{http://x.org/a_b%20c} now`, 'See http://x.org/a_b%20c now'],
  [String.raw`Via \href{http://x.org}{the site} ok`, 'Via the site ok'],
  [String.raw`$\mathcal{O}(n \log n)$ sorting`, String.raw`$\mathcal{O}(n \log n)$ sorting`],
  [String.raw`Points $x_i$ in $\mathbb{R}^n$`, String.raw`Points $x_i$ in $\mathbb{R}^n$`],
  [String.raw`$\alpha$-decay`, 'α-decay'],
  [String.raw`Energy $x^2$ and $\leq$ $\infty$`, 'Energy x² and ≤ ∞'],
  [String.raw`Na\"{\i}ve`, 'Naïve'],
  [String.raw`Na\"\i ve`, 'Naïve'],
  [String.raw`A literal <b> tag`, 'A literal <b> tag'],
  [String.raw`x < y > z`, 'x < y > z'],
  [String.raw`Caf\'e {\"U}ber`, 'Café Über'],
];

describe('TeX to text', () => {
  it.each(CASES)('%s reads as %s', (tex, text) => {
    const read = readBibtexFile(`@misc{k, title = {${tex}}}`);
    expect(read.skipped).toEqual([]);
    expect(read.entries[0]?.paper.title).toBe(text);
  });

  it('never stores an HTML link from \\url or \\href', () => {
    const read = readBibtexFile(String.raw`@misc{k, title = {A \href{javascript:alert(1)}{link}}, abstract = {See \url{https://e.org}.}}`);
    expect(read.entries[0]?.paper.title).toBe('A link');
    expect(read.entries[0]?.paper.abstract).toBe('See https://e.org.');
  });

  it('inherits the year of a crossref parent', () => {
    const read = readBibtexFile('@inproceedings{c, title = {C}, crossref = {p}}\n@proceedings{p, title = {P}, year = {1999}}');
    expect(read.entries.find((entry) => entry.key === 'c')?.paper.published).toBe('1999');
  });
});
