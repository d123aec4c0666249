import { SITES } from './registry';

/** Match patterns of every page Shelfmark augments (the content script's matches), from the registry. */
export const CONTENT_MATCHES: readonly string[] = SITES.flatMap((site) => site.matches);

/** The manifest's host permissions, from the registry. */
export const SUPPORTED_HOST_PATTERNS: readonly string[] = SITES.flatMap((site) => site.hosts);
