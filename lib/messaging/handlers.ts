import type { ShelfmarkDb } from '../db';
import type { PaperId } from '../ids';
import type { SimilarPapers } from '../similar-papers';
import { readSettings, updateSettings, type Settings } from '../settings';
import { changePaper, changePapers, libraryStats, statesOf, stateOf, syncCards, tagCounts } from '../library';
import { applyImport } from '../import/apply';
import { wipeLibrary } from '../backup/wipe';
import { describeWriteError } from '../storage-errors';
import { isOwnPage } from '../sites/own-page';
import { resolveTitleCards } from '../title-identity';
import { siteOfUrl } from '../sites/hosts';
import { papersPerViewOn } from './limits';
import type { PaperRecord } from '../paper';
import { createSyncHandlers } from '../sync/handlers';
import type { RequestEnvelope, RequestOf, RequestType, ResponseEnvelope, ResponseOf } from './protocol';
import { decodeRequest } from './requests';
import type { ViewLedger } from './view-ledger';
import type { ForYou } from '../relevance/for-you';
import { createAutoBackupHandlers } from '../auto-backup/handlers';
import type { AutoBackup } from '../auto-backup/writer';
import { sendToZotero, type ZoteroSendOptions } from '../zotero/connector';

/** Who is asking: an extension page, or the content script of one tab (the browser says which, not the page). */
export type Caller = { kind: 'extension' } | { kind: 'content'; tabId: number; url: string };

type Handlers = { [T in RequestType]: (payload: RequestOf<T>, caller: Caller) => Promise<ResponseOf<T>> };

export interface HandlerContext {
  db: ShelfmarkDb;
  similar: SimilarPapers;
  ledger: ViewLedger;
  /** The "For you" model; without it every card answers null. */
  forYou?: ForYou;
  now: () => number;
  /** Called after a write that other views must reflect: ids only (see ChangeBroadcast). */
  changed: (ids: PaperId[]) => void;
  settingsChanged: (settings: Settings) => void;
  /** Where Send to Zotero posts (tests: a protocol server); Zotero desktop's connector otherwise. */
  zotero?: Pick<ZoteroSendOptions, 'base' | 'fetch'>;
  /** Automatic backups (the background's downloads); without it their requests are refused. */
  autoBackup?: AutoBackup;
  /** Told after an import rewrote more than REBUILD_CACHES_AFTER papers (a restore): the search index is rebuilt. */
  libraryReplaced?: () => void;
}

/** A refusal the caller should see as it is (not logged as a failure of ours). */
export class RefusedRequest extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedRequest';
  }
}

/** Papers written by an import worker beyond which the background's caches are rebuilt rather than updated. */
export const REBUILD_CACHES_AFTER = 2_000;

