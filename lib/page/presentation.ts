import type { PaperState } from '../paper';
import { relativeTime } from '../relative-time';
import type { CardView } from './card-view';

/** Tokens of `data-shelfmark-state`, a stable contract for tests and users' own CSS. */
export type StateToken = 'saved' | 'dismissed' | 'seen' | 'repeat';

export interface CardFacts {
  title: string;
  state: PaperState;
  /** 1-based position of the first card of the same paper on this page, when this card repeats it. */
  repeatOf: number | null;
  revealed: boolean;
}

export function stateTokens({ state, repeatOf }: CardFacts): StateToken[] {
  const tokens: StateToken[] = [];
  if (state.savedAt !== null) tokens.push('saved');
  if (state.dismissedAt !== null) tokens.push('dismissed');
  if (state.earlierSighting) tokens.push('seen');
  if (repeatOf !== null) tokens.push('repeat');
  return tokens;
}

export function seenHint(state: PaperState, now: number): string | null {
  const earlier = state.earlierSighting;
  return earlier ? `Seen ${relativeTime(earlier.at, now)} on ${earlier.label}` : null;
}

export function cardView(facts: CardFacts, now: number): CardView {
  const dismissed = facts.state.dismissedAt !== null;
  return {
    title: facts.title,
    state: facts.state,
    collapsedReason: dismissed && !facts.revealed ? 'Hidden' : null,
    hint: seenHint(facts.state, now) ?? (facts.repeatOf !== null ? `Also #${facts.repeatOf} above` : null),
    revealed: facts.revealed && dismissed,
  };
}
