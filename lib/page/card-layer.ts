import type { PaperId } from '../ids';
import type { PageView, PaperChange, PaperState, ScrapedPaper } from '../paper';
import type { DuplicateKinds, DuplicateMode } from '../settings';
import type { CardMatch, ScanEntry, SiteAdapter } from '../sites/types';
import type { ForYouMark } from '../messaging/relevance';
import { forYouBadge, type BarActions, type BarHandle, type BarView, type CardActions, type MountBar, type MountStrip, type StripHandle } from './card-view';
import { countByKind, summarize, type DuplicateKind } from './duplicate-filter';
import { nextSlice } from './idle-slices';
import { presentCard, stateTokens, type CardFacts, type FilterChoice, type Presented } from './presentation';
import { timed, type WorkPhase } from './work-timing';

export const ID_ATTRIBUTE = 'data-shelfmark-id';
export const STATE_ATTRIBUTE = 'data-shelfmark-state';
export const COLLAPSED_ATTRIBUTE = 'data-shelfmark-collapsed';
export const DIMMED_ATTRIBUTE = 'data-shelfmark-dimmed';
/** Set on a strip host once its UI is drawn; until then page CSS reserves its height so nothing jumps. */
export const READY_ATTRIBUTE = 'data-shelfmark-ready';

export interface CardLayerOptions {
  adapter: SiteAdapter;
  doc: Document;
  signal: AbortSignal;
  /** One batched call for the first screen's cards, one for the rest of the page. */
  sync(view: PageView, papers: ScrapedPaper[]): Promise<PaperState[]>;
  change(id: PaperId, change: PaperChange, paper: ScrapedPaper): Promise<PaperState>;
  tagSuggestions(): Promise<string[]>;
  /** "For you" marks for unseen cards, one per paper in order (lib/relevance); absent: no badges. */
  relevance?(papers: ScrapedPaper[]): Promise<Array<ForYouMark | null>>;
  mount: MountStrip;
  mountBar: MountBar;
  /** The duplicate filter as the user last chose it for this site. */
  filter: { mode: DuplicateMode; kinds: DuplicateKinds };
  saveFilter(change: { mode?: DuplicateMode; kinds?: Partial<DuplicateKinds> }): Promise<void>;
  now(): number;
  newViewId(): string;
  /** Called once, when the first screen's cards have their strips (the page may show them now). */
  onFirstScreen?(): void;
  /** Tag names of elements we add to the page (strip first); mutations that only touch these never trigger a rescan. */
  ownTagNames: readonly string[];
}

interface Card extends CardFacts {
  match: CardMatch;
  strip: StripHandle;
  kind: DuplicateKind | null;
}

export interface CardLayer {
  /** Rescans now; resolves when every card found has its strip (a long page's later cards in idle time). */
  scan(): Promise<void>;
  /** Applies changes made elsewhere (another tab, the popup) to the cards of this page. */
  applyChanges(states: ReadonlyArray<Omit<PaperState, 'earlierSighting'>>): void;
  /** The filter changed elsewhere (another tab, the options page). */
  applyFilter(filter: { mode: DuplicateMode; kinds: DuplicateKinds }): void;
}

/**
 * The shared card layer: finds cards with the site adapter, asks the background for their states in one batch,
 * marks them with data attributes and mounts one strip per card. The first screen's cards are done at once; a long
 * page's later cards are read, synced in one more batch and mounted over idle slices. Rescans on DOM changes
 * (client-side navigation re-renders the grid) without ever giving a card two strips. Main-thread work is recorded
 * as performance measures (work-timing.ts).
 */
