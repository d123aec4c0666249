/**
 * The one check every link goes through (import, reading list, popup, exports): only http(s) addresses are links.
 * `javascript:`, `data:`, `file:` and relative text never become an href, a tab, or a `url`/`UR` field.
 */

/** The address, normalised by the URL parser, when it is an absolute http(s) URL; otherwise undefined. */
export function httpUrl(text: string | undefined | null): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  if (!parsed.hostname) return undefined;
  return parsed.href;
}

/**
 * The doi.org address of a DOI. A DOI may hold any printable character (`#`, `%`, `?`, `<`, `>` occur in real
 * ones); each is percent-encoded so the resolver gets the whole DOI, and no reader cuts it at a fragment or query.
 */
export function doiUrl(doi: string): string {
  const path = doi
    .trim()
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/');
  return `https://doi.org/${path}`;
}

/**
 * A link target safe inside Markdown's `<…>` (and a bare `(…)`): characters Markdown or HTML could read as syntax
 * are percent-encoded, so no target ends its link early or opens a new one. Undefined unless http(s).
 */
export function markdownLinkTarget(url: string): string | undefined {
  const safe = httpUrl(url);
  if (!safe) return undefined;
  return safe.replace(/[\s<>()[\]\\`"'*_{}|^]/g, (char) =>
    [...new TextEncoder().encode(char)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}