/** The background's side of the message layer: each request type mapped to the library call that answers it. */
export function createHandlers({ db, similar, forYou, ledger, now, changed, settingsChanged, zotero, autoBackup, libraryReplaced }: HandlerContext): Handlers {
  return {
    ...(autoBackup ? createAutoBackupHandlers(autoBackup) : noAutoBackup),
    ...createSyncHandlers({
      db,
      now,
      onPapers: (records) => {
        if (!records.length) return;
        similar.update(records);
        changed(records.map((record) => record.id));
      },
      onWiped: (ids) => {
        similar.reset();
        forYou?.reset();
        changed(ids);
      },
    }),
    'cards/sync': async ({ view, papers: scraped }, caller) => {
      // A title-only card stands for the stored record of its work (answered under that id, so the tab records it).
      const papers = await resolveTitleCards(db, scraped);
      if (caller.kind === 'content') {
        const cap = papersPerViewOn(siteOfUrl(caller.url));
        const recorded = await ledger.record(caller.tabId, view.viewId, papers.map((paper) => paper.id), cap);
        if (!recorded.ok) throw new RefusedRequest(recorded.error);
      }
      const ownPage = caller.kind === 'content' ? (id: PaperId) => isOwnPage(caller.url, id) : () => false;
      // The folded records are gone: the similar-papers index forgets them (seen ones too), the relevance model sees
      // them unsaved (they arrive with their user fields cleared);
      // tabs showing a folded id are told it changed (it is gone), as they are of the record that took it in.
      const onJoined = (joined: PaperRecord[], folded: PaperRecord[]) => {
        similar.update(joined);
        similar.forget(folded.map((record) => record.id));
        forYou?.update([...joined, ...folded]);
        changed([...joined, ...folded].map((record) => record.id));
      };
      const states = await syncCards(db, view, papers, now(), { ownPage, onJoined });
      const annotated = await similar.annotate(papers, states, view);
      similar.observe(view, papers, states);
      return annotated;
    },
    'cards/relevance': async ({ cards }, caller) => {
      // Only cards its tab shows: a page cannot probe the model with made-up papers beyond one page view's worth.
      if (caller.kind === 'content' && !(await ledger.shows(caller.tabId, cards.map((card) => card.id)))) {
        throw new RefusedRequest('cards/relevance: these cards are not on this page');
      }
      if (!forYou) return cards.map(() => null);
      return forYou.mark(cards, (await readSettings(db)).relevance);
    },
    'paper/change': async ({ id, change, paper }, caller) => {
      if (caller.kind === 'content' && !(await ledger.shows(caller.tabId, [id]))) {
        throw new RefusedRequest(`${id} is not on this page`);
      }
      if (paper && paper.id !== id) throw new RefusedRequest(`the card sent is ${paper.id}, not ${id}`);
      const record = await changePaper(db, id, change, now(), paper);
      similar.update([record]);
      forYou?.update([record]);
      changed([id]);
      return stateOf(record, null);
    },
    'papers/states': async ({ ids }, caller) => {
      const shown = caller.kind === 'content' ? ((await ledger.tabsShowing(ids)).get(caller.tabId) ?? []) : ids;
      return statesOf(db, shown);
    },
    'papers/change-many': async ({ ids, change }) => {
      const records = await changePapers(db, ids, change, now());
      similar.update(records);
      forYou?.update(records);
      changed(records.map((record) => record.id));
      return records.map((record) => stateOf(record, null));
    },
    'paper/get': async ({ id }) => (await db.papers.get(id)) ?? null,
    'zotero/send': async ({ ids }, caller) => {
      // A page cannot have the user's notes and tags posted anywhere by naming a paper it does not show.
      if (caller.kind === 'content' && !(await ledger.shows(caller.tabId, ids))) throw new RefusedRequest('zotero/send: this paper is not on this page');
      const records = (await db.papers.bulkGet(ids)).filter((record) => record !== undefined);
      if (!records.length) throw new RefusedRequest('zotero/send: none of these papers is in the library');
      return sendToZotero(records, { ...zotero, uri: caller.kind === 'content' ? caller.url : undefined });
    },
    'tags/counts': () => tagCounts(db),
    'library/stats': () => libraryStats(db),
    'settings/get': () => readSettings(db),
    'settings/update': async (patch) => {
      const settings = await updateSettings(db, patch);
      settingsChanged(settings);
      return settings;
    },
    'library/import': async (request) => {
      const result = await applyImport(db, request, now());
      if (!result.ok) return result;
      similar.update(result.value.written);
      forYou?.update(result.value.written);
      changed(result.value.written.map((record) => record.id));
      return { ok: true, value: result.value.report };
    },
    'library/imported': async ({ ids }) => {
      // A restore can write 100,000 papers: reading them all back to update the caches took seconds, while their next
      // use rebuilds them from the database as it is then.
      if (ids.length > REBUILD_CACHES_AFTER) {
        similar.reset();
        forYou?.reset();
        changed(ids);
        libraryReplaced?.();
        return { papers: ids.length };
      }
      const written = (await db.papers.bulkGet(ids)).filter((record) => record !== undefined);
      similar.update(written);
      forYou?.update(written);
      changed(written.map((record) => record.id));
      return { papers: written.length };
    },
    'library/wipe': async () => {
      const { papers, sightings, cleared } = await wipeLibrary(db);
      similar.reset();
      forYou?.reset();
      changed(cleared.map((record) => record.id));
      return { papers, sightings };
    },
  };
}

const unavailable = () => Promise.reject(new RefusedRequest('automatic backups are not available here'));
const noAutoBackup = { 'backup/status': unavailable, 'backup/configure': unavailable, 'backup/now': unavailable };

/** Decodes the request for its caller, then runs its handler; every failure comes back as data. */
export async function dispatch(handlers: Handlers, envelope: RequestEnvelope, caller: Caller): Promise<ResponseEnvelope> {
  const decoded = decodeRequest(envelope.type, envelope.payload, caller.kind);
  if (!decoded.ok) {
    console.warn('Shelfmark: refused a request', decoded.error);
    return { ok: false, error: decoded.error };
  }
  const handler = handlers[envelope.type] as (payload: unknown, caller: Caller) => Promise<unknown>;
  try {
    return { ok: true, value: (await handler(decoded.payload, caller)) as ResponseOf<RequestType> };
  } catch (error) {
    if (error instanceof RefusedRequest) console.warn('Shelfmark: refused a request', envelope.type, error.message);
    else console.error('Shelfmark: request failed', envelope.type, error);
    return { ok: false, error: describeWriteError(error) };
  }
}
