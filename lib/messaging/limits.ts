import { siteEntry, type SiteKey } from '../sites/registry';

/**
 * Caps on what a request may carry. Real papers sit far below them; a page that sends more is broken or hostile.
 * The card layer trims what an adapter read to these caps (clampPaper) before sending, so an honest page never
 * has a request refused for one unusual card (a 3,000-author physics paper).
 */
export const LIMITS = {
  /** Papers one page view records; a longer page keeps working on its first ones. */
  papersPerView: 2_500,
  /**
   * The same on a site whose listings are whole proceedings (registry `largeListings`: a NeurIPS year lists ~4,500,
   * a PMLR volume ~3,300, an ACL event or a CVF day ~3,000). Taken from the address the browser reports for the tab,
   * never from the request; such a view is synced in several requests of at most `papersPerRequest`.
   */
  papersPerLargeView: 10_000,
  /** Papers one cards/sync or cards/relevance request carries. */
  papersPerRequest: 2_500,
  id: 300,
  title: 1_000,
  authors: 1_000,
  author: 300,
  abstract: 20_000,
  summary: 4_000,
  url: 2_048,
  organization: 300,
  doi: 300,
  published: 10,
  categories: 50,
  category: 60,
  comments: 2_000,
  journalRef: 1_000,
  note: 20_000,
  tag: 100,
  tagsPerChange: 50,
  tagsPerPaper: 200,
  viewId: 100,
  label: 300,
  idsPerRequest: 2_500,
  /** Papers an import worker may report as written (extension pages only): a backup of a very large library. */
  idsPerImport: 2_000_000,
} as const;

/** How many papers a page view on this site may record. */
export function papersPerViewOn(site: SiteKey | undefined): number {
  return site && siteEntry(site).largeListings ? LIMITS.papersPerLargeView : LIMITS.papersPerView;
}
