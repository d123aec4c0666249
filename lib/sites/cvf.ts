import type { ScrapedPaper } from '../paper';
import { arxivLinkIn, displayName, identify, metaContent, metaContents, optional, reasonOf, splitAuthors } from './citation-meta';
import { textOf } from './dom-read';
import type { ScanEntry, SiteAdapter } from './types';

/**
 * CVF open access (openaccess.thecvf.com; see tests/fixtures/cvf): `?day=all` lists (`dt.ptitle` + two `dd`s) and
 * paper pages (`#papertitle`, `#authors`, `#abstract`). An `[arXiv]` link, when the authors gave one, is the id;
 * otherwise the title fingerprint. Non-paper `dt.ptitle` rows (no `/html/` link) are not cards.
 */
function* scanList(doc: Document): Generator<ScanEntry> {
  for (const dt of doc.querySelectorAll('dt.ptitle')) {
    const link = dt.querySelector('a[href*="/html/"]');
    if (!link) continue;
    const elements: Element[] = [dt];
    for (let next = dt.nextElementSibling; next && next.tagName === 'DD' && elements.length < 3; next = next.nextElementSibling) elements.push(next);
    try {
      const title = textOf(link);
      if (!title) throw new Error('entry has no title');
      const authorsDd = elements[1];
      const linksDd = elements[2] ?? authorsDd;
      const names = authorsDd ? [...authorsDd.querySelectorAll('form a, a')].map((a) => textOf(a)).filter(Boolean) : [];
      const paper: ScrapedPaper = {
        ...identify({ arxiv: linksDd ? arxivLinkIn(linksDd) : undefined, title }),
        title,
        authors: names.length ? names : splitAuthors(textOf(authorsDd)),
        url: new URL(link.getAttribute('href')!, 'https://openaccess.thecvf.com').toString(),
      };
      yield { card: { elements, mount: { parent: dt, before: null }, paper } };
    } catch (error) {
      yield { failure: { element: dt, reason: reasonOf(error) } };
    }
  }
}

function* scanPaperPage(doc: Document): Generator<ScanEntry> {
  const heading = doc.querySelector('#papertitle');
  const root = heading?.parentElement;
  if (!heading || !root) return;
  try {
    const title = textOf(heading) || metaContent(doc, 'citation_title') || '';
    if (!title) throw new Error('paper page has no title');
    const metaAuthors = metaContents(doc, 'citation_author').map(displayName);
    const paper: ScrapedPaper = {
      ...identify({ arxiv: arxivLinkIn(root), title }),
      title,
      authors: metaAuthors.length ? metaAuthors : splitAuthors(textOf(doc.querySelector('#authors i'))),
      abstract: optional(textOf(doc.querySelector('#abstract'))),
      url: doc.URL.replace(/[?#].*$/, ''),
      published: /_(\d{4})_paper\.html$/.exec(doc.URL)?.[1],
    };
    yield { card: { elements: [root], mount: { parent: root, before: heading.nextSibling }, paper, standalone: true } };
  } catch (error) {
    yield { failure: { element: root, reason: reasonOf(error) } };
  }
}

const LIST = /^\/([A-Z]+\d{4})(?:_workshops\/[\w-]+)?\/?$/;
const PAPER = /^\/content\/([A-Za-z]+\d{4}\w*)\/html\/[^/]+_paper\.html$/;

export const cvfAdapter: SiteAdapter = {
  key: 'cvf',
  // A proceedings listing is thousands of rows: the first screen's are annotated at once, the rest in idle slices
  // (scripts/bench/site-pages.ts: all 4,500 of a NeurIPS year at once was one 0.7 s piece of main-thread work).
  firstScreenCards: 60,
  handles: (url) => url.hostname === 'openaccess.thecvf.com' && (LIST.test(url.pathname) || PAPER.test(url.pathname)),
  pageLabel: (url) => {
    const paper = PAPER.exec(url.pathname);
    return paper ? `CVF ${paper[1]} paper` : `CVF ${LIST.exec(url.pathname)?.[1] ?? url.pathname}${url.searchParams.get('day') ? ` ${url.searchParams.get('day')}` : ''}`;
  },
  scan: (doc) => (PAPER.test(new URL(doc.URL).pathname) ? scanPaperPage(doc) : scanList(doc)),
};
