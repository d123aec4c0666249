import { timed } from './work-timing';

/**
 * Watches the page for changes that can concern its cards, as uBlock Origin's domWatcher does: the observer only
 * notes that something was added or removed; whether it matters is decided cheaply, once per batch. Only a node that
 * is, or holds, a card-like element (the adapter's `watchSelector`) or a card we annotated, or one of our strips
 * taken out by a re-render, asks for a rescan: a busy page's unrelated churn (timers, ads, live counters) costs one
 * `matches`/`querySelector` per added element, and our own hosts and styles cost nothing.
 */
export interface CardWatchOptions {
  /** Matches card-like elements; without it any added element counts (a site whose cards cannot be told apart). */
  watchSelector?: string;
  /** Tag names of the elements we add (strip hosts, the bar). */
  ownTagNames: readonly string[];
  /** Whether the element is the root of a card the layer annotated. */
  isCard(element: Element): boolean;
  /** Called (after `delayMs`, once per burst of mutations) when a rescan is due. */
  onChange(): void;
  delayMs?: number;
}

export function isOurs(node: Node, ownTagNames: readonly string[]): boolean {
  return ownTagNames.includes(node.nodeName.toLowerCase()) || (node as Element).hasAttribute?.('data-shelfmark') === true;
}

/** Whether one added node can hold cards. */
export function addsCards(node: Node, options: Pick<CardWatchOptions, 'watchSelector' | 'ownTagNames'>): boolean {
  if (node.nodeType !== 1 || isOurs(node, options.ownTagNames)) return false;
  if (!options.watchSelector) return true;
  const element = node as Element;
  return element.matches(options.watchSelector) || element.querySelector(options.watchSelector) !== null;
}

/** Whether one removed node took cards or one of our strips with it. */
export function removesCards(node: Node, options: Pick<CardWatchOptions, 'watchSelector' | 'ownTagNames' | 'isCard'>): boolean {
  if (node.nodeType !== 1) return false;
  const element = node as Element;
  if (isOurs(element, options.ownTagNames) || options.isCard(element)) return true;
  if (!options.watchSelector) return true;
  return element.matches(options.watchSelector) || element.querySelector(options.watchSelector) !== null;
}

export interface CardWatch {
  /** Drops the mutations just made by the layer itself (cards moved by a sort): they never call for a rescan. */
  dropOwn(nodes: ReadonlySet<Node>): void;
}

export function watchCards(doc: Document, options: CardWatchOptions, signal: AbortSignal): CardWatch {
  if (signal.aborted) return { dropOwn: () => {} };
  let pending: MutationRecord[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const decide = () => {
    timer = null;
    const records = pending;
    pending = [];
    if (signal.aborted) return;
    const relevant = timed('watch', 'rest', () => records.some(
      (record) =>
        [...record.addedNodes].some((node) => addsCards(node, options)) ||
        [...record.removedNodes].some((node) => removesCards(node, options)),
    ));
    if (relevant) options.onChange();
  };
  const take = (records: readonly MutationRecord[]) => {
    if (records.length === 0) return;
    for (const record of records) pending.push(record);
    // Batch a re-render's many mutations into one decision (and at most one scan).
    timer ??= setTimeout(decide, options.delayMs ?? 50);
  };
  const observer = new MutationObserver(take);
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      if (timer) clearTimeout(timer);
      pending = [];
    },
    { once: true },
  );
  return {
    dropOwn: (nodes) =>
      take(observer.takeRecords().filter((record) => ![...record.addedNodes, ...record.removedNodes].every((node) => nodes.has(node)))),
  };
}
