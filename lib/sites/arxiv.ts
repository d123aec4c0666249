import { arxivPaperId, normalizeDoi, parseArxivId, type ArxivRef } from '../ids';
import type { ArxivMeta, ScrapedPaper } from '../paper';
import {
  authorFromCitation,
  categoriesFromSubjects,
  collapseWhitespace,
  isAuthorPlaceholder,
  isoFromCitationDate,
  listingMarker,
  sectionKind,
  stripLabel,
  stripToggle,
  textWithout,
} from './arxiv-text';
import { firstMatch } from './dom-read';
import type { ScanEntry, SiteAdapter } from './types';

/**
 * arXiv listings (`/list/<cat>/new|recent|pastweek|YYYY-MM`), search results and abstract pages.
 * Selectors are lists of alternatives, current markup first; see tests/fixtures/arxiv for the shapes they cover.
 */
const SELECTORS = {
  // arXiv repeats id='articles' on every day/section list, so match the attribute, not the (unique) id.
  listingBlocks: ['dl[id="articles"]', 'div#dlpage dl'],
  listingAbsLink: ['a[title="Abstract"]', 'a[href^="/abs/"]', 'a[href*="arxiv.org/abs/"]'],
  listingTitle: ['div.list-title'],
  listingAuthors: ['div.list-authors'],
  listingComments: ['div.list-comments'],
  listingJournalRef: ['div.list-journal-ref'],
  listingSubjects: ['div.list-subjects'],
  listingAbstract: ['p.mathjax'],
  primarySubject: ['span.primary-subject'],

  searchResult: ['li.arxiv-result'],
  searchIdLink: ['p.list-title a[href*="/abs/"]', 'a[href*="arxiv.org/abs/"]'],
  searchCategoryTags: ['div.tags.is-inline-block > span.tag', 'div.tags:not(.has-addons) > span.tag'],
  searchTitle: ['p.title'],
  searchAuthors: ['p.authors'],
  searchAbstractFull: ['span.abstract-full'],
  searchDoi: ['div.tags.has-addons a[href*="doi.org/"]'],
  searchFieldRows: ['p.comments'],

  absPage: ['meta[name="citation_arxiv_id"]', 'div#abs'],
  absRoot: ['div#abs', 'div#abs-outer', 'div#content-inner'],
  absTitle: ['h1.title'],
  absAuthors: ['div.authors'],
  absAbstract: ['blockquote.abstract'],
  absDateline: ['div.dateline'],
  absComments: ['td.comments'],
  absJournalRef: ['td.jref'],
  absDoi: ['td.doi a[href*="doi.org/"]', 'td.doi'],
  absSubjects: ['td.subjects'],
} as const;

/** Labels arXiv writes inside value elements; older layouts left some as plain text. */
const LABEL = '.descriptor';
const TITLE_LABELS = ['Title:'];
const COMMENT_LABELS = ['Comments:'];
const JOURNAL_LABELS = ['Journal-ref:', 'Journal ref:'];
const SUBJECT_LABELS = ['Subjects:'];
const AUTHOR_LABELS = ['Authors:'];

/** Elements matching the first alternative that matches anything. */
function allMatches(root: ParentNode, selectors: readonly string[]): Element[] {
  for (const selector of selectors) {
    const found = root.querySelectorAll(selector);
    if (found.length) return [...found];
  }
  return [];
}

function absUrl(arxivId: string): string {
  return `https://arxiv.org/abs/${arxivId}`;
}

