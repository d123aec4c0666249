import type { PaperId } from '../ids';
import type { CardMatch } from '../sites/types';

/**
 * The cards a layer annotated, indexed by root element and by paper id: applying N changes touches only the cards
 * of those N papers (a 20,000-card page would otherwise be walked once per change).
 */
export class CardRegistry<C extends { match: CardMatch }> {
  private readonly byRoot = new Map<Element, C>();
  private readonly byId = new Map<PaperId, Set<C>>();

  get size(): number {
    return this.byRoot.size;
  }

  get(root: Element): C | undefined {
    return this.byRoot.get(root);
  }

  has(root: Element): boolean {
    return this.byRoot.has(root);
  }

  add(card: C): void {
    const root = card.match.elements[0];
    this.delete(root);
    this.byRoot.set(root, card);
    const id = card.match.paper.id;
    let cards = this.byId.get(id);
    if (!cards) this.byId.set(id, (cards = new Set()));
    cards.add(card);
  }

  delete(root: Element): C | undefined {
    const card = this.byRoot.get(root);
    if (!card) return undefined;
    this.byRoot.delete(root);
    const cards = this.byId.get(card.match.paper.id);
    cards?.delete(card);
    if (cards?.size === 0) this.byId.delete(card.match.paper.id);
    return card;
  }

  /** The cards showing this paper (a page may repeat one). */
  ofId(id: PaperId): ReadonlySet<C> {
    return this.byId.get(id) ?? EMPTY;
  }

  values(): IterableIterator<C> {
    return this.byRoot.values();
  }

  roots(): Element[] {
    return [...this.byRoot.keys()];
  }
}

const EMPTY: ReadonlySet<never> = new Set();
