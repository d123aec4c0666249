import type { PaperId } from '../ids';
import type { PageView, PaperChange, PaperState, ScrapedPaper } from '../paper';
import type { DuplicateKinds, DuplicateMode } from '../settings';
import type { CardMatch, SiteAdapter } from '../sites/types';
import { papersPerViewOn } from '../messaging/limits';
import type { BarActions, CardActions, MountBar, MountStrip, StripHandle } from './card-view';
import { markCard, unmarkCard } from './card-marks';
import { CardReader, repeatPositions } from './card-reader';
import { CardRegistry } from './card-registry';
import { watchCards } from './card-watch';
import { CoalescedRuns } from './coalesced-runs';
import { DuplicateBarSlot } from './duplicate-bar-slot';
import type { DuplicateKind } from './duplicate-filter';
import type { ForYouMark } from '../messaging/relevance';
import type { ZoteroSendResult } from '../zotero/connector';
import { forYouBadge } from './card-view';
import { nextSlice } from './idle-slices';
import { ListingOrder } from './listing-order';
import type { TriageCard } from './keyboard-triage';
import { inRequests } from './request-batches';
import { presentCard, stateTokens, type CardFacts, type FilterChoice, type Presented } from './presentation';
import { timed, type WorkPhase } from './work-timing';

export { COLLAPSED_ATTRIBUTE, DIMMED_ATTRIBUTE, ID_ATTRIBUTE, READY_ATTRIBUTE, STATE_ATTRIBUTE } from './card-marks';

export interface CardLayerOptions {
  adapter: SiteAdapter;
  doc: Document;
  signal: AbortSignal;
  /** One batched call for the first screen's cards, one for the rest of the page. */
  sync(view: PageView, papers: ScrapedPaper[]): Promise<PaperState[]>;
  change(id: PaperId, change: PaperChange, paper: ScrapedPaper): Promise<PaperState>;
  tagSuggestions(): Promise<string[]>;
  /** Send to Zotero for one card's paper (the background posts it); absent: strips show no such button. */
  sendToZotero?(id: PaperId): Promise<ZoteroSendResult>;
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
  /** The record the background answered for this card: its own id, or for a title-only card its work's record. */
  recordId: PaperId;
  strip: StripHandle;
  kind: DuplicateKind | null;
  /** The attributes last written, so a redraw that changes none of them touches no page DOM. */
  marked?: string;
  /** The background's score when the card was marked "for you": its rank when the listing is sorted. */
  forYouScore?: number;
}

export interface CardLayer {
  /** Rescans now; resolves when every card found has its strip (a long page's later cards in idle time). */
  scan(): Promise<void>;
  /** Applies changes made elsewhere (another tab, the popup) to the cards of this page. */
  applyChanges(states: ReadonlyArray<Omit<PaperState, 'earlierSighting'>>): void;
  /** The filter changed elsewhere (another tab, the options page). */
  applyFilter(filter: { mode: DuplicateMode; kinds: DuplicateKinds }): void;
  /** The annotated cards in page order, as keyboard triage acts on them. */
  triageCards(): TriageCard[];
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
  if (signal.aborted) return { scan: async () => {}, applyChanges: () => {}, applyFilter: () => {}, triageCards: () => [] };
  const cards = new CardRegistry<Card>();
  const reader = new CardReader(adapter.key, papersPerViewOn(adapter.key));
  const position = (match: CardMatch) => reader.position(match);
  let view = newView();
  const filter: FilterChoice = { ...options.filter, revealAll: false };

  function newView(): PageView {
    const url = doc.location?.href ?? '';
    return { viewId: options.newViewId(), site: adapter.key, url, label: adapter.pageLabel(new URL(url), doc) };
  }

  function render(card: Card) {
    const presented = presentCard(card, filterFor(card.match), options.now());
    card.kind = presented.kind;
    mark(card, presented);
    card.strip.update(presented.view);
  }

  /** Writes the card's data attributes: the contract for users' CSS and tests. */
  function mark(card: Card, presented: Presented) {
    const tokens = stateTokens(card);
    const marked = `${tokens.join(' ')}|${presented.presentation}`;
    if (card.marked === marked) return;
    card.marked = marked;
    markCard(card.match.elements, card.match.paper.id, tokens, presented.presentation);
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
    setSorted: (sorted) => {
      reorder(sorted);
      renderBar();
    },
  };

  const bar = new DuplicateBarSlot(doc, options.mountBar, barActions);
  const renderBar = () => bar.render(cards.values(), { ...filter, sorted: listing.sorted }, position);

  /** "Sort by relevance" within each section, or every card back in its place; our own moves never cause a rescan. */
  const listing = new ListingOrder(doc);
  function reorder(sorted: boolean) {
    if (sorted) listing.sort([...cards.values()].map((card) => ({ match: card.match, rank: card.forYouScore ?? null })));
    else listing.restore();
    watch.dropOwn(listing.moved);
  }

  /** Changes broadcast while a batch is synced and mounted, for its cards not mounted yet. */
  const changedDuringSync = new Map<PaperId, Omit<PaperState, 'earlierSighting'>>();
  let syncing = false;

  /** Applies changed states to the cards showing them, then draws the bar once for the whole batch. */
  function applyStates(states: ReadonlyArray<Omit<PaperState, 'earlierSighting'>>) {
    for (const state of states) {
      if (syncing) changedDuringSync.set(state.id, state);
      for (const card of cards.ofId(state.id)) {
        card.state = { ...card.state, ...state };
        render(card);
      }
    }
    renderBar();
  }

  function actionsFor(root: Element): CardActions {
    const send = options.sendToZotero;
    const write = async (change: PaperChange) => {
      const card = cards.get(root);
      if (!card) return;
      applyStates([await options.change(card.recordId, change, { ...card.match.paper, id: card.recordId })]);
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
      ...(send ? { sendToZotero: () => send(cards.get(root)!.recordId) } : {}),
    };
  }

