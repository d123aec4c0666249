// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsPage } from '../../components/options/OptionsPage';
import type { StorageAccess } from '../../components/options/StorageSection';
import type { Requester } from '../../components/shared-ui/requester';
import { ShelfmarkDb } from '../../lib/db';
import { readSettings } from '../../lib/settings';
import { handlerRequester } from '../fixtures/library/requester';
import { record } from '../fixtures/library/records';

let db: ShelfmarkDb;
let root: HTMLElement;
let dbCount = 0;

function requester(): Requester {
  return handlerRequester(db, () => 1);
}

function fakeStorage(grant: boolean): StorageAccess & { persistCalls: number } {
  let persisted = false;
  return {
    persistCalls: 0,
    estimate: async () => ({ usage: 1_500_000, quota: 2_000_000_000 }),
    persisted: async () => persisted,
    async persist() {
      this.persistCalls++;
      persisted = grant;
      return grant;
    },
  };
}

const labelled = (text: string) => {
  const label = [...root.querySelectorAll('label')].find((candidate) => candidate.textContent?.includes(text));
  const input = label?.querySelector('input');
  if (!input) throw new Error(`no input labelled "${text}"`);
  return input;
};
const click = (element: HTMLElement) => act(() => element.click());

async function show(storage: StorageAccess) {
  render(<OptionsPage db={db} send={requester()} storage={storage} />, root);
  await vi.waitFor(() => expect(root.textContent).not.toContain('Loading settings'));
}

beforeEach(() => {
  db = new ShelfmarkDb(`reading-list-options-${++dbCount}`);
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(async () => {
  render(null, root);
  root.remove();
  db.close();
  await db.delete();
});

describe('options page', () => {
  it('switches sites and duplicate-filter defaults through settings/update', async () => {
    await show(fakeStorage(true));
    expect(labelled('arXiv').checked).toBe(true);
    click(labelled('arXiv'));
    await vi.waitFor(async () => expect((await readSettings(db)).sites).toMatchObject({ hf: true, arxiv: false }));
    click(labelled('Hide'));
    click(labelled('Papers you dismissed'));
    await vi.waitFor(async () => {
      const { duplicates } = await readSettings(db);
      expect(duplicates.defaultMode).toBe('hide');
      expect(duplicates.kinds).toEqual({ seen: true, saved: true, dismissed: false, repeat: true, similar: true });
    });
    await vi.waitFor(() => expect(labelled('Papers you dismissed').checked).toBe(false));
  });

  it('shows storage use and the answer to a persistence request', async () => {
    const storage = fakeStorage(false);
    await show(storage);
    await vi.waitFor(() => expect(root.textContent).toMatch(/Using 1\.5 MB of 2 GB available/));
    expect(root.textContent).toContain('The browser has not marked this storage persistent');
    const button = [...root.querySelectorAll('button')].find((candidate) => candidate.textContent === 'Request persistent storage')!;
    click(button);
    await vi.waitFor(() => expect(root.textContent).toContain('The browser declined'));
    expect(storage.persistCalls).toBe(1);
  });

  it('asks for persistent storage once, unprompted, when the library has a saved paper', async () => {
    await db.papers.put(record('arxiv:2501.00001', { savedAt: 1, edited: { savedAt: 1 } }));
    const stored: Record<string, unknown> = {};
    const flags = { get: async (key: string) => (key in stored ? { [key]: stored[key] } : {}), set: async (items: Record<string, unknown>) => void Object.assign(stored, items) };
    const storage = fakeStorage(true);
    render(<OptionsPage db={db} send={requester()} storage={storage} persistFlags={flags} />, root);
    await vi.waitFor(() => expect(root.textContent).toContain('Storage is persistent'));
    expect(storage.persistCalls).toBe(1);
    render(null, root);
    // Asked before: opening the page again (say, after persistence was cleared) does not ask again unprompted.
    const again = fakeStorage(false);
    render(<OptionsPage db={db} send={requester()} storage={again} persistFlags={flags} />, root);
    await vi.waitFor(() => expect(root.textContent).toContain('1 saved'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(again.persistCalls).toBe(0);
  });

  it('offers the shortcut settings address as text to copy', async () => {
    await show(fakeStorage(true));
    const address = root.querySelector<HTMLInputElement>('.copy-row input')!;
    expect(address.value).toBe('chrome://extensions/shortcuts');
    expect(root.querySelector('a[href^="chrome:"]')).toBeNull();
  });
});
