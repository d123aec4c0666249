import { arxivIdOf } from '../ids';
import type { PaperRecord } from '../paper';
import { citationKeys } from './citation-keys';
import { doiOf, monthOf, paperLinks, yearOf } from './links';
import { splitName } from './names';
import { isPublished } from './publication';
import { escapeTex } from './tex';

export interface BibtexOptions {
  /** Include `abstract` (default true). */
  abstract?: boolean;
  /** Include tags as `keywords` (default true). */
  tags?: boolean;
  /** Include the user's note as `annote` (default true). */
  note?: boolean;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A name list joins on " and ", and a comma means "Last, First": a display name containing either (a team, an
 * organisation) is braced so BibTeX reads it as one literal name.
 */
function bibtexName(name: string): string {
  const escaped = escapeTex(name);
  if (/,|\band\b/i.test(name)) return `{${escaped}}`;
  // "Martin Luther King Jr." in BibTeX's "von Last, Jr, First" form, else BibTeX takes "Jr." for the family name.
  const { last, first, suffix } = splitName(name);
  return suffix && first ? `${escapeTex(last)}, ${escapeTex(suffix)}, ${escapeTex(first)}` : escaped;
}

function authorField(paper: PaperRecord): string | undefined {
  const authors = paper.authors.map(oneLine).filter(Boolean);
  if (authors.length) return authors.map(bibtexName).join(' and ');
  const organization = oneLine(paper.organization ?? '');
  return organization ? `{${escapeTex(organization)}}` : undefined;
}

/** Braced values keep verbatim text (ids, categories) and need only their braces balanced, which ids are. */
function verbatim(text: string): string {
  return text.replace(/[{}]/g, '');
}

/**
 * A url as a braced value. biblatex reads urls verbatim, but many BibTeX readers take `$` for math and braces or a
 * backslash for TeX, and refuse or mangle the entry; percent-encoded, every reader parses it and the link still
 * works (servers decode `%24`; a raw `\` is not valid in a url anyway). Paper urls rarely hold any of them.
 */
function urlValue(url: string): string {
  return url.replace(/[{}$\\]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function entry(paper: PaperRecord, key: string, options: BibtexOptions): string {
  const arxivId = arxivIdOf(paper.id);
  const published = isPublished(paper);
  const doi = doiOf(paper);
  const fields: [string, string][] = [];
  const add = (name: string, value: string | undefined, raw = false) => {
    if (value) fields.push([name, raw ? value : `{${value}}`]);
  };
  // Double braces keep the title's case exactly as written.
  add('title', `{${escapeTex(oneLine(paper.title))}}`);
  add('author', authorField(paper));
  if (published) add('journal', paper.arxiv?.journalRef && escapeTex(oneLine(paper.arxiv.journalRef)));
  add('year', yearOf(paper.published));
  const month = monthOf(paper.published);
  add('month', month ? MONTHS[month - 1] : undefined, true);
  if (arxivId) {
    add('eprint', arxivId);
    add('archivePrefix', 'arXiv');
    add('primaryClass', paper.arxiv?.primaryCategory && verbatim(paper.arxiv.primaryCategory));
  }
  add('doi', doi && verbatim(doi));
  add('url', urlValue(paperLinks(paper).abstract ?? ''));
  if (options.abstract !== false) add('abstract', paper.abstract && escapeTex(oneLine(paper.abstract)));
  // A tag holding a separator is braced whole, so readers (and Shelfmark's import) keep it one keyword.
  if (options.tags !== false) add('keywords', paper.tags.map((tag) => (/[,;]/.test(tag) ? `{${escapeTex(oneLine(tag))}}` : escapeTex(oneLine(tag)))).join(', '));
  if (options.note !== false) add('annote', paper.note && escapeTex(paper.note));
  const body = fields.map(([name, value]) => `  ${name} = ${value}`).join(',\n');
  return `@${published ? 'article' : 'misc'}{${key},\n${body}\n}\n`;
}

/**
 * BibTeX for a set of papers, in the order given: `@misc` for arXiv preprints and other unpublished papers,
 * `@article` once a journal reference or a publisher's DOI says the paper was published.
 */
export function exportBibtex(papers: readonly PaperRecord[], options: BibtexOptions = {}): string {
  const keys = citationKeys(papers);
  const seen = new Set<string>();
  const entries: string[] = [];
  for (const paper of papers) {
    if (seen.has(paper.id)) continue;
    seen.add(paper.id);
    entries.push(entry(paper, keys.get(paper.id)!, options));
  }
  return entries.join('\n');
}
