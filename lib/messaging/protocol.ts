import type { PaperId } from '../ids';
import type { LibraryStats, TagCount } from '../library';
import type { Settings, SettingsPatch } from '../settings';
import type { PageView, PaperChange, PaperRecord, PaperState, ScrapedPaper } from '../paper';

/**
 * Every request a content script or extension page can make of the background, with its response.
 * The background is the only writer of the library; pages never see it except through these answers.
 */
export interface RequestMap {
  /** One per scan: record the cards as seen and answer their states, in the order given. */
  'cards/sync': { request: { view: PageView; papers: ScrapedPaper[] }; response: PaperState[] };
  'paper/change': {
    request: { id: PaperId; change: PaperChange; paper?: ScrapedPaper };
    response: PaperState;
  };
  /** The same change to many papers in one transaction (bulk actions on the reading list). */
  'papers/change-many': { request: { ids: PaperId[]; change: PaperChange }; response: PaperState[] };
  'paper/get': { request: { id: PaperId }; response: PaperRecord | null };
  'settings/get': { request: Record<string, never>; response: Settings };
  'settings/update': { request: SettingsPatch; response: Settings };
  'tags/counts': { request: Record<string, never>; response: TagCount[] };
  'library/stats': { request: Record<string, never>; response: LibraryStats };
}

export type RequestType = keyof RequestMap;

/**
 * What a content script may ask. A web page's renderer runs our content script, so a compromised page could send
 * anything a content script can: wiping, importing and bulk changes are for extension pages only.
 */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<RequestType> = new Set<RequestType>([
  'cards/sync',
  'cards/relevance',
  'paper/change',
  'tags/counts',
  'settings/get',
  'settings/update',
]);
export type RequestOf<T extends RequestType> = RequestMap[T]['request'];
export type ResponseOf<T extends RequestType> = RequestMap[T]['response'];

export interface RequestEnvelope<T extends RequestType = RequestType> {
  shelfmark: 'request';
  type: T;
  payload: RequestOf<T>;
}

/** Pushed by the background to every tab and extension page after a change, so all views agree at once. */
export interface ChangeBroadcast {
  shelfmark: 'changed';
  states: Omit<PaperState, 'earlierSighting'>[];
}

/** Pushed after the settings change, so open pages apply a new duplicate filter without a reload. */
export interface SettingsBroadcast {
  shelfmark: 'settings';
  settings: Settings;
}

export type Broadcast = ChangeBroadcast | SettingsBroadcast;

/** Errors cross the message boundary as data: the polyfill would otherwise flatten them to a bare message. */
export type ResponseEnvelope<T extends RequestType = RequestType> =
  | { ok: true; value: ResponseOf<T> }
  | { ok: false; error: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isRequestEnvelope(value: unknown): value is RequestEnvelope {
  return isObject(value) && value.shelfmark === 'request' && typeof value.type === 'string' && 'payload' in value;
}

export function isChangeBroadcast(value: unknown): value is ChangeBroadcast {
  return isObject(value) && value.shelfmark === 'changed' && Array.isArray(value.states);
}

export function isSettingsBroadcast(value: unknown): value is SettingsBroadcast {
  return isObject(value) && value.shelfmark === 'settings' && isObject(value.settings);
}

/** Import and wipe: pages parse and validate files (lib/import, lib/backup); the background writes. */
export interface RequestMap {
  /** Applies an already-parsed, validated import in one transaction; failures come back as `{ ok: false, errors }`. */
  'library/import': {
    request: import('../import/apply').ImportRequest;
    response: import('../import/result').ImportResult<import('../import/result').ImportReport>;
  };
  /** Deletes every paper, the seen history and the search index; settings stay. Answers what was deleted. */
  'library/wipe': { request: Record<string, never>; response: { papers: number; sightings: number } };
}

/** "For you" (lib/relevance): the unseen cards of one scan, marked by the background's model. */
export interface RequestMap {
  'cards/relevance': {
    request: import('./relevance').RelevanceRequest;
    response: import('./relevance').RelevanceResponse;
  };
}
