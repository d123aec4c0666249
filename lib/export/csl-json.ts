import { arxivIdOf } from '../ids';
import type { PaperRecord } from '../paper';
import { citationKeys } from './citation-keys';
import { doiOf, paperLinks } from './links';
import { splitName } from './names';
import { isPublished } from './publication';

/** A CSL-JSON name: family/given (with suffix), or a `literal` for an organisation. */
export type CslName = { family: string; given?: string; suffix?: string; 'non-dropping-particle'?: string } | { literal: string };

/** The CSL-JSON item fields Shelfmark writes (the schema's names; Zotero, Pandoc and citation-js read them). */
export interface CslItem {
  id: string;
  type: 'article' | 'article-journal';
  title: string;
  author?: CslName[];
  issued?: { 'date-parts': number[][] };
  abstract?: string;
  DOI?: string;
  URL?: string;
  'container-title'?: string;
  number?: string;
  publisher?: string;
  keyword?: string;
  note?: string;
  /** CSL-JSON 1.0.2's place for data without a CSL field: the tags as a list, which `keyword` cannot keep. */
  custom?: { tags: string[] };
}

function cslName(name: string): CslName {
  const { last, first, suffix } = splitName(name);
  if (!first) return { literal: last };
  // "van der Berg": the lower-case particles are CSL's non-dropping particle.
  const particle = /^((?:\p{Ll}+\s)+)(.+)$/u.exec(last);
  const family = particle ? particle[2] : last;
  return {
    family,
    given: first,
    ...(particle ? { 'non-dropping-particle': particle[1].trim() } : {}),
    ...(suffix ? { suffix } : {}),
  };
}

function issued(published: string | undefined): CslItem['issued'] {
  const match = published ? /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(published) : null;
  if (!match) return undefined;
  return { 'date-parts': [match.slice(1).filter(Boolean).map(Number)] };
}

export function cslItem(paper: PaperRecord, key: string): CslItem {
  const arxivId = arxivIdOf(paper.id);
  const authors = paper.authors.map((name) => name.trim()).filter(Boolean);
  const published = isPublished(paper);
  const item: CslItem = {
    id: key,
    // "article" is CSL's preprint type; Zotero maps it to Preprint.
    type: published ? 'article-journal' : 'article',
    title: paper.title,
  };
  if (authors.length) item.author = authors.map(cslName);
  else if (paper.organization?.trim()) item.author = [{ literal: paper.organization.trim() }];
  const date = issued(paper.published);
  if (date) item.issued = date;
  if (paper.abstract) item.abstract = paper.abstract;
  const doi = doiOf(paper);
  if (doi) item.DOI = doi;
  const url = paperLinks(paper).abstract;
  if (url) item.URL = url;
  if (published && paper.arxiv?.journalRef) item['container-title'] = paper.arxiv.journalRef;
  if (arxivId && !published) {
    item.publisher = 'arXiv';
    item.number = `arXiv:${arxivId}`;
  }
  // CSL has one keyword string, comma-separated in practice (Zotero, citation-js) and without an escape, so a tag
  // holding a comma would come back as two: the list itself goes in `custom` too, for Shelfmark's own import.
  if (paper.tags.length) {
    item.keyword = paper.tags.join(', ');
    if (paper.tags.some((tag) => /[,;]/.test(tag))) item.custom = { tags: [...paper.tags] };
  }
  if (paper.note) item.note = paper.note;
  return item;
}

/** CSL-JSON: an array of items with the same citation keys as the BibTeX export, in the order given. */
export function exportCslJson(papers: readonly PaperRecord[]): string {
  const keys = citationKeys(papers);
  const seen = new Set<string>();
  const items: CslItem[] = [];
  for (const paper of papers) {
    if (seen.has(paper.id)) continue;
    seen.add(paper.id);
    items.push(cslItem(paper, keys.get(paper.id)!));
  }
  return `${JSON.stringify(items, null, 2)}\n`;
}
