// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://huggingface.co/papers/date/2026-10-02"}
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PaperId } from '../../lib/ids';
import type { PageView, PaperState, ScrapedPaper } from '../../lib/paper';
import { startCardLayer, type CardLayerOptions } from '../../lib/page/card-layer';
import type { BarActions, BarView, CardActions, CardView, MountStrip } from '../../lib/page/card-view';
import { huggingFaceAdapter } from '../../lib/sites/huggingface';

const card = (id: string, title = `Paper ${id}`) =>
  `<article><h3><a href="/papers/${id}">${title}</a></h3><a href="/papers/${id}"><p>Abstract of ${id}</p></a></article>`;

function page(...cards: string[]) {
  document.body.innerHTML = `<main><div data-target="DailyPapers" data-props="{}"><div id="grid">${cards.join('')}</div></div></main>`;
}

const capturedActions = new Map<Element, CardActions>();
/** Every layer a test starts is stopped after it: a live layer would annotate the next test's page too. */
const running: AbortController[] = [];

function setup(overrides: Partial<CardLayerOptions> = {}) {
  const controller = new AbortController();
  running.push(controller);
  const syncCalls: Array<{ view: PageView; papers: ScrapedPaper[] }> = [];
  const views = new Map<Element, CardView>();
  const bars: BarView[] = [];
  const savedFilters: unknown[] = [];
  const mount: MountStrip = (where, actions, view) => {
    capturedActions.set(where.parent, actions);
    const host = document.createElement('shelfmark-controls');
    where.parent.insertBefore(host, where.before);
    views.set(host, view);
    return { update: (next) => views.set(host, next), openEditor: () => {}, destroy: () => host.remove(), isConnected: () => host.isConnected };
  };
  const state = (paper: ScrapedPaper): PaperState => ({
    id: paper.id,
    savedAt: paper.id.endsWith('2') ? 1 : null,
    dismissedAt: null,
    tags: [],
    note: '',
    earlierSighting: null,
  });
  const layer = startCardLayer({
    adapter: huggingFaceAdapter,
    doc: document,
    signal: controller.signal,
    sync: async (view, papers) => {
      syncCalls.push({ view, papers });
      return papers.map(state);
    },
    change: vi.fn(),
    tagSuggestions: async () => [],
    mount,
    now: () => 0,
    newViewId: (() => {
      let n = 0;
      return () => `view-${++n}`;
    })(),
    ownTagNames: ['shelfmark-controls', 'shelfmark-bar'],
    mountBar: (where, _actions, view) => {
      const host = document.createElement('shelfmark-bar');
      where.parent.insertBefore(host, where.before);
      bars.push(view);
      return { update: (next) => bars.push(next), destroy: () => host.remove(), isConnected: () => host.isConnected };
    },
    filter: { mode: 'hide', kinds: { seen: true, saved: true, dismissed: true, repeat: true, similar: true } },
    saveFilter: async (change) => {
      savedFilters.push(change);
    },
    ...overrides,
  });
  return { layer, controller, syncCalls, views, bars, savedFilters };
}

const states = () => [...document.querySelectorAll('article')].map((a) => a.getAttribute('data-shelfmark-state'));

