import type { ScrapedPaper } from '../paper';
import { displayName, identify, isoFromMetaDate, metaContent, metaContents, optional, reasonOf, splitAuthors } from './citation-meta';
import { firstMatch, textOf } from './dom-read';
import type { ScanEntry, SiteAdapter } from './types';

/**
 * NeurIPS proceedings (proceedings.neurips.cc = papers.nips.cc; see tests/fixtures/neurips): the year index
 * (`ul.paper-list > li > div.paper-content`) and paper pages. No arXiv link or DOI on either, so the id is the
 * title fingerprint; the 32-hex hash stays in the URL.
 */
const SELECTORS = {
  listItem: ['ul.paper-list > li'],
  listLink: ['div.paper-content > a[href*="/hash/"]', 'a[href*="/hash/"]'],
  listAuthors: ['span.paper-authors', 'i'],
  pageTitle: ['h1.paper-title', 'h4'],
  pageAuthors: ['p.paper-authors'],
  abstractSection: ['section.paper-section', '.container-fluid > .col'],
} as const;

/**
 * The abstract quirk: the server sends `<p class="paper-abstract"><p>…</p></p>`, so the parser leaves the outer `p`
 * empty and the text in the paragraphs that follow it. Read the outer `p` if it has text (a fixed template), else the
 * following `p` siblings up to the next heading.
 */
function readAbstract(doc: Document): string | undefined {
  const outer = doc.querySelector('p.paper-abstract');
  if (outer) {
    const own = textOf(outer);
    if (own) return own;
    const parts: string[] = [];
    for (let next = outer.nextElementSibling; next && next.tagName === 'P' && !next.className; next = next.nextElementSibling) {
      parts.push(textOf(next));
    }
    return optional(parts.filter(Boolean).join(' '));
  }
  // Pre-2025 template: `<h4>Abstract</h4>` then the text's `p`.
  const heading = [...doc.querySelectorAll('h4, h2')].find((h) => textOf(h) === 'Abstract');
  return optional(textOf(heading?.nextElementSibling));
}

function readPaperPage(doc: Document): ScrapedPaper {
  const title = metaContent(doc, 'citation_title') ?? textOf(firstMatch(doc, SELECTORS.pageTitle));
  if (!title) throw new Error('paper page has no title');
  const metaAuthors = metaContents(doc, 'citation_author').map(displayName);
  return {
    ...identify({ title }),
    title,
    authors: metaAuthors.length ? metaAuthors : splitAuthors(textOf(firstMatch(doc, SELECTORS.pageAuthors))),
    abstract: readAbstract(doc),
    url: doc.URL.replace(/^http:/, 'https:').replace(/[?#].*$/, ''),
    published: isoFromMetaDate(metaContent(doc, 'citation_publication_date')),
  };
}

function* scanPaperPage(doc: Document): Generator<ScanEntry> {
  const heading = firstMatch(doc, SELECTORS.pageTitle);
  const root = heading?.parentElement;
  if (!heading || !root) return;
  try {
    yield { card: { elements: [root], mount: { parent: root, before: heading.nextSibling }, paper: readPaperPage(doc), standalone: true } };
  } catch (error) {
    yield { failure: { element: root, reason: reasonOf(error) } };
  }
}

function* scanYear(doc: Document): Generator<ScanEntry> {
  for (const item of doc.querySelectorAll(SELECTORS.listItem.join(','))) {
    try {
      const link = firstMatch(item, SELECTORS.listLink);
      const title = textOf(link);
      if (!link || !title) throw new Error('entry has no paper link');
      const paper: ScrapedPaper = {
        ...identify({ title }),
        title,
        authors: splitAuthors(textOf(firstMatch(item, SELECTORS.listAuthors))),
        url: new URL(link.getAttribute('href')!, 'https://proceedings.neurips.cc').toString(),
      };
      const year = /\/paper\/(\d{4})\//.exec(paper.url);
      if (year) paper.published = year[1];
      yield { card: { elements: [item], mount: { parent: item, before: null }, paper } };
    } catch (error) {
      yield { failure: { element: item, reason: reasonOf(error) } };
    }
  }
}

const HOSTS = new Set(['proceedings.neurips.cc', 'papers.nips.cc', 'papers.neurips.cc']);
const YEAR = /^\/paper_files\/paper\/(\d{4})\/?$/;
const PAPER = /^\/paper_files\/paper\/(\d{4})\/hash\/[0-9a-f]{32}-Abstract[\w-]*\.html$/;

export const neuripsAdapter: SiteAdapter = {
  key: 'neurips',
  // A proceedings listing is thousands of rows: the first screen's are annotated at once, the rest in idle slices
  // (scripts/bench/site-pages.ts: all 4,500 of a NeurIPS year at once was one 0.7 s piece of main-thread work).
  firstScreenCards: 60,
  handles: (url) => HOSTS.has(url.hostname) && (YEAR.test(url.pathname) || PAPER.test(url.pathname)),
  pageLabel: (url) => `NeurIPS ${(YEAR.exec(url.pathname) ?? PAPER.exec(url.pathname))?.[1] ?? ''}${PAPER.test(url.pathname) ? ' paper' : ''}`.trim(),
  scan: (doc) => (PAPER.test(new URL(doc.URL).pathname) ? scanPaperPage(doc) : scanYear(doc)),
};
