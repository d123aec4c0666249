import { canonicalPaperId } from '../ids';
import { normalizeTags, type ScrapedPaper } from '../paper';
import { httpUrl } from '../safe-url';
import type { BibtexImportEntry } from './bibtex';
import type { SkippedEntry } from './bibtex-lexer';

/** What a CSL-JSON file holds: items that become papers (in the BibTeX import's shape), and those skipped. */
export interface CslFileRead {
  entries: BibtexImportEntry[];
  skipped: SkippedEntry[];
  total: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

function nameOf(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const literal = text(value.literal);
  if (literal) return literal;
  const parts = [text(value.given), text(value['non-dropping-particle']) ?? text(value['dropping-particle']), text(value.family), text(value.suffix)];
  const name = parts.filter(Boolean).join(' ');
  return name || undefined;
}

function published(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const parts = Array.isArray(value['date-parts']) ? value['date-parts'][0] : undefined;
  if (Array.isArray(parts) && parts.length && parts.every((part) => /^\d+$/.test(String(part)))) {
    const [year, month, day] = parts.map(Number);
    if (year < 1000 || year > 9999) return undefined;
    return [String(year), month && String(month).padStart(2, '0'), month && day && String(day).padStart(2, '0')].filter(Boolean).join('-');
  }
  const raw = text(value.raw);
  return raw && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(raw) ? raw : undefined;
}

/** An arXiv id from the item's number, URL or DOI (`10.48550/arXiv.…`). */
function arxivHint(item: Record<string, unknown>): string | undefined {
  for (const value of [item.number, item.URL, item.DOI, item.archive_location]) {
    const found = text(value);
    if (found && /arxiv/i.test(found)) return found;
  }
  return undefined;
}

/**
 * `keyword` is one string, comma-separated in practice (Zotero joins tags with ", ", citation-js splits on commas;
 * some tools use ";"): both separate tags. Shelfmark's own export also keeps the list in `custom.tags` (a tag may
 * hold a comma); it is believed only while it still matches `keyword`, so an edit made in another tool wins.
 */
function tagsOf(item: Record<string, unknown>): string[] {
  const keyword = text(item.keyword);
  const custom = isRecord(item.custom) ? item.custom.tags : undefined;
  if (keyword && Array.isArray(custom) && custom.every((tag) => typeof tag === 'string') && custom.join(', ') === keyword) return custom;
  return keyword?.split(/\s*[,;]\s*/) ?? [];
}

/**
 * Reads a CSL-JSON array (Zotero, Pandoc, citation-js): item by item, an item without a title or a usable id is
 * skipped and listed ("line" is its 1-based position in the array). The line of a JSON syntax error is reported.
 */
export function readCslJson(input: string): { ok: true; value: CslFileRead } | { ok: false; errors: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(input.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, errors: [`The CSL-JSON could not be read: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const items = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data.items) ? data.items : undefined;
  if (!items) return { ok: false, errors: ['A CSL-JSON file is an array of items.'] };
  const read: CslFileRead = { entries: [], skipped: [], total: items.length };
  items.forEach((item: unknown, index) => {
    const key = isRecord(item) ? String(item.id ?? item['citation-key'] ?? '') : '';
    const skip = (reason: string) => read.skipped.push({ key, line: index + 1, reason });
    if (!isRecord(item)) return skip('not an object');
    const title = text(item.title);
    if (!title) return skip('has no title');
    const doi = text(item.DOI);
    const identity = canonicalPaperId({ arxiv: arxivHint(item), doi, title });
    if (!identity) return skip('its title gives no usable id');
    const authors = (Array.isArray(item.author) ? item.author : []).map(nameOf).filter((name): name is string => !!name);
    const paper: ScrapedPaper = {
      id: identity.id,
      version: identity.version,
      title,
      authors,
      abstract: text(item.abstract),
      url: httpUrl(text(item.URL)) ?? '',
      published: published(item.issued),
      doi,
    };
    read.entries.push({ key, paper, tags: normalizeTags(tagsOf(item)), note: text(item.note) ?? '' });
  });
  return { ok: true, value: read };
}