export function startCardLayer(options: CardLayerOptions): CardLayer {
  const { adapter, doc, signal } = options;
  // Invalidated before it started (extension reloaded while the page loaded): an abort listener would never fire.
  if (signal.aborted) return { scan: async () => {}, applyChanges: () => {}, applyFilter: () => {} };
  const cards = new Map<Element, Card>();
  const reported = new WeakSet<Element>();
  let view = newView();
  const filter: FilterChoice = { ...options.filter, revealAll: false };
  let bar: BarHandle | null = null;

  function newView(): PageView {
    const url = doc.location?.href ?? '';
    return { viewId: options.newViewId(), site: adapter.key, url, label: adapter.pageLabel(new URL(url), doc) };
  }

  function render(card: Card) {
    const presented = presentCard(card, filterFor(card.match), options.now());
    card.kind = presented.kind;
    markCard(card, presented);
    card.strip.update(presented.view);
  }

  /** Writes the card's data attributes: the contract for users' CSS and tests. */
  function markCard(card: Card, presented: Presented) {
    const tokens = stateTokens(card).join(' ');
    for (const element of card.match.elements) {
      element.setAttribute(ID_ATTRIBUTE, card.match.paper.id);
      if (tokens) element.setAttribute(STATE_ATTRIBUTE, tokens);
      else element.removeAttribute(STATE_ATTRIBUTE);
      element.toggleAttribute(COLLAPSED_ATTRIBUTE, presented.presentation === 'collapsed');
      element.toggleAttribute(DIMMED_ATTRIBUTE, presented.presentation === 'dimmed');
    }
  }

  /** A page about one paper marks it but never folds it away. */
  function filterFor(match: CardMatch): FilterChoice {
    return match.standalone ? { ...filter, mode: 'off', neverFold: true } : filter;
  }

  function renderAll() {
    for (const card of cards.values()) render(card);
    renderBar();
  }

  const barActions: BarActions = {
    setMode: (mode) => {
      filter.mode = mode;
      renderAll();
      void options.saveFilter({ mode }).catch((error) => console.warn('Shelfmark: could not save the filter mode', error));
    },
    setKind: (kind, enabled) => {
      filter.kinds = { ...filter.kinds, [kind]: enabled };
      renderAll();
      void options.saveFilter({ kinds: { [kind]: enabled } }).catch((error) => console.warn('Shelfmark: could not save the filter', error));
    },
    setRevealAll: (revealAll) => {
      filter.revealAll = revealAll;
      renderAll();
    },
  };

  /** The bar goes above the list: before the container of the first card. */
  function renderBar() {
    // A page about one paper (an abstract page) has no list to summarise.
    const listed = [...cards.values()].filter((card) => !card.match.standalone);
    const first = listed.sort((a, b) => position(a.match) - position(b.match))[0];
    if (!first) {
      bar?.destroy();
      bar = null;
      return;
    }
    const kinds = listed.map((card) => card.kind);
    const barView: BarView = {
      summary: summarize(countByKind(kinds)),
      mode: filter.mode,
      kinds: filter.kinds,
      revealAll: filter.revealAll,
      affected: kinds.filter((kind) => kind !== null).length,
      forYou: listed.filter((card) => card.forYou && card.state.savedAt === null && card.state.dismissedAt === null).length,
    };
    if (bar && !bar.isConnected()) {
      // The page re-rendered the list around it: mount it again above the current list.
      bar.destroy();
      bar = null;
    }
    if (!bar) {
      const list = first.match.elements[0].parentElement;
      const where = list?.parentElement ? { parent: list.parentElement, before: list } : { parent: doc.body, before: doc.body.firstChild };
      bar = options.mountBar(where, barActions, barView);
    } else {
      bar.update(barView);
    }
  }

  const order = new WeakMap<Element, number>();
  function position(match: CardMatch): number {
    return order.get(match.elements[0]) ?? Number.MAX_SAFE_INTEGER;
  }

  function cardsOf(id: PaperId): Card[] {
    return [...cards.values()].filter((card) => card.match.paper.id === id);
  }

  /** Changes broadcast while a batch is synced and mounted, for its cards not mounted yet. */
  const changedDuringSync = new Map<PaperId, Omit<PaperState, 'earlierSighting'>>();
  let syncing = false;

  function applyState(state: Omit<PaperState, 'earlierSighting'>) {
    if (syncing) changedDuringSync.set(state.id, state);
    for (const card of cardsOf(state.id)) {
      card.state = { ...card.state, ...state };
      render(card);
    }
    renderBar();
  }

  function actionsFor(root: Element): CardActions {
    const write = async (change: PaperChange) => {
      const card = cards.get(root);
      if (!card) return;
      applyState(await options.change(card.match.paper.id, change, card.match.paper));
    };
    return {
      setSaved: (saved) => write({ kind: 'save', saved }),
      addTag: (tag) => write({ kind: 'add-tags', tags: [tag] }),
      removeTag: (tag) => write({ kind: 'remove-tags', tags: [tag] }),
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
        renderBar();
      },
      tagSuggestions: options.tagSuggestions,
    };
  }

  /** Takes the strip and every attribute off a card, so a card that stops matching is left as the page drew it. */
  function forget(root: Element) {
    const card = cards.get(root);
    if (!card) return;
    card.strip.destroy();
    for (const element of card.match.elements) {
      for (const attribute of [ID_ATTRIBUTE, STATE_ATTRIBUTE, COLLAPSED_ATTRIBUTE, DIMMED_ATTRIBUTE]) element.removeAttribute(attribute);
    }
    cards.delete(root);
  }

  /** A strip already standing where this card's strip goes; looked up in O(1), pages may have thousands of cards. */
  function existingStripHost({ mount }: CardMatch): Element | null {
    const there = mount.before ? mount.before.previousSibling : mount.parent.lastChild;
    return there?.nodeName.toLowerCase() === options.ownTagNames[0] ? (there as Element) : null;
  }

  /** Pulls cards from the adapter's scan into `matches` until the scan ends (true) or `enough()` says stop. */
  function readCards(entries: Iterator<ScanEntry>, matches: CardMatch[], enough: () => boolean): boolean {
    do {
      const next = entries.next();
      if (next.done) return true;
      const { card, failure } = next.value;
      if (card) {
        order.set(card.elements[0], matches.length);
        matches.push(card);
      } else if (!reported.has(failure.element)) {
        reported.add(failure.element);
        console.warn(`Shelfmark (${adapter.key}): skipped a card: ${failure.reason}`);
      }
    } while (!enough());
    return false;
  }

  /** The page moved to another address (client-side navigation) since `since` began: its work is for a gone page. */
  function navigatedAway(since: PageView): boolean {
    if (since !== view || (doc.location && doc.location.href !== since.url)) {
      again = true;
      return true;
    }
    return false;
  }

  /**
   * Syncs the cards of `batch` this layer does not have yet in one request and mounts their strips: all at once for
   * the first screen, over idle slices for the rest of a long page. False when the page view changed meanwhile.
   */
  async function annotate(batch: readonly CardMatch[], matches: readonly CardMatch[], phase: WorkPhase): Promise<boolean> {
    for (const match of batch) {
      const known = cards.get(match.elements[0]);
      // Re-used by the page for another paper (unkeyed lists rewrite nodes), or its strip was taken out.
      if (known && (known.match.paper.id !== match.paper.id || !known.strip.isConnected())) forget(match.elements[0]);
    }
    const fresh = batch.filter((match) => !cards.has(match.elements[0]));
    if (fresh.length === 0) return true;
    const viewAtRequest = view;
    // Changes broadcast from now until the last of these cards is mounted are applied to them as they mount.
    syncing = true;
    try {
      const states = await timed('send', phase, () => options.sync(viewAtRequest, fresh.map((match) => match.paper)));
      if (signal.aborted || navigatedAway(viewAtRequest)) return false;
      const repeats = repeatPositions(matches);
      let next = 0;
      const mountNext = () => {
        const match = fresh[next];
        const root = match.elements[0];
        const state = states[next++];
        if (cards.has(root) || !root.isConnected) return;
        // A strip left behind by an earlier run (or a re-render that kept our host) is replaced, never doubled.
        existingStripHost(match)?.remove();
        const facts: CardFacts = {
          title: match.paper.title,
          arrival: state,
          state: { ...state, ...changedDuringSync.get(match.paper.id) },
          repeatOf: repeats.get(root) ?? null,
          revealed: false,
        };
        const at = position(match);
        const presented = presentCard(facts, filterFor(match), options.now());
        const strip = options.mount(match.mount, actionsFor(root), presented.view, `sm-${at}-${view.viewId}`, at);
        const card: Card = { ...facts, match, strip, kind: presented.kind };
        cards.set(root, card);
        markCard(card, presented);
      };
      if (phase === 'first-screen') {
        timed('mount', phase, () => fresh.forEach(mountNext));
        void markForYou(fresh, states);
        return true;
      }
      while (next < fresh.length) {
        const slice = await nextSlice(signal);
        if (navigatedAway(viewAtRequest)) return false;
        timed('mount', phase, () => {
          do mountNext();
          while (next < fresh.length && !slice.spent());
        });
      }
      void markForYou(fresh, states);
      return true;
    } finally {
      syncing = false;
      changedDuringSync.clear();
    }
  }

  /** Asks the background which unseen cards of a batch are "for you" and redraws those with a badge. */
  async function markForYou(batch: readonly CardMatch[], states: readonly PaperState[]) {
    if (!options.relevance) return;
    const unseen = batch.filter((_, i) => !states[i].earlierSighting && states[i].savedAt === null && states[i].dismissedAt === null);
    if (unseen.length === 0) return;
    try {
      const marks = await options.relevance(unseen.map((match) => match.paper));
      if (signal.aborted) return;
      unseen.forEach((match, i) => {
        const card = cards.get(match.elements[0]);
        const mark = marks[i];
        if (!card || !mark) return;
        card.forYou = forYouBadge(mark);
        render(card);
      });
      renderBar();
    } catch (error) {
      console.warn('Shelfmark: could not rank this page', error);
    }
  }

  /** Drops cards the page took out (or whose strip it took out), so counts and the bar never include them. */
  function forgetDetached() {
    for (const [root, card] of [...cards]) if (!root.isConnected || !card.strip.isConnected()) forget(root);
  }

  async function scanOnce(): Promise<void> {
    if (doc.location && doc.location.href !== view.url) {
      // A client-side navigation is a new page view: every card on it is (re)recorded as seen there.
      view = newView();
      filter.revealAll = false;
      for (const root of [...cards.keys()]) forget(root);
      bar?.destroy();
      bar = null;
    }
    const viewAtStart = view;
    forgetDetached();
    const entries = adapter.scan(doc)[Symbol.iterator]();
    const matches: CardMatch[] = [];
    const firstScreen = adapter.firstScreenCards ?? Number.POSITIVE_INFINITY;
    let done = timed('scan', 'first-screen', () => readCards(entries, matches, () => matches.length >= firstScreen));
    const annotated = matches.length;
    if (!(await annotate(matches, matches, 'first-screen'))) return;
    if (!done) renderBar();
    firstScreenShown();

    while (!done) {
      const slice = await nextSlice(signal);
      if (navigatedAway(viewAtStart)) return;
      done = timed('scan', 'rest', () => readCards(entries, matches, slice.spent));
    }
    // Cards no longer found, or found holding another paper, are forgotten; the others keep their strips.
    const found = new Map(matches.map((match) => [match.elements[0], match]));
    for (const [root, card] of [...cards]) if (found.get(root)?.paper.id !== card.match.paper.id) forget(root);
    if (matches.length > annotated && !(await annotate(matches.slice(annotated), matches, 'rest'))) return;
    refreshRepeats(matches);
  }

  /** For each card repeating a paper shown higher on the page, the 1-based position of the first one. */
  function repeatPositions(matches: readonly CardMatch[]): Map<Element, number> {
    const first = new Map<PaperId, number>();
    const repeats = new Map<Element, number>();
    matches.forEach((match, index) => {
      const earlier = first.get(match.paper.id);
      if (earlier === undefined) first.set(match.paper.id, index + 1);
      else repeats.set(match.elements[0], earlier);
    });
    return repeats;
  }

  /** Redraws only the cards whose repeat status changed (cards removed above them, or new ones inserted). */
  function refreshRepeats(matches: CardMatch[], repeats = repeatPositions(matches)) {
    for (const match of matches) {
      const card = cards.get(match.elements[0]);
      const repeatOf = repeats.get(match.elements[0]) ?? null;
      if (!card || card.repeatOf === repeatOf) continue;
      card.repeatOf = repeatOf;
      render(card);
    }
    renderBar();
  }

  let firstScreenPending = true;
  function firstScreenShown() {
    if (!firstScreenPending) return;
    firstScreenPending = false;
    options.onFirstScreen?.();
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
          if (!signal.aborted) console.warn('Shelfmark: could not annotate this page', error);
        }
      } while (again && !signal.aborted);
    })();
    try {
      await running;
    } finally {
      running = null;
    }
  }

  // Our hosts, and our style elements (marked data-shelfmark), never count as the page changing.
  const isOurs = (node: Node) =>
    options.ownTagNames.includes(node.nodeName.toLowerCase()) || (node as Element).hasAttribute?.('data-shelfmark');
  const observer = new MutationObserver((records) => {
    // Any removal counts, ours included: a page that re-renders may drop a strip, and the card must get it back.
    const relevant = records.some(
      (record) =>
        [...record.addedNodes].some((node) => node.nodeType === 1 && !isOurs(node)) ||
        [...record.removedNodes].some((node) => node.nodeType === 1),
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
      bar?.destroy();
    },
    { once: true },
  );

  return {
    scan,
    applyChanges: (states) => states.forEach(applyState),
    applyFilter: (next) => {
      Object.assign(filter, next);
      renderAll();
    },
  };
}
