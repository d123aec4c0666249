import type { PaperState } from '../paper';
import type { DuplicateKinds, DuplicateMode } from '../settings';
import type { CardView } from './card-view';
import { duplicateReason, presentDuplicate, primaryKind, type DuplicateKind, type DuplicatePresentation } from './duplicate-filter';

/** Tokens of `data-shelfmark-state`, a stable contract for tests and users' own CSS. */
export type StateToken = 'saved' | 'dismissed' | 'seen' | 'repeat' | 'similar';

export interface FilterChoice {
  mode: DuplicateMode;
  kinds: DuplicateKinds;
  /** "Show all" was clicked on this page view. */
  revealAll: boolean;
  /** A page about this one paper (an abstract page): marked, never folded, not even when hidden here. */
  neverFold?: boolean;
}

export interface CardFacts {
  title: string;
  /** As the page view first received it. */
  arrival: PaperState;
  state: PaperState;
  /** 1-based position of the first card of the same paper on this page, when this card repeats it. */
  repeatOf: number | null;
  /** Show was clicked on this card. */
  revealed: boolean;
  forYou?: import('./card-view').ForYouBadge | null;
}

export function stateTokens({ state, arrival, repeatOf }: CardFacts): StateToken[] {
  const tokens: StateToken[] = [];
  if (state.savedAt !== null) tokens.push('saved');
  if (state.dismissedAt !== null) tokens.push('dismissed');
  if (arrival.earlierSighting) tokens.push('seen');
  if (repeatOf !== null) tokens.push('repeat');
  if (arrival.similarTo) tokens.push('similar');
  return tokens;
}

export interface Presented {
  view: CardView;
  kind: DuplicateKind | null;
  presentation: DuplicatePresentation;
}

export function presentCard(facts: CardFacts, filter: FilterChoice, now: number): Presented {
  const duplicateFacts = { arrival: facts.arrival, current: facts.state, repeatOf: facts.repeatOf };
  const revealed = facts.revealed || filter.revealAll;
  // Hide clicked on this very page view folds the card whatever the filter says: it was an explicit request.
  const hiddenHere = facts.state.dismissedAt !== null && facts.arrival.dismissedAt === null;
  const kind = hiddenHere ? 'dismissed' : primaryKind(duplicateFacts, filter.kinds, now);
  const presentation = filter.neverFold
    ? 'shown'
    : hiddenHere
      ? facts.revealed ? 'dimmed' : 'collapsed'
      : presentDuplicate(kind, filter.mode, revealed);
  const reason = kind ? duplicateReason(kind, duplicateFacts, now) : null;
  const capitalized = reason ? reason[0].toUpperCase() + reason.slice(1) : null;
  return {
    kind,
    presentation,
    view: {
      title: facts.title,
      state: facts.state,
      collapsedReason: presentation === 'collapsed' ? capitalized : null,
      hint: presentation === 'collapsed' ? null : capitalized,
      // A card the user already acted on needs no recommendation.
      forYou: facts.state.savedAt === null && facts.state.dismissedAt === null ? (facts.forYou ?? null) : null,
      revealed: facts.revealed && presentation !== 'collapsed' && (hiddenHere || (kind !== null && filter.mode === 'hide' && !filter.revealAll)),
    },
  };
}
