// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import type { ScrapedPaper } from '../../lib/paper';
import { arxivAdapter } from '../../lib/sites/arxiv';
import type { ScanResult } from '../../lib/sites/types';
import { pastweekEntries, pastweekUrl, renderPastweek } from '../../scripts/fixtures/render-arxiv';

const FIXTURES = join(__dirname, '../fixtures/arxiv');

interface ManifestEntry {
  file: string;
  url: string;
  count: number;
  failures: number;
  ids: string[];
}

interface SeedPaper {
  arxivId: string;
  title: string;
  abstract: string;
  authors: string[];
}

const manifest = JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8')) as ManifestEntry[];
const seeds = JSON.parse(readFileSync(join(__dirname, '../fixtures/seeds/papers.json'), 'utf8')) as SeedPaper[];

function seed(arxivId: string): SeedPaper {
  const found = seeds.find((paper) => paper.arxivId === arxivId);
  if (!found) throw new Error(`no seed ${arxivId}`);
  return found;
}

function pageFrom(html: string, url: string): Document {
  const window = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
  });
  window.document.write(html);
  return window.document as unknown as Document;
}

function load(file: string, url?: string): Document {
  const entry = manifest.find((m) => m.file === file);
  if (!entry) throw new Error(`${file} not in manifest`);
  return pageFrom(readFileSync(join(FIXTURES, file), 'utf8'), url ?? entry.url);
}

/** The adapter's scan read to its end, as the card layer would over several slices. */
function scanArxiv(doc: Document): ScanResult {
  const result: ScanResult = { cards: [], failures: [] };
  for (const entry of arxivAdapter.scan(doc)) {
    if (entry.card) result.cards.push(entry.card);
    else result.failures.push(entry.failure);
  }
  return result;
}

function paperOf(result: ScanResult, id: string): ScrapedPaper {
  const card = result.cards.find((c) => c.paper.id === id);
  if (!card) throw new Error(`no card ${id}`);
  return card.paper;
}

describe('every fixture', () => {
  it.each(manifest.map((m) => [m.file, m] as const))('%s: cards and failures as the manifest says', (_, entry) => {
    const doc = load(entry.file);
    const result = scanArxiv(doc);
    expect(result.cards.map((c) => c.paper.id)).toEqual(entry.ids);
    expect(result.failures).toHaveLength(entry.failures);
    expect(arxivAdapter.handles(new URL(entry.url))).toBe(true);
    for (const card of result.cards) {
      expect(card.paper.title).not.toMatch(/^Title:|\s{2}|^\s|\s$/);
      expect(card.paper.url).toBe(`https://arxiv.org/abs/${card.paper.id.slice('arxiv:'.length)}`);
    }
  });
});

