import type { PaperId } from './ids';

import { SITES, type SiteKey } from './sites/registry';

/** Sites Shelfmark knows (the registry's keys); stored with every sighting. */
export type { SiteKey };

export const SITE_LABELS = Object.fromEntries(SITES.map((site) => [site.key, site.label])) as Record<SiteKey, string>;

/** What a site adapter reads off one card. Everything but id and title is optional: pages differ. */
export interface ScrapedPaper {
  id: PaperId;
  /** arXiv version shown on the page, when the page says. */
  version?: number;
  title: string;
  authors: string[];
  abstract?: string;
  /** A short machine summary (Hugging Face's ai_summary), never mistaken for the abstract. */
  summary?: string;
  url: string;
  /** ISO date (YYYY-MM-DD) of publication, when known. */
  published?: string;
  organization?: string;
  upvotes?: number;
  arxiv?: ArxivMeta;
  doi?: string;
}

export interface ArxivMeta {
  primaryCategory?: string;
  categories?: string[];
  comments?: string;
  journalRef?: string;
  /** How a listing presented the entry. */
  listing?: 'new' | 'cross-list' | 'replacement';
}

/** One page view: a load of a page, or a client-side navigation to a new listing. */
export interface PageView {
  viewId: string;
  site: SiteKey;
  url: string;
  /** A short human label, e.g. "HF daily 2026-10-02" or "arXiv cs.LG new". */
  label: string;
}

export interface Sighting {
  viewId: string;
  site: SiteKey;
  url: string;
  label: string;
  at: number;
}

export type ReadingStatus = 'to-read' | 'reading' | 'read';

/** Fields a user edits; each has its own edit time so imports can merge "newest edit wins" per field. */
export interface UserFields {
  savedAt: number | null;
  dismissedAt: number | null;
  tags: string[];
  note: string;
  status: ReadingStatus | null;
}

export type UserField = keyof UserFields;

export const USER_FIELDS: readonly UserField[] = ['savedAt', 'dismissedAt', 'tags', 'note', 'status'];

/** The stored record: one per paper, whether saved or only seen. */
export interface PaperRecord extends UserFields {
  id: PaperId;
  version?: number;
  title: string;
  authors: string[];
  abstract?: string;
  summary?: string;
  url: string;
  published?: string;
  organization?: string;
  arxiv?: ArxivMeta;
  doi?: string;
  /** Edit time of each user field, for merges. */
  edited: Partial<Record<UserField, number>>;
  firstSeenAt: number | null;
  lastSeenAt: number | null;
  /** Number of distinct page views that showed the paper. */
  seenCount: number;
  firstSighting: Sighting | null;
  /** The latest sighting, and the one before it (so the current view never counts as "earlier"). */
  lastSighting: Sighting | null;
  previousSighting: Sighting | null;
  /** Changes on any write; the search index catches up from it. */
  updatedAt: number;
  /**
   * `title:` ids folded into this record on this device (lib/title-identity.ts): a local alias, never synced, so an
   * edit another device makes to such an id still reaches this record.
   */
  foldedFrom?: PaperId[];
}

/** What the content script needs to draw one card. */
export interface PaperState {
  id: PaperId;
  savedAt: number | null;
  dismissedAt: number | null;
  tags: string[];
  note: string;
  /** The most recent sighting from another page view, if any. */
  earlierSighting: Sighting | null;
  /** A saved or dismissed paper with another id that is probably another version of this one. */
  similarTo?: SimilarPaper | null;
}

export interface SimilarPaper {
  id: PaperId;
  title: string;
  /** Why it is worth mentioning: the user saved or dismissed it, or only saw it recently (on another page view). */
  relation: 'saved' | 'dismissed' | 'seen';
  /** For a paper only seen: the site it was last seen on ("seen on arXiv as …"). */
  site?: SiteKey;
}

/** A change a user makes from a card strip, the popup or the reading list. */
export type PaperChange =
  /** `at` restores an earlier save time (undo), so the reading list's order by saved date survives. */
  | { kind: 'save'; saved: boolean; at?: number }
  | { kind: 'dismiss'; dismissed: boolean }
  | { kind: 'tags'; tags: string[] }
  | { kind: 'add-tags'; tags: string[] }
  | { kind: 'remove-tags'; tags: string[] }
  | { kind: 'note'; note: string }
  | { kind: 'status'; status: ReadingStatus | null };

export function normalizeTag(tag: string): string {
  return tag.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    const clean = normalizeTag(tag);
    if (clean) seen.add(clean);
  }
  return [...seen];
}
