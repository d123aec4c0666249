import { canonicalPaperId, type PaperId } from '../ids';
import { textOf } from './dom-read';

/**
 * Google Scholar `citation_*` meta tags, which OpenReview forums, ACL Anthology, PMLR, NeurIPS and CVF paper pages
 * all carry. Attribute order varies (ACL writes `content` before `name`), which selectors do not care about.
 */
export function metaContent(doc: Document, name: string): string | undefined {
  const value = doc.querySelector(`meta[name="${name}"]`)?.getAttribute('content')?.replace(/\s+/g, ' ').trim();
  return value || undefined;
}

export function metaContents(doc: Document, name: string): string[] {
  return [...doc.querySelectorAll(`meta[name="${name}"]`)]
    .map((meta) => meta.getAttribute('content')?.replace(/\s+/g, ' ').trim() ?? '')
    .filter(Boolean);
}

/** `Last, First` (NeurIPS, CVF meta) reads as `First Last`; other names are kept. */
export function displayName(name: string): string {
  const parts = /^([^,]+),\s*(.+)$/.exec(name.trim());
  return parts ? `${parts[2]} ${parts[1]}` : name.trim();
}

/** `2026/01/26`, `2025/07` or `2025` → ISO, as far as the page says. */
export function isoFromMetaDate(value: string | undefined): string | undefined {
  const match = value ? /^(\d{4})(?:[/-](\d{2}))?(?:[/-](\d{2}))?/.exec(value) : null;
  if (!match) return undefined;
  return [match[1], match[2], match[3]].filter(Boolean).join('-');
}

/** The arXiv id of the first arxiv.org abs/pdf link under `root`, as the raw text `parseArxivId` reads. */
export function arxivLinkIn(root: ParentNode): string | undefined {
  for (const link of root.querySelectorAll('a[href*="arxiv.org/abs/"], a[href*="arxiv.org/pdf/"]')) {
    const href = link.getAttribute('href') ?? '';
    const match = /arxiv\.org\/(?:abs|pdf)\/([^?#]+?)(?:\.pdf)?(?:[?#]|$)/.exec(href);
    if (match) return match[1];
  }
  return undefined;
}

/** The DOI of the first doi.org link under `root`. */
export function doiLinkIn(root: ParentNode): string | undefined {
  for (const link of root.querySelectorAll('a[href*="doi.org/10."]')) {
    const href = link.getAttribute('href');
    if (href) return href;
  }
  return undefined;
}

/** The one identity rule across sites: an arXiv link or a DOI wins, else the title fingerprint. */
export function identify(hints: { arxiv?: string; doi?: string; title: string }): { id: PaperId; version?: number } {
  const found = canonicalPaperId(hints);
  if (!found) throw new Error(`no identity for "${hints.title}"`);
  return found;
}

/** Text of an element with some descendants left out (labels, "[PDF]" tags, MathJax copies). */
export function textWithout(element: Element | null | undefined, drop: string): string {
  if (!element) return '';
  const copy = element.cloneNode(true) as Element;
  for (const node of copy.querySelectorAll(drop)) node.remove();
  return textOf(copy);
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function optional(text: string | undefined): string | undefined {
  return text ? text : undefined;
}

/** Authors written as one comma-separated text ("A, B, and C", NBSPs included). */
export function splitAuthors(text: string): string[] {
  return text
    .replace(/\u00a0/g, ' ')
    .split(/\s*(?:,|;|\band\b)\s*/)
    .map((name) => name.trim())
    .filter(Boolean);
}
