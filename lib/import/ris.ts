import { canonicalPaperId } from '../ids';
import { normalizeTags, type ScrapedPaper } from '../paper';
import { httpUrl } from '../safe-url';
import type { BibtexImportEntry } from './bibtex';
import type { SkippedEntry } from './bibtex-lexer';

export interface RisFileRead {
  entries: BibtexImportEntry[];
  skipped: SkippedEntry[];
  total: number;
}

/** `TY  - JOUR`: a tag, two spaces (readers accept one), a dash, the value. Lines are trimmed as Zotero does. */
const TAG_LINE = /^([A-Z][A-Z0-9])\s{1,2}-(?: (.*))?$/;

interface RisRecord {
  line: number;
  tags: Array<[string, string]>;
}

function risRecords(text: string): RisRecord[] {
  const records: RisRecord[] = [];
  let current: RisRecord | undefined;
  text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.trim();
    const tag = TAG_LINE.exec(line);
    if (tag?.[1] === 'TY') records.push((current = { line: index + 1, tags: [] }));
    if (tag && current) {
      if (tag[1] === 'ER') current = undefined;
      else current.tags.push([tag[1], (tag[2] ?? '').trim()]);
    } else if (current && line && current.tags.length) {
      // A continuation line (a note's next line); a word joiner our export put there is dropped.
      const last = current.tags[current.tags.length - 1];
      last[1] += `\n${line.replace(/^\u2060/, '')}`;
    }
  });
  return records;
}

/** RIS "Last, First[, Suffix]" to a display name. */
function displayName(value: string): string {
  const [last, first, suffix] = value.split(',').map((part) => part.trim());
  return [first, last, suffix].filter(Boolean).join(' ');
}

function risDate(value: string | undefined): string | undefined {
  const match = value ? /^(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2}))?)?/.exec(value) : null;
  if (!match) return undefined;
  const [, year, month, day] = match;
  return [year, month && month.padStart(2, '0'), month && day && day.padStart(2, '0')].filter(Boolean).join('-');
}

/** Reads RIS (Zotero, Mendeley, EndNote exports) record by record; a record without a title is skipped and listed. */
export function readRis(text: string): RisFileRead {
  const records = risRecords(text);
  const read: RisFileRead = { entries: [], skipped: [], total: records.length };
  for (const record of records) {
    const all = (...tags: string[]) => record.tags.filter(([tag]) => tags.includes(tag)).map(([, value]) => value).filter(Boolean);
    // The first tag of the list present (`DA` before `PY`), not the first in the record.
    const first = (...tags: string[]) => tags.map((tag) => all(tag)[0]).find(Boolean);
    const key = first('ID') ?? '';
    const title = first('TI', 'T1', 'CT', 'BT')?.replace(/\s+/g, ' ');
    if (!title) {
      read.skipped.push({ key, line: record.line, reason: 'has no title' });
      continue;
    }
    const doi = first('DO')?.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '');
    const urls = all('UR', 'L2');
    const arxiv = [...urls, first('AN') ?? '', doi ?? ''].find((value) => /arxiv/i.test(value));
    const identity = canonicalPaperId({ arxiv, doi, title });
    if (!identity) {
      read.skipped.push({ key, line: record.line, reason: 'its title gives no usable id' });
      continue;
    }
    const paper: ScrapedPaper = {
      id: identity.id,
      version: identity.version,
      title,
      authors: all('AU', 'A1', 'A2').map(displayName),
      abstract: first('AB', 'N2')?.replace(/\s+/g, ' '),
      url: urls.map(httpUrl).find(Boolean) ?? '',
      published: risDate(first('DA', 'PY', 'Y1')),
      doi,
    };
    read.entries.push({ key, paper, tags: normalizeTags(all('KW')), note: all('N1').join('\n\n') });
  }
  return read;
}
