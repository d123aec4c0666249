import type { PaperId } from '../ids';

/**
 * Whether the URL is the paper's own page (its arXiv abstract page, its Hugging Face paper page): the one place a
 * page may replace what the library holds about a paper the user saved, tagged, noted or dismissed. The URL is the
 * one the browser reports for the sending tab, not one the page claims.
 */
export function isOwnPage(url: string, id: PaperId): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || !id.startsWith('arxiv:')) return false;
  const arxivId = id.slice('arxiv:'.length);
  const path = decodeURIComponent(parsed.pathname).replace(/\/+$/, '');
  if (parsed.hostname === 'arxiv.org' || parsed.hostname === 'export.arxiv.org') {
    return path.replace(/v\d+$/, '') === `/abs/${arxivId}`;
  }
  if (parsed.hostname === 'huggingface.co') return path === `/papers/${arxivId}`;
  return false;
}
