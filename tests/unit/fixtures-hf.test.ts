// @vitest-environment happy-dom
/**
 * The Hugging Face fixtures are what adapter and end-to-end tests trust, so check their structure here, with plain
 * DOM queries and no adapter: the island, its props, the card count and ids against the generator's manifest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';

interface ManifestListing {
  url: string;
  distinctPapers: number;
  ids: string[];
  articles: number;
  cards: Array<{ id: string; title: string; authors: string[]; organization: string | null; upvotes: number; aiSummary: string }>;
}
interface ManifestEntry extends ManifestListing {
  afterWeeklyClick?: ManifestListing;
}
interface SeedPaper {
  arxivId: string;
  title: string;
  abstract: string;
}
interface SeedPage {
  capture: string;
  layout: 'search' | 'daily';
  arxivIds: string[];
}
interface PropsEntry {
  paper: { id: string; title: string; summary: string; authors: Array<{ name: string }> };
}

const FIXTURES = join(__dirname, '../fixtures');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as T;
const manifest = readJson<Record<string, ManifestEntry>>('hf/manifest.json');
const papers = new Map(readJson<SeedPaper[]>('seeds/papers.json').map((p) => [p.arxivId, p]));
const pages = readJson<SeedPage[]>('seeds/pages.json');
const sequence = readJson<Array<{ capture: string; file: string; url: string; layout: string }>>('hf/sequence.json');
const malformed = readJson<{ articles: number; goodCards: number; goodIds: string[] }>('hf/malformed.json');

const html = (file: string): string => readFileSync(join(FIXTURES, 'hf', file), 'utf8');
const parse = (file: string): Document => new DOMParser().parseFromString(html(file), 'text/html');
const island = (doc: Document): Element | null => doc.querySelector('main.flex.flex-1.flex-col > div.SVELTE_HYDRATER[data-target="DailyPapers"]');
const props = (doc: Document): Record<string, unknown> => JSON.parse(island(doc)!.getAttribute('data-props')!);
const articles = (doc: Document): Element[] => [...island(doc)!.querySelectorAll('article')];

/** Id from the card's first title link, or null when the card has no usable title link. */
function cardId(article: Element): string | null {
  const link = article.querySelector('h3 a[href^="/papers/"]');
  const id = link?.getAttribute('href')?.replace(/^\/papers\//, '') ?? '';
  return id && link!.textContent!.trim() ? id : null;
}

describe.each(Object.keys(manifest))('%s', (file) => {
  const entry = manifest[file];
  const doc = parse(file);

  it('has the real page frame: body classes, banner island, then the DailyPapers island opening on its section', () => {
    expect(doc.documentElement.getAttribute('class')).toBe('');
    expect(doc.body.className).toBe('flex flex-col min-h-dvh bg-white dark:bg-gray-950 text-black DailyPapersPage');
    const el = island(doc);
    expect(el).not.toBeNull();
    expect(el!.previousElementSibling?.getAttribute('data-target')).toBe('DailyPapersBannerSubscribe');
    expect(el!.firstElementChild?.matches('section.container.relative.mb-20.mt-8')).toBe(true);
    expect(html(file)).toMatch(/data-target="DailyPapers" data-props="[^"]*"><section/);
    expect(doc.querySelector('input[type=search][name=daily-papers-search]')).not.toBeNull();
  });

  it('has one article per manifest card and the manifest ids in page order', () => {
    const found = articles(doc);
    expect(found).toHaveLength(entry.articles);
    expect(found.map(cardId).filter((id): id is string => id !== null)).toEqual(entry.ids);
    expect(new Set(entry.ids).size).toBe(entry.distinctPapers);
  });

  it('shows titles as text, TeX and all, exactly as the seed has them', () => {
    const byId = new Map(articles(doc).map((a) => [cardId(a), a]));
    for (const id of entry.ids) {
      expect(byId.get(id)!.querySelector('h3 a')!.textContent).toBe(papers.get(id)!.title);
    }
  });

  if (file !== 'malformed.html') {
    it('carries parseable props listing the same papers with full abstracts', () => {
      const data = props(doc);
      const list = (data.searchResults ?? data.dailyPapers) as PropsEntry[];
      expect(list.map((e) => e.paper.id)).toEqual(entry.ids);
      for (const e of list) {
        expect(e.paper.summary).toBe(papers.get(e.paper.id)!.abstract);
        expect(e.paper.authors.map((a) => a.name)).toEqual(entry.cards.find((c) => c.id === e.paper.id)!.authors);
      }
    });
  }
});

describe('trending.html', () => {
  const doc = parse('trending.html');

  it('holds a desktop and a mobile half per article, each with the title link', () => {
    for (const article of articles(doc)) {
      expect(article.querySelectorAll('h3 a[href^="/papers/"]')).toHaveLength(2);
      expect(article.querySelector(':scope > div.hidden.h-40.md\\:flex')).not.toBeNull();
      expect(article.querySelector(':scope > div.flex.flex-col.md\\:hidden')).not.toBeNull();
    }
  });

  it('shows the AI summary, "Published on" dates, upvotes and arXiv buttons, and some org bylines', () => {
    const entry = manifest['trending.html'];
    const found = articles(doc);
    found.forEach((article, i) => {
      const desktop = article.querySelector(':scope > div.hidden.h-40')!;
      expect(desktop.querySelector('div.mb-2 > p')!.textContent).toBe(entry.cards[i].aiSummary);
      expect(desktop.textContent).toMatch(/Published on [A-Z][a-z]{2} \d{1,2}, \d{4}/);
      expect(desktop.querySelector('div.font-semibold.text-orange-500')!.textContent).toBe(String(entry.cards[i].upvotes));
      expect(desktop.querySelector(`a.btn[href="https://arxiv.org/abs/${entry.ids[i]}"]`)).not.toBeNull();
    });
    expect(entry.cards.some((c) => c.organization)).toBe(true);
    expect(found.filter((a) => a.querySelector('a.rounded-full.bg-blue-50 span.truncate'))).toHaveLength(
      entry.cards.filter((c) => c.organization).length,
    );
    expect(props(doc).isTrending).toBe(true);
  });
});

describe('search-distributed.html', () => {
  const doc = parse('search-distributed.html');

  it('wraps the full abstract in a paper link, shows no thumbnails, and records the query', () => {
    for (const article of articles(doc)) {
      const id = cardId(article)!;
      expect(article.querySelector(`a[href="/papers/${id}"] > p`)!.textContent).toBe(papers.get(id)!.abstract);
    }
    expect(doc.querySelectorAll('img[src*="social-thumbnails"]')).toHaveLength(0);
    expect(props(doc).query).toEqual({ q: 'distributed training' });
    expect((doc.querySelector('input[name=daily-papers-search]') as HTMLInputElement).value).toBe('distributed training');
  });
});

describe('daily-2026-10-02.html', () => {
  const doc = parse('daily-2026-10-02.html');

  it('has the period tabs as buttons, a date bar with prev/next links, org chips and comment links', () => {
    expect([...doc.querySelectorAll('ul.flex.gap-1 button')].map((b) => b.textContent)).toEqual(['Daily', 'Weekly', 'Monthly']);
    const bar = doc.querySelector('div.ml-6.flex.items-center.overflow-hidden.rounded-lg.bg-gray-100')!;
    expect(bar.querySelector('div.w-24')!.textContent).toBe('Oct 2');
    expect([...bar.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['/papers/date/2026-10-01', '/papers/date/2026-10-03']);
    expect(props(doc)).toMatchObject({ periodType: 'day', dateString: '2026-10-02' });
    expect(articles(doc).filter((a) => a.querySelector('a.rounded-full.bg-blue-50')).length).toBeGreaterThan(1);
    expect(articles(doc).filter((a) => a.querySelector('a[href$="#community"]')).length).toBeGreaterThan(1);
    for (const article of articles(doc)) {
      expect(article.querySelectorAll('li[title]').length).toBeLessThanOrEqual(4);
    }
  });

  it('re-renders the grid as a keyed list when its stand-in client script handles a Weekly click', async () => {
    const entry = manifest['daily-2026-10-02.html'];
    const window = new Window({ url: entry.url, settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true } });
    window.document.write(html('daily-2026-10-02.html'));
    await window.happyDOM.waitUntilComplete();
    const live = (): Element[] => [...window.document.querySelectorAll('div[data-target="DailyPapers"] article')] as unknown as Element[];
    const before = new Map(live().map((a) => [cardId(a), a]));

    (window.document.querySelector('button[data-period="week"]') as unknown as HTMLElement).click();

    const after = entry.afterWeeklyClick!;
    expect(window.location.href).toBe(after.url);
    expect(live().map(cardId)).toEqual(after.ids);
    const shared = after.ids.filter((id) => before.has(id));
    expect(shared.length).toBeGreaterThan(0);
    for (const id of shared) expect(live().find((a) => cardId(a) === id)).toBe(before.get(id));
    await window.happyDOM.close();
  });
});

describe('malformed.html', () => {
  const doc = parse('malformed.html');

  it('has truncated props and broken cards among the good ones malformed.json names', () => {
    expect(() => props(doc)).toThrow(SyntaxError);
    const found = articles(doc);
    expect(found).toHaveLength(malformed.articles);
    expect(found.map(cardId).filter((id) => id !== null)).toEqual(malformed.goodIds);
    expect(malformed.goodCards).toBe(malformed.goodIds.length);
    expect(found.some((a) => !a.querySelector('h3 a'))).toBe(true);
    expect(found.some((a) => a.querySelector('h3 a[href="/papers/"]'))).toBe(true);
    expect(found.some((a) => a.querySelector('h3 a[href^="/papers/2"], h3 a[href^="/papers/1"]')?.textContent === '')).toBe(true);
  });
});

describe('sequence.json', () => {
  it('lists one page per capture, in capture order, at distinct URLs, with the capture cards and repeats', () => {
    expect(sequence.map((s) => s.capture)).toEqual(pages.map((p) => p.capture));
    expect(new Set(sequence.map((s) => s.url)).size).toBe(sequence.length);
    sequence.forEach((s, i) => {
      expect(s.file).toBe(`sequence-${i}.html`);
      expect(manifest[s.file].url).toBe(s.url);
      expect(manifest[s.file].ids).toEqual(pages[i].arxivIds);
      expect(s.layout).toBe(pages[i].layout);
    });
  });
});
