import { arxivIdOf } from '../ids';
import type { PaperRecord } from '../paper';
import { doiOf, monthOf, paperLinks, yearOf } from './links';
import { splitName } from './names';
import { isPublished } from './publication';

export interface RisOptions {
  /** Include `AB` (default true). */
  abstract?: boolean;
  /** Include the user's note as `N1` (default true). */
  note?: boolean;
}

/** A value on one line: a tag's value ends at the line break. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Notes keep their line breaks as continuation lines (Zotero's reader joins them back). A continuation line that
 * looks like a tag ("TY  - …"), even once a reader trims it (Zotero does), starts with a word joiner (U+2060): not
 * white space, so no reader trims it away, and invisible where the note is shown.
 */
function multiLine(text: string): string {
  return text
    .trim()
    .split(/\r\n|\r|\n/)
    .map((line, index) => (index > 0 && /^\s*[A-Z][A-Z0-9]\s*-/.test(line) ? `\u2060${line}` : line))
    .join('\r\n');
}

/** RIS wants "Last, First, Suffix"; a one-word name stays whole, and an organisation is written as one. */
function risName(name: string): string {
  const { last, first, suffix } = splitName(name);
  if (!first) return suffix ? `${last}, , ${suffix}` : last;
  return suffix ? `${last}, ${first}, ${suffix}` : `${last}, ${first}`;
}

function risDate(published: string | undefined): string | undefined {
  const year = yearOf(published);
  if (!year) return undefined;
  const month = monthOf(published);
  const day = published && /^\d{4}-\d{2}-(\d{2})/.exec(published)?.[1];
  return `${year}/${month ? String(month).padStart(2, '0') : ''}/${day ?? ''}/`;
}

function record(paper: PaperRecord, options: RisOptions): string {
  const lines: string[] = [];
  const add = (tag: string, value: string | undefined) => {
    if (value) lines.push(`${tag}  - ${value}`);
  };
  const arxivId = arxivIdOf(paper.id);
  const links = paperLinks(paper);
  // JOUR once published; UNPB ("unpublished work") for a preprint.
  add('TY', isPublished(paper) ? 'JOUR' : 'UNPB');
  add('TI', oneLine(paper.title));
  const authors = paper.authors.map(oneLine).filter(Boolean);
  // A name that does not split (",", stray punctuation) is written as it stands rather than dropped.
  for (const author of authors) add('AU', risName(author) || author);
  if (!authors.length) add('AU', paper.organization && oneLine(paper.organization));
  add('PY', yearOf(paper.published));
  add('DA', risDate(paper.published));
  add('JO', paper.arxiv?.journalRef && oneLine(paper.arxiv.journalRef));
  if (options.abstract !== false) add('AB', paper.abstract && oneLine(paper.abstract));
  add('UR', links.abstract);
  add('L1', links.pdf);
  add('DO', doiOf(paper));
  if (arxivId) {
    add('DB', 'arXiv');
    add('AN', `arXiv:${arxivId}`);
  }
  for (const tag of paper.tags) add('KW', oneLine(tag));
  if (options.note !== false) add('N1', paper.note && multiLine(paper.note));
  lines.push('ER  - ');
  return lines.join('\r\n');
}

/** RIS records in the order given, CRLF line endings, UTF-8. */
export function exportRis(papers: readonly PaperRecord[], options: RisOptions = {}): string {
  return papers.map((paper) => `${record(paper, options)}\r\n`).join('\r\n');
}
