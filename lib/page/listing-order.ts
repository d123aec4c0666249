import type { CardMatch } from '../sites/types';

/** A card as the reorder sees it: where it is, and how it ranks (null: not "for you", keeps its place among those). */
export interface RankedCard {
  match: CardMatch;
  rank: number | null;
}

/** Text of the comment left at each card's original place while a listing is sorted. */
export const SLOT_MARKER = 'shelfmark-slot';

/** A card's original place: a comment node the reorder never moves, and the card that stood after it. */
interface Slot {
  marker: Comment;
  root: Element;
  /** The card's last element (arXiv: the dd of a dt + dd pair); everything from root to it moves as one. */
  last: Element;
}

/** Cards of one section: one parent element, one adapter section key. */
interface Section {
  slots: Slot[];
  markers: Set<Node>;
}

/**
 * "Sort by relevance" on the page: cards of each listing section are reordered among the places cards of that section
 * occupied, "for you" cards first by score, the others after them in their original order. Every card's original
 * place is a comment marker left before it; the markers never move, so the site's own nodes between cards (headings,
 * unreadable entries, ads) stay between the same places, and "Original order" puts each card back after its own
 * marker. Cards that arrive while sorted get a marker where the site put them. A section whose cards are not runs of
 * sibling elements holding their strip is left as it is.
 */
export class ListingOrder {
  private sections = new Map<Element, Map<string, Section>>();
  private readonly homes = new Map<Element, Section>();
  /** Nodes moved, inserted or removed by the last sort or restore: their mutations are ours, not the site's. */
  readonly moved = new Set<Node>();
  sorted = false;

  constructor(private readonly doc: Document) {}

  /** Sorts every section (again, if sorted already: cards that arrived or were ranked since are placed too). */
  sort(cards: Iterable<RankedCard>): void {
    this.sorted = true;
    this.moved.clear();
    for (const [parent, byKey] of groups(cards)) {
      for (const [key, group] of byKey) {
        if (!group.every((card) => movable(card.match))) continue;
        this.sortSection(this.section(parent, key), group);
      }
    }
  }

  /** Puts every card back after its own marker and takes the markers out. */
  restore(): void {
    this.moved.clear();
    for (const byKey of this.sections.values()) {
      for (const section of byKey.values()) {
        for (const slot of section.slots) {
          if (slot.marker.isConnected && slot.root.isConnected && this.homes.get(slot.root) === section) this.place(slot, slot.marker);
        }
      }
    }
    this.forget();
  }

  /** Drops every marker without moving a card (the page re-rendered or navigated: its order is the site's again). */
  forget(): void {
    for (const byKey of this.sections.values()) {
      for (const section of byKey.values()) {
        for (const slot of section.slots) {
          if (slot.marker.isConnected) this.moved.add(slot.marker);
          slot.marker.remove();
        }
      }
    }
    this.sections = new Map();
    this.homes.clear();
    this.sorted = false;
  }

  /**
   * The cards in the order the page had them (page order with each sorted section's cards in their original places):
   * what "repeats a paper shown higher on the page" means, whatever the current order.
   */
  originalOrder<M extends CardMatch>(matches: readonly M[]): M[] {
    if (!this.sorted) return [...matches];
    const byRoot = new Map(matches.map((match) => [match.elements[0], match]));
    const done = new Set<Section>();
    const out: M[] = [];
    for (const match of matches) {
      const section = this.homes.get(match.elements[0]);
      if (!section) out.push(match);
      else if (!done.has(section)) {
        done.add(section);
        for (const slot of section.slots) {
          const home = byRoot.get(slot.root);
          if (home && this.homes.get(slot.root) === section) out.push(home);
        }
      }
    }
    return out;
  }

  private section(parent: Element, key: string): Section {
    let byKey = this.sections.get(parent);
    if (!byKey) this.sections.set(parent, (byKey = new Map()));
    let section = byKey.get(key);
    if (!section) byKey.set(key, (section = { slots: [], markers: new Set() }));
    return section;
  }

