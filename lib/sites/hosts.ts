import { SITES } from './registry';

/** Match patterns of every page Shelfmark augments (the content script's matches: its only site access), from the registry. */
export const CONTENT_MATCHES: readonly string[] = SITES.flatMap((site) => site.matches);

/** The origins of those pages (the registry's `hosts`): for documentation and tests, not asked for in the manifest. */
export const SUPPORTED_HOST_PATTERNS: readonly string[] = SITES.flatMap((site) => site.hosts);
