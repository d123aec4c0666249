// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PaperId } from '../../lib/ids';
import { CardRegistry } from '../../lib/page/card-registry';
import { addsCards, removesCards, watchCards } from '../../lib/page/card-watch';
import type { CardMatch } from '../../lib/sites/types';

function match(id: string): CardMatch {
  const root = document.createElement('article');
  return { elements: [root], mount: { parent: root, before: null }, paper: { id: id as PaperId, title: id, authors: [], url: 'https://x.org' } };
}

type Card = { match: CardMatch; recordId: PaperId };
const card = (m: CardMatch): Card => ({ match: m, recordId: m.paper.id });

describe('the card registry', () => {
  it('finds cards by element and by paper, repeats included', () => {
    const registry = new CardRegistry<Card>();
    const [a, b, a2] = [match('arxiv:1'), match('arxiv:2'), match('arxiv:1')].map(card);
    [a, b, a2].forEach((card) => registry.add(card));
    expect([...registry.ofId('arxiv:1' as PaperId)]).toEqual([a, a2]);
    expect(registry.get(b.match.elements[0])).toBe(b);
    registry.delete(a.match.elements[0]);
    expect([...registry.ofId('arxiv:1' as PaperId)]).toEqual([a2]);
    expect(registry.size).toBe(2);
  });

  it('indexes a title-only card under the record it shows', () => {
    const registry = new CardRegistry<Card>();
    const neurips = { match: match('title:swe-agent-agent-computer-interfaces'), recordId: 'arxiv:2405.15793' as PaperId };
    registry.add(neurips);
    expect([...registry.ofId('arxiv:2405.15793' as PaperId)]).toEqual([neurips]);
    expect(registry.ofId(neurips.match.paper.id).size).toBe(0);
    registry.delete(neurips.match.elements[0]);
    expect(registry.ofId('arxiv:2405.15793' as PaperId).size).toBe(0);
  });

  it('looks up 2,000 papers among 20,000 cards without walking the cards', () => {
    const registry = new CardRegistry<Card>();
    for (let n = 0; n < 20_000; n++) registry.add(card(match(`arxiv:${n}`)));
    const values = vi.spyOn(registry, 'values');
    let found = 0;
    for (let n = 0; n < 2_000; n++) found += registry.ofId(`arxiv:${n * 10}` as PaperId).size;
    expect(found).toBe(2_000);
    expect(values).not.toHaveBeenCalled();
  });
});

describe('the card watcher', () => {
  const options = { watchSelector: 'article', ownTagNames: ['shelfmark-controls'], isCard: () => false };
  const controllers: AbortController[] = [];
  afterEach(() => {
    controllers.splice(0).forEach((controller) => controller.abort());
    document.body.innerHTML = '';
  });

  it('tells card-like nodes from unrelated ones', () => {
    const grid = document.createElement('div');
    grid.innerHTML = '<article></article>';
    expect(addsCards(grid, options)).toBe(true);
    expect(addsCards(document.createElement('span'), options)).toBe(false);
    expect(addsCards(document.createElement('shelfmark-controls'), options)).toBe(false);
    expect(removesCards(document.createElement('shelfmark-controls'), options)).toBe(true);
    expect(removesCards(document.createElement('div'), options)).toBe(false);
  });

  it('rescans once for a burst that adds cards, never for unrelated churn', async () => {
    const onChange = vi.fn();
    const controller = new AbortController();
    controllers.push(controller);
    watchCards(document, { ...options, onChange, delayMs: 10 }, controller.signal);
    for (let n = 0; n < 20; n++) document.body.append(document.createElement('div'));
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(onChange).not.toHaveBeenCalled();
    for (let n = 0; n < 5; n++) document.body.append(document.createElement('article'));
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(onChange).toHaveBeenCalledOnce();
    controller.abort();
    document.body.append(document.createElement('article'));
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(onChange).toHaveBeenCalledOnce();
  });
});
