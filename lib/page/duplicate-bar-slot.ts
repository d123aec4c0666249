import type { DuplicateKinds, DuplicateMode } from '../settings';
import type { CardMatch } from '../sites/types';
import type { BarActions, BarHandle, BarView, MountBar } from './card-view';
import { countByKind, summarize, type DuplicateKind } from './duplicate-filter';

export interface ListedCard {
  match: CardMatch;
  kind: DuplicateKind | null;
  /** Marked "for you" (lib/relevance); counted while the paper is neither saved nor hidden. */
  forYou?: unknown;
  state: { savedAt: number | null; dismissedAt: number | null };
}

export interface BarFilter {
  mode: DuplicateMode;
  kinds: DuplicateKinds;
  revealAll: boolean;
  /** The listing is sorted by relevance (lib/page/listing-order.ts). */
  sorted?: boolean;
}

/**
 * The duplicate bar above a list: mounted before the container of the list's first card, drawn once per batch of
 * changes, mounted again when the page re-rendered the list around it, removed when the page lists nothing.
 */
export class DuplicateBarSlot {
  private bar: BarHandle | null = null;

  constructor(
    private readonly doc: Document,
    private readonly mountBar: MountBar,
    private readonly actions: BarActions,
  ) {}

  render(cards: Iterable<ListedCard>, filter: BarFilter, position: (match: CardMatch) => number): void {
    let first: ListedCard | null = null;
    let firstAt = Number.POSITIVE_INFINITY;
    const kinds: Array<DuplicateKind | null> = [];
    let forYou = 0;
    for (const card of cards) {
      // A page about one paper (an abstract page) has no list to summarise.
      if (card.match.standalone) continue;
      kinds.push(card.kind);
      if (card.forYou && card.state.savedAt === null && card.state.dismissedAt === null) forYou += 1;
      const at = position(card.match);
      if (at < firstAt) [first, firstAt] = [card, at];
    }
    if (!first) return this.destroy();
    const view: BarView = {
      summary: summarize(countByKind(kinds)),
      mode: filter.mode,
      kinds: filter.kinds,
      revealAll: filter.revealAll,
      affected: kinds.filter((kind) => kind !== null).length,
      forYou,
      sorted: filter.sorted ?? false,
    };
    if (this.bar && !this.bar.isConnected()) this.destroy();
    if (this.bar) return this.bar.update(view);
    const list = first.match.elements[0].parentElement;
    const where = list?.parentElement ? { parent: list.parentElement, before: list } : { parent: this.doc.body, before: this.doc.body.firstChild };
    this.bar = this.mountBar(where, this.actions, view);
  }

  destroy(): void {
    this.bar?.destroy();
    this.bar = null;
  }
}
