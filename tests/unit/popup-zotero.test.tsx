// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Popup } from '../../components/popup/Popup';
import type { Requester } from '../../components/shared-ui/requester';
import { ShelfmarkDb } from '../../lib/db';
import type { PaperId } from '../../lib/ids';
import { emptyRecord } from '../../lib/library';
import { createHandlers, dispatch } from '../../lib/messaging/handlers';
import type { ResponseOf } from '../../lib/messaging/protocol';
import { ViewLedger, memoryLedgerStore } from '../../lib/messaging/view-ledger';
import { openIndex } from '../../lib/search/index-store';
import { SearchSession } from '../../lib/search/session';
import { SimilarPapers } from '../../lib/similar-papers';
import { nodeFetch, startProtocolServer, type ProtocolServer } from '../zotero/protocol-server';

let zotero: ProtocolServer;
let db: ShelfmarkDb;
let root: HTMLElement;
let count = 0;

/** The popup's requests answered by the real background handlers, which post to the protocol server. */
function requester(): Requester {
  const handlers = createHandlers({
    db,
    similar: new SimilarPapers(db),
    ledger: new ViewLedger(memoryLedgerStore()),
    now: Date.now,
    changed: () => {},
    settingsChanged: () => {},
    zotero: { base: zotero.base, fetch: nodeFetch },
  });
  return async (type, payload) => {
    const answer = await dispatch(handlers, { shelfmark: 'request', type, payload }, { kind: 'extension' });
    if (!answer.ok) throw new Error(answer.error);
    return answer.value as ResponseOf<typeof type>;
  };
}

const settle = async () => {
  for (let i = 0; i < 5; i += 1) await act(() => new Promise<void>((resolve) => setTimeout(resolve, 20)));
};
const status = () => root.querySelector('[role="status"]')?.textContent;

beforeAll(async () => {
  zotero = await startProtocolServer();
});
afterAll(() => zotero.close());
beforeEach(async () => {
  db = new ShelfmarkDb(`popup-zotero-${++count}`);
  const id: PaperId = 'arxiv:2501.00001';
  await db.papers.bulkPut([{ ...emptyRecord({ id, title: 'Sparse Experts', authors: ['Ana Silva'], url: 'https://arxiv.org/abs/2501.00001' }, 1), savedAt: 2, tags: ['moe'] }]);
  await (await openIndex(db)).stored;
  root = document.createElement('div');
  document.body.append(root);
  render(<Popup session={new SearchSession(db)} send={requester()} subscribe={() => {}} openTab={() => {}} readingListUrl="reading-list.html" whenIdle={(work) => work()} />, root);
  await settle();
});
afterEach(async () => {
  render(null, root);
  root.remove();
  await db.delete();
  zotero.saved.length = 0;
  zotero.state.editable = true;
});

describe('popup: Send to Zotero on a result row', () => {
  it('sends the active row with Alt+Z and says so in the status line', async () => {
    expect(root.querySelectorAll('[role="option"]')).toHaveLength(1);
    await act(() => {
      root.querySelector('input')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', code: 'KeyZ', altKey: true, bubbles: true }));
    });
    await settle();
    expect(status()).toBe('Sent “Sparse Experts” to Zotero.');
    expect(zotero.saved[0].items).toMatchObject([{ title: 'Sparse Experts', tags: [{ tag: 'moe' }] }]);
  });

  it('has a button on the row, and shows Zotero’s refusal when the library is read-only', async () => {
    zotero.state.editable = false;
    const button = root.querySelector<HTMLButtonElement>('[role="option"] button[aria-label="Send to Zotero"]')!;
    await act(() => button.click());
    await settle();
    expect(status()).toMatch(/^The library selected in Zotero is read-only/);
    expect(zotero.saved).toEqual([]);
  });
});
