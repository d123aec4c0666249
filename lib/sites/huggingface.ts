import { arxivPaperId, parseArxivId } from '../ids';
import type { ScrapedPaper } from '../paper';
import { parseDisplayDate } from './display-date';
import { firstMatch, textOf } from './dom-read';
import type { CardFailure, CardMatch, ScanEntry, ScanResult, SiteAdapter } from './types';

/**
 * Hugging Face Papers listings: daily/weekly/monthly, trending and search share one Svelte island (`DailyPapers`).
 * Selectors are lists of alternatives, newest markup first; see tests/fixtures/hf for the shapes they cover.
 */
const SELECTORS = {
  island: ['div[data-target="DailyPapers"]'],
  paperIsland: ['div[data-target="PaperContent"]'],
  titleLink: ['h3 a[href^="/papers/"]', 'h2 a[href^="/papers/"]'],
  card: ['article'],
  abstract: ['a[href^="/papers/"] > p', 'div.mb-2 > p', 'p.line-clamp-2', 'p'],
  authorAvatars: ['li[title]'],
  authorCount: ['li.order-first span', 'li.order-first'],
  organization: ['a.rounded-full[href^="/"]:not([href^="/papers"]) span.truncate', 'a[href^="/"]:not([href^="/papers"]) > span.truncate'],
  upvotes: ['div.font-semibold.text-orange-500', 'div.leading-none'],
  trendingDesktopHalf: [':scope > div.hidden.md\\:flex'],
} as const;

/** One paper as the island's `data-props` JSON describes it (fields we use). */
interface PropsPaper {
  id: string;
  title?: string;
  summary?: string;
  ai_summary?: string;
  publishedAt?: string;
  upvotes?: number;
  authors?: Array<{ name?: string; hidden?: boolean }>;
  organization?: { fullname?: string; name?: string };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function asPropsPaper(entry: unknown): PropsPaper | undefined {
  const candidate = isObject(entry) && isObject(entry.paper) ? entry.paper : entry;
  if (!isObject(candidate) || typeof candidate.id !== 'string') return undefined;
  return candidate as unknown as PropsPaper;
}

/**
 * Reads the island's props. They describe the server render only: after a client-side navigation they are stale,
 * which is harmless because they are looked up by paper id.
 */
function readIslandProps(doc: Document): Map<string, PropsPaper> {
  const byId = new Map<string, PropsPaper>();
  const island = firstMatch(doc, SELECTORS.island);
  const raw = island?.getAttribute('data-props');
  if (!raw) return byId;
  let props: unknown;
  try {
    props = JSON.parse(raw);
  } catch (error) {
    console.warn('Shelfmark: Hugging Face page data is not valid JSON; reading the cards alone.', error);
    return byId;
  }
  if (!isObject(props)) return byId;
  for (const list of [props.dailyPapers, props.searchResults, props.papers]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const paper = asPropsPaper(entry);
      if (paper && !byId.has(paper.id)) byId.set(paper.id, paper);
    }
  }
  return byId;
}

function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const match = /^\d{4}-\d{2}-\d{2}/.exec(value);
  return match?.[0];
}

/** The card element for a title link: its `article`, or for unknown layouts the link's heading's parent. */
function cardFor(link: Element): Element | null {
  return link.closest(SELECTORS.card.join(',')) ?? link.closest('h3, h2')?.parentElement ?? null;
}