describe('card layer', () => {
  beforeEach(() => history.replaceState(null, '', '/papers/date/2026-10-02'));
  afterEach(() => {
    for (const controller of running.splice(0)) controller.abort();
    document.body.innerHTML = '';
  });

  it('syncs all cards in one batch, marks them and mounts one strip each', async () => {
    page(card('2501.00001'), card('2501.00002'), card('2501.00001'));
    const { layer, syncCalls } = setup();
    await layer.scan();
    expect(syncCalls).toHaveLength(1);
    expect(syncCalls[0].papers.map((p) => p.id)).toEqual(['arxiv:2501.00001', 'arxiv:2501.00002', 'arxiv:2501.00001']);
    expect(syncCalls[0].view).toMatchObject({ site: 'hf', label: 'HF daily 2026-10-02' });
    expect(document.querySelectorAll('shelfmark-controls')).toHaveLength(3);
    expect(states()).toEqual([null, 'saved', 'repeat']);
  });

  it('a strip sends its own card’s paper to Zotero, and offers nothing when no sender is wired', async () => {
    page(card('2501.00001'), card('2501.00002'));
    const sent: PaperId[] = [];
    const { layer } = setup({ sendToZotero: async (id) => (sent.push(id), { ok: true, sent: 1 }) });
    await layer.scan();
    const [, second] = document.querySelectorAll('article');
    expect(await capturedActions.get(second)!.sendToZotero!()).toEqual({ ok: true, sent: 1 });
    expect(sent).toEqual(['arxiv:2501.00002']);
    for (const controller of running.splice(0)) controller.abort();
    capturedActions.clear();
    page(card('2501.00001'));
    await setup().layer.scan();
    expect(capturedActions.get(document.querySelector('article')!)!.sendToZotero).toBeUndefined();
  });

  it('a strip on a card the background answered with its work’s record sends that record to Zotero', async () => {
    page(card('2501.00001'));
    const sent: PaperId[] = [];
    const work = 'arxiv:2405.15793' as PaperId;
    const { layer } = setup({
      sync: async (_view, papers) => papers.map(() => ({ id: work, savedAt: 1, dismissedAt: null, tags: [], note: '', earlierSighting: null })),
      sendToZotero: async (id) => (sent.push(id), { ok: true, sent: 1 }),
    });
    await layer.scan();
    await capturedActions.get(document.querySelector('article')!)!.sendToZotero!();
    expect(sent).toEqual([work]);
  });

  it('asks only about unseen, unacted cards and badges the marked ones inside the strip, never in page attributes', async () => {
    page(card('2501.00001'), card('2501.00002'), card('2501.00003'));
    const asked: string[][] = [];
    const { layer, views, bars } = setup({
      relevance: async (papers) => {
        asked.push(papers.map((paper) => paper.id));
        return papers.map((paper) =>
          paper.id.endsWith('3') ? { score: 0.2, tag: 'rl', like: [{ id: 'arxiv:2401.00009' as never, title: 'Private saved title' }] } : null,
        );
      },
    });
    await layer.scan();
    await vi.waitFor(() => expect([...views.values()].some((view) => view.forYou)).toBe(true));
    expect(asked).toEqual([['arxiv:2501.00001', 'arxiv:2501.00003']]); // 00002 is saved
    const badged = [...views.values()].filter((view) => view.forYou);
    expect(badged).toHaveLength(1);
    expect(badged[0].forYou).toEqual({ label: 'For you · like your rl papers', why: 'Like: Private saved title' });
    expect(bars.at(-1)?.forYou).toBe(1);
    expect(document.body.innerHTML).not.toContain('Private saved title');
    expect(document.body.innerHTML).not.toContain('rl papers');
  });

  it('sorts by relevance from the bar, keeps the sort as cards arrive, and puts every card back without a rescan of its own', async () => {
    page(card('2501.00001'), card('2501.00003'), card('2501.00004'), card('2501.00005'));
    const scores: Record<string, number> = { 'arxiv:2501.00004': 0.3, 'arxiv:2501.00005': 0.6, 'arxiv:2501.00006': 0.9 };
    let barActions: BarActions | undefined;
    let scans = 0;
    const adapter = { ...huggingFaceAdapter, scan: (doc: Document) => (scans++, huggingFaceAdapter.scan(doc)) };
    const bars: BarView[] = [];
    const { layer } = setup({
      adapter,
      relevance: async (papers) => papers.map((paper) => (scores[paper.id] ? { score: scores[paper.id], tag: null, like: [] } : null)),
      mountBar: (where, actions, view) => {
        barActions = actions;
        const host = document.createElement('shelfmark-bar');
        where.parent.insertBefore(host, where.before);
        bars.push(view);
        return { update: (next) => bars.push(next), destroy: () => host.remove(), isConnected: () => host.isConnected };
      },
    });
    await layer.scan();
    await vi.waitFor(() => expect(bars.at(-1)?.forYou).toBe(2));
    const shown = () => [...document.querySelectorAll('article a[href] + a, article h3 a')].filter((a) => a.closest('h3')).map((a) => a.textContent!.slice(-1));
    expect(bars.at(-1)?.sorted).toBe(false);
    const scansBefore = scans;
    barActions!.setSorted(true);
    expect(shown()).toEqual(['5', '4', '1', '3']);
    expect(bars.at(-1)?.sorted).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(scans).toBe(scansBefore); // moving our own cards is not a page change
    // The site appends a card while sorted: it is annotated, ranked and sorted in.
    document.getElementById('grid')!.insertAdjacentHTML('beforeend', card('2501.00006'));
    await vi.waitFor(() => expect(shown()).toEqual(['6', '5', '4', '1', '3']));
    expect(document.querySelectorAll('shelfmark-controls')).toHaveLength(5);
    barActions!.setSorted(false);
    expect(shown()).toEqual(['1', '3', '4', '5', '6']);
    expect(bars.at(-1)?.sorted).toBe(false);
    expect(document.body.innerHTML).not.toContain('shelfmark-slot');
  });

  it('rescans without doubling strips and only syncs new cards', async () => {
    page(card('2501.00001'));
    const { layer, syncCalls } = setup();
    await layer.scan();
    document.getElementById('grid')!.insertAdjacentHTML('beforeend', card('2501.00003'));
    await layer.scan();
    await layer.scan();
    expect(syncCalls.map((call) => call.papers.length)).toEqual([1, 1]);
    for (const article of document.querySelectorAll('article')) {
      expect(article.querySelectorAll('shelfmark-controls')).toHaveLength(1);
    }
  });

  it('treats a client-side navigation as a new page view', async () => {
    page(card('2501.00001'));
    const { layer, syncCalls } = setup();
    await layer.scan();
    history.pushState(null, '', '/papers/week/2026-W40');
    document.getElementById('grid')!.innerHTML = card('2501.00001') + card('2501.00004');
    await layer.scan();
    expect(syncCalls).toHaveLength(2);
    expect(syncCalls[1].view).toMatchObject({ viewId: 'view-2', label: 'HF weekly 2026-W40' });
    expect(syncCalls[1].papers).toHaveLength(2);
    expect(document.querySelectorAll('shelfmark-controls')).toHaveLength(2);
  });

  it('rescans by itself when the page re-renders the grid', async () => {
    page(card('2501.00001'));
    const { layer, syncCalls } = setup();
    await layer.scan();
    document.getElementById('grid')!.innerHTML = card('2501.00005');
    await vi.waitFor(() => expect(syncCalls).toHaveLength(2));
    await vi.waitFor(() => expect(document.querySelectorAll('article shelfmark-controls')).toHaveLength(1));
  });

  it('applies changes broadcast from elsewhere to every card of that paper', async () => {
    page(card('2501.00001'), card('2501.00001'));
    const { layer, views } = setup();
    await layer.scan();
    layer.applyChanges([{ id: 'arxiv:2501.00001', savedAt: 5, dismissedAt: 6, tags: ['rl'], note: '' }]);
    expect(states()).toEqual(['saved dismissed', 'saved dismissed repeat']);
    expect([...views.values()].every((view) => view.collapsedReason === 'Dismissed')).toBe(true);
    expect(document.querySelectorAll('[data-shelfmark-collapsed]')).toHaveLength(2);
  });

  it('leaves malformed cards alone and logs, without throwing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    page(card('2501.00001'), '<article><h3>No link</h3></article>', card('2501.00006', ''));
    const { layer } = setup();
    await layer.scan();
    expect(document.querySelectorAll('shelfmark-controls')).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('removes its strips and stops observing when aborted', async () => {
    page(card('2501.00001'));
    const { layer, controller, syncCalls } = setup();
    await layer.scan();
    controller.abort();
    expect(document.querySelectorAll('shelfmark-controls')).toHaveLength(0);
    document.getElementById('grid')!.innerHTML = card('2501.00007');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(syncCalls).toHaveLength(1);
  });

  describe('a page longer than its first screen', () => {
    const longPage = () =>
      page(card('2501.00011'), card('2501.00012'), card('2501.00013'), card('2501.00011'), card('2501.00015'));
    const firstScreenOfTwo = { ...huggingFaceAdapter, firstScreenCards: 2 };

    it('annotates the first screen, lets the page show it, then does the rest in one more batch', async () => {
      longPage();
      const atFirstScreen: Array<{ strips: number; syncs: number }> = [];
      const { layer, syncCalls } = setup({
        adapter: firstScreenOfTwo,
        onFirstScreen: () =>
          atFirstScreen.push({ strips: document.querySelectorAll('shelfmark-controls').length, syncs: syncCalls.length }),
      });
      await layer.scan();
      expect(atFirstScreen).toEqual([{ strips: 2, syncs: 1 }]);
      expect(syncCalls.map((call) => call.papers.map((paper) => paper.id.slice(-2)))).toEqual([['11', '12'], ['13', '11', '15']]);
      expect(syncCalls[1].view).toBe(syncCalls[0].view);
      expect(document.querySelectorAll('shelfmark-controls')).toHaveLength(5);
      // A repeat after the first screen still points at the card above it.
      expect(states()).toEqual([null, 'saved', null, 'repeat', null]);
      await layer.scan();
      expect(atFirstScreen).toHaveLength(1);
      expect(syncCalls.map((call) => call.papers.map((paper) => paper.id.slice(-2)))).toEqual([['11', '12'], ['13', '11', '15']]);
    });

    it('applies a change broadcast while the rest is being mounted to the cards not mounted yet', async () => {
      longPage();
      let layer: ReturnType<typeof startCardLayer> | undefined;
      let calls = 0;
      const started = setup({
        adapter: firstScreenOfTwo,
        sync: async (_view, papers) => {
          // The rest's answer is in; the user saves the first paper before its repeat further down is mounted.
          if (++calls === 2) setTimeout(() => layer!.applyChanges([{ id: papers[1].id, savedAt: 9, dismissedAt: null, tags: [], note: '' }]), 0);
          return papers.map((paper) => ({ id: paper.id, savedAt: null, dismissedAt: null, tags: [], note: '', earlierSighting: null }));
        },
      });
      layer = started.layer;
      await layer.scan();
      expect(states()).toEqual(['saved', null, null, 'saved repeat', null]);
    });

    it('stops quietly when aborted before the rest is done', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      longPage();
      const controller = new AbortController();
      const { layer, syncCalls } = setup({ adapter: firstScreenOfTwo, signal: controller.signal, onFirstScreen: () => controller.abort() });
      await layer.scan();
      expect(syncCalls).toHaveLength(1);
      expect(document.querySelectorAll('shelfmark-controls, [data-shelfmark-id]')).toHaveLength(0);
      expect(warn).not.toHaveBeenCalled();
      warn.mockRestore();
    });
  });

  it('keeps the page as it was when the background cannot answer', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    page(card('2501.00001'));
    const { layer } = setup({ sync: () => Promise.reject(new Error('no background')) });
    await expect(layer.scan()).resolves.toBeUndefined();
    expect(document.querySelectorAll('shelfmark-controls')).toHaveLength(0);
    expect(document.querySelector('[data-shelfmark-id]')).toBeNull();
    warn.mockRestore();
  });

  describe('duplicate filter', () => {
    const seenState = (paper: ScrapedPaper): PaperState => ({
      id: paper.id,
      savedAt: null,
      dismissedAt: null,
      tags: [],
      note: '',
      earlierSighting: paper.id.endsWith('1') ? { viewId: 'old', site: 'arxiv', url: 'https://arxiv.org/list/cs.LG/new', label: 'arXiv cs.LG new', at: -3 * 86_400_000 } : null,
    });
    const sync = async (_view: PageView, papers: ScrapedPaper[]) => papers.map(seenState);

    it('collapses duplicates in hide mode, says why, and counts them in the bar', async () => {
      page(card('2501.00001'), card('2501.00002'), card('2501.00002'));
      const { layer, views, bars } = setup({ sync });
      await layer.scan();
      expect(document.querySelectorAll('[data-shelfmark-collapsed]')).toHaveLength(2);
      const reasons = [...views.values()].map((view) => view.collapsedReason);
      expect(reasons).toEqual(['Seen 3 days ago on arXiv cs.LG new', null, 'Repeat of #2 above']);
      expect(bars.at(-1)).toMatchObject({ summary: '1 already seen · 1 repeat', affected: 2, revealAll: false });
      expect(document.querySelector('shelfmark-bar')?.nextElementSibling?.id).toBe('grid');
    });

    it('reveals everything with Show all, and dims instead in dim mode, saving the choice', async () => {
      page(card('2501.00001'), card('2501.00002'));
      let barActions: BarActions | undefined;
      const withBar = setup({
        sync,
        mountBar: (where, actions, view) => {
          barActions = actions;
          const host = document.createElement('shelfmark-bar');
          where.parent.insertBefore(host, where.before);
          void view;
          return { update: () => {}, destroy: () => host.remove(), isConnected: () => host.isConnected };
        },
      });
      await withBar.layer.scan();
      barActions!.setRevealAll(true);
      expect(document.querySelectorAll('[data-shelfmark-collapsed]')).toHaveLength(0);
      expect(document.querySelectorAll('[data-shelfmark-dimmed]')).toHaveLength(1);
      barActions!.setRevealAll(false);
      barActions!.setMode('off');
      expect(document.querySelectorAll('[data-shelfmark-collapsed], [data-shelfmark-dimmed]')).toHaveLength(0);
      expect(withBar.savedFilters).toEqual([{ mode: 'off' }]);
    });

    it('folds a card hidden on this page even when the filter is off, and Show brings it back dimmed', async () => {
      page(card('2501.00001'), card('2501.00002'));
      const change: CardLayerOptions['change'] = async (id) => ({ id, savedAt: null, dismissedAt: 7, tags: [], note: '', earlierSighting: null });
      const kinds = { seen: true, saved: true, dismissed: true, repeat: true, similar: true };
      const { layer } = setup({ sync, change, filter: { mode: 'off', kinds } });
      await layer.scan();
      expect(document.querySelectorAll('[data-shelfmark-collapsed]')).toHaveLength(0);
      const actions = capturedActions.get(document.querySelectorAll('article')[1]);
      await actions!.setDismissed(true);
      const second = document.querySelectorAll('article')[1];
      expect(second.hasAttribute('data-shelfmark-collapsed')).toBe(true);
      actions!.setRevealed(true);
      expect(second.hasAttribute('data-shelfmark-collapsed')).toBe(false);
      expect(second.hasAttribute('data-shelfmark-dimmed')).toBe(true);
    });
  });

  it('gives a card its strip back when the page removes it, and never leaves a card hidden without one', async () => {
    page(card('2501.00001'));
    const { layer } = setup();
    await layer.scan();
    document.querySelector('article shelfmark-controls')!.remove();
    await vi.waitFor(() => expect(document.querySelectorAll('article shelfmark-controls')).toHaveLength(1));
  });

  it('takes its attributes off a card that no longer matches', async () => {
    page(card('2501.00001'));
    const { layer } = setup();
    await layer.scan();
    const article = document.querySelector('article')!;
    article.querySelector('h3')!.remove();
    await layer.scan();
    expect(article.hasAttribute('data-shelfmark-id')).toBe(false);
    expect(article.querySelector('shelfmark-controls')).toBeNull();
  });
});

