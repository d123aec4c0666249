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
import { openIndex } from '../../lib/search/index-store';
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
  await (await openIndex(db)).stored;
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
    // The index loads (in the worker) beside the first results: either may come first.
    expect([...milestones].sort()).toEqual(['first-results', 'index-ready']);
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
    expect(milestones.slice(2)).toEqual(['abstracts-ready']);
    expect([...root.querySelectorAll('.result-title')].map((title) => title.textContent)).toEqual(['Dense Baselines']);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('1 paper');
  });
});

describe('popup while the library is loading', () => {
  it('says so for a typed query, then answers it from the whole library', async () => {
    const milestones: PopupMilestone[] = [];
    const library = new SearchSession(db);
    // The library's index takes a moment to load: here until the test lets it.
    const open = library.open.bind(library);
    let release!: () => void;
    const loading = new Promise<void>((resolve) => (release = resolve));
    library.open = () => loading.then(open);
    render(
      <Popup
        session={library}
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
    expect(milestones).toEqual(['first-results']);

    const box = root.querySelector('input')!;
    box.value = 'dense';
    await act(() => {
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await settle();
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Loading your library…');

    release();
    await settle();
    expect(milestones).toEqual(['first-results', 'index-ready', 'abstracts-ready']);
    expect([...root.querySelectorAll('.result-title')].map((title) => title.textContent)).toEqual(['Dense Baselines']);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('1 paper');
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

