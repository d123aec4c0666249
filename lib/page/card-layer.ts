import type { PaperId } from '../ids';
import type { PageView, PaperChange, PaperState, ScrapedPaper } from '../paper';
import type { CardMatch, SiteAdapter } from '../sites/types';
import type { CardActions, MountStrip, StripHandle } from './card-view';
import { cardView, stateTokens, type CardFacts } from './presentation';

export const ID_ATTRIBUTE = 'data-shelfmark-id';
export const STATE_ATTRIBUTE = 'data-shelfmark-state';
export const COLLAPSED_ATTRIBUTE = 'data-shelfmark-collapsed';

export interface CardLayerOptions {
  adapter: SiteAdapter;
  doc: Document;
  signal: AbortSignal;
  /** One batched call per scan. */
  sync(view: PageView, papers: ScrapedPaper[]): Promise<PaperState[]>;
  change(id: PaperId, change: PaperChange, paper: ScrapedPaper): Promise<PaperState>;
  tagSuggestions(): Promise<string[]>;
  mount: MountStrip;
  now(): number;
  newViewId(): string;
  /** Elements we add to the page; mutations that only touch these are ours and never trigger a rescan. */
  ownTagName: string;
}

interface Card extends CardFacts {
  match: CardMatch;
  strip: StripHandle;
}

export interface CardLayer {
  /** Rescans now; resolves when every card found has its strip. */
  scan(): Promise<void>;
  /** Applies changes made elsewhere (another tab, the popup) to the cards of this page. */
  applyChanges(states: ReadonlyArray<Omit<PaperState, 'earlierSighting'>>): void;
}

/**
 * The shared card layer: finds cards with the site adapter, asks the background for their states in one batch,
 * marks them with data attributes and mounts one strip per card. Rescans on DOM changes (client-side navigation
 * re-renders the grid) without ever giving a card two strips.
 */
