import type { ScrapedPaper, SiteKey } from '../paper';

/** One paper card as a site adapter found it. */
export interface CardMatch {
  /**
   * The elements that make up the card, root first. The root carries the data attributes and the controls; on arXiv
   * a card is a `dt` + `dd` pair and both carry the attributes.
   */
  elements: Element[];
  /** Where the control strip goes. */
  mount: { parent: Element; before: Node | null };
  paper: ScrapedPaper;
  /** The page is about this one paper (an abstract page): mark it, but never fold it away. */
  standalone?: boolean;
  /**
   * The listing section the card belongs to among its siblings (arXiv: new / cross-lists / replacements under one
   * heading each): "Sort by relevance" never moves a card out of it. Unset: the card's parent element is its section.
   */
  section?: string;
}

export interface CardFailure {
  element: Element;
  reason: string;
}

/** One card as the adapter read it, or why it could not. */
export type ScanEntry = { card: CardMatch; failure?: undefined } | { failure: CardFailure; card?: undefined };

export interface ScanResult {
  cards: CardMatch[];
  /** Cards that looked like paper cards but could not be read; logged and left as the page drew them. */
  failures: CardFailure[];
}

/** A scan read all at once, as entries (sites whose pages are short enough to read in one go). */
export function entriesOf({ cards, failures }: ScanResult): ScanEntry[] {
  return [...cards.map((card) => ({ card })), ...failures.map((failure) => ({ failure }))];
}

/**
 * A site adapter reads one site's markup. It never changes the page: the shared card layer does that.
 * Selectors live in the adapter's own file as lists of alternatives, old and new markup.
 */
export interface SiteAdapter {
  key: SiteKey;
  /** Whether this adapter understands the page at this URL. */
  handles(url: URL): boolean;
  /** A short label for a page view, stored with each sighting ("HF daily 2026-10-02"). */
  pageLabel(url: URL, doc: Document): string;
  /**
   * Every card in the document, in page order, read one at a time as the card layer pulls them: a 2,000-entry listing
   * is read over several idle moments, not in one long task. Must not throw for malformed cards.
   */
  scan(doc: Document): Iterable<ScanEntry>;
  /**
   * How many cards from the top the card layer reads and annotates before anything else (the cards that can be on
   * screen at load); the rest follow in idle time. Every card when unset. `cardSelector` should hold back at least
   * these; whatever it holds back is released once they are annotated.
   */
  firstScreenCards?: number;
  /** A CSS selector matching the first screen's card roots, held back from painting until they are annotated. */
  cardSelector?: string;
  /**
   * Matches every card-like element (not just the first screen's): a page change that adds or removes none of these
   * never causes a rescan. Any added element does when unset.
   */
  watchSelector?: string;
  /** Site-specific CSS added to the page, e.g. how a collapsed card looks. */
  pageStyles?: string;
}
