import type { CardActions, StripHandle } from './card-view';
import { httpUrl } from '../safe-url';

/**
 * Keyboard triage on a listing: j/k move a focus ring from card to card, s save, x hide, t tag, n note, o open,
 * u undo the last action, ? help. The keys drive the same strip actions as clicks, so the page boundary holds:
 * only trusted key presses count, never with a modifier, never while focus is in a text field (ours stop key events
 * at their shadow roots; the page's own fields are skipped here), and a key the site itself handles (an event it
 * already cancelled) is left to it.
 */

export const CURRENT_ATTRIBUTE = 'data-shelfmark-current';

export interface TriageCard {
  elements: readonly Element[];
  url: string;
  saved: boolean;
  dismissed: boolean;
  actions: CardActions;
  strip: StripHandle;
}

export interface TriageDeps {
  doc: Document;
  /** The page's annotated cards, in page order. */
  cards(): TriageCard[];
  open(url: string): void;
  /** Shows or hides the help overlay; returns whether it is shown now. */
  toggleHelp(show?: boolean): boolean;
}

export const TRIAGE_HELP: ReadonlyArray<readonly [string, string]> = [
  ['j / k', 'next / previous paper'],
  ['s', 'save or unsave'],
  ['x', 'hide or bring back'],
  ['t', 'tag'],
  ['n', 'note'],
  ['o', 'open the paper in a new tab'],
  ['u', 'undo the last action'],
  ['?', 'this help'],
];

function isTextField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element || typeof element.tagName !== 'string') return false;
  return /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName) || element.isContentEditable;
}

export interface KeyboardTriage {
  /** The card under the focus ring, by position in page order (-1 before the first j). */
  current(): number;
}

export function startKeyboardTriage(deps: TriageDeps, signal: AbortSignal): KeyboardTriage {
  let index = -1;
  let ringed: readonly Element[] = [];
  const undo: Array<() => Promise<void>> = [];

  const ring = (card: TriageCard | undefined) => {
    for (const element of ringed) element.removeAttribute(CURRENT_ATTRIBUTE);
    ringed = card?.elements ?? [];
    for (const element of ringed) element.setAttribute(CURRENT_ATTRIBUTE, '');
    (ringed[0] as HTMLElement | undefined)?.scrollIntoView?.({ block: 'nearest' });
  };

  const act = (run: () => Promise<void>, inverse: () => Promise<void>) => {
    undo.push(inverse);
    if (undo.length > 50) undo.shift();
    run().catch((error: unknown) => console.warn('Shelfmark: that change was not saved', error));
  };

  const onKey = (event: KeyboardEvent) => {
    if (!event.isTrusted || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTextField(event.composedPath()[0] ?? event.target)) return;
    const cards = deps.cards();
    const card = cards[index];
    switch (event.key) {
      case 'j':
      case 'k': {
        if (cards.length === 0) return;
        index = Math.max(0, Math.min(cards.length - 1, index + (event.key === 'j' ? 1 : -1)));
        ring(cards[index]);
        break;
      }
      case 's':
        if (!card) return;
        act(() => card.actions.setSaved(!card.saved), () => card.actions.setSaved(card.saved));
        break;
      case 'x':
        if (!card) return;
        act(() => card.actions.setDismissed(!card.dismissed), () => card.actions.setDismissed(card.dismissed));
        break;
      case 't':
      case 'n':
        if (!card) return;
        card.strip.openEditor(event.key === 't' ? 'tags' : 'note');
        break;
      case 'o': {
        const url = card && httpUrl(card.url);
        if (!url) return;
        deps.open(url);
        break;
      }
      case 'u': {
        const last = undo.pop();
        if (!last) return;
        last().catch((error: unknown) => console.warn('Shelfmark: could not undo', error));
        break;
      }
      case '?':
        deps.toggleHelp();
        break;
      case 'Escape':
        if (!deps.toggleHelp(false)) return;
        break;
      default:
        return;
    }
    event.preventDefault();
  };
  if (!signal.aborted) {
    deps.doc.addEventListener('keydown', onKey);
    signal.addEventListener(
      'abort',
      () => {
        deps.doc.removeEventListener('keydown', onKey);
        ring(undefined);
        deps.toggleHelp(false);
      },
      { once: true },
    );
  }
  return { current: () => index };
}
