import { arxivIdOf } from '../ids';
import type { PaperRecord } from '../paper';
import { doiOf, paperLinks } from './links';

export interface CsvOptions {
  /**
   * Prefix text cells starting with = + - @ (or a tab/CR) with an apostrophe so spreadsheets show them instead of
   * running them as formulas; page-derived titles are untrusted. Default true.
   */
  guardFormulas?: boolean;
}

type Cell = string | number | null | undefined;

const COLUMNS: ReadonlyArray<[header: string, cell: (paper: PaperRecord) => Cell, text: boolean]> = [
  ['id', (p) => p.id, false],
  ['title', (p) => p.title, true],
  ['authors', (p) => p.authors.join('; '), true],
  ['published', (p) => p.published, false],
  ['abstract_url', (p) => paperLinks(p).abstract, true],
  ['pdf_url', (p) => paperLinks(p).pdf, false],
  ['doi', (p) => doiOf(p), true],
  ['arxiv_id', (p) => arxivIdOf(p.id), false],
  ['version', (p) => p.version, false],
  ['primary_category', (p) => p.arxiv?.primaryCategory, true],
  ['categories', (p) => p.arxiv?.categories?.join(';'), true],
  ['journal_ref', (p) => p.arxiv?.journalRef, true],
  ['organization', (p) => p.organization, true],
  ['tags', (p) => p.tags.join(';'), true],
  ['status', (p) => p.status, false],
  ['note', (p) => p.note, true],
  ['saved_at', (p) => isoTime(p.savedAt), false],
  ['dismissed_at', (p) => isoTime(p.dismissedAt), false],
  ['first_seen_at', (p) => isoTime(p.firstSeenAt), false],
  ['last_seen_at', (p) => isoTime(p.lastSeenAt), false],
  ['seen_count', (p) => p.seenCount, false],
  ['abstract', (p) => p.abstract, true],
  ['summary', (p) => p.summary, true],
];

function isoTime(time: number | null): string | undefined {
  return time === null ? undefined : new Date(time).toISOString();
}

/** RFC 4180: a field holding a comma, quote or line break is quoted, with quotes doubled. */
function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function cellText(value: Cell, text: boolean, guard: boolean): string {
  if (value === null || value === undefined) return '';
  const raw = String(value);
  return quote(text && guard && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw);
}

/** One row per paper in the order given; UTF-8 with a byte-order mark (so Excel reads it as UTF-8), CRLF lines. */
export function exportCsv(papers: readonly PaperRecord[], options: CsvOptions = {}): string {
  const guard = options.guardFormulas !== false;
  const lines = [COLUMNS.map(([header]) => header).join(',')];
  for (const paper of papers) {
    lines.push(COLUMNS.map(([, cell, text]) => cellText(cell(paper), text, guard)).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
