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
  /**
   * The current states of these papers (a paper not in the library answers an empty state). A content script is
   * answered only for papers its tab shows; it asks after a change broadcast, which carries ids only.
   */
  'papers/states': { request: { ids: PaperId[] }; response: Omit<PaperState, 'earlierSighting'>[] };
  /** The same change to many papers in one transaction (bulk actions on the reading list). */
  'papers/change-many': { request: { ids: PaperId[]; change: PaperChange }; response: PaperState[] };
  'paper/get': { request: { id: PaperId }; response: PaperRecord | null };
  'settings/get': { request: Record<string, never>; response: Settings };
  'settings/update': { request: SettingsPatch; response: Settings };
  'tags/counts': { request: Record<string, never>; response: TagCount[] };
  'library/stats': { request: Record<string, never>; response: LibraryStats };
}

export type RequestType = keyof RequestMap;

// Who may send what, and the decoder each payload passes first: lib/messaging/requests.ts.
export type RequestOf<T extends RequestType> = RequestMap[T]['request'];
export type ResponseOf<T extends RequestType> = RequestMap[T]['response'];

export interface RequestEnvelope<T extends RequestType = RequestType> {
  shelfmark: 'request';
  type: T;
  payload: RequestOf<T>;
}

/**
 * Pushed by the background after a change, so all views agree at once. It names the papers only: a tab is told
 * about the papers it shows, then asks for their states (`papers/states`); no tag or note travels to a tab unasked.
 */
export interface ChangeBroadcast {
  shelfmark: 'changed';
  ids: PaperId[];
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
  return isObject(value) && value.shelfmark === 'changed' && Array.isArray(value.ids);
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
  /**
   * An extension page's import worker has committed an import itself (a large file never fits one message):
   * the background refreshes what it keeps in memory and broadcasts the written papers' states.
   */
  'library/imported': { request: { ids: PaperId[] }; response: { papers: number } };
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

/**
 * Send to Zotero (lib/zotero/connector.ts): the background posts the papers to Zotero desktop's connector. A strip
 * sends the one paper it stands on, and only a paper its tab shows; extension pages (the popup) send any.
 */
export interface RequestMap {
  'zotero/send': { request: { ids: PaperId[] }; response: import('../zotero/connector').ZoteroSendResult };
}

/** Sync through the user's WebDAV server (lib/sync): extension pages only. */
export interface RequestMap {
  'sync/get': { request: Record<string, never>; response: import('../sync/handlers').SyncView };
  /** Saves the configuration and turns sync on; the page has asked for the server's origin already. */
  'sync/enable': { request: import('../sync/handlers').SyncConfigInput; response: import('../sync/handlers').SyncView };
  'sync/now': { request: Record<string, never>; response: import('../sync/handlers').SyncView };
  /** Turns sync off here; `deleteRemote` also deletes the library's folder on the server. */
  'sync/disable': { request: { deleteRemote: boolean }; response: import('../sync/handlers').SyncView };
}

/** Automatic backups into the downloads folder (lib/auto-backup): extension pages only. */
export interface RequestMap {
  'backup/status': { request: Record<string, never>; response: import('../auto-backup/writer').AutoBackupStatus };
  'backup/configure': {
    request: Partial<import('../auto-backup/policy').AutoBackupConfig>;
    response: import('../auto-backup/writer').AutoBackupStatus;
  };
  /** Writes a backup now, whatever the schedule: answers how it went and the new status. */
  'backup/now': {
    request: Record<string, never>;
    response: { result: import('../auto-backup/writer').RunResult; status: import('../auto-backup/writer').AutoBackupStatus };
  };
}