export function startCardLayer(options: CardLayerOptions): CardLayer {
  const { adapter, doc, signal } = options;
  const cards = new Map<Element, Card>();
  const reported = new WeakSet<Element>();
  let view = newView();

  function newView(): PageView {
    const url = doc.location?.href ?? '';
    return { viewId: options.newViewId(), site: adapter.key, url, label: adapter.pageLabel(new URL(url), doc) };
  }

  function render(card: Card) {
    const tokens = stateTokens(card).join(' ');
    const presented = cardView(card, options.now());
    for (const element of card.match.elements) {
      element.setAttribute(ID_ATTRIBUTE, card.match.paper.id);
      if (tokens) element.setAttribute(STATE_ATTRIBUTE, tokens);
      else element.removeAttribute(STATE_ATTRIBUTE);
      element.toggleAttribute(COLLAPSED_ATTRIBUTE, presented.collapsedReason !== null);
    }
    card.strip.update(presented);
  }

  function cardsOf(id: PaperId): Card[] {
    return [...cards.values()].filter((card) => card.match.paper.id === id);
  }

  function applyState(state: Omit<PaperState, 'earlierSighting'>) {
    for (const card of cardsOf(state.id)) {
      card.state = { ...state, earlierSighting: card.state.earlierSighting };
      render(card);
    }
  }

  function actionsFor(root: Element): CardActions {
    const write = async (change: PaperChange) => {
      const card = cards.get(root);
      if (!card) return;
      applyState(await options.change(card.match.paper.id, change, card.match.paper));
    };
    return {
      setSaved: (saved) => write({ kind: 'save', saved }),
      setTags: (tags) => write({ kind: 'tags', tags }),
      setNote: (note) => write({ kind: 'note', note }),
      setDismissed: async (dismissed) => {
        await write({ kind: 'dismiss', dismissed });
        const card = cards.get(root);
        if (card && !dismissed) {
          card.revealed = false;
          render(card);
        }
      },
      setRevealed: (revealed) => {
        const card = cards.get(root);
        if (!card) return;
        card.revealed = revealed;
        render(card);
      },
      tagSuggestions: options.tagSuggestions,
    };
  }

  function forget(root: Element) {
    cards.get(root)?.strip.destroy();
    cards.delete(root);
  }

  function existingStripHost(match: CardMatch): Element | null {
    return match.mount.parent.querySelector(`:scope > ${options.ownTagName}`);
  }

  async function scanOnce(): Promise<void> {
    if (doc.location && doc.location.href !== view.url) {
      // A client-side navigation is a new page view: every card on it is (re)recorded as seen there.
      view = newView();
      for (const root of [...cards.keys()]) forget(root);
    }
    const { cards: matches, failures } = adapter.scan(doc);
    for (const failure of failures) {
      if (reported.has(failure.element)) continue;
      reported.add(failure.element);
      console.warn(`Shelfmark (${adapter.key}): skipped a card: ${failure.reason}`);
    }

    const found = new Set(matches.map((match) => match.elements[0]));
    for (const root of [...cards.keys()]) {
      const card = cards.get(root)!;
      const stillSame = found.has(root) && root.isConnected;
      const match = matches.find((candidate) => candidate.elements[0] === root);
      if (!stillSame || match?.paper.id !== card.match.paper.id) forget(root);
    }

    const fresh = matches.filter((match) => !cards.has(match.elements[0]));
    if (fresh.length === 0 && matches.length === cards.size) return refreshRepeats(matches);
    const viewAtRequest = view;
    const states = fresh.length ? await options.sync(viewAtRequest, fresh.map((match) => match.paper)) : [];
    if (signal.aborted || viewAtRequest !== view) return;

    fresh.forEach((match, index) => {
      const root = match.elements[0];
      if (cards.has(root) || !root.isConnected) return;
      // A strip left behind by an earlier run (or a re-render that kept our host) is replaced, never doubled.
      existingStripHost(match)?.remove();
      const facts: CardFacts = { title: match.paper.title, state: states[index], repeatOf: null, revealed: false };
      const strip = options.mount(match.mount, actionsFor(root), cardView(facts, options.now()), `sm-${index}-${view.viewId}`);
      cards.set(root, { ...facts, match, strip });
    });
    refreshRepeats(matches);
  }

  /** Marks later cards of a paper already shown higher on the page, then redraws every card. */
  function refreshRepeats(matches: CardMatch[]) {
    const firstPosition = new Map<PaperId, number>();
    matches.forEach((match, index) => {
      const card = cards.get(match.elements[0]);
      if (!card) return;
      const first = firstPosition.get(match.paper.id);
      if (first === undefined) firstPosition.set(match.paper.id, index + 1);
      card.repeatOf = first ?? null;
      render(card);
    });
  }

  let running: Promise<void> | null = null;
  let again = false;
  async function scan(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await scanOnce();
        } catch (error) {
          console.warn('Shelfmark: could not annotate this page', error);
        }
      } while (again && !signal.aborted);
    })();
    try {
      await running;
    } finally {
      running = null;
    }
  }

  const isOurs = (node: Node) => node.nodeName.toLowerCase() === options.ownTagName;
  const observer = new MutationObserver((records) => {
    const relevant = records.some((record) =>
      [...record.addedNodes, ...record.removedNodes].some((node) => node.nodeType === 1 && !isOurs(node)),
    );
    if (relevant) scheduleScan();
  });
  let scheduled = false;
  function scheduleScan() {
    if (scheduled || signal.aborted) return;
    scheduled = true;
    // Batch a re-render's many mutations into one scan.
    setTimeout(() => {
      scheduled = false;
      if (!signal.aborted) void scan();
    }, 50);
  }
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      for (const root of [...cards.keys()]) forget(root);
    },
    { once: true },
  );

  return {
    scan,
    applyChanges: (states) => states.forEach(applyState),
  };
}