describe('/new listing', () => {
  const result = scanArxiv(load('new-cs.LG.html'));
  const ids = manifest.find((m) => m.file === 'new-cs.LG.html')!.ids;

  it('reads a card as its dt/dd pair with the controls at the end of the dt', () => {
    for (const card of result.cards) {
      const [dt, dd] = card.elements;
      expect(dt.tagName).toBe('DT');
      expect(dd.tagName).toBe('DD');
      expect(dt.nextElementSibling).toBe(dd);
      expect(card.mount).toEqual({ parent: dt, before: null });
    }
  });

  it('reads title, authors, abstract (joined over <br>) and comments', () => {
    const paper = paperOf(result, 'arxiv:2512.14199');
    const source = seed('2512.14199');
    expect(paper.title).toBe(source.title);
    expect(paper.authors).toEqual(source.authors);
    expect(paper.authors).toContain('Jürgen Weiß');
    expect(paper.abstract).toBe(source.abstract);
    expect(paper.version).toBeUndefined();
    expect(paper.arxiv).toMatchObject({ comments: '14 pages, 6 figures', primaryCategory: 'cs.LG', listing: 'new' });
  });

  it('keeps TeX in titles and abstracts as the page shows it', () => {
    expect(paperOf(result, 'arxiv:2505.00398').title).toBe('A Survey of LLM $\\times$ DATA');
    expect(paperOf(result, 'arxiv:2109.00301').title).toBe('$\\infty$-former: Infinite Memory Transformer');
    expect(paperOf(result, 'arxiv:2109.00301').abstract).toContain("the $\\infty$-former's attention complexity");
    expect(paperOf(result, 'arxiv:2006.04862').title).toMatch(/^\$O\(n\)\$ Connections are Expressive Enough/);
  });

  it('reads every category, the primary first, and comments through their links', () => {
    expect(paperOf(result, 'arxiv:2505.00398').arxiv).toEqual({
      primaryCategory: 'cs.LG',
      categories: ['cs.LG', 'cs.AI', 'cs.CL'],
      comments: 'Survey; project page at https://github.com/example/llm-x-data',
      listing: 'new',
    });
  });

  it('gives no authors for "(author list is unavailable)"', () => {
    expect(paperOf(result, 'arxiv:2501.23354').authors).toEqual([]);
  });

  it('reads journal refs', () => {
    expect(paperOf(result, ids[4]).arxiv?.journalRef).toBe('Transactions on Machine Learning Research, 2025');
    expect(paperOf(result, 'arxiv:cs/9605103').arxiv?.journalRef).toBe(
      'Journal of Artificial Intelligence Research, Vol 4, (1996), 237-285',
    );
  });

  it('tells new submissions, cross-lists and replacements apart', () => {
    const kinds = result.cards.map((c) => c.paper.arxiv?.listing);
    expect(kinds).toEqual([...Array(7).fill('new'), ...Array(3).fill('cross-list'), ...Array(5).fill('replacement')]);
    expect(paperOf(result, 'arxiv:2512.24699').arxiv).toMatchObject({ primaryCategory: 'cs.CL', categories: ['cs.CL', 'cs.LG'] });
    expect(paperOf(result, 'arxiv:2505.05752').arxiv?.primaryCategory).toBe('cs.CV');
  });

  it('reads unicode authors, old-style ids and withdrawn replacements', () => {
    expect(paperOf(result, 'arxiv:1511.08228').authors).toEqual(['Łukasz Kaiser', 'Ilya Sutskever']);
    expect(paperOf(result, 'arxiv:2109.00301').authors).toContain('André F. T. Martins');
    expect(paperOf(result, 'arxiv:cs/9605103')).toMatchObject({
      title: 'Reinforcement Learning: A Survey',
      url: 'https://arxiv.org/abs/cs/9605103',
      arxiv: { primaryCategory: 'cs.AI', categories: ['cs.AI', 'cs.LG'], listing: 'replacement' },
    });
    expect(paperOf(result, 'arxiv:2501.13436').arxiv?.comments).toMatch(/^This paper has been withdrawn/);
  });

  it('has an abstract on every entry', () => {
    for (const card of result.cards) expect(card.paper.abstract?.length).toBeGreaterThan(50);
  });

  it('reports the entry without an abstract link and the dt without a dd as failures', () => {
    expect(result.failures.map((f) => [f.element.tagName, f.reason])).toEqual([
      ['DT', 'entry has no abstract link'],
      ['DT', 'listing entry has no dd'],
    ]);
  });

  it('reads the same papers again once controls sit in the dt', () => {
    const doc = load('new-cs.LG.html');
    for (const card of scanArxiv(doc).cards) {
      const controls = doc.createElement('shelfmark-controls');
      controls.textContent = '(replaced) Save Hide';
      card.mount.parent.insertBefore(controls, card.mount.before);
    }
    expect(scanArxiv(doc).cards.map((c) => c.paper)).toEqual(result.cards.map((c) => c.paper));
  });

  /** What MathJax 2 leaves of each `$…$` in a `.mathjax` element: preview, rendered output, assistive MathML, source. */
  function typeset(doc: Document): number {
    let count = 0;
    for (const element of doc.querySelectorAll('.mathjax')) {
      const walker = doc.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const texts: Text[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
      for (const text of texts) {
        const parts = (text.nodeValue ?? '').split(/\$([^$]+)\$/);
        if (parts.length === 1) continue;
        const replacement = doc.createDocumentFragment();
        parts.forEach((part, index) => {
          if (index % 2 === 0) {
            replacement.append(part);
            return;
          }
          count += 1;
          const preview = doc.createElement('span');
          preview.className = 'MathJax_Preview';
          const output = doc.createElement('span');
          output.className = 'MathJax';
          output.innerHTML = `<nobr aria-hidden="true"><span class="math">rendered ${count}</span></nobr><span class="MJX_Assistive_MathML"><math><mi>x</mi></math></span>`;
          const source = doc.createElement('script');
          source.setAttribute('type', 'math/tex');
          source.textContent = part;
          replacement.append(preview, output, source);
        });
        text.replaceWith(replacement);
      }
    }
    return count;
  }

  it('reads the same text after MathJax has typeset the page (later entries are read in idle time)', () => {
    const doc = load('new-cs.LG.html');
    expect(typeset(doc)).toBeGreaterThan(3);
    expect(scanArxiv(doc).cards.map((c) => c.paper)).toEqual(result.cards.map((c) => c.paper));
  });
});

describe('page styles', () => {
  it('leave nothing of a collapsed dt but its controls, at a readable size', () => {
    const doc = load('recent-cs.AI.html');
    const style = doc.createElement('style');
    style.textContent = arxivAdapter.pageStyles ?? '';
    doc.head.append(style);
    const card = scanArxiv(doc).cards.find((c) => c.paper.arxiv?.listing === 'cross-list')!;
    const [dt] = card.elements;
    const controls = doc.createElement('shelfmark-controls');
    dt.append(controls);
    const view = doc.defaultView!;
    expect(view.getComputedStyle(dt).fontSize).not.toBe('0px');
    for (const element of card.elements) element.setAttribute('data-shelfmark-collapsed', '');
    expect(view.getComputedStyle(dt).fontSize).toBe('0px');
    expect(view.getComputedStyle(controls).fontSize).not.toBe('0px');
  });
});

describe('/recent listing', () => {
  const result = scanArxiv(load('recent-cs.AI.html'));

  it('reads every day block and no abstracts', () => {
    expect(result.cards).toHaveLength(11);
    for (const card of result.cards) expect(card.paper.abstract).toBeUndefined();
  });

  it('marks cross-lists from the dt and reads their primary category', () => {
    expect(paperOf(result, 'arxiv:2505.00398').arxiv).toMatchObject({ listing: 'cross-list', primaryCategory: 'cs.LG' });
    expect(paperOf(result, 'arxiv:2512.24699').arxiv).toMatchObject({ listing: 'cross-list', primaryCategory: 'cs.CL' });
    expect(paperOf(result, 'arxiv:2512.04793').arxiv).toMatchObject({ listing: 'new', primaryCategory: 'cs.AI' });
    expect(result.cards.filter((c) => c.paper.arxiv?.listing === 'cross-list')).toHaveLength(4);
  });

  it('reads comments, journal refs and unavailable author lists', () => {
    expect(paperOf(result, 'arxiv:2512.14447').authors).toEqual([]);
    expect(paperOf(result, 'arxiv:2502.19853').arxiv?.comments).toBe('Accepted at AAAI 2026');
    expect(paperOf(result, 'arxiv:2508.11277').arxiv?.journalRef).toBe('Artificial Intelligence 341 (2026) 104301');
  });
});

describe('search results', () => {
  const result = scanArxiv(load('search-llm.html'));

  it('reads the full abstract without its toggle, and unicode authors', () => {
    const sparks = paperOf(result, 'arxiv:2303.12712');
    expect(sparks.title).toBe('Sparks of Artificial General Intelligence: Early experiments with GPT-4');
    expect(sparks.authors[0]).toBe('Sébastien Bubeck');
    expect(sparks.authors).toHaveLength(14);
    expect(sparks.abstract).toMatch(/^Artificial intelligence \(AI\) researchers .* of compute and data\.$/);
    expect(sparks.version).toBe(5);
    expect(sparks.arxiv).toEqual({
      primaryCategory: 'cs.CL',
      categories: ['cs.CL', 'cs.AI'],
      comments: '155 pages, 55 figures; an early look at GPT-4 as an LLM',
    });
  });

  it('reads titles and abstracts through search-hit highlights', () => {
    for (const card of result.cards.slice(1)) {
      const source = seed(card.paper.id.slice('arxiv:'.length));
      expect(card.paper.title).toBe(source.title);
      expect(card.paper.abstract).toBe(source.abstract);
      expect(card.paper.authors).toEqual(source.authors);
    }
  });

  it('reads versions, DOIs and journal refs', () => {
    const ids = result.cards.map((c) => c.paper.id);
    expect(result.cards.map((c) => c.paper.version)).toEqual([5, 1, 2, 1, 2, 1, 2, 1, 2]);
    expect(paperOf(result, ids[3]).doi).toBe('10.1145/3580305.3599002');
    expect(paperOf(result, ids[5]).arxiv?.journalRef).toBe('Proceedings of the 63rd Annual Meeting of the ACL, 2025');
    expect(paperOf(result, ids[1]).doi).toBeUndefined();
  });

  it('mounts the controls right under the title, inside the result', () => {
    for (const card of result.cards) {
      const [li] = card.elements;
      expect(li.matches('li.arxiv-result')).toBe(true);
      expect(card.mount.parent).toBe(li);
      expect(card.mount.before).toBe(li.querySelector('p.title')!.nextSibling);
    }
  });
});

describe('abstract page', () => {
  it('prefers the citation tags, turning "Last, First" into "First Last"', () => {
    const result = scanArxiv(load('abs-2505.00398.html'));
    const source = seed('2505.00398');
    expect(result.cards).toHaveLength(1);
    expect(result.cards[0].paper).toEqual({
      id: 'arxiv:2505.00398',
      version: 2,
      title: 'A Survey of LLM $\\times$ DATA',
      authors: source.authors,
      abstract: source.abstract,
      url: 'https://arxiv.org/abs/2505.00398',
      published: '2025-05-01',
      doi: undefined,
      arxiv: { primaryCategory: 'cs.LG', categories: ['cs.LG', 'cs.AI', 'cs.CL'], comments: '47 pages, 9 figures' },
    });
  });

  it('takes the version from a versioned address over the dateline', () => {
    const result = scanArxiv(load('abs-2505.00398.html', 'https://arxiv.org/abs/2505.00398v1'));
    expect(result.cards[0].paper.version).toBe(1);
  });

  it('mounts the controls right after the title', () => {
    const card = scanArxiv(load('abs-2505.00398.html')).cards[0];
    const title = card.elements[0].querySelector('h1.title')!;
    expect(card.elements[0].id).toBe('abs');
    expect(card.mount).toEqual({ parent: title.parentElement, before: title.nextSibling });
  });

  it('reads an old-style paper with journal ref, DOI and three versions', () => {
    const paper = scanArxiv(load('abs-hep-th_9711200.html')).cards[0].paper;
    expect(paper).toMatchObject({
      id: 'arxiv:hep-th/9711200',
      version: 3,
      authors: ['Juan M. Maldacena'],
      doi: '10.1023/a:1026654312961',
      published: '1997-11-27',
      arxiv: { primaryCategory: 'hep-th', categories: ['hep-th'], journalRef: 'Adv.Theor.Math.Phys.2:231-252,1998' },
    });
    expect(paper.abstract).toContain('${\\cal N} =4$ super-Yang-Mills');
  });

  it('falls back to the page body without citation tags', () => {
    const doc = load('abs-hep-th_9711200.html');
    for (const meta of doc.querySelectorAll('meta[name^="citation_"]')) meta.remove();
    const paper = scanArxiv(doc).cards[0].paper;
    expect(paper).toMatchObject({
      id: 'arxiv:hep-th/9711200',
      version: 3,
      title: 'The Large N Limit of Superconformal Field Theories and Supergravity',
      authors: ['Juan M. Maldacena'],
      doi: '10.1023/a:1026654312961',
    });
    expect(paper.abstract).toMatch(/^We show that the large \$N\$ limit/);
  });
});

describe('malformed markup', () => {
  const listing = (items: string): Document =>
    pageFrom(`<div id='dlpage'><dl id='articles'>${items}</dl></div>`, 'https://arxiv.org/list/cs.LG/recent');
  const good = (id: string): string =>
    `<dt><a href ="/abs/${id}" title="Abstract" id="${id}">arXiv:${id}</a></dt>` +
    `<dd><div class='meta'><div class='list-title mathjax'><span class='descriptor'>Title:</span> Paper ${id}</div>` +
    `<div class='list-authors'><a href="#">A B</a></div></div></dd>`;

  it('reports broken entries and keeps reading the rest', () => {
    const doc = listing(
      good('2501.00001') +
        `<dt><a href ="/abs/2501.00002" title="Abstract">arXiv:2501.00002</a></dt>` +
        good('2501.00003') +
        `<dd><div class='list-title'>Orphan</div></dd>` +
        `<dt><a href ="/abs/2501.00004" title="Abstract">arXiv:2501.00004</a></dt><dd><div class='meta'></div></dd>` +
        `<dt><a href ="/abs/not-an-id" title="Abstract">arXiv:?</a></dt><dd><div class='list-title'>X</div></dd>` +
        good('2501.00005'),
    );
    const result = scanArxiv(doc);
    expect(result.cards.map((c) => c.paper.id)).toEqual(['arxiv:2501.00001', 'arxiv:2501.00003', 'arxiv:2501.00005']);
    expect(result.failures.map((f) => f.reason)).toEqual([
      'listing entry has no dd',
      'listing entry has no dt',
      'entry 2501.00004 has no title',
      'abstract link /abs/not-an-id has no arXiv id',
    ]);
  });

  it('reports a search result without an id link', () => {
    const doc = pageFrom(
      `<ol><li class="arxiv-result"><p class="title is-5 mathjax">No id</p></li>` +
        `<li class="arxiv-result"><p class="list-title is-inline-block"><a href="https://arxiv.org/abs/2401.00001">arXiv:2401.00001</a></p>` +
        `<p class="title is-5 mathjax">Fine</p></li></ol>`,
      'https://arxiv.org/search/?query=x&searchtype=all',
    );
    const result = scanArxiv(doc);
    expect(result.cards.map((c) => c.paper.title)).toEqual(['Fine']);
    expect(result.failures.map((f) => f.reason)).toEqual(['entry has no abstract link']);
  });

  it('reads the pre-2024 listing layout and plain-text author lists', () => {
    const doc = listing(
      `<dt><span class="list-identifier"><a href="/abs/1501.00001" title="Abstract">arXiv:1501.00001</a> ` +
        `[<a href="/pdf/1501.00001" title="Download PDF">pdf</a>]</span></dt>` +
        `<dd><div class="meta"><div class="list-title mathjax"><span class="descriptor">Title:</span> Old layout</div>` +
        `<div class="list-authors"><span class="descriptor">Authors:</span> <a href="/find/cs/1/au:+Doe_J/0/1/0/all/0/1">Jane Doe</a>, ` +
        `<a href="/find/cs/1/au:+Roe_J/0/1/0/all/0/1">John Roe</a></div>` +
        `<div class='list-comments mathjax''><span class='descriptor'>Comments:</span> 9 pages</div>` +
        `<div class="list-subjects"><span class="descriptor">Subjects:</span> <span class="primary-subject">Machine Learning (cs.LG)</span>; ` +
        `Machine Learning (stat.ML); Optics (physics.optics)</div></div></dd>` +
        `<dt><a href ="/abs/1501.00002v2" title="Abstract">arXiv:1501.00002v2</a></dt>` +
        `<dd><div class='list-title'>Plain authors</div><div class='list-authors'>Jane Doe, John Roe and Ann Poe</div></dd>`,
    );
    const [old, plain] = scanArxiv(doc).cards.map((c) => c.paper);
    expect(old).toMatchObject({
      title: 'Old layout',
      authors: ['Jane Doe', 'John Roe'],
      arxiv: { comments: '9 pages', primaryCategory: 'cs.LG', categories: ['cs.LG', 'stat.ML', 'physics.optics'] },
    });
    expect(plain).toMatchObject({ id: 'arxiv:1501.00002', version: 2, authors: ['Jane Doe', 'John Roe', 'Ann Poe'] });
  });

  it('strips the abstract toggle even when it is not a link', () => {
    const doc = pageFrom(
      `<ol><li class="arxiv-result"><p class="list-title"><a href="https://arxiv.org/abs/2401.00001">arXiv:2401.00001</a></p>` +
        `<p class="title is-5 mathjax">T</p><p class="abstract mathjax"><span>Abstract</span>: ` +
        `<span class="abstract-short">Short &hellip; <button>&#9661; More</button></span>` +
        `<span class="abstract-full" id="2401.00001v3-abstract-full">Full text. <span>&#9651; Less</span></span></p></li></ol>`,
      'https://arxiv.org/search/?query=x&searchtype=all',
    );
    expect(scanArxiv(doc).cards[0].paper).toMatchObject({ abstract: 'Full text.', version: 3 });
  });

  it('finds nothing, and does not throw, on an empty or foreign page', () => {
    expect(scanArxiv(pageFrom('<p>No updates today.</p>', 'https://arxiv.org/list/cs.LG/new'))).toEqual({ cards: [], failures: [] });
  });
});

describe('generated pastweek pages', () => {
  // The committed 500 page is read back by the manifest test above; parsing it twice would only cost time.
  it('renders entries the adapter reads back in order, cross-lists included', () => {
    const n = 50;
    const result = scanArxiv(pageFrom(renderPastweek(n), pastweekUrl(n)));
    const entries = pastweekEntries(n);
    expect(result.failures).toEqual([]);
    expect(result.cards.map((c) => c.paper.id)).toEqual(entries.map((e) => `arxiv:${e.arxivId}`));
    expect(result.cards.map((c) => c.paper.arxiv?.listing)).toEqual(entries.map((e) => e.listing));
    expect(new Set(result.cards.map((c) => c.paper.id)).size).toBe(n);
  });

  it('matches the committed files', () => {
    for (const n of [50, 500]) {
      expect(readFileSync(join(FIXTURES, `generated/pastweek-cs.LG-${n}.html`), 'utf8')).toBe(renderPastweek(n));
    }
  });
});

describe('pageLabel', () => {
  const doc = pageFrom('<p></p>', 'https://arxiv.org/');
  it.each([
    ['https://arxiv.org/list/cs.LG/new', 'arXiv cs.LG new'],
    ['https://arxiv.org/list/cs.AI/recent', 'arXiv cs.AI recent'],
    ['https://arxiv.org/list/cs.AI/recent?skip=50&show=50', 'arXiv cs.AI recent'],
    ['https://arxiv.org/list/cs.LG/pastweek?show=2000', 'arXiv cs.LG past week'],
    ['https://arxiv.org/list/cs.LG/2025-01', 'arXiv cs.LG 2025-01'],
    ['https://arxiv.org/list/hep-th/9711', 'arXiv hep-th 1997-11'],
    ['https://arxiv.org/list/cond-mat.mes-hall/2501?skip=0&show=250', 'arXiv cond-mat.mes-hall 2025-01'],
    ['https://arxiv.org/search/?query=llm&searchtype=all', 'arXiv search “llm”'],
    ['https://arxiv.org/search/?query=large+language++models&searchtype=all', 'arXiv search “large language models”'],
    ['https://arxiv.org/search/advanced?advanced=&terms-0-term=diffusion&terms-0-field=title', 'arXiv search “diffusion”'],
    ['https://arxiv.org/abs/2501.01234', 'arXiv 2501.01234'],
    ['https://arxiv.org/abs/2501.01234v3', 'arXiv 2501.01234'],
    ['https://arxiv.org/abs/hep-th/9711200v2', 'arXiv hep-th/9711200'],
  ])('%s → %s', (url, label) => {
    expect(arxivAdapter.pageLabel(new URL(url), doc)).toBe(label);
  });
});

describe('handles', () => {
  it.each([
    'https://arxiv.org/list/cs.LG/new',
    'https://arxiv.org/list/cs.LG/new/',
    'https://arxiv.org/list/cs.AI/recent?skip=0&show=2000',
    'https://arxiv.org/list/cs.LG/pastweek?show=500',
    'https://arxiv.org/list/math/2025-01',
    'https://arxiv.org/list/astro-ph.CO/2501',
    'https://arxiv.org/search/?query=llm&searchtype=all',
    'https://arxiv.org/search/cs?query=Hinton&searchtype=author',
    'https://arxiv.org/search/advanced?advanced=&terms-0-term=llm',
    'https://arxiv.org/abs/2501.01234',
    'https://arxiv.org/abs/2501.01234v2',
    'https://arxiv.org/abs/cs/9605103',
    'https://export.arxiv.org/list/cs.LG/new',
    'https://arxiv.org/catchup/cs.LG/2026-06-03',
    'https://arxiv.org/catchup/grp_physics/2026-06-03?abs=True&page=2',
  ])('handles %s', (url) => {
    expect(arxivAdapter.handles(new URL(url))).toBe(true);
  });

  it.each([
    'https://arxiv.org/',
    'https://arxiv.org/help/api',
    'https://arxiv.org/list/cs.LG',
    'https://arxiv.org/list/cs.LG/latest',
    'https://arxiv.org/search/',
    'https://arxiv.org/pdf/2501.01234',
    'https://arxiv.org/html/2501.01234v1',
    'https://arxiv.org/abs/not-a-paper',
    'https://export.arxiv.org/abs/2501.01234',
    'https://arxiv.org/catchup',
    'https://arxiv.org/catchup/cs.LG/2026-6-3',
    'https://huggingface.co/papers/2501.01234',
  ])('leaves %s alone', (url) => {
    expect(arxivAdapter.handles(new URL(url))).toBe(false);
  });
});
