import { arxivIdOf } from '../ids';
import type { PaperRecord } from '../paper';
import { doiUrl, httpUrl } from '../safe-url';

export function arxivAbsUrl(arxivId: string): string {
  return `https://arxiv.org/abs/${arxivId}`;
}

export function arxivPdfUrl(arxivId: string): string {
  return `https://arxiv.org/pdf/${arxivId}`;
}

/** The paper's DOI, from the record or from a `doi:` id. */
export function doiOf(paper: Pick<PaperRecord, 'id' | 'doi'>): string | undefined {
  if (paper.doi) return paper.doi;
  return paper.id.startsWith('doi:') ? paper.id.slice('doi:'.length) : undefined;
}

export interface PaperLinks {
  /** The landing page: arXiv abstract, else the DOI resolver, else the page the paper was seen on. */
  abstract?: string;
  /** Only arXiv has a predictable PDF address. */
  pdf?: string;
}

export function paperLinks(paper: Pick<PaperRecord, 'id' | 'doi' | 'url'>): PaperLinks {
  const arxivId = arxivIdOf(paper.id);
  if (arxivId) return { abstract: arxivAbsUrl(arxivId), pdf: arxivPdfUrl(arxivId) };
  const doi = doiOf(paper);
  if (doi) return { abstract: doiUrl(doi) };
  // Only http(s): a stored `javascript:` or `data:` address is never written out as a link.
  return { abstract: httpUrl(paper.url) };
}

/** Year of an ISO date (`2025-01-02`, `2025-01` or `2025`). */
export function yearOf(published: string | undefined): string | undefined {
  return published && /^\d{4}/.test(published) ? published.slice(0, 4) : undefined;
}

/** Month number (1–12) of an ISO date, when it has one. */
export function monthOf(published: string | undefined): number | undefined {
  const match = published ? /^\d{4}-(\d{2})/.exec(published) : null;
  const month = match ? Number(match[1]) : NaN;
  return month >= 1 && month <= 12 ? month : undefined;
}
