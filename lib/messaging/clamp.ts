import type { ScrapedPaper } from '../paper';
import { LIMITS } from './limits';

const cut = (value: string | undefined, max: number) => (value === undefined || value.length <= max ? value : value.slice(0, max));

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/**
 * Trims what an adapter read to the boundary's caps (lib/messaging/limits.ts), so an honest page's unusual card — a
 * 3,000-author collaboration, a pasted-in abstract — is recorded shortened instead of having its batch refused.
 */
export function clampPaper(paper: ScrapedPaper): ScrapedPaper {
  const arxiv = paper.arxiv && {
    ...paper.arxiv,
    primaryCategory: cut(paper.arxiv.primaryCategory, LIMITS.category),
    categories: paper.arxiv.categories?.slice(0, LIMITS.categories).map((category) => cut(category, LIMITS.category)!),
    comments: cut(paper.arxiv.comments, LIMITS.comments),
    journalRef: cut(paper.arxiv.journalRef, LIMITS.journalRef),
  };
  return withoutUndefined({
    ...paper,
    title: cut(paper.title, LIMITS.title)!,
    authors: paper.authors.slice(0, LIMITS.authors).map((author) => cut(author, LIMITS.author)!),
    abstract: cut(paper.abstract, LIMITS.abstract),
    summary: cut(paper.summary, LIMITS.summary),
    organization: cut(paper.organization, LIMITS.organization),
    doi: cut(paper.doi, LIMITS.doi),
    arxiv: arxiv && withoutUndefined(arxiv),
  });
}
