// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Popup, type PopupMilestone } from '../../components/popup/Popup';
import type { Requester } from '../../components/shared-ui/requester';
import { ShelfmarkDb } from '../../lib/db';
import type { PaperId } from '../../lib/ids';
import { emptyRecord } from '../../lib/library';
import type { PaperRecord } from '../../lib/paper';
import { openIndex, persistIndex } from '../../lib/search/index-store';
import { SearchSession, type SearchOutcome } from '../../lib/search/session';
import { handlerRequester } from '../fixtures/library/requester';

let db: ShelfmarkDb;
let root: HTMLElement;
let dbCount = 0;

function requester(): Requester {
  let clock = Date.now();
  return handlerRequester(db, () => ++clock);
}

function paper(n: number, title: string, abstract: string, fields: Partial<PaperRecord> = {}): PaperRecord {
  const id: PaperId = `arxiv:2501.${String(n).padStart(5, '0')}`;
  const at = Date.UTC(2026, 0, n);
  return {
    ...emptyRecord({ id, title, authors: ['Ana Silva'], url: `https://arxiv.org/abs/${id.slice(6)}` }, at),
    abstract,
    lastSeenAt: at,
    firstSeenAt: at,
    // Older papers were written later: the catch-up overlap re-reads only the newest write (paper 1), never paper 2.
    updatedAt: Date.UTC(2025, 0, 10 - n),
    ...fields,
  };
}

const settle = async () => {
  for (let i = 0; i < 5; i += 1) await act(() => new Promise<void>((resolve) => setTimeout(resolve, 20)));
};

beforeEach(async () => {
  db = new ShelfmarkDb(`search-popup-${++dbCount}`);
  await db.papers.bulkPut([
    paper(1, 'Sparse Experts', 'Routing tokens between experts.', { savedAt: Date.UTC(2026, 1, 1) }),
    paper(2, 'Dense Baselines', 'We compare against gated mixtures.'),
  ]);
  await persistIndex(db, await openIndex(db));
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(async () => {
  render(null, root);
  root.remove();
  await db.delete();
});

describe('popup loading order', () => {
  it('paints recent saves first, answers from titles, and adds abstract matches once they are loaded', async () => {
    const milestones: PopupMilestone[] = [];
    const idle: Array<() => void> = [];
    render(
      <Popup
        session={new SearchSession(db)}
        send={requester()}
        subscribe={() => {}}
        openTab={() => {}}
        readingListUrl="reading-list.html"
        whenIdle={(work) => idle.push(work)}
        onMilestone={(milestone) => milestones.push(milestone)}
      />,
      root,
    );
    await settle();
    expect(milestones).toEqual(['first-results', 'index-ready']);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Recently saved');

    const box = root.querySelector('input')!;
    box.value = 'mixtures';
    await act(() => {
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await settle();
    expect(root.querySelector('[role="status"]')?.textContent).toMatch(/still loading abstracts/);
    expect(root.querySelectorAll('[role="option"]')).toHaveLength(0);

    idle.splice(0).forEach((work) => work());
    await settle();
    expect(milestones).toEqual(['first-results', 'index-ready', 'abstracts-ready']);
    expect([...root.querySelectorAll('.result-title')].map((title) => title.textContent)).toEqual(['Dense Baselines']);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('1 paper');
  });
});

describe('popup with a preview of the recent papers', () => {
  it('answers from the recent papers while the library is still loading, saying so', async () => {
    const milestones: PopupMilestone[] = [];
    const library = new SearchSession(db);
    // The library's index takes its time (seconds at 100k papers): here it never finishes loading.
    library.open = () => new Promise(() => {});
    const recent = new SearchSession(db, 30, undefined, { headKey: 'recent-test', bodyKey: 'recent-test:abstracts', papers: 1 });
    render(
      <Popup
        session={library}
        preview={recent}
        send={requester()}
        subscribe={() => {}}
        openTab={() => {}}
        readingListUrl="reading-list.html"
        whenIdle={(work) => work()}
        onMilestone={(milestone) => milestones.push(milestone)}
      />,
      root,
    );
    await settle();
    // The preview loads beside the first results (either may come first); the library never answers here.
    expect([...milestones].sort()).toEqual(['first-results', 'preview-ready']);

    const box = root.querySelector('input')!;
    box.value = 'sparse';
    await act(() => {
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await settle();
    expect([...root.querySelectorAll('.result-title')].map((title) => title.textContent)).toEqual(['Sparse Experts']);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('1 among your most recent papers · loading all papers…');

    // The recent papers are one here (the most recently active: paper 1, saved); paper 2 is only in the library.
    box.value = 'dense';
    await act(() => {
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await settle();
    expect(root.querySelectorAll('[role="option"]')).toHaveLength(0);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('None among your most recent papers · loading all papers…');
  });
});

describe('popup with a cached recent list', () => {
  it('draws the cached list in its first frame, then the current one, and hands the current one back to be cached', async () => {
    const titles = () => [...root.querySelectorAll('.result-title')].map((title) => title.textContent);
    const cached = await new SearchSession(db).recent();
    const stale: SearchOutcome = { ...cached, results: [{ record: { ...cached.results[0].record, title: 'A Title Since Edited' }, terms: [] }] };
    const kept: SearchOutcome[] = [];
    const milestones: PopupMilestone[] = [];
    render(
      <Popup
        session={new SearchSession(db)}
        cachedRecent={stale}
        onRecentList={(outcome) => kept.push(outcome)}
        send={requester()}
        subscribe={() => {}}
        openTab={() => {}}
        readingListUrl="reading-list.html"
        whenIdle={() => {}}
        onMilestone={(milestone) => milestones.push(milestone)}
      />,
      root,
    );
    expect(titles()).toEqual(['A Title Since Edited']);
    await settle();
    expect(titles()).toEqual(['Sparse Experts']);
    expect(milestones[0]).toBe('first-results');
    expect(kept.map((outcome) => outcome.results.map((result) => result.record.title))).toEqual([['Sparse Experts']]);
  });
});

