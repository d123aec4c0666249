// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsPage } from '../../components/options/OptionsPage';
import { WIPE_PHRASE } from '../../components/options/WipeSection';
import { ReadingListPage } from '../../components/reading-list/ReadingListPage';
import type { Requester } from '../../components/shared-ui/requester';
import { ShelfmarkDb } from '../../lib/db';
import type { PaperId } from '../../lib/ids';
import { emptyRecord } from '../../lib/library';
import type { PaperRecord } from '../../lib/paper';
import { importFileKind } from '../../lib/reading-list/import-file';
import { handlerRequester } from '../fixtures/library/requester';

let db: ShelfmarkDb;
let root: HTMLElement;
let dbCount = 0;
let downloads: { name: string; text: Promise<string> }[];

function requester(): Requester {
  let clock = 5_000_000;
  return handlerRequester(db, () => ++clock);
}

function paper(n: number, fields: Partial<PaperRecord> = {}): PaperRecord {
  const id: PaperId = `arxiv:2501.${String(n).padStart(5, '0')}`;
  return {
    ...emptyRecord({ id, title: `Paper ${n}`, authors: [`Ada Lovelace`], url: `https://arxiv.org/abs/${id.slice(6)}`, published: '2025-01-15' }, 0),
    savedAt: 1_000_000 + n,
    edited: { savedAt: 1_000_000 + n },
    ...fields,
  };
}

// Imports and exports go through fake-indexeddb and a worker stand-in: seconds, not milliseconds, when the machine is
// busy, so every wait allows 10 s (vi.waitFor's default is 1 s).
const eventually = <T,>(check: () => T) => vi.waitFor(check, { timeout: 10_000 });

const buttonNamed = (name: string) => {
  const found = [...root.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};
const choose = (select: HTMLSelectElement, value: string) => {
  select.value = value;
  act(() => void select.dispatchEvent(new Event('change', { bubbles: true })));
};
const chooseFile = (name: string, text: string) => {
  const input = root.querySelector<HTMLInputElement>('input[type=file]')!;
  Object.defineProperty(input, 'files', { value: [new File([text], name)], configurable: true });
  act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
};
const exportSelects = () => root.querySelectorAll<HTMLSelectElement>('.export-controls select');

beforeEach(() => {
  db = new ShelfmarkDb(`reading-list-transfer-${++dbCount}`);
  root = document.createElement('div');
  document.body.append(root);
  downloads = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    downloads.push({ name: '', text: (blob as Blob).text() });
    return 'blob:test';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads[downloads.length - 1].name = this.download;
  });
});

