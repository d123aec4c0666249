import { describe, expect, it } from 'vitest';
import { exportBibtex } from '../../lib/export/bibtex';
import { paperLinks } from '../../lib/export/links';
import { exportMarkdown } from '../../lib/export/markdown';
import { exportRis } from '../../lib/export/ris';
import type { PaperRecord } from '../../lib/paper';
import { doiUrl, httpUrl, markdownLinkTarget } from '../../lib/safe-url';
import type { PaperId } from '../../lib/ids';
import { record } from '../fixtures/library/records';

describe('httpUrl', () => {
  it.each([
    ['https://example.org/a?b=c#d', 'https://example.org/a?b=c#d'],
    ['  http://example.org  ', 'http://example.org/'],
    ['HTTPS://EXAMPLE.org/x', 'https://example.org/x'],
  ])('keeps the http(s) address %s', (input, expected) => {
    expect(httpUrl(input)).toBe(expected);
  });

  it.each(['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'ftp://example.org/', '/relative/path', 'example.org', '', 'https://', 'vbscript:msgbox(1)'])(
    'refuses %j',
    (input) => {
      expect(httpUrl(input)).toBeUndefined();
    },
  );
});

describe('doiUrl', () => {
  it('percent-encodes the characters that would cut a DOI short or break a link', () => {
    expect(doiUrl('10.1002/(SICI)1097-4571#x%y?z>w')).toBe('https://doi.org/10.1002/(SICI)1097-4571%23x%25y%3Fz%3Ew');
    expect(decodeURIComponent(new URL(doiUrl('10.1/a#b%c')).pathname.slice(1))).toBe('10.1/a#b%c');
  });
});

describe('markdownLinkTarget', () => {
  it('encodes every character that could end a Markdown link or start HTML', () => {
    expect(markdownLinkTarget('https://x.org/a>b<c d)e]f')).toBe('https://x.org/a%3Eb%3Cc%20d%29e%5Df');
  });
  it('refuses non-http schemes', () => {
    expect(markdownLinkTarget('javascript:alert(1)')).toBeUndefined();
  });
});

function paper(over: Partial<PaperRecord>): PaperRecord {
  return record((over.id ?? 'title:some-paper') as PaperId, { title: 'Some paper', ...over });
}

describe('link schemes at every output', () => {
  const hostile = paper({ url: 'javascript:alert(document.cookie)' });

  it('writes no javascript: link in Markdown, BibTeX or RIS', () => {
    expect(paperLinks(hostile).abstract).toBeUndefined();
    expect(exportMarkdown([hostile])).not.toMatch(/javascript/i);
    expect(exportBibtex([hostile])).not.toMatch(/javascript/i);
    expect(exportRis([hostile])).not.toMatch(/javascript/i);
  });

  it('keeps a DOI holding > inside its Markdown link', () => {
    const md = exportMarkdown([paper({ id: 'doi:10.1/x>[evil](https://evil.example)', doi: '10.1/x>[evil](https://evil.example)' })]);
    const links = [...md.matchAll(/\[([^\]]*)\]\(<([^>]*)>\)/g)].map((match) => [match[1], match[2]]);
    expect(links).toEqual([['abstract', 'https://doi.org/10.1/x%3E%5Bevil%5D%28https%3A//evil.example%29']]);
    expect(md).not.toContain('](https://evil.example)');
  });

  it('escapes Markdown syntax in titles, tags and notes', () => {
    const md = exportMarkdown([paper({ title: '<img src=x onerror=alert(1)> [a](javascript:x)', tags: ['a*b'], note: '# not a heading' })]);
    expect(md).toContain('\\<img src=x onerror=alert(1)\\> \\[a\\](javascript:x)');
    expect(md).toContain('a\\*b');
    expect(md).toContain('> \\# not a heading');
  });
});
