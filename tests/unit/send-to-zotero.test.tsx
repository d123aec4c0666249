// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SendToZotero } from '../../components/reading-list/SendToZotero';
import type { PaperId } from '../../lib/ids';
import { sendToZotero } from '../../lib/zotero/connector';
import { record } from '../fixtures/library/records';
import { nodeFetch, startProtocolServer, type ProtocolServer } from '../zotero/protocol-server';

let root: HTMLElement;
let server: ProtocolServer;
beforeEach(async () => {
  root = document.createElement('div');
  document.body.append(root);
  server = await startProtocolServer();
});
afterEach(async () => {
  render(null, root);
  root.remove();
  await server.close();
});

const papers = [record('arxiv:2501.00001' as PaperId, { title: 'One', tags: ['rl'] }), record('arxiv:2501.00002' as PaperId, { title: 'Two' })];
const press = () => act(() => root.querySelector('button')!.click());

describe('SendToZotero', () => {
  it('sends the selection to the connector and says so', async () => {
    // Over node:http, to the local protocol server (happy-dom's fetch would apply page CORS rules).
    render(<SendToZotero disabled={false} papers={() => papers} send={(list) => sendToZotero(list, { base: server.base, fetch: nodeFetch })} />, root);
    press();
    await vi.waitFor(() => expect(root.querySelector('[role=status]')?.textContent).toContain('Sent 2 papers to Zotero.'));
    expect(server.saved[0].items).toHaveLength(2);
  });

  it('shows the read-only message', async () => {
    server.state.editable = false;
    render(<SendToZotero disabled={false} papers={() => papers} send={(list) => sendToZotero(list, { base: server.base, fetch: nodeFetch })} />, root);
    press();
    await vi.waitFor(() => expect(root.querySelector('[role=alert]')?.textContent).toMatch(/read-only/));
    expect(server.saved).toEqual([]);
  });
});