  /** Takes the strip and every attribute off a card, so a card that stops matching is left as the page drew it. */
  function forget(root: Element) {
    const card = cards.delete(root);
    if (!card) return;
    card.strip.destroy();
    unmarkCard(card.match.elements);
  }

  /** A strip already standing where this card's strip goes; looked up in O(1), pages may have thousands of cards. */
  function existingStripHost({ mount }: CardMatch): Element | null {
    const there = mount.before ? mount.before.previousSibling : mount.parent.lastChild;
    return there?.nodeName.toLowerCase() === options.ownTagNames[0] ? (there as Element) : null;
  }

  /** The page moved to another address (client-side navigation) since `since` began: its work is for a gone page. */
  function navigatedAway(since: PageView): boolean {
    if (since !== view || (doc.location && doc.location.href !== since.url)) {
      runs.runAgain();
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
      const states = await timed('send', phase, () => inRequests(fresh.map((match) => match.paper), (papers) => options.sync(viewAtRequest, papers)));
      if (signal.aborted || navigatedAway(viewAtRequest)) return false;
      const repeats = repeatPositions(listing.originalOrder(matches));
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
          state: { ...state, ...changedDuringSync.get(state.id) },
          repeatOf: repeats.get(root) ?? null,
          revealed: false,
        };
        const at = position(match);
        const presented = presentCard(facts, filterFor(match), options.now());
        const strip = options.mount(match.mount, actionsFor(root), presented.view, `sm-${at}-${view.viewId}`, at);
        const card: Card = { ...facts, match, recordId: state.id, strip, kind: presented.kind };
        cards.add(card);
        mark(card, presented);
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
      const relevance = options.relevance;
      const papers = unseen.map((match) => ({ ...match.paper, id: cards.get(match.elements[0])?.recordId ?? match.paper.id }));
      const marks = await inRequests(papers, (part) => relevance(part));
      if (signal.aborted) return;
      unseen.forEach((match, i) => {
        const card = cards.get(match.elements[0]);
        const mark = marks[i];
        if (!card || !mark) return;
        card.forYou = forYouBadge(mark);
        card.forYouScore = mark.score;
        render(card);
      });
      if (listing.sorted) reorder(true);
      renderBar();
    } catch (error) {
      console.warn('Shelfmark: could not rank this page', error);
    }
  }

  /** Drops cards the page took out (or whose strip it took out), so counts and the bar never include them. */
  function forgetDetached() {
    for (const card of [...cards.values()]) {
      const root = card.match.elements[0];
      if (!root.isConnected || !card.strip.isConnected()) forget(root);
    }
  }

  async function scanOnce(): Promise<void> {
    if (doc.location && doc.location.href !== view.url) {
      // A client-side navigation is a new page view: every card on it is (re)recorded as seen there.
      view = newView();
      filter.revealAll = false;
      for (const root of cards.roots()) forget(root);
      listing.forget();
      bar.destroy();
    }
    const viewAtStart = view;
    forgetDetached();
    const entries = adapter.scan(doc)[Symbol.iterator]();
    const matches: CardMatch[] = [];
    const firstScreen = adapter.firstScreenCards ?? Number.POSITIVE_INFINITY;
    let done = timed('scan', 'first-screen', () => reader.read(entries, matches, () => matches.length >= firstScreen));
    const annotated = matches.length;
    if (!(await annotate(matches, matches, 'first-screen'))) return;
    if (!done) renderBar();
    firstScreenShown();

    while (!done) {
      const slice = await nextSlice(signal);
      if (navigatedAway(viewAtStart)) return;
      done = timed('scan', 'rest', () => reader.read(entries, matches, slice.spent));
    }
    // Cards no longer found, or found holding another paper, are forgotten; the others keep their strips.
    const found = new Map(matches.map((match) => [match.elements[0], match]));
    for (const card of [...cards.values()]) {
      const root = card.match.elements[0];
      if (found.get(root)?.paper.id !== card.match.paper.id) forget(root);
    }
    if (matches.length > annotated && !(await annotate(matches.slice(annotated), matches, 'rest'))) return;
    // Cards that arrived while the listing is sorted take their place in it (and keep the place they arrived at).
    if (listing.sorted) reorder(true);
    refreshRepeats(matches);
  }

  /** Redraws only the cards whose repeat status changed (cards removed above them, or new ones inserted). */
  function refreshRepeats(matches: CardMatch[]) {
    const repeats = repeatPositions(listing.originalOrder(matches));
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

  const runs = new CoalescedRuns(scanOnce, signal, 'Shelfmark: could not annotate this page');
  const watch = watchCards(doc, { watchSelector: adapter.watchSelector, ownTagNames: options.ownTagNames, isCard: (element) => cards.has(element), onChange: () => runs.schedule() }, signal);
  signal.addEventListener(
    'abort',
    () => {
      listing.restore();
      for (const root of cards.roots()) forget(root);
      bar.destroy();
    },
    { once: true },
  );

  return {
    scan: () => runs.run(),
    applyChanges: applyStates,
    triageCards: () =>
      [...cards.values()]
        .filter((card) => card.match.elements[0].isConnected)
        .sort((a, b) => position(a.match) - position(b.match))
        .map((card) => ({
          elements: card.match.elements,
          url: card.match.paper.url,
          saved: card.state.savedAt !== null,
          dismissed: card.state.dismissedAt !== null,
          actions: actionsFor(card.match.elements[0]),
          strip: card.strip,
        })),
    applyFilter: (next) => {
      Object.assign(filter, next);
      renderAll();
    },
  };
}
