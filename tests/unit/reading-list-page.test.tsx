// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReadingListPage } from '../../components/reading-list/ReadingListPage';
import type { Requester } from '../../components/shared-ui/requester';
import { ShelfmarkDb } from '../../lib/db';
import type { PaperId } from '../../lib/ids';
import { emptyRecord } from '../../lib/library';
import type { PaperRecord } from '../../lib/paper';
import { handlerRequester } from '../fixtures/library/requester';

let db: ShelfmarkDb;
let root: HTMLElement;
let clock: number;
let dbCount = 0;

/** The page's writes go through the real background handlers, over an in-memory database. */
function requester(): Requester {
  return handlerRequester(db, () => ++clock);
}

function paper(n: number, fields: Partial<PaperRecord> = {}): PaperRecord {
  const id: PaperId = `arxiv:2501.${String(n).padStart(5, '0')}`;
  return {
    ...emptyRecord({ id, title: `Paper ${n}`, authors: [`Author ${n}`], url: `https://arxiv.org/abs/${id.slice(6)}` }, 0),
    savedAt: 1_000_000 + n,
    ...fields,
  };
}

async function show(records: PaperRecord[]) {
  await db.papers.bulkPut(records);
  render(<ReadingListPage db={db} send={requester()} />, root);
  await vi.waitFor(() => expect(root.textContent).not.toContain('Loading'));
}

const titles = () => [...root.querySelectorAll('.paper-title')].map((link) => link.textContent);
const button = (name: string) => {
  const found = [...root.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};
const typeInto = (input: HTMLInputElement | HTMLTextAreaElement, text: string) => {
  input.value = text;
  act(() => void input.dispatchEvent(new Event('input', { bubbles: true })));
};
const key = (target: Element, name: string, init: KeyboardEventInit = {}) =>
  act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, ...init })));
const choose = (select: HTMLSelectElement, value: string) => {
  select.value = value;
  act(() => void select.dispatchEvent(new Event('change', { bubbles: true })));
};
/** Waits for an element to appear: renders are batched, so a click shows its result a tick later. */
const waitForElement = <E extends Element>(selector: string, scope: () => ParentNode = () => root) =>
  vi.waitFor(() => {
    const found = scope().querySelector<E>(selector);
    if (!found) throw new Error(`no ${selector}`);
    return found;
  });
const rowOf = (title: string) => {
  const row = [...root.querySelectorAll('.paper-row')].find((candidate) => candidate.querySelector('.paper-title')?.textContent === title);
  if (!row) throw new Error(`no row "${title}"`);
  return row;
};

