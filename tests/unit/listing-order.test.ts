// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ListingOrder, type RankedCard } from '../../lib/page/listing-order';
import { arxivAdapter } from '../../lib/sites/arxiv';
import type { CardMatch } from '../../lib/sites/types';

const scanned = (): CardMatch[] => [...arxivAdapter.scan(document)].flatMap((entry) => (entry.card ? [entry.card] : []));
const ids = (selector: string) => [...document.querySelectorAll(selector)].map((element) => element.getAttribute('data-id') ?? element.id);
const ranked = (matches: CardMatch[], ranks: Record<string, number>): RankedCard[] =>
  matches.map((match) => ({ match, rank: ranks[match.paper.id] ?? null }));

/** One dl holding every section, as older arXiv listings did; `extra` lies between two cards (an ad, a broken entry). */
function oldListing(extra = '<div class="ad">ad</div>') {
  const entry = (id: string) =>
    `<dt><a href="/abs/${id}" title="Abstract">arXiv:${id}</a><span class="strip"></span></dt>\n<dd><div class="list-title"><span class="descriptor">Title:</span> Paper ${id}</div></dd>\n`;
  document.body.innerHTML = `<div id="dlpage"><dl id="articles">
<h3>New submissions</h3>
${entry('2501.00001')}${entry('2501.00002')}${extra}${entry('2501.00003')}${entry('2501.00004')}
<h3>Cross-lists</h3>
${entry('2501.00005')}${entry('2501.00006')}
<h3>Replacements</h3>
${entry('2501.00007')}${entry('2501.00008')}
</dl></div>`;
  history.replaceState(null, '', '/list/cs.LG/pastweek');
}

const order = () => [...document.querySelectorAll('dl > dt > a[title="Abstract"], dl > h3, dl > div.ad')].map((node) => node.textContent!.replace('arXiv:2501.0000', ''));