describe('applying changes', () => {
  it('applies 2,000 changes to a 2,000-card page with one bar render and each card drawn once', async () => {
    page(...Array.from({ length: 2_000 }, (_, n) => card(`2501.${String(n).padStart(5, '0')}`)));
    const { layer, views, bars } = setup();
    await layer.scan();
    const drawn = new Map<Element, number>();
    const update = Map.prototype.set;
    views.set = function (key: Element, value: CardView) {
      drawn.set(key, (drawn.get(key) ?? 0) + 1);
      return update.call(this, key, value) as typeof views;
    };
    const barsBefore = bars.length;
    layer.applyChanges(
      Array.from({ length: 2_000 }, (_, n) => ({ id: `arxiv:2501.${String(n).padStart(5, '0')}` as PaperId, savedAt: 5, dismissedAt: null, tags: ['rl'], note: '' })),
    );
    expect(bars.length - barsBefore).toBe(1);
    expect(drawn.size).toBe(2_000);
    expect([...drawn.values()].every((count) => count === 1)).toBe(true);
    expect(states().every((value) => value?.includes('saved'))).toBe(true);
  });

  it('a page past the cap keeps working on its first 2,500 cards and says why', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    page(...Array.from({ length: 2_600 }, (_, n) => card(`2502.${String(n).padStart(5, '0')}`)));
    // Read in one go: idle slices in happy-dom would only make the test slow.
    const { layer, syncCalls } = setup({ adapter: { ...huggingFaceAdapter, firstScreenCards: undefined } });
    await layer.scan();
    expect(syncCalls.flatMap((call) => call.papers)).toHaveLength(2_500);
    expect(document.querySelectorAll('article[data-shelfmark-id]')).toHaveLength(2_500);
    expect(warn.mock.calls.some(([message]) => String(message).includes('more than 2500'))).toBe(true);
    warn.mockRestore();
  });

  it('a proceedings page of 4,600 papers gets every strip, synced in requests of at most 2,500', async () => {
    page(...Array.from({ length: 4_600 }, (_, n) => card(`2502.${String(n).padStart(5, '0')}`)));
    // The Hugging Face reader on a site whose listings are whole proceedings (as NeurIPS is in the registry).
    const { layer, syncCalls } = setup({ adapter: { ...huggingFaceAdapter, key: 'neurips', firstScreenCards: undefined } });
    await layer.scan();
    expect(syncCalls.map((call) => call.papers.length)).toEqual([2_500, 2_100]);
    expect(new Set(syncCalls.map((call) => call.view.viewId)).size).toBe(1);
    expect(document.querySelectorAll('article[data-shelfmark-id] shelfmark-controls')).toHaveLength(4_600);
  });
});
