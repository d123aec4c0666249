import type { PaperRecord, ReadingStatus } from '../paper';
import { markdownLinkTarget } from '../safe-url';
import { paperLinks } from './links';

export type MarkdownGrouping = 'tag' | 'status' | 'none';

export interface MarkdownOptions {
  groupBy?: MarkdownGrouping;
  /** The document heading (default "Reading list"). */
  title?: string;
  /** Authors listed before "et al." (default 10). */
  maxAuthors?: number;
}

const STATUS_HEADINGS: ReadonlyArray<[ReadingStatus | null, string]> = [
  ['to-read', 'To read'],
  ['reading', 'Reading'],
  ['read', 'Read'],
  [null, 'No status'],
];

/**
 * Backslash-escapes what Markdown would read as syntax, `<` included so page text never becomes HTML. `$` is
 * left alone: renderers with math support then show a title's TeX as math.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]{}<>#|~!&]/g, '\\$&');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function authorList(authors: readonly string[], max: number): string {
  const names = authors.map(oneLine).filter(Boolean);
  const shown = names.slice(0, max).map(escapeMarkdown);
  return names.length > max ? `${shown.join(', ')} et al.` : shown.join(', ');
}

function entry(paper: PaperRecord, maxAuthors: number): string {
  const links = paperLinks(paper);
  const title = `**${escapeMarkdown(oneLine(paper.title))}**`;
  const byline = [
    authorList(paper.authors, maxAuthors) || (paper.organization ? escapeMarkdown(oneLine(paper.organization)) : ''),
    paper.published ? `(${paper.published})` : '',
  ].filter(Boolean);
  const link = (label: string, url: string | undefined) => {
    const target = url && markdownLinkTarget(url);
    return target ? `[${label}](<${target}>)` : '';
  };
  const linkList = [link('abstract', links.abstract), link('PDF', links.pdf)].filter(Boolean);
  const lines = [`- ${title}${byline.length ? ` — ${byline.join(' ')}` : ''}`];
  if (linkList.length) lines.push(`  ${linkList.join(' · ')}`);
  if (paper.tags.length) lines.push(`  Tags: ${paper.tags.map((tag) => escapeMarkdown(tag)).join(', ')}`);
  if (paper.note) {
    for (const line of paper.note.trim().split(/\r\n|\r|\n/)) lines.push(`  > ${escapeMarkdown(line)}`.trimEnd());
  }
  return lines.join('\n');
}

function groups(papers: readonly PaperRecord[], groupBy: MarkdownGrouping): [string, PaperRecord[]][] {
  if (groupBy === 'none') return [['', [...papers]]];
  if (groupBy === 'status') {
    return STATUS_HEADINGS.map(([status, heading]): [string, PaperRecord[]] => [
      heading,
      papers.filter((paper) => paper.status === status),
    ]);
  }
  // A paper with several tags is listed under each of them.
  const byTag = new Map<string, PaperRecord[]>();
  for (const paper of papers) {
    for (const tag of paper.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), paper]);
  }
  const tagged = [...byTag.entries()].sort(([a], [b]) => a.localeCompare(b, 'en'));
  return [...tagged, ['Untagged', papers.filter((paper) => paper.tags.length === 0)]];
}

/** A Markdown reading list of the papers given, in their order within each group; empty groups are left out. */
export function exportMarkdown(papers: readonly PaperRecord[], options: MarkdownOptions = {}): string {
  const maxAuthors = options.maxAuthors ?? 10;
  const sections = [`# ${escapeMarkdown(options.title ?? 'Reading list')}`];
  for (const [heading, members] of groups(papers, options.groupBy ?? 'tag')) {
    if (!members.length) continue;
    const list = members.map((paper) => entry(paper, maxAuthors)).join('\n');
    sections.push(heading ? `## ${escapeMarkdown(heading)} (${members.length})\n\n${list}` : list);
  }
  return `${sections.join('\n\n')}\n`;
}
