import {
  INVALID,
  Problems,
  boolean,
  finiteNumber,
  list,
  literal,
  nullable,
  object,
  positiveInteger,
  refined,
  tagged,
  text,
  type Decoder,
} from '../backup/decode';
import { isPaperId, type PaperId } from '../ids';
import type { ArxivMeta, PageView, PaperChange, ScrapedPaper } from '../paper';
import type { DuplicateKinds, DuplicateMode, SettingsPatch } from '../settings';
import { LIMITS } from './limits';
import { relevanceRequest } from './relevance';
import type { RequestOf, RequestType } from './protocol';
import { SITE_KEYS, type SiteKey } from '../sites/registry';
import { httpUrl as safeHttpUrl } from '../safe-url';
import { KEEP_RANGE } from '../auto-backup/policy';

/**
 * The background's boundary: for every request type, who may send it and the decoder its payload must pass before
 * any handler runs. A content script runs inside a page we do not control (an XSS, a compromised renderer), so what
 * it sends is checked like a file from the internet: shapes, lengths, counts, and the change kinds a strip sends.
 */

export type Sender = 'content' | 'extension';

export interface RequestSpec<T extends RequestType> {
  /** `content`: content scripts and extension pages; `extension`: extension pages only. */
  from: Sender;
  payload: Decoder<RequestOf<T>>;
  /** A narrower decoder for content scripts, when they may send less than extension pages. */
  contentPayload?: Decoder<RequestOf<T>>;
}

const paperId: Decoder<PaperId> = refined(text(LIMITS.id), isPaperId, 'a paper id (arxiv:…, doi:… or title:…)');
const site = literal<SiteKey>(...SITE_KEYS);
const isHttpUrl = (value: string): value is string => safeHttpUrl(value) !== undefined;
const httpUrl = refined(text(LIMITS.url), isHttpUrl, 'an http(s) URL');
const isoDate = refined(text(LIMITS.published), (value): value is string => /^\d{4}(-\d{2}(-\d{2})?)?$/.test(value), 'a date YYYY[-MM[-DD]]');
const empty = object({});

const arxivMeta: Decoder<ArxivMeta> = object(
  {},
  {
    primaryCategory: text(LIMITS.category),
    categories: list(text(LIMITS.category), LIMITS.categories),
    comments: text(LIMITS.comments),
    journalRef: text(LIMITS.journalRef),
    listing: literal('new', 'cross-list', 'replacement'),
  },
);

export const scrapedPaper: Decoder<ScrapedPaper> = object(
  {
    id: paperId,
    title: refined(text(LIMITS.title), (value): value is string => value.trim() !== '', 'a title'),
    authors: list(text(LIMITS.author), LIMITS.authors),
    url: httpUrl,
  },
  {
    version: positiveInteger,
    abstract: text(LIMITS.abstract),
    summary: text(LIMITS.summary),
    published: isoDate,
    organization: text(LIMITS.organization),
    upvotes: finiteNumber,
    arxiv: arxivMeta,
    doi: text(LIMITS.doi),
  },
);

const pageView: Decoder<PageView> = object({ viewId: text(LIMITS.viewId), site, url: httpUrl, label: text(LIMITS.label) });

const tags = list(text(LIMITS.tag), LIMITS.tagsPerChange);

/** What a card strip sends: save, hide, tags one at a time, a note. */
const stripChange: Decoder<PaperChange> = tagged<PaperChange>({
  save: object({ kind: literal('save'), saved: boolean }),
  dismiss: object({ kind: literal('dismiss'), dismissed: boolean }),
  'add-tags': object({ kind: literal('add-tags'), tags }),
  'remove-tags': object({ kind: literal('remove-tags'), tags }),
  note: object({ kind: literal('note'), note: text(LIMITS.note) }),
  tags: refusedKind('tags'),
  status: refusedKind('status'),
});

/** Extension pages also replace tag lists, set statuses and restore an earlier save time (undo). */
const anyChange: Decoder<PaperChange> = tagged<PaperChange>({
  save: object({ kind: literal('save'), saved: boolean }, { at: finiteNumber }),
  dismiss: object({ kind: literal('dismiss'), dismissed: boolean }),
  'add-tags': object({ kind: literal('add-tags'), tags }),
  'remove-tags': object({ kind: literal('remove-tags'), tags }),
  tags: object({ kind: literal('tags'), tags: list(text(LIMITS.tag), LIMITS.tagsPerPaper) }),
  note: object({ kind: literal('note'), note: text(LIMITS.note) }),
  status: object({ kind: literal('status'), status: nullable(literal('to-read', 'reading', 'read')) }),
});

