import type { ScrapedPaper } from '../paper';
import { identify, isoFromMetaDate, metaContent, optional, reasonOf } from './citation-meta';
import { textOf } from './dom-read';
import type { ScanEntry, SiteAdapter } from './types';

/**
 * ACL Anthology (see tests/fixtures/acl): event, volume and paper pages, 2025+ minified markup with unquoted
 * attributes (Bootstrap 5) and the ≤2024 `p.d-sm-flex` entries. ACL-published volumes have the DOI
 * `10.18653/v1/<anthology id>`, which is the id on paper pages (`citation_doi`) and is derived for list entries of
 * new-style ids, so a paper is one record from either page; volumes without DOIs (TACL, CL, old-style ids) fall back
 * to the title fingerprint. No arXiv id is on any Anthology page.
 */
const ENTRY = 'div.d-sm-flex.align-items-stretch, p.d-sm-flex.align-items-stretch';
const NEW_STYLE_ID = /^\d{4}\.[a-z\d]+-[a-z\d]+\.\d+$/;
// Volumes whose DOIs are not 10.18653/v1/<id> (journals): their list entries keep the title fingerprint.
const NO_V1_DOI = /^\d{4}\.(tacl|cl)-/;

export function anthologyIdOf(href: string): string | undefined {
  const match = /^(?:https:\/\/aclanthology\.org)?\/([A-Za-z\d.-]+)\/?$/.exec(href);
  if (!match || match[1].startsWith('volumes') || match[1].startsWith('people')) return undefined;
  return /^(\d{4}\.[a-z\d]+-[a-z\d]+\.\d+|[A-Z]\d{2}-\d{4})$/.test(match[1]) ? match[1] : undefined;
}

function listDoi(anthologyId: string): string | undefined {
  return NEW_STYLE_ID.test(anthologyId) && !NO_V1_DOI.test(anthologyId) ? `10.18653/v1/${anthologyId}` : undefined;
}

function* scanList(doc: Document): Generator<ScanEntry> {
  for (const entry of doc.querySelectorAll(ENTRY)) {
    const link = entry.querySelector('strong > a.align-middle');
    if (!link) continue;
    const anthologyId = anthologyIdOf(link.getAttribute('href') ?? '');
    // Front matter (`.0`) and volume headings are not papers.
    if (!anthologyId || anthologyId.endsWith('.0')) continue;
    try {
      const title = textOf(link);
      if (!title) throw new Error(`entry ${anthologyId} has no title`);
      const doi = listDoi(anthologyId);
      const abstractBox = entry.nextElementSibling?.id === `abstract-${anthologyId.replace(/\./g, '--')}` ? entry.nextElementSibling : null;
      const paper: ScrapedPaper = {
        ...identify({ doi, title }),
        title,
        authors: [...entry.querySelectorAll('a[href^="/people/"]')].map((a) => textOf(a)).filter(Boolean),
        abstract: optional(textOf(abstractBox)),
        url: `https://aclanthology.org/${anthologyId}/`,
        doi,
        published: anthologyId.slice(0, 4),
      };
      yield { card: { elements: abstractBox ? [entry, abstractBox] : [entry], mount: { parent: entry, before: null }, paper } };
    } catch (error) {
      yield { failure: { element: entry, reason: reasonOf(error) } };
    }
  }
}

function* scanPaperPage(doc: Document): Generator<ScanEntry> {
  const heading = doc.querySelector('h2#title');
  const root = heading?.parentElement;
  if (!heading || !root) return;
  try {
    const title = textOf(heading) || metaContent(doc, 'citation_title') || '';
    if (!title) throw new Error('paper page has no title');
    const doi = metaContent(doc, 'citation_doi');
    const authors = [...root.querySelectorAll('p.lead a[href^="/people/"]')].map((a) => textOf(a)).filter(Boolean);
    const paper: ScrapedPaper = {
      ...identify({ doi, title }),
      title,
      // Visible names, not `citation_author`: the meta may add a name in another script ("Feng Jiang (蒋峰)").
      authors,
      abstract: optional(textOf(doc.querySelector('div.acl-abstract > span'))),
      url: doc.URL.replace(/[?#].*$/, ''),
      doi: doi?.toLowerCase(),
      published: isoFromMetaDate(metaContent(doc, 'citation_publication_date')),
    };
    yield { card: { elements: [root], mount: { parent: root, before: heading.nextSibling }, paper, standalone: true } };
  } catch (error) {
    yield { failure: { element: root, reason: reasonOf(error) } };
  }
}

const PAPER = /^\/(\d{4}\.[a-z\d]+-[a-z\d]+\.\d+|[A-Z]\d{2}-\d{4})\/?$/;
const LIST = /^\/(events|volumes)\/([\w.-]+)\/?$/;

export const aclAdapter: SiteAdapter = {
  key: 'acl',
  // A proceedings listing is thousands of rows: the first screen's are annotated at once, the rest in idle slices
  // (scripts/bench/site-pages.ts: all 4,500 of a NeurIPS year at once was one 0.7 s piece of main-thread work).
  firstScreenCards: 60,
  handles: (url) => url.hostname === 'aclanthology.org' && (PAPER.test(url.pathname) || LIST.test(url.pathname)),
  pageLabel: (url) => {
    const paper = PAPER.exec(url.pathname);
    if (paper) return `ACL ${paper[1]}`;
    const list = LIST.exec(url.pathname);
    return `ACL ${list?.[1] === 'events' ? 'event' : 'volume'} ${list?.[2] ?? ''}`.trim();
  },
  scan: (doc) => (PAPER.test(new URL(doc.URL).pathname) ? scanPaperPage(doc) : scanList(doc)),
};
