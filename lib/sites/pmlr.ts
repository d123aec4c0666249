import type { ScrapedPaper } from '../paper';
import { identify, metaContent, metaContents, optional, reasonOf, splitAuthors } from './citation-meta';
import { textOf } from './dom-read';
import type { ScanEntry, SiteAdapter } from './types';

/**
 * PMLR (proceedings.mlr.press; see tests/fixtures/pmlr): volume pages (`div.paper`, the title is not a link: the
 * `abs` link is) and paper pages (`#abstract`, `citation_*` meta). No arXiv id or DOI: the id is the title
 * fingerprint, the PMLR key stays in the URL.
 */
function linkByText(root: ParentNode, text: string): Element | undefined {
  return [...root.querySelectorAll('a')].find((a) => textOf(a).toLowerCase() === text.toLowerCase());
}

function* scanVolume(doc: Document): Generator<ScanEntry> {
  for (const entry of doc.querySelectorAll('div.paper')) {
    try {
      const title = textOf(entry.querySelector('p.title'));
      const abs = linkByText(entry, 'abs');
      if (!title) throw new Error('entry has no title');
      if (!abs) throw new Error(`entry "${title}" has no abs link`);
      const paper: ScrapedPaper = {
        ...identify({ title }),
        title,
        authors: splitAuthors(textOf(entry.querySelector('span.authors'))),
        url: new URL(abs.getAttribute('href')!, doc.URL).toString(),
      };
      yield { card: { elements: [entry], mount: { parent: entry, before: null }, paper } };
    } catch (error) {
      yield { failure: { element: entry, reason: reasonOf(error) } };
    }
  }
}

function* scanPaperPage(doc: Document): Generator<ScanEntry> {
  const heading = doc.querySelector('h1');
  const root = heading?.parentElement;
  if (!heading || !root) return;
  try {
    const title = metaContent(doc, 'citation_title') ?? textOf(heading);
    if (!title) throw new Error('paper page has no title');
    const authors = metaContents(doc, 'citation_author');
    const paper: ScrapedPaper = {
      ...identify({ title }),
      title,
      authors: authors.length ? authors : splitAuthors(textOf(doc.querySelector('span.authors'))),
      abstract: optional(textOf(doc.querySelector('#abstract'))),
      url: doc.URL.replace(/[?#].*$/, ''),
      published: metaContent(doc, 'citation_publication_date')?.slice(0, 4),
    };
    yield { card: { elements: [root], mount: { parent: root, before: heading.nextSibling }, paper, standalone: true } };
  } catch (error) {
    yield { failure: { element: root, reason: reasonOf(error) } };
  }
}

const VOLUME = /^\/v(\d+)\/?$/;
const PAPER = /^\/v(\d+)\/[\w-]+\.html$/;

export const pmlrAdapter: SiteAdapter = {
  key: 'pmlr',
  // A proceedings listing is thousands of rows: the first screen's are annotated at once, the rest in idle slices
  // (scripts/bench/site-pages.ts: all 4,500 of a NeurIPS year at once was one 0.7 s piece of main-thread work).
  firstScreenCards: 60,
  handles: (url) => url.hostname === 'proceedings.mlr.press' && (VOLUME.test(url.pathname) || PAPER.test(url.pathname)),
  pageLabel: (url) => `PMLR v${(VOLUME.exec(url.pathname) ?? PAPER.exec(url.pathname))?.[1] ?? ''}${PAPER.test(url.pathname) ? ' paper' : ''}`,
  scan: (doc) => (PAPER.test(new URL(doc.URL).pathname) ? scanPaperPage(doc) : scanVolume(doc)),
};
