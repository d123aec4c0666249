import { list, object, refined, text, type Decoder } from '../backup/decode';
import { LIMITS } from './limits';
import { isPaperId, type PaperId } from '../ids';

/** The text of one unseen card the content script asks about; nothing else of the page is sent. */
export interface RelevanceCard {
  id: PaperId;
  title: string;
  abstract?: string;
  summary?: string;
}

/** Why a card is "for you": private (tags, saved titles), drawn only inside the strip's closed shadow root. */
export interface ForYouMark {
  /** Higher is more relevant; only the order within one answer means anything. */
  score: number;
  tag: string | null;
  like: Array<{ id: PaperId; title: string }>;
}

export interface RelevanceRequest {
  cards: RelevanceCard[];
}

/** One mark per card in the request's order; null where a card is not for you (or the feature is off). */
export type RelevanceResponse = Array<ForYouMark | null>;

const card: Decoder<RelevanceCard> = object(
  { id: refined(text(LIMITS.id), isPaperId, 'a paper id'), title: text(LIMITS.title) },
  { abstract: text(LIMITS.abstract), summary: text(LIMITS.summary) },
);

/** A content script's `cards/relevance` payload, checked at the boundary (lib/messaging/requests.ts). */
export const relevanceRequest: Decoder<RelevanceRequest> = object({ cards: list(card, LIMITS.papersPerRequest) });
