import type { PaperId } from '../ids';
import type { DuplicatePresentation } from './duplicate-filter';
import type { StateToken } from './presentation';

/**
 * The page contract: the only things Shelfmark writes into page-reachable DOM besides its host elements. All of it
 * is what a page could infer from the layout anyway (which card is which paper, which are folded); tags, notes and
 * the reasons quoting them stay in the closed shadow roots.
 */
export const ID_ATTRIBUTE = 'data-shelfmark-id';
export const STATE_ATTRIBUTE = 'data-shelfmark-state';
export const COLLAPSED_ATTRIBUTE = 'data-shelfmark-collapsed';
export const DIMMED_ATTRIBUTE = 'data-shelfmark-dimmed';
/** Set on a strip host once its UI is drawn; until then page CSS reserves its height so nothing jumps. */
export const READY_ATTRIBUTE = 'data-shelfmark-ready';

const CARD_ATTRIBUTES = [ID_ATTRIBUTE, STATE_ATTRIBUTE, COLLAPSED_ATTRIBUTE, DIMMED_ATTRIBUTE] as const;

/** Writes a card's data attributes on every element of the card (on arXiv both the dt and the dd). */
export function markCard(elements: readonly Element[], id: PaperId, tokens: readonly StateToken[], presentation: DuplicatePresentation): void {
  const state = tokens.join(' ');
  for (const element of elements) {
    element.setAttribute(ID_ATTRIBUTE, id);
    if (state) element.setAttribute(STATE_ATTRIBUTE, state);
    else element.removeAttribute(STATE_ATTRIBUTE);
    element.toggleAttribute(COLLAPSED_ATTRIBUTE, presentation === 'collapsed');
    element.toggleAttribute(DIMMED_ATTRIBUTE, presentation === 'dimmed');
  }
}

/** Takes every attribute off, so a card that stops matching is left as the page drew it. */
export function unmarkCard(elements: readonly Element[]): void {
  for (const element of elements) for (const attribute of CARD_ATTRIBUTES) element.removeAttribute(attribute);
}
