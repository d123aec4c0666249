/**
 * Every site Shelfmark augments, as plain data: the one list that keys, labels, match patterns, host permissions,
 * settings defaults, the popup's `site:` filter, backup validation and the search index's site flags derive from.
 * Adding a site: its adapter file (registered in `index.ts`), its fixtures, and one line here.
 *
 * `flagBit` is the site's bit in the search index's flag set: fixed once given and never reused, so a new site
 * takes the next free bit and no stored index needs a schema bump.
 * This module imports nothing, so the background, options page and manifest read it without any adapter code.
 */
export interface SiteEntry {
  key: string;
  label: string;
  /** Words the popup accepts after `site:` besides the key. */
  aliases: readonly string[];
  flagBit: number;
  /** Content-script match patterns: the pages augmented. */
  matches: readonly string[];
  /** Host permissions the manifest asks for. */
  hosts: readonly string[];
  /** Its listings are whole proceedings, beyond the usual per-view cap (lib/messaging/limits.ts). */
  largeListings?: boolean;
}

export const SITES = [
  { key: 'hf', label: 'Hugging Face', aliases: ['huggingface', 'hugging-face'], flagBit: 0,
    matches: ['https://huggingface.co/papers', 'https://huggingface.co/papers?*', 'https://huggingface.co/papers/*'], hosts: ['https://huggingface.co/*'] },
  { key: 'arxiv', label: 'arXiv', aliases: [], flagBit: 1,
    matches: ['https://arxiv.org/list/*', 'https://arxiv.org/search/*', 'https://arxiv.org/abs/*', 'https://arxiv.org/catchup/*', 'https://export.arxiv.org/list/*', 'https://export.arxiv.org/catchup/*'],
    hosts: ['https://arxiv.org/*', 'https://export.arxiv.org/*'] },
  { key: 'openreview', label: 'OpenReview', aliases: [], flagBit: 2,
    matches: ['https://openreview.net/group?*', 'https://openreview.net/forum?*', 'https://openreview.net/search?*'], hosts: ['https://openreview.net/*'] },
  { key: 'acl', label: 'ACL Anthology', aliases: ['aclanthology', 'acl-anthology'], flagBit: 3, largeListings: true,
    matches: ['https://aclanthology.org/*'], hosts: ['https://aclanthology.org/*'] },
  { key: 'pmlr', label: 'PMLR', aliases: ['icml', 'mlr'], flagBit: 4, largeListings: true,
    matches: ['https://proceedings.mlr.press/*'], hosts: ['https://proceedings.mlr.press/*'] },
  { key: 'neurips', label: 'NeurIPS proceedings', aliases: ['nips'], flagBit: 5, largeListings: true,
    matches: ['https://proceedings.neurips.cc/paper_files/*', 'https://papers.nips.cc/paper_files/*', 'https://papers.neurips.cc/paper_files/*'],
    hosts: ['https://proceedings.neurips.cc/*', 'https://papers.nips.cc/*', 'https://papers.neurips.cc/*'] },
  { key: 'cvf', label: 'CVF open access', aliases: ['thecvf', 'cvpr', 'iccv'], flagBit: 6, largeListings: true,
    matches: ['https://openaccess.thecvf.com/*'], hosts: ['https://openaccess.thecvf.com/*'] },
  { key: 'scholar', label: 'Google Scholar', aliases: ['google-scholar', 'gscholar'], flagBit: 7,
    matches: ['https://scholar.google.com/scholar?*'], hosts: ['https://scholar.google.com/*'] },
] as const satisfies readonly SiteEntry[];

export type SiteKey = (typeof SITES)[number]['key'];

export const SITE_KEYS: readonly SiteKey[] = SITES.map((site) => site.key);

export function isSiteKey(value: unknown): value is SiteKey {
  return typeof value === 'string' && (SITE_KEYS as readonly string[]).includes(value);
}

export function siteEntry(key: SiteKey): SiteEntry {
  return SITES.find((site) => site.key === key)!;
}

/** `site:` words → site key (keys and aliases, lower case). */
export const SITE_ALIASES: ReadonlyMap<string, SiteKey> = new Map(
  SITES.flatMap((site) => [[site.key, site.key] as const, ...site.aliases.map((alias) => [alias, site.key] as const)]),
);
