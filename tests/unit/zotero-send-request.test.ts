import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ShelfmarkDb } from '../../lib/db';
import type { PaperId } from '../../lib/ids';
import { createHandlers, dispatch, type Caller } from '../../lib/messaging/handlers';
import type { RequestType } from '../../lib/messaging/protocol';
import { decodeRequest } from '../../lib/messaging/requests';
import { ViewLedger, memoryLedgerStore } from '../../lib/messaging/view-ledger';
import type { PageView, ScrapedPaper } from '../../lib/paper';
import { SimilarPapers } from '../../lib/similar-papers';
import { startProtocolServer, type ProtocolServer } from '../zotero/protocol-server';

const paper = (n: number): ScrapedPaper => ({
  id: `arxiv:2501.${String(n).padStart(5, '0')}` as PaperId,
  title: `Paper ${n}`,
  authors: ['Ada Lovelace'],
  url: `https://arxiv.org/abs/2501.${String(n).padStart(5, '0')}`,
});
const view: PageView = { viewId: 'v1', site: 'arxiv', url: 'https://arxiv.org/list/cs.LG/new', label: 'arXiv cs.LG new' };
const TAB: Caller = { kind: 'content', tabId: 1, url: 'https://arxiv.org/list/cs.LG/new' };
const OTHER_TAB: Caller = { kind: 'content', tabId: 2, url: 'https://example.org/' };

describe('zotero/send: the background posts to Zotero for a strip or the popup', () => {
  let zotero: ProtocolServer;
  let db: ShelfmarkDb;
  let counter = 0;
  beforeAll(async () => {
    zotero = await startProtocolServer();
  });
  afterAll(() => zotero.close());
  beforeEach(async () => {
    db = new ShelfmarkDb(`zotero-send-${++counter}`);
    await db.open();
    zotero.saved.length = 0;
    zotero.state.editable = true;
  });
  afterEach(() => db.delete());

  const background = () =>
    createHandlers({ db, similar: new SimilarPapers(db), ledger: new ViewLedger(memoryLedgerStore()), now: () => 1_000, changed: () => {}, settingsChanged: () => {}, zotero: { base: zotero.base } });
  const send = (handlers: ReturnType<typeof background>, caller: Caller, type: RequestType, payload: unknown) =>
    dispatch(handlers, { shelfmark: 'request', type, payload } as never, caller);

  it('sends the paper a strip stands on, with its tags and note, from the page it is on', async () => {
    const handlers = background();
    await send(handlers, TAB, 'cards/sync', { view, papers: [paper(1)] });
    await send(handlers, TAB, 'paper/change', { id: paper(1).id, change: { kind: 'add-tags', tags: ['rl'] } });
    await send(handlers, TAB, 'paper/change', { id: paper(1).id, change: { kind: 'note', note: 'Read §3' } });
    expect(await send(handlers, TAB, 'zotero/send', { ids: [paper(1).id] })).toEqual({ ok: true, value: { ok: true, sent: 1 } });
    expect(zotero.saved).toHaveLength(1);
    expect(zotero.saved[0].uri).toBe(TAB.kind === 'content' ? TAB.url : '');
    expect(zotero.saved[0].items).toMatchObject([{ title: 'Paper 1', tags: [{ tag: 'rl' }], notes: [{ note: '<p>Read §3</p>' }], archiveID: 'arXiv:2501.00001' }]);
  });

  it('refuses a paper the tab does not show, so a page cannot have the library posted', async () => {
    const handlers = background();
    await send(handlers, { kind: 'extension' }, 'paper/change', { id: paper(9).id, change: { kind: 'note', note: 'private' }, paper: paper(9) });
    await send(handlers, TAB, 'cards/sync', { view, papers: [paper(1)] });
    expect(await send(handlers, TAB, 'zotero/send', { ids: [paper(9).id] })).toEqual({ ok: false, error: 'zotero/send: this paper is not on this page' });
    expect(await send(handlers, OTHER_TAB, 'zotero/send', { ids: [paper(1).id] })).toMatchObject({ ok: false });
    expect(zotero.saved).toEqual([]);
  });

  it('lets a strip send one paper at a time, and an extension page many', () => {
    expect(decodeRequest('zotero/send', { ids: [paper(1).id, paper(2).id] }, 'content').ok).toBe(false);
    expect(decodeRequest('zotero/send', { ids: ['javascript:alert(1)'] }, 'content').ok).toBe(false);
    expect(decodeRequest('zotero/send', { ids: [paper(1).id, paper(2).id] }, 'extension').ok).toBe(true);
  });

  it('sends any stored paper for the popup, and answers Zotero’s refusals as data', async () => {
    const handlers = background();
    await send(handlers, { kind: 'extension' }, 'paper/change', { id: paper(3).id, change: { kind: 'save', saved: true }, paper: paper(3) });
    expect(await send(handlers, { kind: 'extension' }, 'zotero/send', { ids: [paper(3).id] })).toEqual({ ok: true, value: { ok: true, sent: 1 } });
    zotero.state.editable = false;
    const readOnly = await send(handlers, { kind: 'extension' }, 'zotero/send', { ids: [paper(3).id] });
    expect(readOnly).toMatchObject({ ok: true, value: { ok: false, reason: 'read-only' } });
    expect(await send(handlers, { kind: 'extension' }, 'zotero/send', { ids: [paper(4).id] })).toMatchObject({ ok: false });
  });
});