  private sortSection(section: Section, group: readonly RankedCard[]): void {
    const roots = new Set(group.map((card) => card.match.elements[0]));
    // Places whose card left (or whose marker the site took out) are dropped; their cards, if still here, get new ones.
    section.slots = section.slots.filter((slot) => {
      const keep = slot.marker.isConnected && roots.has(slot.root) && this.homes.get(slot.root) === section;
      if (!keep) {
        section.markers.delete(slot.marker);
        if (slot.marker.isConnected) this.moved.add(slot.marker);
        slot.marker.remove();
        if (this.homes.get(slot.root) === section) this.homes.delete(slot.root);
      }
      return keep;
    });
    const slotByRoot = new Map(section.slots.map((slot) => [slot.root, slot]));
    for (const card of group) {
      const root = card.match.elements[0];
      const last = card.match.elements[card.match.elements.length - 1];
      const home = slotByRoot.get(root);
      if (home) {
        home.last = last;
        continue;
      }
      const marker = this.doc.createComment(SLOT_MARKER);
      root.before(marker);
      this.moved.add(marker);
      section.slots.splice(this.slotIndexAfter(marker, section), 0, { marker, root, last });
      section.markers.add(marker);
      this.homes.set(root, section);
    }
    const slotOf = new Map(section.slots.map((slot, i) => [slot.root, i]));
    const rankOf = new Map(group.map((card) => [card.match.elements[0], card.rank]));
    const wanted = [...section.slots].sort((a, b) => {
      const ra = rankOf.get(a.root) ?? null;
      const rb = rankOf.get(b.root) ?? null;
      if (ra !== null && rb !== null && ra !== rb) return rb - ra;
      if ((ra === null) !== (rb === null)) return ra === null ? 1 : -1;
      return slotOf.get(a.root)! - slotOf.get(b.root)!;
    });
    wanted.forEach((card, i) => this.place(card, section.slots[i].marker));
  }

  /** Where a new marker goes among the section's places: before the first of them that follows it on the page. */
  private slotIndexAfter(marker: Comment, section: Section): number {
    for (let node = marker.nextSibling; node; node = node.nextSibling) {
      if (section.markers.has(node)) return section.slots.findIndex((slot) => slot.marker === node);
    }
    return section.slots.length;
  }

  /**
   * Moves a card's run of nodes (first element to last, whatever lies between) right after a marker. When the site
   * replaced the card's last element, the run has no end: only the first element moves, never the siblings after it.
   */
  private place({ root, last }: Slot, marker: Comment): void {
    if (marker.nextSibling === root) return;
    const run: Node[] = [];
    let ended = false;
    for (let node: Node | null = root; node; node = node.nextSibling) {
      run.push(node);
      if (node === last) {
        ended = true;
        break;
      }
    }
    const moving = ended ? run : [root];
    for (const node of moving) this.moved.add(node);
    marker.after(...moving);
  }
}

/** Cards grouped by parent element, then by the adapter's section key (unset: the parent is the section). */
function groups(cards: Iterable<RankedCard>): Map<Element, Map<string, RankedCard[]>> {
  const out = new Map<Element, Map<string, RankedCard[]>>();
  for (const card of cards) {
    const root = card.match.elements[0];
    const parent = root.parentElement;
    if (card.match.standalone || !parent || !root.isConnected) continue;
    let byKey = out.get(parent);
    if (!byKey) out.set(parent, (byKey = new Map()));
    const key = card.match.section ?? '';
    let group = byKey.get(key);
    if (!group) byKey.set(key, (group = []));
    group.push(card);
  }
  return out;
}

/** A card can move as one run: its elements are siblings in order and its strip is inside one of them. */
function movable(match: CardMatch): boolean {
  const [root, ...rest] = match.elements;
  let previous = root;
  for (const element of rest) {
    if (element.parentElement !== root.parentElement) return false;
    if (!(previous.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING)) return false;
    previous = element;
  }
  return match.elements.some((element) => element.contains(match.mount.parent));
}