function optional(text: string): string | undefined {
  return text || undefined;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function arxivRefFrom(link: Element | null): ArxivRef {
  if (!link) throw new Error('entry has no abstract link');
  const ref =
    parseArxivId(link.getAttribute('href') ?? '') ??
    parseArxivId(link.getAttribute('id') ?? '') ??
    parseArxivId(link.textContent ?? '');
  if (!ref) throw new Error(`abstract link ${link.getAttribute('href') ?? ''} has no arXiv id`);
  return ref;
}

function authorNames(container: Element | null): string[] {
  if (!container) return [];
  const links = [...container.querySelectorAll('a')]
    .map((link) => collapseWhitespace(link.textContent ?? ''))
    .filter(Boolean);
  if (links.length) return links;
  // Authors without search links (or the placeholder) are plain comma-separated text.
  const text = stripLabel(textWithout(container, LABEL), AUTHOR_LABELS);
  if (!text || isAuthorPlaceholder(text)) return [];
  return text.split(/\s*,\s*(?:and\s+)?|\s+and\s+/).filter(Boolean);
}

function subjectsMeta(subjects: Element | null): Pick<ArxivMeta, 'primaryCategory' | 'categories'> {
  if (!subjects) return {};
  const categories = categoriesFromSubjects(stripLabel(textWithout(subjects, LABEL), SUBJECT_LABELS));
  const primary = categoriesFromSubjects(textWithout(firstMatch(subjects, SELECTORS.primarySubject), LABEL))[0];
  return { primaryCategory: primary ?? categories[0], categories: categories.length ? categories : undefined };
}

function withoutEmpty(meta: ArxivMeta): ArxivMeta {
  return Object.fromEntries(Object.entries(meta).filter(([, value]) => value !== undefined)) as ArxivMeta;
}

// ---------------------------------------------------------------------------------------------------------------
// Listings: `<dl id='articles'>` blocks of dt/dd pairs.

type ListingKind = NonNullable<ArxivMeta['listing']>;

function readListingEntry(dt: Element, dd: Element, sectionDefault: ListingKind): ScrapedPaper {
  const ref = arxivRefFrom(firstMatch(dt, SELECTORS.listingAbsLink));
  const title = stripLabel(textWithout(firstMatch(dd, SELECTORS.listingTitle), LABEL), TITLE_LABELS);
  if (!title) throw new Error(`entry ${ref.arxivId} has no title`);
  // Our own controls may already sit in the dt on a rescan; their text is not arXiv's.
  const marker = listingMarker(textWithout(dt, 'a, shelfmark-controls'));
  const subjects = subjectsMeta(firstMatch(dd, SELECTORS.listingSubjects));
  const abstractElement = firstMatch(dd, SELECTORS.listingAbstract);
  const arxiv = withoutEmpty({
    primaryCategory: subjects.primaryCategory ?? (marker?.kind === 'cross-list' ? marker.from : undefined),
    categories: subjects.categories,
    comments: optional(stripLabel(textWithout(firstMatch(dd, SELECTORS.listingComments), LABEL), COMMENT_LABELS)),
    journalRef: optional(stripLabel(textWithout(firstMatch(dd, SELECTORS.listingJournalRef), LABEL), JOURNAL_LABELS)),
    listing: marker?.kind ?? sectionDefault,
  });
  return {
    id: arxivPaperId(ref.arxivId),
    version: ref.version,
    title,
    authors: authorNames(firstMatch(dd, SELECTORS.listingAuthors)),
    abstract: optional(textWithout(abstractElement, LABEL)),
    url: absUrl(ref.arxivId),
    arxiv,
  };
}

function* scanListing(doc: Document): Generator<ScanEntry> {
  for (const block of allMatches(doc, SELECTORS.listingBlocks)) {
    // Entries before any heading (recent, monthly pages) are primary listings unless their dt says otherwise.
    let sectionDefault: ListingKind = 'new';
    // Older pages put every section in one dl: each heading starts a section of its own.
    let headings = 0;
    for (let node = block.firstElementChild; node; node = node.nextElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) {
        sectionDefault = sectionKind(node.textContent ?? '') ?? sectionDefault;
        headings += 1;
        continue;
      }
      if (node.tagName !== 'DT') {
        if (node.tagName === 'DD') yield { failure: { element: node, reason: 'listing entry has no dt' } };
        continue;
      }
      const dt = node;
      const dd = dt.nextElementSibling?.tagName === 'DD' ? dt.nextElementSibling : null;
      if (!dd) {
        yield { failure: { element: dt, reason: 'listing entry has no dd' } };
        continue;
      }
      node = dd;
      try {
        const paper = readListingEntry(dt, dd, sectionDefault);
        yield { card: { elements: [dt, dd], mount: { parent: dt, before: null }, paper, section: `heading ${headings}` } };
      } catch (error) {
        yield { failure: { element: dt, reason: reasonOf(error) } };
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Search results: `li.arxiv-result`.

/** Reads a labelled row ("Comments:", "Journal ref:") of a search result; the label span may be a search hit. */
function searchField(result: Element, label: string): string | undefined {
  for (const row of allMatches(result, SELECTORS.searchFieldRows)) {
    const text = collapseWhitespace(row.textContent ?? '');
    if (text.startsWith(label)) return optional(text.slice(label.length).trim());
  }
  return undefined;
}

/** Search results link the latest version bare; the abstract spans' ids (`2401.12345v2-abstract-full`) say which. */
function searchVersion(result: Element, ref: ArxivRef): number | undefined {
  if (ref.version) return ref.version;
  const id = firstMatch(result, SELECTORS.searchAbstractFull)?.getAttribute('id') ?? '';
  const fromId = parseArxivId(id.replace(/-abstract-(?:full|short)$/, ''));
  return fromId?.arxivId === ref.arxivId ? fromId.version : undefined;
}

function readSearchResult(result: Element): ScrapedPaper {
  const ref = arxivRefFrom(firstMatch(result, SELECTORS.searchIdLink));
  const title = textWithout(firstMatch(result, SELECTORS.searchTitle), LABEL);
  if (!title) throw new Error(`result ${ref.arxivId} has no title`);
  const tags = allMatches(result, SELECTORS.searchCategoryTags).map((tag) => collapseWhitespace(tag.textContent ?? ''));
  const abstractElement = firstMatch(result, SELECTORS.searchAbstractFull);
  // The full abstract, never the truncated preview; its toggle link is dropped, and its text too if markup changes.
  const abstract = stripToggle(textWithout(abstractElement, 'a'));
  const doiLink = firstMatch(result, SELECTORS.searchDoi);
  const doi = doiLink ? normalizeDoi(doiLink.getAttribute('href') ?? '') : undefined;
  const authorsElement = firstMatch(result, SELECTORS.searchAuthors);
  return {
    id: arxivPaperId(ref.arxivId),
    version: searchVersion(result, ref),
    title,
    authors: authorsElement ? authorNames(authorsElement) : [],
    abstract: optional(abstract),
    url: absUrl(ref.arxivId),
    doi,
    arxiv: withoutEmpty({
      primaryCategory: tags[0],
      categories: tags.length ? tags : undefined,
      comments: searchField(result, 'Comments:'),
      journalRef: searchField(result, 'Journal ref:'),
    }),
  };
}

function* scanSearch(doc: Document): Generator<ScanEntry> {
  for (const result of allMatches(doc, SELECTORS.searchResult)) {
    try {
      const paper = readSearchResult(result);
      const title = firstMatch(result, SELECTORS.searchTitle);
      // Controls go right under the title, as a direct child so a collapsed result keeps them visible.
      const anchor = title?.parentElement === result ? title : null;
      yield { card: { elements: [result], mount: { parent: result, before: anchor ? anchor.nextSibling : null }, paper } };
    } catch (error) {
      yield { failure: { element: result, reason: reasonOf(error) } };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Abstract page: one paper, described best by its Google Scholar `citation_*` tags.

function metaContent(doc: Document, name: string): string {
  return collapseWhitespace(doc.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '');
}

function metaContents(doc: Document, name: string): string[] {
  return [...doc.querySelectorAll(`meta[name="${name}"]`)]
    .map((meta) => collapseWhitespace(meta.getAttribute('content') ?? ''))
    .filter(Boolean);
}

/** "[Submitted on 3 Jan 2024 (v1), last revised 5 Feb 2024 (this version, v2)]"; a lone "[Submitted on …]" is v1. */
function versionFromDateline(text: string): number | undefined {
  const shown = /this version,\s*v(\d+)/i.exec(text);
  if (shown) return Number.parseInt(shown[1], 10);
  const onlyVersion = !/\(v\d+\)|latest version/i.test(text);
  if (/submitted on/i.test(text) && (onlyVersion || /\(this version\)/i.test(text))) return 1;
  return undefined;
}

function readAbstractPage(doc: Document, root: Element, urlRef: ArxivRef | undefined): ScrapedPaper {
  const ref =
    parseArxivId(metaContent(doc, 'citation_arxiv_id')) ??
    urlRef ??
    parseArxivId(doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? '');
  if (!ref) throw new Error('abstract page has no arXiv id');
  const title =
    metaContent(doc, 'citation_title') ||
    stripLabel(textWithout(firstMatch(root, SELECTORS.absTitle), LABEL), TITLE_LABELS);
  if (!title) throw new Error(`abstract page ${ref.arxivId} has no title`);
  const citationAuthors = metaContents(doc, 'citation_author').map(authorFromCitation);
  const abstract =
    metaContent(doc, 'citation_abstract') ||
    stripLabel(textWithout(firstMatch(root, SELECTORS.absAbstract), LABEL), ['Abstract:']);
  const doiCell = firstMatch(root, SELECTORS.absDoi);
  const doiText = metaContent(doc, 'citation_doi') || doiCell?.getAttribute('href') || textWithout(doiCell, LABEL);
  const version =
    urlRef?.arxivId === ref.arxivId && urlRef.version
      ? urlRef.version
      : versionFromDateline(textWithout(firstMatch(root, SELECTORS.absDateline), LABEL));
  return {
    id: arxivPaperId(ref.arxivId),
    version,
    title,
    authors: citationAuthors.length ? citationAuthors : authorNames(firstMatch(root, SELECTORS.absAuthors)),
    abstract: optional(abstract),
    url: absUrl(ref.arxivId),
    published: isoFromCitationDate(metaContent(doc, 'citation_date')),
    doi: doiText ? normalizeDoi(doiText) : undefined,
    arxiv: withoutEmpty({
      ...subjectsMeta(firstMatch(root, SELECTORS.absSubjects)),
      comments: optional(textWithout(firstMatch(root, SELECTORS.absComments), LABEL)),
      journalRef: optional(textWithout(firstMatch(root, SELECTORS.absJournalRef), LABEL)),
    }),
  };
}

/** The id and version in the page's own address (`/abs/<id>[vN]`): the surest sign of the version shown. */
function versionedRefFromUrl(address: string): ArxivRef | undefined {
  const match = /^https?:\/\/(?:www\.)?arxiv\.org\/abs\/([^?#]+)/.exec(address);
  return match ? parseArxivId(match[1]) : undefined;
}

function* scanAbstractPage(doc: Document): Generator<ScanEntry> {
  const root = firstMatch(doc, SELECTORS.absRoot);
  if (!root) return;
  const urlRef = versionedRefFromUrl(doc.URL);
  try {
    const paper = readAbstractPage(doc, root, urlRef);
    const title = firstMatch(root, SELECTORS.absTitle);
    const mount = title?.parentElement
      ? { parent: title.parentElement, before: title.nextSibling }
      : { parent: root, before: root.firstChild };
    yield { card: { elements: [root], mount, paper, standalone: true } };
  } catch (error) {
    yield { failure: { element: root, reason: reasonOf(error) } };
  }
}

// ---------------------------------------------------------------------------------------------------------------

type PageKind =
  | { kind: 'listing'; category: string; view: string }
  | { kind: 'search'; query: string }
  | { kind: 'abstract'; ref: ArxivRef }
  | { kind: 'catchup'; category: string; date: string };

const CATEGORY = '[a-z]+(?:-[a-z]+)?(?:\\.[A-Za-z]+(?:-[a-z]+)?)?';
const LISTING_PATH = new RegExp(`^/list/(${CATEGORY})/(new|recent|pastweek|\\d{4}-\\d{2}|\\d{4})/?$`);

const CATCHUP_PATH = new RegExp(`^/catchup/(${CATEGORY}|grp_[a-z]+)/(\\d{4}-\\d{2}-\\d{2})/?$`);

function pageKind(url: URL): PageKind | undefined {
  // export.arxiv.org serves the same listings from the same templates (for robots; people land there from links).
  if (url.hostname !== 'arxiv.org' && url.hostname !== 'export.arxiv.org') return undefined;
  const listing = LISTING_PATH.exec(url.pathname);
  if (listing) return { kind: 'listing', category: listing[1], view: listing[2] };
  // Catch-up pages reuse the /new listing's dt/dd macro: the listing scan reads them unchanged.
  const catchup = CATCHUP_PATH.exec(url.pathname);
  if (catchup) return { kind: 'catchup', category: catchup[1], date: catchup[2] };
  if (url.hostname !== 'arxiv.org') return undefined;
  if (/^\/search(?:\/advanced|\/[a-z-]+)?\/?$/.test(url.pathname)) {
    const query = url.searchParams.get('query') ?? url.searchParams.get('terms-0-term');
    return query === null ? undefined : { kind: 'search', query: collapseWhitespace(query) };
  }
  const abs = /^\/abs\/(.+)$/.exec(url.pathname);
  const ref = abs ? parseArxivId(abs[1]) : undefined;
  return ref ? { kind: 'abstract', ref } : undefined;
}

/** `/list/cs.LG/2501` (YYMM) and `/list/cs.LG/2025-01` are the same month. */
function listingViewLabel(view: string): string {
  if (view === 'pastweek') return 'past week';
  const yymm = /^(\d{2})(\d{2})$/.exec(view);
  if (!yymm || Number(yymm[2]) < 1 || Number(yymm[2]) > 12) return view;
  // arXiv began in 1991, so two-digit years from 91 up are 1990s.
  return `${Number(yymm[1]) < 91 ? '20' : '19'}${yymm[1]}-${yymm[2]}`;
}

function pageLabel(url: URL): string {
  const page = pageKind(url);
  switch (page?.kind) {
    case 'listing':
      return `arXiv ${page.category} ${listingViewLabel(page.view)}`;
    case 'search':
      return `arXiv search “${page.query}”`;
    case 'abstract':
      return `arXiv ${page.ref.arxivId}`;
    case 'catchup':
      return `arXiv ${page.category} catch-up ${page.date}${url.searchParams.get('page') && url.searchParams.get('page') !== '1' ? ` p${url.searchParams.get('page')}` : ''}`;
    default:
      return `arXiv ${url.pathname}`;
  }
}

/** Every arXiv card the document holds, whichever of the three page shapes it is, read as the caller pulls. */
function scanEntries(doc: Document): Iterable<ScanEntry> {
  if (doc.querySelector(SELECTORS.searchResult.join(','))) return scanSearch(doc);
  if (firstMatch(doc, SELECTORS.absPage)) return scanAbstractPage(doc);
  return scanListing(doc);
}

/**
 * A collapsed listing entry keeps only its dt's controls (the shared styles already hide the dd, which holds no
 * controls). The bare text between the dt's links ("(replaced)", "[", ", ", "]") cannot be selected, so the dt's font
 * size drops to zero and the controls restore it.
 */
const FIRST_SCREEN_ENTRIES = 40;

const PAGE_STYLES = `
dt[data-shelfmark-collapsed] { font-size: 0; }
dt[data-shelfmark-collapsed] > shelfmark-controls { font-size: 1rem; }
`;

export const arxivAdapter: SiteAdapter = {
  key: 'arxiv',
  handles: (url) => pageKind(url) !== undefined,
  pageLabel: (url) => pageLabel(url),
  scan: scanEntries,
  // Only the entries that can be on screen at load are read first and held back until then: a 2,000-entry page is
  // readable at once, and its later entries are settled in idle time long before anyone scrolls to them. CSS counts
  // per day list, so a `recent`/`pastweek` page holds back the first 40 of each day; all of them are released together
  // when the first 40 of the page are annotated, and later days' are settled soon after. An abstract page is the paper
  // the reader asked for: never held back.
  firstScreenCards: FIRST_SCREEN_ENTRIES,
  cardSelector: [
    `${SELECTORS.listingBlocks[0]} > dt:nth-of-type(-n+${FIRST_SCREEN_ENTRIES})`,
    `${SELECTORS.listingBlocks[0]} > dd:nth-of-type(-n+${FIRST_SCREEN_ENTRIES})`,
    ...SELECTORS.searchResult.map((selector) => `${selector}:nth-of-type(-n+${FIRST_SCREEN_ENTRIES})`),
  ].join(', '),
  watchSelector: ['dl > dt', 'dl > dd', ...SELECTORS.searchResult, ...SELECTORS.absRoot].join(', '),
  pageStyles: PAGE_STYLES,
};