function refusedKind<K extends PaperChange['kind']>(kind: K): Decoder<Extract<PaperChange, { kind: K }>> {
  return (_value, path, problems) => {
    problems.add(path ? `${path}.kind` : 'kind', `"${kind}" changes are not sent by a card strip`);
    return INVALID;
  };
}

const mode: Decoder<DuplicateMode> = literal('hide', 'dim', 'off');
const kinds: Decoder<Partial<DuplicateKinds>> = object({}, { seen: boolean, saved: boolean, dismissed: boolean, repeat: boolean, similar: boolean });

/** A page's duplicate bar chooses the mode for its site and which kinds count; nothing else. */
const barSettings: Decoder<SettingsPatch> = object(
  { duplicates: object({}, { perSite: object({}, { hf: mode, arxiv: mode }), kinds }) },
);
const anySettings: Decoder<SettingsPatch> = object(
  {},
  {
    sites: object({}, { hf: boolean, arxiv: boolean }),
    keyboard: boolean,
    relevance: object({}, { enabled: boolean, minSaved: positiveInteger, percent: positiveInteger }),
    duplicates: object({}, { defaultMode: mode, perSite: object({}, { hf: mode, arxiv: mode }), kinds }),
  },
);

const ids = list(paperId, LIMITS.idsPerRequest);

/** Requests whose payload is not decoded here: extension pages only, and checked by their own modules. */
const checkedElsewhere = <T>(): Decoder<T> => (value) => value as T;

export const REQUESTS: { [T in RequestType]: RequestSpec<T> } = {
  'cards/sync': { from: 'content', payload: object({ view: pageView, papers: list(scrapedPaper, LIMITS.papersPerRequest) }) },
  'paper/change': {
    from: 'content',
    payload: object({ id: paperId, change: anyChange }, { paper: scrapedPaper }),
    contentPayload: object({ id: paperId, change: stripChange }, { paper: scrapedPaper }),
  },
  'papers/states': { from: 'content', payload: object({ ids }) },
  'cards/relevance': { from: 'content', payload: relevanceRequest },
  'tags/counts': { from: 'content', payload: empty },
  'settings/get': { from: 'content', payload: empty },
  'settings/update': { from: 'content', payload: anySettings, contentPayload: barSettings },
  'zotero/send': { from: 'content', payload: object({ ids }), contentPayload: object({ ids: list(paperId, 1) }) },
  'papers/change-many': { from: 'extension', payload: object({ ids, change: anyChange }) },
  'paper/get': { from: 'extension', payload: object({ id: paperId }) },
  'library/stats': { from: 'extension', payload: empty },
  // Validated by lib/import (a whole file's worth of checks) before it is sent.
  'library/import': { from: 'extension', payload: checkedElsewhere() },
  'library/imported': { from: 'extension', payload: object({ ids: list(paperId, LIMITS.idsPerImport) }) },
  'library/wipe': { from: 'extension', payload: empty },
  'sync/get': { from: 'extension', payload: empty },
  'sync/enable': {
    from: 'extension',
    payload: object(
      { serverUrl: httpUrl, username: text(LIMITS.label), folder: text(LIMITS.label) },
      { password: text(LIMITS.note), passphrase: text(LIMITS.note) },
    ),
  },
  'sync/now': { from: 'extension', payload: empty },
  'sync/disable': { from: 'extension', payload: object({ deleteRemote: boolean }) },
  'backup/status': { from: 'extension', payload: empty },
  'backup/configure': {
    from: 'extension',
    payload: object(
      {},
      {
        enabled: boolean,
        every: literal('day', 'week'),
        keep: refined(positiveInteger, (value): value is number => value <= KEEP_RANGE.max, `at most ${KEEP_RANGE.max}`),
      },
    ),
  },
  'backup/now': { from: 'extension', payload: empty },
};

export type Decoded<T extends RequestType> = { ok: true; payload: RequestOf<T> } | { ok: false; error: string };

/** Checks who sent a request and what it carries; the error names every problem found (a few at most). */
export function decodeRequest(type: string, payload: unknown, sender: Sender): Decoded<RequestType> {
  if (!Object.hasOwn(REQUESTS, type)) return { ok: false, error: `unknown request type "${type}"` };
  const spec = REQUESTS[type as RequestType] as RequestSpec<RequestType>;
  if (sender === 'content' && spec.from !== 'content') return { ok: false, error: `"${type}" is not available to web pages` };
  const decoder = sender === 'content' ? (spec.contentPayload ?? spec.payload) : spec.payload;
  const problems = new Problems(5);
  const decoded = decoder(payload, '', problems);
  if (decoded === INVALID) return { ok: false, error: `"${type}" refused: ${problems.messages().join('; ')}` };
  return { ok: true, payload: decoded };
}