afterEach(async () => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

describe('import files', () => {
  it('tells backups from BibTeX by content, then by extension', () => {
    expect(importFileKind('x.bib', ' {"format":1}')).toBe('backup');
    expect(importFileKind('x.json', '@article{a,}')).toBe('bibtex');
    expect(importFileKind('x.json', '')).toBe('backup');
  });
});

describe('export and import on the reading list', () => {
  it('exports a filtered BibTeX file named for today', async () => {
    await db.papers.bulkPut([paper(1, { title: 'Kept paper' }), paper(2, { title: 'Other paper' })]);
    render(<ReadingListPage db={db} send={requester()} />, root);
    await eventually(() => expect(root.querySelectorAll('.paper-title')).toHaveLength(2));
    const search = root.querySelector<HTMLInputElement>('input[type=search]')!;
    search.value = 'kept';
    act(() => void search.dispatchEvent(new Event('input', { bubbles: true })));
    await eventually(() => expect([...exportSelects()[0].options].map((o) => o.textContent)).toContain('Current filter (1)'));
    choose(exportSelects()[0], 'filter');
    choose(exportSelects()[1], 'bibtex');
    act(() => buttonNamed('Download').click());
    await eventually(() => expect(downloads).toHaveLength(1));
    expect(downloads[0].name).toMatch(/^shelfmark-\d{4}-\d{2}-\d{2}\.bib$/);
    const text = await downloads[0].text;
    expect(text).toContain('Kept paper');
    expect(text).not.toContain('Other paper');
  });

  it('round-trips a full backup through wipe and import', async () => {
    const sightingAt = { viewId: 'v1', site: 'hf' as const, url: 'https://huggingface.co/papers/date/2026-10-02', label: 'HF daily 2026-10-02', at: 7 };
    const originals = [
      paper(1, { tags: ['rl'], note: 'Look at table 2', status: 'reading', firstSighting: sightingAt, lastSighting: sightingAt, seenCount: 1, firstSeenAt: 7, lastSeenAt: 7 }),
      paper(2, { savedAt: null, edited: {}, dismissedAt: 9 }),
    ];
    await db.papers.bulkPut(originals);
    await db.sightings.add({ ...sightingAt, paperId: originals[0].id });
    const send = requester();
    render(<ReadingListPage db={db} send={send} />, root);
    await eventually(() => expect(root.querySelectorAll('.paper-title')).toHaveLength(1));
    choose(exportSelects()[1], 'backup');
    act(() => buttonNamed('Download').click());
    await eventually(() => expect(downloads).toHaveLength(1));
    const backup = await downloads[0].text;
    expect(downloads[0].name).toMatch(/\.json$/);

    await send('library/wipe', {});
    await eventually(() => expect(root.textContent).toContain('No saved papers yet'));
    chooseFile('shelfmark-backup.json', backup);
    await eventually(() => expect(root.querySelector('.import-report')?.textContent).toContain('2 papers added'));
    await eventually(() => expect(root.querySelectorAll('.paper-title')).toHaveLength(1));
    // Everything a user made or the pages told comes back; only the write time is the import's own.
    const comparable = (records: PaperRecord[]) => records.map(({ updatedAt: _updatedAt, ...rest }) => JSON.parse(JSON.stringify(rest)));
    expect(comparable(await db.papers.orderBy('id').toArray())).toEqual(comparable(originals));
    expect(await db.sightings.count()).toBe(1);
  });

  it('reports a broken file with the line or entry at fault and changes nothing', async () => {
    await db.papers.bulkPut([paper(1)]);
    render(<ReadingListPage db={db} send={requester()} />, root);
    await eventually(() => expect(root.querySelectorAll('.paper-title')).toHaveLength(1));
    chooseFile('broken.json', '{\n  "format": "shelfmark-backup",\n  oops\n}');
    await eventually(() => expect(root.querySelector('[role=alert]')?.textContent).toMatch(/Nothing was imported from broken\.json.*line 3/s));
    chooseFile('refs.bib', '@article{good2025,\n  title = {Fine},\n  year = {2025}\n}\n@article{untitled2025,\n  year = {2025}\n}\n');
    // A BibTeX entry without a title is skipped and listed in the preview; Cancel there writes nothing.
    await eventually(() => expect(root.querySelector('.import-skipped')?.textContent).toContain('“untitled2025” (line 5): has no title'));
    const cancel = [...root.querySelectorAll('.import-preview button')].find((button) => button.textContent === 'Cancel')!;
    act(() => (cancel as HTMLButtonElement).click());
    expect(await db.papers.count()).toBe(1);
  });
});

describe('wipe on the options page', () => {
  it('offers a backup first and wipes only after the typed phrase', async () => {
    await db.papers.bulkPut([paper(1), paper(2)]);
    const storage = { estimate: async () => ({}), persisted: async () => false, persist: async () => false };
    render(<OptionsPage db={db} send={requester()} storage={storage} />, root);
    await eventually(() => buttonNamed('Wipe library…'));
    act(() => buttonNamed('Wipe library…').click());
    act(() => buttonNamed('Download backup').click());
    await eventually(() => expect(root.textContent).toMatch(/Saved shelfmark-\d{4}-\d{2}-\d{2}\.json/));
    expect(JSON.parse(await downloads[0].text).papers).toHaveLength(2);
    act(() => buttonNamed('Continue').click());
    const confirm = root.querySelector<HTMLInputElement>('.danger-zone input')!;
    confirm.value = 'wipe';
    act(() => void confirm.dispatchEvent(new Event('input', { bubbles: true })));
    expect(buttonNamed('Wipe library').disabled).toBe(true);
    confirm.value = WIPE_PHRASE;
    act(() => void confirm.dispatchEvent(new Event('input', { bubbles: true })));
    act(() => buttonNamed('Wipe library').click());
    await eventually(() => expect(root.textContent).toContain('Library wiped: 2 papers'));
    expect(await db.papers.count()).toBe(0);
  });
});
