import { parse, type Creator, type Entry } from '@retorquere/bibtex-parser';
import { canonicalPaperId, parseArxivId } from '../ids';
import { normalizeTags, type ArxivMeta, type ScrapedPaper } from '../paper';
import type { ImportResult } from './result';

/** One BibTeX entry, mapped to a paper. */
export interface BibtexImportEntry {
  key: string;
  paper: ScrapedPaper;
  /** From `keywords`. */
  tags: string[];
  /** From `annote`, plus the verbatim entry when it has fields a paper record cannot hold. */
  note: string;
}

/** Fields a paper record holds; an entry with any other field keeps its verbatim source in the note. */
const MAPPED_FIELDS = new Set([
  'title', 'author', 'year', 'month', 'date', 'abstract', 'doi', 'eprint', 'archiveprefix', 'eprinttype',
  'primaryclass', 'eprintclass', 'url', 'keywords', 'annote',
]);

/** Markup the parser emits for TeX styling (`\textbf` → `<b>`); stored text is plain. */
const PARSER_MARKUP = /<\/?(?:i|b|sup|sub|code|p|li|ul|blockquote|h\d)>|<span (?:class="nocase"|style="font-variant:small-caps;")>|<\/span>/g;

/** A parsed field as plain text: the parser's styling markup removed, whitespace collapsed. */
export function plainText(text: string | undefined): string | undefined {
  const clean = text?.replace(PARSER_MARKUP, '').replace(/\s+/g, ' ').trim();
  return clean || undefined;
}

function creatorName(creator: Creator): string {
  if (creator.name) return creator.name;
  return [creator.firstName, creator.prefix, creator.lastName, creator.suffix].filter(Boolean).join(' ');
}

function publishedDate(fields: Entry['fields']): string | undefined {
  const date = fields.date?.trim();
  if (date && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(date)) return date;
  const year = fields.year?.trim();
  if (!year || !/^\d{4}$/.test(year)) return undefined;
  const month = Number(fields.month);
  return month >= 1 && month <= 12 ? `${year}-${String(month).padStart(2, '0')}` : year;
}

/** An arXiv id from `eprint` (when the archive is arXiv or unnamed), an arxiv.org url, or a Google Scholar journal. */
function arxivHint(fields: Entry['fields']): string | undefined {
  const archive = (fields.archiveprefix ?? fields.eprinttype ?? 'arxiv').toLowerCase();
  if (fields.eprint && archive === 'arxiv' && parseArxivId(fields.eprint)) return fields.eprint;
  for (const text of [fields.url, fields.journal, fields.howpublished]) {
    if (text && /arxiv/i.test(text) && parseArxivId(text)) return text;
  }
  return undefined;
}

function doiHint(fields: Entry['fields']): string | undefined {
  if (fields.doi) return fields.doi;
  return fields.url && /doi\.org\//i.test(fields.url) ? fields.url : undefined;
}

function toImportEntry(entry: Entry): ImportResult<BibtexImportEntry> {
  const { fields } = entry;
  const title = plainText(fields.title);
  if (!title) return { ok: false, errors: [`Entry "${entry.key}": has no title.`] };
  const identity = canonicalPaperId({ arxiv: arxivHint(fields), doi: doiHint(fields), title });
  if (!identity) return { ok: false, errors: [`Entry "${entry.key}": its title gives no usable id.`] };
  const isArxiv = identity.id.startsWith('arxiv:');
  const primaryCategory = fields.primaryclass ?? fields.eprintclass;
  const arxiv: ArxivMeta | undefined = isArxiv && primaryCategory ? { primaryCategory } : undefined;
  const paper: ScrapedPaper = {
    id: identity.id,
    version: identity.version,
    title,
    authors: (fields.author ?? []).map(creatorName).filter(Boolean),
    abstract: plainText(fields.abstract),
    url: fields.url ?? '',
    published: publishedDate(fields),
    arxiv,
    doi: fields.doi ? fields.doi.trim() : undefined,
  };
  const unmapped = Object.keys(fields).filter((name) => !MAPPED_FIELDS.has(name));
  const source = unmapped.length ? `Imported from BibTeX (${unmapped.join(', ')} kept here):\n${entry.input.trim()}` : '';
  const note = [fields.annote?.trim(), source].filter(Boolean).join('\n\n');
  return { ok: true, value: { key: entry.key, paper, tags: normalizeTags(fields.keywords ?? []), note } };
}

function entryKeyOf(input: string | undefined): string | undefined {
  return input ? /@\s*\w+\s*[{(]\s*([^,\s]+)/.exec(input)?.[1] : undefined;
}

/**
 * Parses a .bib file into papers. Entries with an arXiv eprint/url or a DOI get those ids; others get a title id.
 * Any parse problem fails the whole file, with messages naming the line or the entry key.
 */
export function parseBibtexImport(text: string): ImportResult<BibtexImportEntry[]> {
  let library: ReturnType<typeof parse>;
  try {
    library = parse(text, { sentenceCase: false, english: false, unsupported: (_node, tex) => tex });
  } catch (error) {
    return { ok: false, errors: [`The BibTeX could not be read: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const errors = library.errors.map((problem) => {
    const key = entryKeyOf(problem.input);
    return key ? `Entry "${key}": ${problem.error}` : `BibTeX: ${problem.error}`;
  });
  const entries: BibtexImportEntry[] = [];
  for (const entry of library.entries) {
    // The parser keeps a field-less shell for an entry it could not read; its error is already listed.
    if (!entry.input) continue;
    const mapped = toImportEntry(entry);
    if (mapped.ok) entries.push(mapped.value);
    else errors.push(...mapped.errors);
  }
  if (errors.length) return { ok: false, errors };
  if (!entries.length) return { ok: false, errors: ['No BibTeX entries found in the file.'] };
  return { ok: true, value: entries };
}
