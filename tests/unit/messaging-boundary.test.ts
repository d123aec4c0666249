import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ShelfmarkDb } from '../../lib/db';
import { createHandlers, dispatch, type Caller } from '../../lib/messaging/handlers';
import { LIMITS } from '../../lib/messaging/limits';
import type { RequestType } from '../../lib/messaging/protocol';
import { REQUESTS, decodeRequest } from '../../lib/messaging/requests';
import { ViewLedger, memoryLedgerStore } from '../../lib/messaging/view-ledger';
import type { PaperId } from '../../lib/ids';
import type { PageView, ScrapedPaper } from '../../lib/paper';
import { SimilarPapers } from '../../lib/similar-papers';

const paper = (n: number, extra: Partial<ScrapedPaper> = {}): ScrapedPaper => ({
  id: `arxiv:2501.${String(n).padStart(5, '0')}`,
  title: `Paper ${n}`,
  authors: ['Ada Lovelace'],
  url: `https://huggingface.co/papers/2501.${String(n).padStart(5, '0')}`,
  ...extra,
});
const view = (viewId: string): PageView => ({ viewId, site: 'hf', url: 'https://huggingface.co/papers', label: 'HF daily' });

describe('request decoders', () => {
  const types = Object.keys(REQUESTS) as RequestType[];

  it('never throw, whatever arrives, from either kind of sender', () => {
    fc.assert(
      fc.property(fc.constantFrom(...types, 'nope', '__proto__', 'constructor'), fc.anything(), fc.constantFrom('content', 'extension'), (type, payload, sender) => {
        const decoded = decodeRequest(type, payload, sender as 'content' | 'extension');
        expect(typeof decoded.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('never accept a cards/sync whose papers are not well-formed', () => {
    const value = fc.oneof(fc.anything(), fc.string(), fc.integer(), fc.constant(null), fc.object());
    fc.assert(
      fc.property(value, value, value, (title, authors, url) => {
        const candidate = { id: 'arxiv:2501.00001', title, authors, url };
        const decoded = decodeRequest('cards/sync', { view: view('v'), papers: [candidate] }, 'content');
        const wellFormed =
          typeof title === 'string' && title.trim() !== '' && title.length <= LIMITS.title &&
          Array.isArray(authors) && authors.every((a) => typeof a === 'string') &&
          typeof url === 'string' && /^https?:\/\//i.test(url);
        if (!wellFormed) expect(decoded.ok).toBe(false);
      }),
    );
  });

  it('accept what the card layer sends, and drop keys they do not know', () => {
    const decoded = decodeRequest('cards/sync', { view: view('v'), papers: [{ ...paper(1), evil: 'x' }] }, 'content');
    expect(decoded).toEqual({ ok: true, payload: { view: view('v'), papers: [paper(1)] } });
  });

  it.each([
    ['a status no strip has', 'paper/change', { id: 'arxiv:2501.00001', change: { kind: 'status', status: 'pwned' } }],
    ['a tag list replaced from a page', 'paper/change', { id: 'arxiv:2501.00001', change: { kind: 'tags', tags: [] } }],
    ['a 5 MB note', 'paper/change', { id: 'arxiv:2501.00001', change: { kind: 'note', note: 'x'.repeat(5_000_000) } }],
    ['an unknown change kind', 'paper/change', { id: 'arxiv:2501.00001', change: { kind: 'wipe' } }],
    ['a malformed id', 'paper/change', { id: 'javascript:alert(1)', change: { kind: 'save', saved: true } }],
    ['more papers than one request carries', 'cards/sync', { view: view('v'), papers: Array.from({ length: LIMITS.papersPerRequest + 1 }, (_, n) => paper(n)) }],
    ['a non-string title', 'cards/sync', { view: view('v'), papers: [{ ...paper(1), title: { toString: 1 } }] }],
    ['a javascript: link', 'cards/sync', { view: view('v'), papers: [{ ...paper(1), url: 'javascript:alert(1)' }] }],
    ['settings beyond the bar', 'settings/update', { sites: { hf: false } }],
    ['a wipe', 'library/wipe', {}],
    ['a bulk change', 'papers/change-many', { ids: ['arxiv:2501.00001'], change: { kind: 'save', saved: false } }],
    ['an import', 'library/import', { papers: [] }],
    ['a backup written now', 'backup/now', {}],
    ['automatic backups turned off', 'backup/configure', { enabled: false }],
  ])('refuse from a content script: %s', (_, type, payload) => {
    const decoded = decodeRequest(type, payload, 'content');
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error.length).toBeLessThan(2000);
  });

  it('let extension pages send what their pages need', () => {
    expect(decodeRequest('paper/change', { id: 'arxiv:2501.00001', change: { kind: 'status', status: 'read' } }, 'extension').ok).toBe(true);
    expect(decodeRequest('papers/change-many', { ids: ['arxiv:2501.00001'], change: { kind: 'tags', tags: ['a'] } }, 'extension').ok).toBe(true);
    expect(decodeRequest('settings/update', { sites: { hf: false } }, 'extension').ok).toBe(true);
    expect(decodeRequest('backup/configure', { enabled: true, every: 'week', keep: 3 }, 'extension').ok).toBe(true);
    for (const bad of [{ keep: 0 }, { keep: 61 }, { keep: 2.5 }, { every: 'hour' }, { enabled: 'yes' }]) {
      expect(decodeRequest('backup/configure', bad, 'extension').ok).toBe(false);
    }
  });

  it("let a page's bar set its site's mode and kinds", () => {
    const patch = { duplicates: { perSite: { hf: 'dim' }, kinds: { seen: false } } };
    expect(decodeRequest('settings/update', patch, 'content')).toEqual({ ok: true, payload: patch });
  });
});

describe('the background and a content script', () => {
  let db: ShelfmarkDb;
  let counter = 0;
  let store: ReturnType<typeof memoryLedgerStore>;
  let changed: PaperId[][];
  const tab = (tabId: number): Caller => ({ kind: 'content', tabId, url: 'https://huggingface.co/papers' });

  function background() {
    return createHandlers({
      db,
      similar: new SimilarPapers(db),
      ledger: new ViewLedger(store),
      now: () => 1_000,
      changed: (ids) => changed.push(ids),
      settingsChanged: () => {},
    });
  }
  const send = (handlers: ReturnType<typeof background>, caller: Caller, type: RequestType, payload: unknown) =>
    dispatch(handlers, { shelfmark: 'request', type, payload } as never, caller);

  beforeEach(async () => {
    db = new ShelfmarkDb(`boundary-${++counter}`);
    await db.open();
    store = memoryLedgerStore();
    changed = [];
  });
  afterEach(() => db.delete());

  it('changes only papers its tab showed, even after the background restarted', async () => {
    const first = background();
    await send(first, { kind: 'extension' }, 'paper/change', { id: 'arxiv:2501.00009', change: { kind: 'save', saved: true }, paper: paper(9) });
    expect((await send(first, tab(1), 'cards/sync', { view: view('v1'), papers: [paper(1)] })).ok).toBe(true);

    const restarted = background();
    expect((await send(restarted, tab(1), 'paper/change', { id: paper(1).id, change: { kind: 'add-tags', tags: ['rl'] } })).ok).toBe(true);
    const elsewhere = await send(restarted, tab(1), 'paper/change', { id: 'arxiv:2501.00009', change: { kind: 'save', saved: false } });
    expect(elsewhere).toEqual({ ok: false, error: 'arxiv:2501.00009 is not on this page' });
    expect((await db.papers.get('arxiv:2501.00009'))?.savedAt).not.toBeNull();
    // Another tab never showed paper 1.
    expect((await send(restarted, tab(2), 'paper/change', { id: paper(1).id, change: { kind: 'note', note: 'x' } })).ok).toBe(false);
  });

  it('a new page view forgets the papers of the one before', async () => {
    const handlers = background();
    await send(handlers, tab(1), 'cards/sync', { view: view('v1'), papers: [paper(1)] });
    await send(handlers, tab(1), 'cards/sync', { view: view('v2'), papers: [paper(2)] });
    expect((await send(handlers, tab(1), 'paper/change', { id: paper(1).id, change: { kind: 'save', saved: true } })).ok).toBe(false);
  });

  it('a page view past the cap is refused whole, across its batches, and writes nothing', async () => {
    const handlers = background();
    const batch = (from: number, count: number) => Array.from({ length: count }, (_, n) => paper(from + n));
    expect((await send(handlers, tab(1), 'cards/sync', { view: view('v1'), papers: batch(0, 2000) })).ok).toBe(true);
    const refused = await send(handlers, tab(1), 'cards/sync', { view: view('v1'), papers: batch(2000, 600) });
    expect(refused.ok).toBe(false);
    expect(await db.papers.count()).toBe(2000);
  });

  it('a proceedings page records its whole listing over several requests, up to the larger cap, by the tab\'s real address', async () => {
    const handlers = background();
    const neurips: Caller = { kind: 'content', tabId: 3, url: 'https://proceedings.neurips.cc/paper_files/paper/2024' };
    const year: PageView = { viewId: 'n1', site: 'neurips', url: neurips.url, label: 'NeurIPS 2024' };
    const batch = (from: number, count: number) => Array.from({ length: count }, (_, n) => paper(from + n));
    expect((await send(handlers, neurips, 'cards/sync', { view: year, papers: batch(0, 2_500) })).ok).toBe(true);
    expect((await send(handlers, neurips, 'cards/sync', { view: year, papers: batch(2_500, 2_000) })).ok).toBe(true);
    expect((await send(handlers, neurips, 'paper/change', { id: paper(4_499).id, change: { kind: 'save', saved: true } })).ok).toBe(true);
    for (let from = 4_500; from < LIMITS.papersPerLargeView; from += 2_500) {
      const count = Math.min(2_500, LIMITS.papersPerLargeView - from);
      expect((await send(handlers, neurips, 'cards/sync', { view: year, papers: batch(from, count) })).ok).toBe(true);
    }
    const past = await send(handlers, neurips, 'cards/sync', { view: year, papers: batch(LIMITS.papersPerLargeView, 1) });
    expect(past).toEqual({ ok: false, error: `a page view records at most ${LIMITS.papersPerLargeView} papers` });
    expect(await db.papers.count()).toBe(LIMITS.papersPerLargeView);

    // A Hugging Face tab whose view claims to be NeurIPS keeps the usual cap: the site is the browser's address.
    const claimed: PageView = { ...year, viewId: 'h1' };
    expect((await send(handlers, tab(4), 'cards/sync', { view: claimed, papers: batch(20_000, 2_500) })).ok).toBe(true);
    expect((await send(handlers, tab(4), 'cards/sync', { view: claimed, papers: batch(22_500, 1) })).ok).toBe(false);
  });

  it('answers a tab the states of the papers it shows only', async () => {
    const handlers = background();
    await send(handlers, { kind: 'extension' }, 'paper/change', { id: 'arxiv:2501.00009', change: { kind: 'note', note: 'secret' }, paper: paper(9) });
    await send(handlers, tab(1), 'cards/sync', { view: view('v1'), papers: [paper(1)] });
    const answer = await send(handlers, tab(1), 'papers/states', { ids: [paper(1).id, 'arxiv:2501.00009'] });
    expect(answer.ok && (answer.value as Array<{ id: string }>).map((state) => state.id)).toEqual([paper(1).id]);
  });

  it('broadcasts ids, not records', async () => {
    const handlers = background();
    await send(handlers, tab(1), 'cards/sync', { view: view('v1'), papers: [paper(1)] });
    await send(handlers, tab(1), 'paper/change', { id: paper(1).id, change: { kind: 'note', note: 'mine' } });
    expect(changed).toEqual([[paper(1).id]]);
  });

  it('asks the relevance model only about cards its tab shows', async () => {
    const handlers = background();
    await send(handlers, tab(1), 'cards/sync', { view: view('v1'), papers: [paper(1)] });
    const shown = await send(handlers, tab(1), 'cards/relevance', { cards: [{ id: paper(1).id, title: 'Paper 1' }] });
    expect(shown.ok).toBe(true);
    const probing = await send(handlers, tab(1), 'cards/relevance', { cards: [{ id: paper(7).id, title: 'made up to probe the saved papers' }] });
    expect(probing.ok).toBe(false);
  });

  it('a card sent with a change must be the paper changed', async () => {
    const handlers = background();
    await send(handlers, tab(1), 'cards/sync', { view: view('v1'), papers: [paper(1)] });
    const answer = await send(handlers, tab(1), 'paper/change', { id: paper(1).id, change: { kind: 'save', saved: true }, paper: paper(2) });
    expect(answer.ok).toBe(false);
  });
});
