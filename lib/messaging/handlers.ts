import type { ShelfmarkDb } from '../db';
import type { SimilarPapers } from '../similar-papers';
import { readSettings, updateSettings } from '../settings';
import { changePaper, changePapers, libraryStats, stateOf, syncCards, tagCounts } from '../library';
import { applyImport } from '../import/apply';
import { wipeLibrary } from '../backup/wipe';
import type { ForYou } from '../relevance/for-you';
import { decodeRelevanceRequest } from './relevance';
import type { Broadcast, RequestEnvelope, RequestOf, RequestType, ResponseEnvelope, ResponseOf } from './protocol';

type Handlers = { [T in RequestType]: (payload: RequestOf<T>) => Promise<ResponseOf<T>> };

export interface HandlerContext {
  db: ShelfmarkDb;
  similar: SimilarPapers;
  /** The "For you" model; without it every card answers null. */
  forYou?: ForYou;
  now: () => number;
  /** Called after a write that other views must reflect. */
  broadcast: (message: Broadcast) => void;
}

/** The background's side of the message layer: each request type mapped to the library call that answers it. */
export function createHandlers({ db, similar, forYou, now, broadcast }: HandlerContext): Handlers {
  return {
    'cards/sync': async ({ view, papers }) => {
      const { states, recorded } = await syncCards(db, view, papers, now());
      recorded.catch((error) => console.error('Shelfmark: could not record the cards of', view.url, error));
      return similar.annotate(papers, states);
    },
    'cards/relevance': async (payload) => {
      // Decoded here, not trusted: the content script runs in a page that may be hostile.
      const { cards } = decodeRelevanceRequest(payload);
      if (!forYou) return cards.map(() => null);
      return forYou.mark(cards, (await readSettings(db)).relevance);
    },
    'paper/change': async ({ id, change, paper }) => {
      const record = await changePaper(db, id, change, now(), paper);
      similar.update([record]);
      forYou?.update([record]);
      const state = stateOf(record, null);
      broadcast({ shelfmark: 'changed', states: [state] });
      return state;
    },
    'papers/change-many': async ({ ids, change }) => {
      const records = await changePapers(db, ids, change, now());
      similar.update(records);
      forYou?.update(records);
      const states = records.map((record) => stateOf(record, null));
      broadcast({ shelfmark: 'changed', states });
      return states;
    },
    'paper/get': async ({ id }) => (await db.papers.get(id)) ?? null,
    'tags/counts': () => tagCounts(db),
    'library/stats': () => libraryStats(db),
    'settings/get': () => readSettings(db),
    'settings/update': async (patch) => {
      const settings = await updateSettings(db, patch);
      broadcast({ shelfmark: 'settings', settings });
      return settings;
    },
    'library/import': async (request) => {
      const result = await applyImport(db, request, now());
      if (!result.ok) return result;
      similar.update(result.value.written);
      forYou?.update(result.value.written);
      broadcast({ shelfmark: 'changed', states: result.value.written.map((record) => stateOf(record, null)) });
      return { ok: true, value: result.value.report };
    },
    'library/wipe': async () => {
      const { papers, sightings, cleared } = await wipeLibrary(db);
      similar.reset();
      forYou?.reset();
      const empty = { savedAt: null, dismissedAt: null, tags: [], note: '' };
      broadcast({ shelfmark: 'changed', states: cleared.map((record) => ({ ...stateOf(record, null), ...empty })) });
      return { papers, sightings };
    },
  };
}

export async function dispatch(handlers: Handlers, envelope: RequestEnvelope): Promise<ResponseEnvelope> {
  const handler = Object.hasOwn(handlers, envelope.type)
    ? (handlers[envelope.type] as (payload: unknown) => Promise<unknown>)
    : undefined;
  if (!handler) return { ok: false, error: `unknown request type "${envelope.type}"` };
  try {
    return { ok: true, value: (await handler(envelope.payload)) as ResponseOf<RequestType> };
  } catch (error) {
    console.error('Shelfmark: request failed', envelope.type, error);
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
