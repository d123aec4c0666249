import { INVALID, Problems, array, object, refined, string, type Decoder } from '../backup/decode';
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

const MAX_CARDS = 2500;
const text = (max: number) => refined(string, (value): value is string => value.length <= max, `a string of at most ${max} characters`);
const card: Decoder<RelevanceCard> = object(
  { id: refined(string, isPaperId, 'a paper id'), title: text(2000) },
  { abstract: text(20_000), summary: text(5000) },
);
const request = object({ cards: array(card) });

/** Checks a content script's `cards/relevance` payload: the page may have steered what the script sends. */
export function decodeRelevanceRequest(value: unknown): RelevanceRequest {
  const problems = new Problems(5);
  const decoded = request(value, '', problems);
  if (decoded === INVALID) throw new Error(`bad cards/relevance request: ${problems.messages().join('; ')}`);
  if (decoded.cards.length > MAX_CARDS) throw new Error(`bad cards/relevance request: more than ${MAX_CARDS} cards`);
  return decoded;
}