beforeEach(() => {
  clock = 2_000_000;
  db = new ShelfmarkDb(`reading-list-${++dbCount}`);
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(async () => {
  render(null, root);
  root.remove();
  db.close();
  await db.delete();
});

describe('reading list page', () => {
  it('says how to save papers when none are saved', async () => {
    await show([paper(1, { savedAt: null })]);
    expect(root.textContent).toContain('No saved papers yet — save papers on Hugging Face Papers or arXiv');
  });

  it('lists only saved papers, newest save first, with where they were found', async () => {
    const sighting = { viewId: 'v1', site: 'hf' as const, url: 'https://huggingface.co/papers/date/2026-10-02', label: 'HF daily 2026-10-02', at: 0 };
    await show([paper(1), paper(2, { firstSighting: sighting }), paper(3, { savedAt: null })]);
    expect(titles()).toEqual(['Paper 2', 'Paper 1']);
    expect(rowOf('Paper 2').textContent).toContain('Found on HF daily 2026-10-02');
    expect(rowOf('Paper 2').querySelector('a')?.getAttribute('href')).toBe('https://arxiv.org/abs/2501.00002');
  });

  it('never interprets page-derived text as HTML', async () => {
    await show([paper(1, { title: '<img src=x onerror=alert(1)>Evil', note: '<b>bold</b>' })]);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
    expect(titles()).toEqual(['<img src=x onerror=alert(1)>Evil']);
  });

  it('filters by text, by tag from the tag list, and by status', async () => {
    await show([
      paper(1, { title: 'Diffusion policies', tags: ['robotics'] }),
      paper(2, { title: 'Sparse attention', tags: ['llm', 'robotics'], status: 'read' }),
      paper(3, { title: 'Tokenizers', tags: ['llm'] }),
    ]);
    typeInto(root.querySelector<HTMLInputElement>('input[type=search]')!, 'attention');
    await vi.waitFor(() => expect(titles()).toEqual(['Sparse attention']));
    typeInto(root.querySelector<HTMLInputElement>('input[type=search]')!, '');
    await vi.waitFor(() => expect(titles()).toHaveLength(3));
    const llm = [...root.querySelectorAll<HTMLButtonElement>('.tag-facet')].find((facet) => facet.textContent?.startsWith('llm'))!;
    expect(llm.textContent).toBe('llm 2');
    llm.click();
    await vi.waitFor(() => expect(titles()).toEqual(['Tokenizers', 'Sparse attention']));
    choose(root.querySelector<HTMLSelectElement>('.filter-bar select')!, 'to-read');
    await vi.waitFor(() => expect(titles()).toEqual(['Tokenizers']));
  });

  it('edits tags inline: Enter adds, Backspace on an empty input removes the last, Escape closes', async () => {
    await show([paper(1, { tags: ['old'] }), paper(2, { tags: ['robotics'] })]);
    rowOf('Paper 1').querySelector<HTMLButtonElement>('.paper-tags button')!.click();
    const input = await waitForElement<HTMLInputElement>('input.tag-input', () => rowOf('Paper 1'));
    expect(rowOf('Paper 1').querySelector('[role=listbox]')?.textContent).toContain('robotics');
    typeInto(input, 'New Tag');
    key(input, 'Enter');
    await vi.waitFor(async () => expect((await db.papers.get('arxiv:2501.00001'))?.tags).toEqual(['old', 'new tag']));
    typeInto(input, '');
    key(rowOf('Paper 1').querySelector('input.tag-input')!, 'Backspace');
    await vi.waitFor(async () => expect((await db.papers.get('arxiv:2501.00001'))?.tags).toEqual(['old']));
    key(rowOf('Paper 1').querySelector('input.tag-input')!, 'Escape');
    await vi.waitFor(() => expect(rowOf('Paper 1').querySelector('input.tag-input')).toBeNull());
    expect(document.activeElement?.textContent).toContain('Edit tags');
  });

  it('edits the note and the reading status', async () => {
    await show([paper(1)]);
    button('Add note for “Paper 1”').click();
    const area = await waitForElement<HTMLTextAreaElement>('textarea');
    typeInto(area, 'Compare with section 3');
    key(area, 'Enter', { ctrlKey: true });
    await vi.waitFor(async () => expect((await db.papers.get('arxiv:2501.00001'))?.note).toBe('Compare with section 3'));
    await vi.waitFor(() => expect(root.querySelector('.note-text')?.textContent).toBe('Compare with section 3'));
    choose(root.querySelector<HTMLSelectElement>('.status-select')!, 'reading');
    await vi.waitFor(async () => expect((await db.papers.get('arxiv:2501.00001'))?.status).toBe('reading'));
  });

  it('selects a Shift-click range, bulk-sets the status, and undoes it', async () => {
    await show([paper(1), paper(2, { status: 'read' }), paper(3), paper(4)]);
    const box = (title: string) => rowOf(title).querySelector<HTMLInputElement>('.row-select')!;
    box('Paper 4').click();
    box('Paper 2').dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true }));
    await vi.waitFor(() => expect(root.textContent).toContain('3 selected'));
    choose(root.querySelector<HTMLSelectElement>('.bulk-bar select')!, 'reading');
    await vi.waitFor(() => expect(root.querySelector('.toast')?.textContent).toContain('Marked 3 papers as reading'));
    const statuses = async () => (await db.papers.orderBy('id').toArray()).map((record) => record.status);
    expect(await statuses()).toEqual([null, 'reading', 'reading', 'reading']);
    button('Undo').click();
    await vi.waitFor(async () => expect(await statuses()).toEqual([null, 'read', null, null]));
    await vi.waitFor(() => expect(root.querySelector('.toast')).toBeNull());
  });

  it('bulk-tags the selection and removes papers from the list with undo', async () => {
    await show([paper(1), paper(2), paper(3)]);
    root.querySelector<HTMLInputElement>('.select-all input')!.click();
    await vi.waitFor(() => expect(root.textContent).toContain('3 selected'));
    button('Tag…').click();
    const input = await waitForElement<HTMLInputElement>('.bulk-tags input.tag-input');
    typeInto(input, 'survey');
    key(input, 'Enter');
    await vi.waitFor(() => button('Add to 3 selected').click());
    await vi.waitFor(async () => expect((await db.papers.toArray()).map((record) => record.tags)).toEqual([['survey'], ['survey'], ['survey']]));
    button('Remove from list').click();
    await vi.waitFor(() => expect(root.textContent).toContain('No saved papers yet'));
    button('Undo').click();
    await vi.waitFor(() => expect(titles()).toHaveLength(3));
    expect((await db.papers.toArray()).every((record) => record.tags[0] === 'survey')).toBe(true);
  });

  it('renders 200 rows at a time behind "Show more"', async () => {
    await show(Array.from({ length: 450 }, (_, n) => paper(n + 1)));
    expect(root.querySelectorAll('.paper-row')).toHaveLength(200);
    expect(root.textContent).toContain('Showing 200 of 450 papers');
    button('Show 200 more').click();
    await vi.waitFor(() => expect(root.querySelectorAll('.paper-row')).toHaveLength(400));
    button('Show 50 more').click();
    await vi.waitFor(() => expect(root.querySelectorAll('.paper-row')).toHaveLength(450));
  });
});
