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
}

export interface CardFailure {
  element: Element;
  reason: string;
}

export interface ScanResult {
  cards: CardMatch[];
  /** Cards that looked like paper cards but could not be read; logged and left as the page drew them. */
  failures: CardFailure[];
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
  /** Every readable card in the document, in page order. Must not throw for malformed cards. */
  scan(doc: Document): ScanResult;
  /** A CSS selector matching card roots, used to hold cards back from painting until the first scan is done. */
  cardSelector?: string;
  /** Site-specific CSS added to the page, e.g. how a collapsed card looks. */
  pageStyles?: string;
}
