import { SITES, type SiteKey } from './registry';

/** Match patterns of every page Shelfmark augments (the content script's matches: its only site access), from the registry. */
export const CONTENT_MATCHES: readonly string[] = SITES.flatMap((site) => site.matches);

/** The origins of those pages (the registry's `hosts`): for documentation and tests, not asked for in the manifest. */
export const SUPPORTED_HOST_PATTERNS: readonly string[] = SITES.flatMap((site) => site.hosts);

const PATTERNS = SITES.map((site) => ({
  key: site.key,
  patterns: site.matches.map((pattern) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)),
}));

/** The site whose match patterns cover this address (the browser's word for where a content script runs). */
export function siteOfUrl(url: string): SiteKey | undefined {
  return PATTERNS.find(({ patterns }) => patterns.some((pattern) => pattern.test(url)))?.key;
}
