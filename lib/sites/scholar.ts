import type { ScrapedPaper } from '../paper';
import { arxivLinkIn, doiLinkIn, identify, reasonOf, splitAuthors, textWithout } from './citation-meta';
import { textOf } from './dom-read';
import type { ScanEntry, SiteAdapter } from './types';
import { httpUrl } from '../safe-url';

/**
 * Google Scholar result pages (see tests/fixtures/scholar): `.gs_r[data-cid]`. A result has no abstract (the
 * `gs_rs` snippet is fragments, not read) and no id field: identity comes from its own links (an arxiv.org link, a
 * doi.org link, or a DOI inside a publisher URL), else the title fingerprint. Authors are abbreviated ("Z Wang").
 */
const TAGS = '.gs_ctc, .gs_ct1, .gs_ct2, .gs_ctu';

function doiInUrl(href: string | null | undefined): string | undefined {
  if (!href) return undefined;
  let decoded = href;
  try {
    decoded = decodeURIComponent(href);
  } catch {
    // Keep the raw address.
  }
  const match = /\/(10\.\d{4,9}\/[^?#\s]+)/.exec(decoded);
  return match?.[1].replace(/\/(abstract|full|pdf|epdf)$/, '');
}

function readResult(result: Element): ScrapedPaper {
  const heading = result.querySelector('h3.gs_rt');
  const link = heading?.querySelector('a[href]');
  const title = textWithout(heading, TAGS);
  if (!title) throw new Error(`result ${result.getAttribute('data-cid')} has no title`);
  const href = link?.getAttribute('href') ?? undefined;
  const arxiv = arxivLinkIn(result);
  const doi = doiLinkIn(result) ?? doiInUrl(href);
  // `authors - venue, year - host`, separated by NBSP + dash.
  const [authorText = '', venueText = ''] = textOf(result.querySelector('div.gs_a')).split(/\u00a0?\s-\s/);
  const year = /\b(19|20)\d{2}\b/.exec(venueText)?.[0];
  const safeHref = httpUrl(href);
  return {
    ...identify({ arxiv, doi, title }),
    title,
    authors: splitAuthors(authorText).filter((name) => name !== '…'),
    url: safeHref ?? `https://scholar.google.com/scholar?cluster=${encodeURIComponent(result.getAttribute('data-cid') ?? '')}`,
    published: year,
    doi: doi?.toLowerCase(),
  };
}

function* scanResults(doc: Document): Generator<ScanEntry> {
  for (const result of doc.querySelectorAll('.gs_r[data-cid]')) {
    try {
      const body = result.querySelector('.gs_ri') ?? result;
      yield { card: { elements: [result], mount: { parent: body, before: null }, paper: readResult(result) } };
    } catch (error) {
      yield { failure: { element: result, reason: reasonOf(error) } };
    }
  }
}

export const scholarAdapter: SiteAdapter = {
  key: 'scholar',
  handles: (url) => /^scholar\.google\.[a-z.]+$/.test(url.hostname) && url.pathname === '/scholar',
  pageLabel: (url) => `Scholar “${url.searchParams.get('q') ?? ''}”`,
  scan: scanResults,
};
