import type { PaperRecord } from '../paper';
import { doiOf } from './links';

/** arXiv registers a DataCite DOI (10.48550/arXiv.…) for every preprint: it says nothing about publication. */
const ARXIV_DOI_PREFIX = '10.48550/';

/** A DOI that points at a published version, not at arXiv's own registration of the preprint. */
export function publishedDoi(paper: Pick<PaperRecord, 'id' | 'doi'>): string | undefined {
  const doi = doiOf(paper);
  return doi && !doi.toLowerCase().startsWith(ARXIV_DOI_PREFIX) ? doi : undefined;
}

/** Published in a journal or proceedings: a journal reference, a publisher's DOI, or a paper known only by DOI. */
export function isPublished(paper: Pick<PaperRecord, 'id' | 'doi' | 'arxiv'>): boolean {
  return Boolean(paper.arxiv?.journalRef) || publishedDoi(paper) !== undefined;
}