function readAuthors(card: Element): string[] {
  const names: string[] = [];
  for (const item of card.querySelectorAll(SELECTORS.authorAvatars.join(','))) {
    const name = item.getAttribute('title')?.trim();
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

function readUpvotes(card: Element): number | undefined {
  const text = textOf(firstMatch(card, SELECTORS.upvotes));
  const value = Number.parseInt(text, 10);
  return Number.isFinite(value) ? value : undefined;
}

function readDate(card: Element, now: Date): string | undefined {
  for (const span of card.querySelectorAll('span')) {
    if (span.children.length > 0) continue;
    const parsed = parseDisplayDate(textOf(span), now);
    if (parsed) return parsed;
  }
  return undefined;
}

/**
 * On trending cards the card holds a desktop and a mobile copy; read the desktop one only, so one paper is one card.
 * Trending shows the AI summary where other views show the abstract.
 */
function readCard(card: Element, link: Element, props: Map<string, PropsPaper>, now: Date): ScrapedPaper {
  const href = link.getAttribute('href') ?? '';
  const arxiv = parseArxivId(href.replace(/^\/papers\//, ''));
  const title = textOf(link);
  if (!title) throw new Error(`card ${href || '(no link)'} has no title`);
  // Every Hugging Face paper page is keyed by its arXiv id; a link without one is a broken card, not a new paper.
  if (!arxiv) throw new Error(`card link ${href || '(empty)'} has no arXiv id`);
  const half = firstMatch(card, SELECTORS.trendingDesktopHalf) ?? card;
  const isTrendingLayout = half !== card;
  const shownText = textOf(firstMatch(half, SELECTORS.abstract)) || undefined;
  const fromProps = arxiv ? props.get(arxiv.arxivId) : undefined;
  const propsAuthors = (fromProps?.authors ?? []).filter((a) => !a.hidden && a.name).map((a) => a.name!.trim());
  const organization =
    textOf(firstMatch(half, SELECTORS.organization)) || fromProps?.organization?.fullname || undefined;
  return {
    id: arxivPaperId(arxiv.arxivId),
    title: fromProps?.title?.trim() || title,
    authors: propsAuthors.length ? propsAuthors : readAuthors(half),
    abstract: fromProps?.summary?.trim() || (isTrendingLayout ? undefined : shownText),
    summary: fromProps?.ai_summary?.trim() || (isTrendingLayout ? shownText : undefined),
    url: new URL(href, 'https://huggingface.co').toString(),
    published: isoDate(fromProps?.publishedAt) ?? readDate(half, now),
    organization,
    upvotes: readUpvotes(half) ?? fromProps?.upvotes,
  };
}

/** Cards one at a time, in page order, so a huge page is read over idle slices (card-layer.ts), not in one task. */
function* scanEntries(doc: Document, now = new Date()): Generator<ScanEntry> {
  const props = readIslandProps(doc);
  const claimed = new Set<Element>();
  for (const link of doc.querySelectorAll(SELECTORS.titleLink.join(','))) {
    const card = cardFor(link);
    if (!card || claimed.has(card)) continue;
    claimed.add(card);
    try {
      yield { card: { elements: [card], mount: { parent: card, before: null }, paper: readCard(card, link, props, now) } };
    } catch (error) {
      yield { failure: { element: card, reason: error instanceof Error ? error.message : String(error) } };
    }
  }
  // Articles that lost their title link still look like cards to a reader: report them rather than pass over silently.
  const island = firstMatch(doc, SELECTORS.island) ?? doc;
  for (const article of island.querySelectorAll('article')) {
    if (!claimed.has(article)) yield { failure: { element: article, reason: 'card has no title link' } };
  }
}

export function scanHuggingFace(doc: Document, now = new Date()): ScanResult {
  const cards: CardMatch[] = [];
  const failures: CardFailure[] = [];
  for (const entry of scanEntries(doc, now)) {
    if (entry.card) cards.push(entry.card);
    else failures.push(entry.failure);
  }
  return { cards, failures };
}

/**
 * The paper page `/papers/<arxiv id>` (one `PaperContent` island): a standalone card like arXiv's abstract page.
 * The AI summary box comes before the abstract under the one "Abstract" heading, so the abstract is read from the
 * props' `paper.summary` or the `p.text-gray-600` after the box, never "the first p after the heading".
 */
function readPaperPage(doc: Document, island: Element): ScrapedPaper {
  let props: unknown;
  try {
    props = JSON.parse(island.getAttribute('data-props') ?? 'null');
  } catch {
    props = undefined;
  }
  const fromProps = isObject(props) && isObject(props.paper) ? asPropsPaper(props.paper) : undefined;
  const pathId = /^\/papers\/([^/?#]+)/.exec(new URL(doc.URL).pathname)?.[1] ?? '';
  const arxiv = parseArxivId(fromProps?.id ?? pathId);
  if (!arxiv) throw new Error(`paper page ${pathId || '(no id)'} has no arXiv id`);
  const title = fromProps?.title?.replace(/\s+/g, ' ').trim() || textOf(island.querySelector('h1'));
  if (!title) throw new Error(`paper page ${arxiv.arxivId} has no title`);
  const shownAuthors = [...island.querySelectorAll('span.author')].map((span) => textOf(span.querySelector('a, button'))).filter(Boolean);
  const propsAuthors = (fromProps?.authors ?? []).filter((a) => !a.hidden && a.name).map((a) => a.name!.trim());
  const summaryBox = island.querySelector('div.border-l-2.border-blue-500');
  const shownAbstract = textOf(island.querySelector('div.gap-y-2\\.5 > p.text-gray-600'));
  return {
    id: arxivPaperId(arxiv.arxivId),
    title,
    authors: propsAuthors.length ? propsAuthors : shownAuthors,
    abstract: fromProps?.summary?.replace(/\s+/g, ' ').trim() || shownAbstract || undefined,
    summary: fromProps?.ai_summary?.trim() || textOf(summaryBox?.querySelector('p')) || undefined,
    url: `https://huggingface.co/papers/${arxiv.arxivId}`,
    published: isoDate(fromProps?.publishedAt),
    upvotes: fromProps?.upvotes,
  };
}

function* scanPaperPage(doc: Document): Generator<ScanEntry> {
  const island = firstMatch(doc, SELECTORS.paperIsland);
  if (!island) return;
  const heading = island.querySelector('h1');
  try {
    const paper = readPaperPage(doc, island);
    const mount = heading?.parentElement ? { parent: heading.parentElement, before: heading.nextSibling } : { parent: island, before: island.firstChild };
    // The island is `display: contents`; the card root is its first box, which holds title and authors.
    const root = heading?.parentElement ?? island;
    yield { card: { elements: [root], mount, paper, standalone: true } };
  } catch (error) {
    yield { failure: { element: island, reason: error instanceof Error ? error.message : String(error) } };
  }
}

const PAPER_PAGE = /^\/papers\/(\d{4}\.\d{4,5})\/?$/;

function pageLabel(url: URL): string {
  const query = url.searchParams.get('q');
  if (query) return `HF search “${query}”`;
  const [, , kind, period] = url.pathname.split('/');
  switch (kind) {
    case 'date':
      return `HF daily ${period}`;
    case 'week':
      return `HF weekly ${period}`;
    case 'month':
      return `HF monthly ${period}`;
    case 'trending':
      return 'HF trending';
    case undefined:
    case '':
      return url.searchParams.get('date') ? `HF daily ${url.searchParams.get('date')}` : 'HF daily';
    default:
      return `HF paper ${kind}`;
  }
}

export const huggingFaceAdapter: SiteAdapter = {
  key: 'hf',
  cardSelector: 'div[data-target="DailyPapers"] article',
  watchSelector: 'article',
  handles: (url) =>
    url.hostname === 'huggingface.co' && (/^\/papers(\/(date|week|month)\/[^/]+|\/trending)?\/?$/.test(url.pathname) || PAPER_PAGE.test(url.pathname)),
  pageLabel: (url) => pageLabel(url),
  scan: (doc) => (PAPER_PAGE.test(new URL(doc.URL).pathname) ? scanPaperPage(doc) : scanEntries(doc)),
  // Every card of a real listing (daily, weekly, monthly: up to a few hundred) is read before the page shows, so
  // none is painted and then folded; only a longer (or flooded) page's later cards follow in idle slices.
  firstScreenCards: 500,
};