describe('sort by relevance', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('sorts within each section, for-you cards first by score, and keeps the site nodes between the same places', () => {
    oldListing();
    const before = document.body.innerHTML;
    const cards = scanned();
    expect(new Set(cards.map((card) => card.section)).size).toBe(3);
    const listing = new ListingOrder(document);
    listing.sort(ranked(cards, { 'arxiv:2501.00004': 0.9, 'arxiv:2501.00003': 0.5, 'arxiv:2501.00006': 0.1 }));
    expect(order()).toEqual(['New submissions', '4', '3', 'ad', '1', '2', 'Cross-lists', '6', '5', 'Replacements', '7', '8']);
    // Every dd still follows its dt.
    for (const dt of document.querySelectorAll('dt')) expect(dt.nextElementSibling?.tagName).toBe('DD');
    listing.restore();
    expect(document.body.innerHTML).toBe(before);
    expect(listing.sorted).toBe(false);
  });

  it('places cards that arrive while sorted, and puts them back where they arrived', () => {
    oldListing();
    const listing = new ListingOrder(document);
    listing.sort(ranked(scanned(), { 'arxiv:2501.00002': 0.4 }));
    expect(order().slice(0, 4)).toEqual(['New submissions', '2', '1', 'ad']);
    // The site appends an entry to the first section (before the cross-lists heading).
    const heading = document.querySelectorAll('h3')[1];
    const template = document.createElement('template');
    template.innerHTML = `<dt><a href="/abs/2501.00009" title="Abstract">arXiv:2501.00009</a></dt><dd><div class="list-title">Title: Paper 9</div></dd>`;
    heading.before(template.content);
    listing.sort(ranked(scanned(), { 'arxiv:2501.00002': 0.4, 'arxiv:2501.00009': 0.8 }));
    expect(order().slice(0, 7)).toEqual(['New submissions', '9', '2', 'ad', '1', '3', '4']);
    listing.restore();
    expect(order()).toEqual(['New submissions', '1', '2', 'ad', '3', '4', '9', 'Cross-lists', '5', '6', 'Replacements', '7', '8']);
    expect(document.body.innerHTML).not.toContain('shelfmark-slot');
  });

  it('keeps the cards in their original order for repeat detection while sorted', () => {
    oldListing();
    const listing = new ListingOrder(document);
    listing.sort(ranked(scanned(), { 'arxiv:2501.00008': 1, 'arxiv:2501.00003': 1 }));
    expect(listing.originalOrder(scanned()).map((card) => card.paper.id.slice(-1))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  });

  it('sorts the sections of a real new-submissions page apart and restores it byte for byte', () => {
    document.body.innerHTML = readFileSync(join(__dirname, '../fixtures/arxiv/new-cs.LG.html'), 'utf8').replace(/^[\s\S]*<body[^>]*>|<\/body>[\s\S]*$/g, '');
    history.replaceState(null, '', '/list/cs.LG/new');
    const before = document.body.innerHTML;
    const cards = scanned();
    const sectionOf = (element: Element) => element.closest('dl');
    const homes = new Map(cards.map((card) => [card.paper.id, sectionOf(card.elements[0])]));
    // The last card of every section ranks first.
    const ranks = Object.fromEntries(cards.map((card, i) => [card.paper.id, i]));
    const listing = new ListingOrder(document);
    listing.sort(ranked(cards, ranks));
    const after = scanned();
    for (const card of after) expect(sectionOf(card.elements[0])).toBe(homes.get(card.paper.id));
    for (const dl of document.querySelectorAll('dl')) {
      const inDl = after.filter((card) => sectionOf(card.elements[0]) === dl).map((card) => ranks[card.paper.id]);
      expect(inDl).toEqual([...inDl].sort((a, b) => b - a));
      expect(dl.firstElementChild?.tagName).toBe('H3');
    }
    listing.restore();
    expect(document.body.innerHTML).toBe(before);
  });

  it('restores without carrying other cards along when the site replaced a card’s last element', () => {
    oldListing();
    const listing = new ListingOrder(document);
    listing.sort(ranked(scanned(), { 'arxiv:2501.00004': 0.9 }));
    expect(order().slice(0, 3)).toEqual(['New submissions', '4', '1']);
    // The site re-renders paper 1's dd (its last element) while the listing is sorted.
    const dd1 = [...document.querySelectorAll('dd')].find((dd) => dd.textContent!.includes('Paper 2501.00001'))!;
    const fresh = dd1.cloneNode(true);
    dd1.replaceWith(fresh);
    listing.restore();
    expect(order()).toEqual(['New submissions', '1', '2', 'ad', '3', '4', 'Cross-lists', '5', '6', 'Replacements', '7', '8']);
  });

  it('leaves a section alone when a card is not one run of siblings holding its strip', () => {
    document.body.innerHTML = '<ul><li id="a">a</li><li id="b">b</li></ul><p id="strip-a"></p>';
    const li = [...document.querySelectorAll('li')];
    const paper = (id: string) => ({ id: `arxiv:2501.0000${id}`, title: id, authors: [], url: 'https://arxiv.org/' }) as never;
    const cards: RankedCard[] = [
      { match: { elements: [li[0]], mount: { parent: document.getElementById('strip-a')!, before: null }, paper: paper('1') }, rank: null },
      { match: { elements: [li[1]], mount: { parent: li[1], before: null }, paper: paper('2') }, rank: 1 },
    ];
    new ListingOrder(document).sort(cards);
    expect(ids('li')).toEqual(['a', 'b']);
  });

  it('any ranks, sorted and re-sorted, then restored: the page is exactly as it was', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), { minLength: 8, maxLength: 8 }), fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), { minLength: 8, maxLength: 8 }), (first, second) => {
        oldListing('<dt>broken entry</dt>');
        const before = document.body.innerHTML;
        const listing = new ListingOrder(document);
        const toRanks = (values: Array<number | null>) => Object.fromEntries(values.flatMap((value, i) => (value === null ? [] : [[`arxiv:2501.0000${i + 1}`, value]])));
        listing.sort(ranked(scanned(), toRanks(first)));
        listing.sort(ranked(scanned(), toRanks(second)));
        const headings = order().filter((text) => !/^\d$/.test(text));
        expect(headings).toEqual(['New submissions', 'Cross-lists', 'Replacements']);
        listing.restore();
        expect(document.body.innerHTML).toBe(before);
      }),
      { numRuns: 60 },
    );
  });
});
