/**
 * Bundled by scripts/bench/busy-page.ts and run in a plain Chromium page: the real card layer over a 2,000-card
 * Hugging Face grid, with strips that only record their views, then 2,000 changed states applied at once.
 */
import type { PaperId } from '../../../lib/ids';
import { startCardLayer } from '../../../lib/page/card-layer';
import { huggingFaceAdapter } from '../../../lib/sites/huggingface';

const id = (n: number) => `arxiv:2501.${String(n).padStart(5, '0')}` as PaperId;

async function run(round: number): Promise<number> {
  const cards = Array.from({ length: 2_000 }, (_, n) => `<article><h3><a href="/papers/${id(n).slice(6)}">Paper ${n}</a></h3></article>`);
  document.body.innerHTML = `<main><div data-target="DailyPapers" data-props="{}"><div>${cards.join('')}</div></div></main>`;
  const controller = new AbortController();
  const host = (where: { parent: Element; before: Node | null }, tag: string) => {
    const element = document.createElement(tag);
    where.parent.insertBefore(element, where.before);
    return { update: () => {}, openEditor: () => {}, destroy: () => element.remove(), isConnected: () => element.isConnected };
  };
  const layer = startCardLayer({
    adapter: { ...huggingFaceAdapter, firstScreenCards: undefined },
    doc: document,
    signal: controller.signal,
    sync: async (_view, papers) => papers.map((paper) => ({ id: paper.id, savedAt: null, dismissedAt: null, tags: [], note: '', earlierSighting: null })),
    change: async () => {
      throw new Error('not used');
    },
    tagSuggestions: async () => [],
    mount: (where) => host(where, 'shelfmark-controls'),
    mountBar: (where) => host(where, 'shelfmark-bar'),
    filter: { mode: 'hide', kinds: { seen: true, saved: true, dismissed: true, repeat: true, similar: true } },
    saveFilter: async () => {},
    now: () => 0,
    newViewId: () => `view-${round}`,
    ownTagNames: ['shelfmark-controls', 'shelfmark-bar'],
  });
  await layer.scan();
  const states = Array.from({ length: 2_000 }, (_, n) => ({ id: id(n), savedAt: round + 1, dismissedAt: null, tags: ['rl'], note: '' }));
  const start = performance.now();
  layer.applyChanges(states);
  const elapsed = performance.now() - start;
  controller.abort();
  return elapsed;
}

(globalThis as unknown as { applyChangesBench: (rounds: number) => Promise<number[]> }).applyChangesBench = async (rounds) => {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) times.push(await run(round));
  return times;
};
