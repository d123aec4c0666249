import { clampPaper } from '../messaging/clamp';
import type { CardMatch, ScanEntry } from '../sites/types';

/**
 * Pulls cards from an adapter's scan, remembering each card's place on the page. A page view records at most `cap`
 * papers (the background refuses more; proceedings sites have a larger cap): a longer page keeps its first ones and
 * says so once. An unreadable card is logged once and left as the site drew it.
 */
export class CardReader {
  private readonly order = new WeakMap<Element, number>();
  private readonly reported = new WeakSet<Element>();
  private capLogged = false;

  constructor(
    private readonly site: string,
    private readonly cap: number,
  ) {}

  /** Reads into `matches` until the scan ends (true) or `enough()` says stop (false). */
  read(entries: Iterator<ScanEntry>, matches: CardMatch[], enough: () => boolean): boolean {
    do {
      if (matches.length >= this.cap) {
        if (!this.capLogged && !entries.next().done) {
          this.capLogged = true;
          console.warn(`Shelfmark (${this.site}): this page lists more than ${this.cap} papers; only the first ${this.cap} are annotated and recorded`);
        }
        return true;
      }
      const next = entries.next();
      if (next.done) return true;
      const { card, failure } = next.value;
      if (card) {
        this.order.set(card.elements[0], matches.length);
        matches.push({ ...card, paper: clampPaper(card.paper) });
      } else if (!this.reported.has(failure.element)) {
        this.reported.add(failure.element);
        console.warn(`Shelfmark (${this.site}): skipped a card: ${failure.reason}`);
      }
    } while (!enough());
    return false;
  }

  /** The card's 0-based place in the page's reading order when it was last read; unread cards go last. */
  position(match: CardMatch): number {
    return this.order.get(match.elements[0]) ?? Number.MAX_SAFE_INTEGER;
  }
}

/**
 * For each card repeating a paper shown higher on the page, the 1-based position of the first one. `inPageOrder` is
 * the page's own order: sorting a listing does not change which copy of a paper is the repeat.
 */
export function repeatPositions(inPageOrder: readonly CardMatch[]): Map<Element, number> {
  const first = new Map<string, number>();
  const repeats = new Map<Element, number>();
  inPageOrder.forEach((match, index) => {
    const earlier = first.get(match.paper.id);
    if (earlier === undefined) first.set(match.paper.id, index + 1);
    else repeats.set(match.elements[0], earlier);
  });
  return repeats;
}
