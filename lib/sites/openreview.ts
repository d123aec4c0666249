import type { ScrapedPaper } from '../paper';
import { arxivLinkIn, identify, metaContent, metaContents, isoFromMetaDate, optional, reasonOf, textWithout } from './citation-meta';
import { firstMatch, textOf } from './dom-read';
import type { ScanEntry, SiteAdapter } from './types';

/**
 * OpenReview (see tests/fixtures/openreview). Venue tabs (`/group?id=…`) and search are client-rendered by React and
 * re-rendered on tab switch and paging: the card layer's observer sees the new `div.note`s and this adapter reads
 * them again. Forum pages are server-rendered with `citation_*` meta. The forum id stays in the card's URL; the
 * record's id follows the cross-site rule (an External IDs arXiv link or `citation_doi` wins, else the title).
 */
const SELECTORS = {
  listNote: ['.submissions-list li > div.note'],
  listTitle: ['h4 > a[href^="/forum?id="]'],
  listAuthors: ['.note-authors'],
  listMeta: ['ul.note-meta-info > li'],
  forumNote: ['div.forum-note'],
  forumTitle: ['h2.citation_title', '.forum-title h2'],
  forumAuthors: ['.forum-authors h3'],
  forumVenue: ['.forum-meta .item .glyphicon-folder-open'],
  contentField: ['.note-content > div'],
} as const;

// MathJax-typeset TeX in titles: the typeset copy goes, the source in `script`/`mjx-assistive-mml` is not read either.
const NOT_TITLE = 'mjx-container, .MathJax, script, a.pdf-link, a.html-link, img';

function forumId(href: string | null): string | undefined {
  if (!href) return undefined;
  const id = new URL(href, 'https://openreview.net').searchParams.get('id');
  return id && /^[A-Za-z0-9_-]{5,}$/.test(id) ? id : undefined;
}

/** Names in an ExpandableList: `a`/`span` children joined by ", ", without the "et al. (N additional…)" toggle. */
function authorNames(list: Element | null): string[] {
  if (!list) return [];
  const holder = list.querySelector(':scope > span') ?? list;
  return [...holder.children]
    .filter((child) => !child.classList.contains('show-all'))
    .map((child) => textOf(child))
    .filter(Boolean);
}

function noteField(root: ParentNode, label: string): Element | undefined {
  for (const row of root.querySelectorAll(SELECTORS.contentField.join(','))) {
    if (textOf(row.querySelector('strong.note-content-field')).replace(/:$/, '') === label) {
      return row.querySelector('.note-content-value') ?? undefined;
    }
  }
  return undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `Published: 26 Jan 2026, …` or `19 Sept 2025 (modified: …)` (en-GB; `Sept` in current ICU, `Sep` in older). */
export function openReviewDate(text: string): string | undefined {
  const match = /(\d{1,2}) ([A-Za-z]{3,4}) (\d{4})/.exec(text);
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[2].slice(0, 3).toLowerCase());
  if (month < 0) return undefined;
  return `${match[3]}-${String(month + 1).padStart(2, '0')}-${match[1].padStart(2, '0')}`;
}

function readListNote(note: Element): ScrapedPaper {
  const link = firstMatch(note, SELECTORS.listTitle);
  const id = forumId(link?.getAttribute('href') ?? null);
  const title = textWithout(link, NOT_TITLE);
  if (!link || !id) throw new Error('note has no forum link');
  if (!title) throw new Error(`note ${id} has no title`);
  const meta = [...note.querySelectorAll(SELECTORS.listMeta.join(','))].map((item) => textOf(item));
  return {
    ...identify({ title }),
    title,
    authors: authorNames(firstMatch(note, SELECTORS.listAuthors)),
    url: `https://openreview.net/forum?id=${id}`,
    published: meta[0] ? openReviewDate(meta[0]) : undefined,
  };
}

function* scanList(doc: Document): Generator<ScanEntry> {
  for (const note of doc.querySelectorAll(SELECTORS.listNote.join(','))) {
    try {
      yield { card: { elements: [note], mount: { parent: note, before: null }, paper: readListNote(note) } };
    } catch (error) {
      yield { failure: { element: note, reason: reasonOf(error) } };
    }
  }
}

function readForum(doc: Document, root: Element): ScrapedPaper {
  const id = forumId(doc.URL);
  const title = textWithout(firstMatch(root, SELECTORS.forumTitle), NOT_TITLE) || metaContent(doc, 'citation_title') || '';
  if (!id) throw new Error('forum page has no id');
  if (!title) throw new Error(`forum ${id} has no title`);
  const externalIds = noteField(root, 'External IDs')?.parentElement ?? root.querySelector('.note-content');
  const metaAuthors = metaContents(doc, 'citation_author');
  const abstract = textOf(noteField(root, 'Abstract')) || metaContent(doc, 'citation_abstract');
  const doi = metaContent(doc, 'citation_doi');
  return {
    ...identify({ arxiv: externalIds ? arxivLinkIn(externalIds) : undefined, doi, title }),
    title,
    authors: metaAuthors.length ? metaAuthors : authorNames(firstMatch(root, SELECTORS.forumAuthors)),
    abstract: optional(abstract),
    url: `https://openreview.net/forum?id=${id}`,
    published:
      isoFromMetaDate(metaContent(doc, 'citation_publication_date') ?? metaContent(doc, 'citation_online_date')) ??
      openReviewDate(textOf(root.querySelector('.forum-meta .date'))),
    doi: doi?.toLowerCase(),
  };
}

function* scanForum(doc: Document): Generator<ScanEntry> {
  const root = firstMatch(doc, SELECTORS.forumNote);
  if (!root) return;
  try {
    const title = firstMatch(root, SELECTORS.forumTitle)?.parentElement;
    const mount = title?.parentElement ? { parent: title.parentElement, before: title.nextSibling } : { parent: root, before: root.firstChild };
    yield { card: { elements: [root], mount, paper: readForum(doc, root), standalone: true } };
  } catch (error) {
    yield { failure: { element: root, reason: reasonOf(error) } };
  }
}

function pageLabel(url: URL): string {
  if (url.pathname === '/forum') return `OpenReview ${url.searchParams.get('id') ?? 'forum'}`;
  if (url.pathname === '/search') return `OpenReview search “${url.searchParams.get('term') ?? ''}”`;
  const group = url.searchParams.get('id') ?? '';
  return `OpenReview ${group.replace(/\/Conference$/, '').replace(/\.cc\//, ' ').replace(/\//g, ' ')}`.trim();
}

export const openReviewAdapter: SiteAdapter = {
  key: 'openreview',
  // React re-renders the list on tab switch, paging and search: only changes that add or remove notes rescan.
  watchSelector: '.submissions-list li > div.note, div.forum-note',
  handles: (url) => url.hostname === 'openreview.net' && ['/group', '/forum', '/search'].includes(url.pathname),
  pageLabel: (url) => pageLabel(url),
  scan: (doc) => (firstMatch(doc, SELECTORS.forumNote) ? scanForum(doc) : scanList(doc)),
};
