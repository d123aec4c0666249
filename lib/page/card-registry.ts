import type { PaperId } from '../ids';
import type { CardMatch } from '../sites/types';

/**
 * The cards a layer annotated, indexed by root element and by the id of the record they show (a title-only card
 * shows the arXiv/DOI record of its work, lib/title-identity.ts): applying N changes touches only the cards
 * of those N papers (a 20,000-card page would otherwise be walked once per change).
 */
export class CardRegistry<C extends { match: CardMatch; recordId: PaperId }> {
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
    const id = card.recordId;
    let cards = this.byId.get(id);
    if (!cards) this.byId.set(id, (cards = new Set()));
    cards.add(card);
  }

  delete(root: Element): C | undefined {
    const card = this.byRoot.get(root);
    if (!card) return undefined;
    this.byRoot.delete(root);
    const cards = this.byId.get(card.recordId);
    cards?.delete(card);
    if (cards?.size === 0) this.byId.delete(card.recordId);
    return card;
  }

  /** The cards showing this record (a page may repeat one). */
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
